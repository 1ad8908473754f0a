// The demo borough: fills an empty database with every kind of agency and opening, is the same
// for the same seed, never touches a database that holds records, and keeps its demo keys.
#include "pathways/demo.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "pathways/agencies.hpp"
#include "pathways/api_keys.hpp"
#include "pathways/audit.hpp"
#include "pathways/clock.hpp"
#include "pathways/error.hpp"
#include "pathways/ids.hpp"
#include "pathways/indicators.hpp"
#include "pathways/opportunities.hpp"
#include "pathways/people.hpp"
#include "pathways/referrals.hpp"
#include "pathways/teams.hpp"
#include "temp_dir.hpp"

namespace pathways::testing {
namespace {

constexpr std::uint64_t seed = 20261101;
const principal admin{"", role::admin, std::nullopt, std::nullopt, {}};

// A fresh database file with the shipped taxonomy.
struct demo_database {
  temp_dir dir;
  taxonomy terms = taxonomy::load(shipped_taxonomy());
  database db{database::options{dir.file("pathways.db"), 2, std::nullopt}};
};

template <class T>
std::string maybe(const std::optional<T>& value) {
  return value ? fmt::format("{}", *value) : "-";
}

std::string slots(const std::vector<time_slot>& list) {
  std::string out;
  for (const auto& s : list)
    out += fmt::format("{}@{}-{};", name_of(s.day), s.start_minute, s.end_minute);
  return out;
}

std::string adjustments(const std::vector<adjustment>& list) {
  std::string out;
  for (adjustment a : list) out += fmt::format("{};", name_of(a));
  return out;
}

std::string text_of(const opportunity& o) {
  std::string out = fmt::format(
      "{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|", o.id,
      o.agency_id, o.external_ref, name_of(o.area), o.title, o.description,
      o.location ? fmt::format("{},{}", o.location->lat, o.location->lon) : "-", o.address,
      o.remote, slots(o.schedule), maybe(o.hours_per_week),
      o.wage ? fmt::format("{}/{}", o.wage->amount, name_of(o.wage->unit)) : "-", o.places_total,
      o.places_available, maybe(o.min_age), maybe(o.max_age), adjustments(o.adjustments),
      maybe(o.start_date), maybe(o.end_date), maybe(o.closing_date), name_of(o.status), o.source,
      o.last_updated, maybe(o.assured_date), o.created_at, o.strengths.size());
  for (const auto& s : o.strengths) out += fmt::format("{}={};", s.term, s.weight);
  return out;
}

std::string text_of(const person& p) {
  std::string out = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|", p.id, p.team_id,
                                p.display_name, p.email, p.phone, maybe(p.year_of_birth),
                                p.home ? fmt::format("{},{}", p.home->lat, p.home->lon) : "-",
                                adjustments(p.adjustments), maybe(p.prefs.max_travel_km),
                                maybe(p.prefs.hours_min), maybe(p.prefs.hours_max),
                                slots(p.prefs.available), p.created_at, p.updated_at);
  for (const auto& s : p.strengths) out += fmt::format("{}:{}:{};", s.term, s.own_words, s.level);
  for (const auto& i : p.interests) out += fmt::format("{}:{};", maybe(i.term), i.own_words);
  for (const auto& g : p.goals)
    out += fmt::format("{}:{}:{}:{}:{};", g.id, name_of(g.area), g.own_words, g.priority,
                       name_of(g.status));
  return out;
}

std::vector<team> all_teams(database& db) {
  return team_service(db).list(admin, {1, 1000}).items;
}
std::vector<agency> all_agencies(database& db) {
  return agency_service(db).list(admin, {std::nullopt, {1, 1000}}).items;
}
std::vector<person> all_people(database& db, const taxonomy& terms) {
  return people_service(db, terms).list(admin, {std::nullopt, {1, 10000}}).items;
}
std::vector<opportunity> all_opportunities(database& db, const taxonomy& terms) {
  opportunity_query q;
  q.paging = {1, 10000};
  return opportunity_service(db, terms).list(admin, q).items;
}

// Everything the demo stores, as one text, for comparing two databases.
std::string borough_text(database& db, const taxonomy& terms) {
  std::string out;
  for (const auto& t : all_teams(db))
    out += fmt::format("{}|{}|{}|{}\n", t.id, t.name, t.borough, t.created_at);
  for (const auto& a : all_agencies(db))
    out +=
        fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}\n", a.id, a.name, name_of(a.kind), a.contact_name,
                    a.contact_email, a.contact_phone, a.website, a.created_at, a.updated_at);
  for (const auto& p : all_people(db, terms)) out += text_of(p) + "\n";
  for (const auto& o : all_opportunities(db, terms)) out += text_of(o) + "\n";
  return out;
}

