// The invented borough behind the demo data: places, teams, agencies, openings and the words
// people use for their strengths, interests and goals. Data only; demo.cpp draws from it.
#pragma once

#include <span>

#include "pathways/vocabulary.hpp"

namespace pathways::demo_catalogue {

// A neighbourhood or town; `streets` are separated by '|'. Weight 0: homes only, no openings.
struct locality {
  const char* name;
  const char* town;
  const char* postcode;
  double lat;
  double lon;
  int weight;
  const char* streets;
};

// A team and the localities (names separated by '|') its people live in.
struct team_plan {
  const char* name;
  const char* borough;
  const char* localities;
};

// What an agency publishes: `offers` lists opening titles and "any:<domain>" (every opening of
// that domain its kind may publish), separated by '|'; "" means every opening its kind may.
struct agency_plan {
  const char* name;
  agency_kind kind;
  const char* base;  // the locality most of its openings are in
  const char* offers;
};

constexpr unsigned kind_bit(agency_kind k) {
  return 1u << static_cast<unsigned>(k);
}
constexpr unsigned by_any = 0;  // any agency kind that publishes in the opening's domain
constexpr unsigned by_employer = kind_bit(agency_kind::employer);
constexpr unsigned by_college = kind_bit(agency_kind::college);
constexpr unsigned by_housing = kind_bit(agency_kind::housing_provider);
constexpr unsigned by_leisure = kind_bit(agency_kind::leisure);
constexpr unsigned by_faith = kind_bit(agency_kind::faith_group);
constexpr unsigned by_voluntary = kind_bit(agency_kind::voluntary_sector);
constexpr unsigned by_nhs = kind_bit(agency_kind::nhs);
constexpr unsigned by_peers = kind_bit(agency_kind::peer_support);

// How an opening runs; combined as bits.
enum opening_style : unsigned {
  plain = 0,
  may_be_remote = 1,  // sometimes offered online or from home
  salaried = 2,       // paid by the year rather than the hour
  evenings = 4,
  weekends = 8,
  course = 16,       // has a start and an end date
  long_course = 32,  // runs for most of the academic year
  remote_only = 64,  // always online, by phone or from home
};

// A kind of opening. Title and description may name {place} (the locality) and {agency}.
// `hints` are taxonomy terms (space separated) the opening values most; `kinds` says which
// agency kinds publish it; min_age/max_age of 0 leave the age limits to chance.
struct opening_plan {
  domain area;
  const char* title;
  const char* description;
  const char* hints;
  unsigned kinds;
  unsigned style;
  int min_age;
  int max_age;
};

// A sentence that may close an opening's description.
struct closing_line {
  domain area;
  const char* text;
};

struct worded_strength {
  const char* term;
  const char* own_words;
};

struct worded_interest {
  const char* term;  // "" when the interest has no taxonomy term
  const char* own_words;
};

struct worded_goal {
  domain area;
  const char* own_words;
};

std::span<const locality> localities();
std::span<const team_plan> teams();
std::span<const agency_plan> agencies();
std::span<const opening_plan> openings();
std::span<const closing_line> closing_lines();
std::span<const worded_strength> strengths();
std::span<const worded_interest> interests();
std::span<const worded_goal> goals();
std::span<const char* const> first_names();
std::span<const char* const> surnames();

}  // namespace pathways::demo_catalogue
