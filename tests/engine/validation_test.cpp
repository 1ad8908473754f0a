// Validation: malformed values and contradictions are caught and named; text is tidied.
#include <gtest/gtest.h>

#include "pathways/error.hpp"
#include "pathways/validation.hpp"
#include "temp_dir.hpp"

namespace pathways::testing {
namespace {

const taxonomy& terms() {
  static const taxonomy t = taxonomy::load(shipped_taxonomy());
  return t;
}

template <class T>
std::pair<error_code, std::string> failure(T record) {
  try {
    if constexpr (std::is_same_v<T, person> || std::is_same_v<T, opportunity>)
      validate(record, terms());
    else
      validate(record);
  } catch (const error& e) {
    return {e.code(), e.field()};
  }
  return {error_code::internal, "none"};
}

person valid_person() {
  person p;
  p.team_id = "t";
  p.display_name = "  Jo  ";
  p.strengths = {{"gardening", "my allotment", 5}};
  p.adjustments = {adjustment::quiet_space, adjustment::part_time, adjustment::quiet_space};
  return p;
}

opportunity valid_opening() {
  opportunity o;
  o.agency_id = "a";
  o.external_ref = "R";
  o.title = "Gardener";
  o.remote = true;
  return o;
}

TEST(validation, a_valid_person_is_tidied) {
  person p = valid_person();
  validate(p, terms());
  EXPECT_EQ(p.display_name, "Jo");
  EXPECT_EQ(p.adjustments,
            (std::vector<adjustment>{adjustment::part_time, adjustment::quiet_space}));
}

TEST(validation, person_problems_are_named) {
  auto with = [](auto change) {
    person p = valid_person();
    change(p);
    return failure(p);
  };
  EXPECT_EQ(with([](person& p) { p.display_name = " "; }).second, "display_name");
  EXPECT_EQ(with([](person& p) { p.year_of_birth = 1850; }).second, "year_of_birth");
  EXPECT_EQ(with([](person& p) { p.home = geo_point{0, 181}; }).second, "home");
  EXPECT_EQ(with([](person& p) { p.strengths[0].level = 0; }).second, "strengths[0].level");
  EXPECT_EQ(with([](person& p) { p.strengths.push_back(p.strengths[0]); }),
            std::make_pair(error_code::unprocessable, std::string("strengths[1].term")));
  EXPECT_EQ(with([](person& p) { p.strengths[0].term = "astrology"; }),
            std::make_pair(error_code::unprocessable, std::string("strengths[0].term")));
  EXPECT_EQ(with([](person& p) {
              p.interests = {{std::nullopt, ""}};
            }).second,
            "interests[0].own_words");
  EXPECT_EQ(with([](person& p) {
              p.goals = {{"", domain::work, "", 1, goal_status::active}};
            }).second,
            "goals[0].own_words");
  EXPECT_EQ(with([](person& p) {
              p.prefs.available = {{weekday::mon, 600, 540}};
            }).second,
            "preferences.available[0]");
  EXPECT_EQ(with([](person& p) { p.email = "not-an-address"; }).second, "email");
}

TEST(validation, opening_problems_are_named) {
  auto with = [](auto change) {
    opportunity o = valid_opening();
    change(o);
    return failure(o);
  };
  EXPECT_EQ(with([](opportunity& o) { o.remote = false; }).second, "location");
  EXPECT_EQ(with([](opportunity& o) { o.places_available = 3; }).second, "places_available");
  EXPECT_EQ(with([](opportunity& o) { o.hours_per_week = 100; }).second, "hours_per_week");
  EXPECT_EQ(with([](opportunity& o) { o.closing_date = "2027-13-01"; }).second, "closing_date");
  EXPECT_EQ(with([](opportunity& o) {
              o.start_date = "2027-02-01";
              o.end_date = "2027-01-01";
            }).second,
            "end_date");
  EXPECT_EQ(with([](opportunity& o) {
              o.strengths = {{"gardening", 0}};
            }).second,
            "strengths[0].weight");
  EXPECT_EQ(with([](opportunity& o) { o.wage = pay{-1, pay_unit::hour}; }).second, "pay.amount");
  EXPECT_EQ(with([](opportunity& o) { o.title = std::string(301, 'x'); }).second, "title");
}

TEST(validation, agencies_and_teams_need_names) {
  EXPECT_EQ(failure(agency{}).second, "name");
  EXPECT_EQ(failure(team{"", "Team", "", ""}).second, "borough");
}

}  // namespace
}  // namespace pathways::testing