TEST(demo_data, fills_an_empty_database_with_a_whole_borough) {
  demo_database d;
  const auto summary = load_demo(d.db, d.terms, seed);
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->teams, 6);
  EXPECT_GE(summary->agencies, 55);
  EXPECT_LE(summary->agencies, 65);
  EXPECT_GE(summary->people, 280);
  EXPECT_LE(summary->people, 320);
  EXPECT_GE(summary->opportunities, 2800);
  EXPECT_LE(summary->opportunities, 3200);

  const auto teams = all_teams(d.db);
  const auto agencies = all_agencies(d.db);
  const auto people = all_people(d.db, d.terms);
  const auto openings = all_opportunities(d.db, d.terms);
  EXPECT_EQ(static_cast<int>(teams.size()), summary->teams);
  EXPECT_EQ(static_cast<int>(agencies.size()), summary->agencies);
  EXPECT_EQ(static_cast<int>(people.size()), summary->people);
  EXPECT_EQ(static_cast<int>(openings.size()), summary->opportunities);

  std::set<agency_kind> kinds;
  for (const auto& a : agencies) kinds.insert(a.kind);
  EXPECT_EQ(kinds.size(), vocabulary<agency_kind>::names.size()) << "every kind of agency";
  std::set<domain> areas;
  for (const auto& o : openings) areas.insert(o.area);
  EXPECT_EQ(areas.size(), vocabulary<domain>::names.size()) << "openings in every domain";
  std::set<std::string> team_ids;
  for (const auto& p : people) team_ids.insert(p.team_id);
  EXPECT_EQ(team_ids.size(), teams.size()) << "every team supports people";
}

TEST(demo_data, openings_are_believable_and_value_strengths_of_their_own_domain) {
  demo_database d;
  ASSERT_TRUE(load_demo(d.db, d.terms, seed));
  const auto openings = all_opportunities(d.db, d.terms);
  int open = 0;
  int remote = 0;
  std::set<std::pair<std::string, std::string>> refs;
  for (const auto& o : openings) {
    SCOPED_TRACE(o.title);
    EXPECT_GE(o.strengths.size(), 2u);
    EXPECT_LE(o.strengths.size(), 8u);
    for (const auto& s : o.strengths) {
      const taxonomy_term* t = d.terms.find(s.term);
      ASSERT_NE(t, nullptr);
      EXPECT_NE(std::find(t->domains.begin(), t->domains.end(), o.area), t->domains.end());
      EXPECT_GE(s.weight, 0.3);
      EXPECT_LE(s.weight, 1.0);
    }
    EXPECT_GE(o.places_total, 1);
    EXPECT_LE(o.places_total, 20);
    EXPECT_LE(o.places_available, o.places_total);
    EXPECT_TRUE(refs.emplace(o.agency_id, o.external_ref).second)
        << "external_ref unique per agency";
    if (o.area == domain::work) {
      ASSERT_TRUE(o.wage);
      ASSERT_TRUE(o.hours_per_week);
      EXPECT_GE(*o.hours_per_week, 8);
      EXPECT_LE(*o.hours_per_week, 37.5);
      if (o.wage->unit == pay_unit::hour) {
        EXPECT_GE(o.wage->amount, 11.44);
        EXPECT_LE(o.wage->amount, 15.00);
      } else {
        EXPECT_EQ(o.wage->unit, pay_unit::year);
        EXPECT_GE(o.wage->amount, 21000);
        EXPECT_LE(o.wage->amount, 32000);
      }
    } else {
      EXPECT_FALSE(o.wage);
    }
    if (o.remote) {
      ++remote;
      EXPECT_FALSE(o.location);
    } else {
      ASSERT_TRUE(o.location);
      EXPECT_NEAR(o.location->lat, 52.63, 0.35);
      EXPECT_NEAR(o.location->lon, 1.30, 0.50);
      EXPECT_FALSE(o.address.empty());
    }
    if (o.status == opportunity_status::open) ++open;
    EXPECT_EQ(o.source, "api");
  }
  const double n = static_cast<double>(openings.size());
  EXPECT_GT(open / n, 0.85);
  EXPECT_LT(open / n, 0.95);
  EXPECT_GT(remote / n, 0.02);
  EXPECT_LT(remote / n, 0.08);
}

TEST(demo_data, speaks_of_strengths_and_never_of_diagnosis) {
  demo_database d;
  ASSERT_TRUE(load_demo(d.db, d.terms, seed));
  std::string text = borough_text(d.db, d.terms);
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* word : {"diagnos", "schizo", "bipolar", "psychos", "psychotic", "depress",
                           "anxiety", "disorder", "illness", "symptom", "medication", "section 117",
                           "sectioned", "relapse", "self-harm", "suicid", "risk", "hearing voices"})
    EXPECT_EQ(text.find(word), std::string::npos) << word;
}

TEST(demo_data, same_seed_gives_the_same_borough) {
  demo_database first;
  demo_database second;
  ASSERT_TRUE(load_demo(first.db, first.terms, seed));
  ASSERT_TRUE(load_demo(second.db, second.terms, seed));
  const std::string a = borough_text(first.db, first.terms);
  const std::string b = borough_text(second.db, second.terms);
  EXPECT_GT(a.size(), 1'000'000u);
  EXPECT_TRUE(a == b) << "two loads with one seed differ";

  const auto o =
      opportunity_service(first.db, first.terms).get(admin, demo_id(seed, "opportunity", 42));
  EXPECT_EQ(text_of(o), text_of(opportunity_service(second.db, second.terms)
                                    .get(admin, demo_id(seed, "opportunity", 42))));
  const auto p = people_service(first.db, first.terms).get(admin, demo_id(seed, "person", 7));
  EXPECT_EQ(
      text_of(p),
      text_of(people_service(second.db, second.terms).get(admin, demo_id(seed, "person", 7))));
}

TEST(demo_data, another_seed_gives_another_borough) {
  demo_database first;
  demo_database second;
  ASSERT_TRUE(load_demo(first.db, first.terms, seed));
  ASSERT_TRUE(load_demo(second.db, second.terms, seed + 1));
  EXPECT_NE(borough_text(first.db, first.terms), borough_text(second.db, second.terms));
  EXPECT_EQ(team_service(second.db).get(admin, demo_id(seed + 1, "team", 0)).name,
            "Norwich City Recovery Team");
}

TEST(demo_data, ids_look_random_and_are_fixed_by_seed_kind_and_number) {
  EXPECT_EQ(demo_id(seed, "person", 3), demo_id(seed, "person", 3));
  EXPECT_NE(demo_id(seed, "person", 3), demo_id(seed, "person", 4));
  EXPECT_NE(demo_id(seed, "person", 3), demo_id(seed, "team", 3));
  EXPECT_NE(demo_id(seed, "person", 3), demo_id(seed + 1, "person", 3));
  EXPECT_TRUE(is_id(demo_id(seed, "agency", 0)));
}

TEST(demo_data, loading_again_changes_nothing) {
  demo_database d;
  ASSERT_TRUE(load_demo(d.db, d.terms, seed));
  const std::string before = borough_text(d.db, d.terms);
  EXPECT_FALSE(load_demo(d.db, d.terms, seed));
  EXPECT_FALSE(load_demo(d.db, d.terms, seed + 1));
  EXPECT_EQ(borough_text(d.db, d.terms), before);
}

TEST(demo_data, a_database_with_real_records_is_left_alone) {
  demo_database d;
  team t;
  t.name = "Our own team";
  t.borough = "Norwich";
  team_service(d.db).create(admin, t);
  EXPECT_FALSE(load_demo(d.db, d.terms, seed));
  EXPECT_EQ(all_teams(d.db).size(), 1u);
  EXPECT_TRUE(all_agencies(d.db).empty());
  EXPECT_TRUE(all_opportunities(d.db, d.terms).empty());
}

TEST(demo_keys, need_the_demo_data_first) {
  demo_database d;
  try {
    ensure_demo_keys(d.db, seed);
    FAIL() << "expected unprocessable";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), error_code::unprocessable);
  }
}

TEST(demo_keys, four_keys_that_authenticate_with_their_roles_and_scopes) {
  demo_database d;
  ASSERT_TRUE(load_demo(d.db, d.terms, seed));
  const auto keys = ensure_demo_keys(d.db, seed);
  ASSERT_EQ(keys.size(), 4u);
  api_key_service service(d.db);
  std::set<role> roles;
  for (const auto& k : keys) {
    SCOPED_TRACE(k.label);
    EXPECT_EQ(k.secret.rfind("pwdemo_", 0), 0u);
    const auto found = service.authenticate(k.secret);
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->demo);
    EXPECT_EQ(found->owner.key_id, k.owner.key_id);
    EXPECT_EQ(found->owner.role, k.owner.role);
    roles.insert(k.owner.role);
    if (k.owner.works_with_people()) {
      EXPECT_EQ(k.owner.team_id, demo_id(seed, "team", 0));
    }
    if (k.owner.role == role::agency) {
      EXPECT_EQ(k.owner.agency_id, demo_id(seed, "agency", 0));
    }
  }
  EXPECT_EQ(roles.size(), 4u);
  // The coordinator sees their own team's people only.
  const auto& coordinator = *std::find_if(keys.begin(), keys.end(), [](const demo_key& k) {
    return k.owner.role == role::coordinator;
  });
  const auto theirs =
      people_service(d.db, d.terms).list(coordinator.owner, {std::nullopt, {1, 1000}});
  EXPECT_GT(theirs.total_items, 0);
  for (const auto& p : theirs.items) EXPECT_EQ(p.team_id, demo_id(seed, "team", 0));
}

TEST(demo_keys, are_idempotent) {
  demo_database d;
  ASSERT_TRUE(load_demo(d.db, d.terms, seed));
  const auto first = ensure_demo_keys(d.db, seed);
  const auto second = ensure_demo_keys(d.db, seed);
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].label, second[i].label);
    EXPECT_EQ(first[i].secret, second[i].secret);
    EXPECT_EQ(first[i].owner.key_id, second[i].owner.key_id);
  }
  EXPECT_EQ(api_key_service(d.db).list().size(), 4u);
}

TEST(demo_keys, a_revoked_demo_key_stays_revoked) {
  demo_database d;
  ASSERT_TRUE(load_demo(d.db, d.terms, seed));
  const auto keys = ensure_demo_keys(d.db, seed);
  api_key_service service(d.db);
  const auto& agency_key = *std::find_if(
      keys.begin(), keys.end(), [](const demo_key& k) { return k.owner.role == role::agency; });
  ASSERT_TRUE(service.revoke(agency_key.owner.key_id));

  const auto again = ensure_demo_keys(d.db, seed);
  EXPECT_EQ(again.size(), 3u);
  for (const auto& k : again) EXPECT_NE(k.label, agency_key.label);
  EXPECT_FALSE(service.authenticate(agency_key.secret));
  const auto stored = service.list();
  EXPECT_EQ(stored.size(), 4u);
  for (const auto& r : stored) {
    if (r.owner.key_id == agency_key.owner.key_id) {
      EXPECT_TRUE(r.revoked_at);
    }
  }
}

}  // namespace
}  // namespace pathways::testing

namespace pathways::testing {
namespace {

TEST(demo_outcomes, every_team_has_referrals_in_every_state_and_people_in_employment_support) {
  demo_database d;
  const auto summary = load_demo(d.db, d.terms, seed);
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->referrals, 6 * 24);
  EXPECT_EQ(summary->people_in_employment_support, 6 * 8);
  referral_service referrals(d.db, 14);
  for (std::string_view state : vocabulary<referral_state>::names)
    EXPECT_GT(referrals.list(admin, {parse_name<referral_state>(state), {1, 1}}).total_items, 0)
        << state;
  const std::string today = today_utc();
  const std::string year_ago = std::to_string(std::stoi(today.substr(0, 4)) - 1) + today.substr(4);
  const indicator_report r =
      indicator_service(d.db).report(admin, {year_ago, today, indicator_grouping::team});
  ASSERT_EQ(r.groups.size(), 6u);
  for (const auto& g : r.groups) {
    EXPECT_GT(g.referrals_sent, 0);
    EXPECT_GT(g.referrals_started, 0);
    EXPECT_GT(g.people_in_employment_support, 0);
    EXPECT_TRUE(g.competitive_employment_rate);
    EXPECT_TRUE(g.employer_contacts_per_specialist_per_week);
  }
  EXPECT_TRUE(audit_service(d.db).verify().intact);
}

}  // namespace
}  // namespace pathways::testing
