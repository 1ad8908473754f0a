// Strengths-based matching: hard constraints never broken, reasons that cite only real data,
// changes visible in the next match, and correct answers while updates happen.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "pathways/agencies.hpp"
#include "pathways/clock.hpp"
#include "pathways/error.hpp"
#include "pathways/geo.hpp"
#include "pathways/matching.hpp"
#include "pathways/opportunities.hpp"
#include "pathways/people.hpp"
#include "pathways/teams.hpp"
#include "temp_dir.hpp"

namespace pathways::testing {
namespace {

const principal admin{"", role::admin, std::nullopt, std::nullopt, {}};

class matching : public ::testing::Test {
 protected:
  void SetUp() override {
    team_id = team_service(db).create(admin, {"", "Norwich Recovery Team", "Norwich", ""}).id;
    other_team =
        team_service(db).create(admin, {"", "Broadland Recovery Team", "Broadland", ""}).id;
    agency_id = agency_service(db)
                    .create(admin, {"", "Café", agency_kind::employer, "", "", "", "", "", ""})
                    .id;
  }

  person sam() const {
    person p;
    p.team_id = team_id;
    p.display_name = "Sam";
    p.year_of_birth = 1990;
    p.home = geo_point{52.63, 1.30};
    p.strengths = {{"cooking", "I cooked for 40 at the Crown", 4}};
    p.goals = {{"", domain::work, "A part-time job where I'm useful", 1, goal_status::active}};
    p.adjustments = {adjustment::quiet_space};
    p.prefs.max_travel_km = 5;
    p.prefs.hours_max = 16;
    return p;
  }

  opportunity kitchen(const std::string& ref) const {
    opportunity o;
    o.agency_id = agency_id;
    o.external_ref = ref;
    o.title = "Kitchen assistant " + ref;
    o.location = geo_point{52.632, 1.301};
    o.hours_per_week = 12;
    o.places_total = o.places_available = 2;
    o.strengths = {{"cooking", 1.0}, {"food_hygiene", 0.5}};
    o.adjustments = {adjustment::quiet_space};
    return o;
  }

  std::vector<std::string> refs(const match_list& list) const {
    std::vector<std::string> out;
    for (const auto& m : list.matches) out.push_back(m.opening->external_ref);
    return out;
  }

  temp_dir dir;
  database db{{dir.file("p.db"), 2, std::nullopt}};
  taxonomy terms = taxonomy::load(shipped_taxonomy());
  matching_service matcher{db, terms};
  people_service people{db, terms, &matcher};
  opportunity_service board{db, terms, &matcher};
  std::string team_id, other_team, agency_id;
};

TEST_F(matching, hard_constraints_are_never_broken) {
  const person p = people.create(admin, sam());
  board.publish(admin, kitchen("OK"));
  auto variant = [&](const std::string& ref, auto change) {
    opportunity o = kitchen(ref);
    change(o);
    board.publish(admin, o);
  };
  variant("FAR", [](opportunity& o) { o.location = geo_point{52.70, 1.30}; });  // ~7.8 km
  variant("LONG", [](opportunity& o) { o.hours_per_week = 30; });
  variant("NOQUIET", [](opportunity& o) { o.adjustments.clear(); });
  variant("YOUNG", [](opportunity& o) { o.max_age = 25; });
  variant("CLOSED", [](opportunity& o) { o.status = opportunity_status::closed; });
  variant("FULL", [](opportunity& o) { o.places_available = 0; });
  variant("PAST", [](opportunity& o) { o.closing_date = "2020-01-01"; });
  variant("CLASH", [](opportunity& o) { o.schedule = {{weekday::sun, 600, 660}}; });
  person busy = p;
  busy.prefs.available = {{weekday::tue, 540, 780}};
  people.update(admin, p.id, [&](person& q) { q = busy; });

  const match_list found = matcher.matches_for(admin, p.id, {std::nullopt, 50, std::nullopt, true});
  EXPECT_EQ(refs(found), std::vector<std::string>{"OK"});
  std::map<std::string, std::string> why;
  for (const auto& n : found.excluded)
    why[n.opening->external_ref] = std::string(scoring::name_of(n.excluded_by.rule));
  EXPECT_EQ(why["FAR"], "too_far");
  EXPECT_EQ(why["LONG"], "too_many_hours");
  EXPECT_EQ(why["NOQUIET"], "adjustment_missing");
  EXPECT_EQ(why["YOUNG"], "age");
  EXPECT_EQ(why["FULL"], "no_places");
  EXPECT_EQ(why["CLASH"], "schedule");
  EXPECT_FALSE(why.contains("CLOSED"));  // nothing to negotiate there
  EXPECT_FALSE(why.contains("PAST"));
}

TEST_F(matching, a_remote_opening_is_exempt_from_distance) {
  const person p = people.create(admin, sam());
  opportunity o = kitchen("REMOTE");
  o.location.reset();
  o.remote = true;
  board.publish(admin, o);
  const auto found = matcher.matches_for(admin, p.id, {});
  ASSERT_EQ(refs(found), std::vector<std::string>{"REMOTE"});
  const auto& reasons = found.matches[0].reasons;
  const auto distance = std::find_if(reasons.begin(), reasons.end(),
                                     [](const match_reason& r) { return r.kind == "distance"; });
  ASSERT_NE(distance, reasons.end());
  EXPECT_EQ(distance->text, "Remote: no travel needed");
}

TEST_F(matching, a_narrower_radius_narrows_the_matches) {
  const person p = people.create(admin, sam());
  opportunity o = kitchen("NEAR3");
  o.location = geo_point{52.655, 1.30};  // ~2.8 km
  board.publish(admin, o);
  EXPECT_EQ(matcher.matches_for(admin, p.id, {}).matches.size(), 1u);
  EXPECT_TRUE(matcher.matches_for(admin, p.id, {std::nullopt, 10, 2.0, false}).matches.empty());
}

TEST_F(matching, adding_a_strength_an_opening_values_never_lowers_its_score) {
  person p = people.create(admin, sam());
  const auto target = board.publish(admin, kitchen("TARGET"));
  opportunity other = kitchen("OTHER");
  other.strengths = {{"cooking", 1.0}, {"gardening", 0.8}};
  board.publish(admin, other);
  auto score_of = [&](const std::string& ref) {
    for (const auto& m : matcher.matches_for(admin, p.id, {}).matches)
      if (m.opening->external_ref == ref) return m.score;
    return -1.0;
  };
  const double before = score_of("TARGET");
  p = people.update(admin, p.id, [](person& q) {
    q.strengths.push_back({"food_hygiene", "Level 2 certificate", 3});
  });
  EXPECT_GT(score_of("TARGET"), before);
  EXPECT_EQ(refs(matcher.matches_for(admin, p.id, {})).front(), "TARGET");
}

TEST_F(matching, reasons_cite_only_what_exists_for_this_person_and_opening) {
  const person p = people.create(admin, sam());
  board.publish(admin, kitchen("A"));
  const auto found = matcher.matches_for(admin, p.id, {});
  ASSERT_EQ(found.matches.size(), 1u);
  std::map<std::string, std::string> by_kind;
  for (const auto& r : found.matches[0].reasons) by_kind[r.kind] = r.text;
  EXPECT_EQ(by_kind["strength"], "Uses your strength in cooking: \"I cooked for 40 at the Crown\"");
  EXPECT_NE(by_kind["goal"].find("A part-time job where I'm useful"), std::string::npos);
  EXPECT_NE(by_kind["adjustments"].find("quiet space"), std::string::npos);
  EXPECT_EQ(by_kind["places"], "2 places left");
  EXPECT_NE(by_kind["hours"].find("12 hours a week"), std::string::npos);
  EXPECT_FALSE(by_kind.contains("interest"));  // Sam named no interests
  for (const auto& r : found.matches[0].reasons)
    EXPECT_EQ(r.text.find("gardening"), std::string::npos);
}

TEST_F(matching, reasons_write_numbers_as_people_say_them) {
  person s = sam();
  s.prefs.max_travel_km = 7.5;
  s.prefs.hours_min = 10;
  s.prefs.hours_max = 16;
  const person p = people.create(admin, s);
  opportunity half = kitchen("A");
  half.hours_per_week = 12.5;
  board.publish(admin, half);
  opportunity quarter = kitchen("B");
  quarter.hours_per_week = 7.25;
  quarter.location = geo_point{52.66, 1.33};
  board.publish(admin, quarter);
  const auto found = matcher.matches_for(admin, p.id, {});
  ASSERT_EQ(found.matches.size(), 2u);
  for (const auto& m : found.matches) {
    std::map<std::string, std::string> by_kind;
    for (const auto& r : m.reasons) by_kind[r.kind] = r.text;
    const bool is_half = m.opening->external_ref == "A";
    EXPECT_EQ(by_kind["hours"], is_half
                                    ? "12.5 hours a week, within the 10 to 16 hours you prefer"
                                    : "7.25 hours a week, outside the 10 to 16 hours you prefer");
    // The distance as the reply's distance_km shows it: rounded to a tenth.
    ASSERT_TRUE(m.distance_km);
    EXPECT_EQ(by_kind["distance"], fmt::format("{:.1f} km from home, within your 7.5 km",
                                               std::round(*m.distance_km * 10) / 10));
  }
}

TEST_F(matching, a_related_strength_is_explained_as_transferable) {
  person s = sam();
  s.strengths = {{"catering", "School kitchens", 5}};
  const person p = people.create(admin, s);
  opportunity o = kitchen("A");
  o.strengths = {{"cooking", 1.0}};
  board.publish(admin, o);
  const auto found = matcher.matches_for(admin, p.id, {});
  ASSERT_EQ(found.matches.size(), 1u);
  EXPECT_EQ(found.matches[0].reasons[0].kind, "transferable");
  EXPECT_EQ(found.matches[0].reasons[0].text, "Your experience in catering relates to cooking");
}

TEST_F(matching, a_change_to_an_opening_shows_in_the_next_match) {
  const person p = people.create(admin, sam());
  const auto o = board.publish(admin, kitchen("A"));
  ASSERT_EQ(matcher.matches_for(admin, p.id, {}).matches.size(), 1u);
  board.update(admin, o.id, [](opportunity& x) { x.places_available = 0; });
  EXPECT_TRUE(matcher.matches_for(admin, p.id, {}).matches.empty());
  board.update(admin, o.id, [](opportunity& x) { x.places_available = 1; });
  EXPECT_EQ(matcher.matches_for(admin, p.id, {}).matches.at(0).reasons.back().text, "1 place left");
}

TEST_F(matching, the_graph_is_rebuilt_from_the_store_at_start) {
  const person p = people.create(admin, sam());
  board.publish(admin, kitchen("A"));
  matching_service fresh(db, terms);
  EXPECT_EQ(refs(fresh.matches_for(admin, p.id, {})), std::vector<std::string>{"A"});
}

TEST_F(matching, only_the_persons_team_sees_their_matches) {
  const person p = people.create(admin, sam());
  const principal own{"k", role::coordinator, team_id, std::nullopt, {}};
  const principal other{"k", role::employment_specialist, other_team, std::nullopt, {}};
  const principal agency_key{"k", role::agency, std::nullopt, agency_id, {}};
  EXPECT_NO_THROW(matcher.matches_for(own, p.id, {}));
  try {
    matcher.matches_for(other, p.id, {});
    FAIL();
  } catch (const error& e) {
    EXPECT_EQ(e.code(), error_code::not_found);
  }
  try {
    matcher.matches_for(agency_key, p.id, {});
    FAIL();
  } catch (const error& e) {
    EXPECT_EQ(e.code(), error_code::forbidden);
  }
}

TEST_F(matching, candidates_are_the_callers_team_ranked_for_an_opening) {
  person a = sam();
  a.display_name = "A";
  const auto pa = people.create(admin, a);
  person b = sam();
  b.display_name = "B";
  b.strengths = {{"gardening", "", 5}};
  const auto pb = people.create(admin, b);
  person c = sam();
  c.team_id = other_team;
  people.create(admin, c);
  const auto o = board.publish(admin, kitchen("A"));
  const principal own{"k", role::coordinator, team_id, std::nullopt, {}};
  const auto ranked = matcher.candidates_for(own, o.id, 10);
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].who.id, pa.id);
  EXPECT_EQ(ranked[1].who.id, pb.id);
  EXPECT_GT(ranked[0].score, ranked[1].score);
  EXPECT_EQ(matcher.candidates_for(admin, o.id, 10).size(), 3u);
}

TEST_F(matching, matches_stay_correct_while_openings_change) {
  const person p = people.create(admin, sam());
  board.publish(admin, kitchen("STABLE"));
  const auto moving = board.publish(admin, kitchen("MOVING"));
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < 40; ++i)
      board.update(admin, moving.id, [i](opportunity& o) { o.places_available = i % 2; });
    done = true;
  });
  int checks = 0;
  while (!done || checks < 10) {
    const auto found = refs(matcher.matches_for(admin, p.id, {}));
    ASSERT_FALSE(found.empty());
    EXPECT_NE(std::find(found.begin(), found.end(), "STABLE"), found.end());
    ++checks;
  }
  writer.join();
}

// Random people and openings around Norwich, checked against the rules written out again here.
class matching_properties : public matching {
 protected:
  std::mt19937_64 random{7};
  double uniform(double low, double high) {
    return low + (high - low) * static_cast<double>(random() >> 11) * 0x1.0p-53;
  }
  template <class T>
  const T& pick(const std::vector<T>& from) {
    return from[random() % from.size()];
  }

  std::vector<adjustment> some_adjustments(int most) {
    std::vector<adjustment> out;
    const int n = static_cast<int>(random() % static_cast<unsigned>(most + 1));
    for (int i = 0; i < n; ++i)
      out.push_back(static_cast<adjustment>(random() % vocabulary<adjustment>::names.size()));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  void populate(int openings, int persons) {
    std::vector<std::string> work_terms;
    for (const auto& t : terms.terms())
      if (std::find(t.domains.begin(), t.domains.end(), domain::work) != t.domains.end())
        work_terms.push_back(t.id);
    work_terms.resize(std::min<std::size_t>(work_terms.size(), 25));  // few terms: many overlaps
    for (int i = 0; i < openings; ++i) {
      opportunity o;
      o.agency_id = agency_id;
      o.external_ref = "R" + std::to_string(i);
      o.title = "Opening " + std::to_string(i);
      o.location = geo_point{52.63 + uniform(-0.15, 0.15), 1.30 + uniform(-0.25, 0.25)};
      o.remote = random() % 10 == 0;
      if (o.remote) o.location.reset();
      o.hours_per_week = uniform(4, 37.5);
      o.places_total = 3;
      o.places_available = static_cast<int>(random() % 4);
      o.status = random() % 8 == 0 ? opportunity_status::closed : opportunity_status::open;
      if (random() % 5 == 0) o.min_age = 25;
      if (random() % 5 == 0) o.max_age = 40;
      o.adjustments = some_adjustments(6);
      for (int k = 0; k < 4; ++k) {
        const std::string& term = pick(work_terms);
        if (std::none_of(o.strengths.begin(), o.strengths.end(),
                         [&](const auto& v) { return v.term == term; }))
          o.strengths.push_back({term, uniform(0.3, 1.0)});
      }
      board.publish(admin, o);
    }
    for (int i = 0; i < persons; ++i) {
      person p;
      p.team_id = team_id;
      p.display_name = "P" + std::to_string(i);
      p.year_of_birth = 1960 + static_cast<int>(random() % 45);
      p.home = geo_point{52.63 + uniform(-0.1, 0.1), 1.30 + uniform(-0.15, 0.15)};
      p.prefs.max_travel_km = uniform(2, 15);
      p.prefs.hours_max = uniform(8, 30);
      p.adjustments = some_adjustments(2);
      for (int k = 0; k < 3; ++k) {
        const std::string& term = pick(work_terms);
        if (std::none_of(p.strengths.begin(), p.strengths.end(),
                         [&](const auto& s) { return s.term == term; }))
          p.strengths.push_back({term, "", 1 + static_cast<int>(random() % 5)});
      }
      p.goals = {{"", domain::work, "Work", 1, goal_status::active}};
      person_ids.push_back(people.create(admin, p).id);
    }
  }
  std::vector<std::string> person_ids;
};

TEST_F(matching_properties, no_match_ever_breaks_a_hard_constraint) {
  populate(400, 40);
  int returned = 0;
  for (const auto& id : person_ids) {
    const person p = people.get(admin, id);
    for (const auto& m :
         matcher.matches_for(admin, id, {std::nullopt, 50, std::nullopt, false}).matches) {
      ++returned;
      const opportunity& o = *m.opening;
      EXPECT_EQ(o.status, opportunity_status::open);
      EXPECT_GT(o.places_available, 0);
      if (!o.remote) {
        EXPECT_LE(distance_km(*p.home, *o.location), *p.prefs.max_travel_km);
      }
      EXPECT_LE(*o.hours_per_week, *p.prefs.hours_max);
      const int age = current_year() - *p.year_of_birth;
      EXPECT_GE(age, o.min_age.value_or(0));
      EXPECT_LE(age, o.max_age.value_or(200));
      for (adjustment a : p.adjustments)
        EXPECT_TRUE(std::binary_search(o.adjustments.begin(), o.adjustments.end(), a))
            << name_of(a);
      EXPECT_GE(m.score, 0.0);
      EXPECT_LE(m.score, 1.0);
    }
  }
  EXPECT_GT(returned, 40);  // the property was exercised, not vacuously true
}

TEST_F(matching_properties, adding_a_valued_strength_never_lets_an_unchanged_opening_overtake) {
  populate(300, 20);
  int checked = 0;
  for (const auto& id : person_ids) {
    const auto before =
        matcher.matches_for(admin, id, {std::nullopt, 300, std::nullopt, false}).matches;
    if (before.size() < 3) continue;
    const opportunity& target = *before[before.size() / 2].opening;
    std::map<std::string, double> old_score;
    for (const auto& m : before) old_score[m.opening->id] = m.score;
    person p = people.get(admin, id);
    const std::string term = target.strengths.front().term;
    p.strengths.erase(std::remove_if(p.strengths.begin(), p.strengths.end(),
                                     [&](const strength& s) { return s.term == term; }),
                      p.strengths.end());
    p.strengths.push_back({term, "", 5});
    people.update(admin, id, [&](person& q) { q = p; });
    const auto after =
        matcher.matches_for(admin, id, {std::nullopt, 300, std::nullopt, false}).matches;
    double target_after = -1;
    for (const auto& m : after)
      if (m.opening->id == target.id) target_after = m.score;
    ASSERT_GE(target_after, old_score[target.id] - 1e-12);
    for (const auto& m : after) {
      if (m.score <= target_after) break;
      // Anything now above the target was above it before, or gained from the same change.
      EXPECT_TRUE(old_score[m.opening->id] > old_score[target.id] ||
                  m.score > old_score[m.opening->id]);
    }
    ++checked;
  }
  EXPECT_GT(checked, 5);
}

// The walk over posting lists stops early and skips lists on bounds; whatever it skips, its top
// matches must be the best of scoring every opening some strength of the person reaches (fits()
// scores each opening from its own record), also after openings changed their valued strengths.
TEST_F(matching_properties, the_top_matches_are_the_best_of_a_full_scan_even_after_changes) {
  populate(300, 25);
  opportunity_query all;
  all.paging = {1, 1000};
  std::vector<std::string> ids;
  for (const auto& o : board.list(admin, all).items) ids.push_back(o.id);
  ASSERT_EQ(ids.size(), 300u);
  for (std::size_t i = 0; i < ids.size(); i += 3)  // new weights move postings between bounds
    board.update(admin, ids[i], [&](opportunity& o) {
      for (auto& v : o.strengths) v.weight = uniform(0.3, 1.0);
      if (i % 2 == 0 && o.strengths.size() > 1) o.strengths.pop_back();
    });
  const auto openings = matcher.openings(ids);
  int compared = 0;
  for (const auto& id : person_ids) {
    const person p = people.get(admin, id);
    std::set<std::string> reached;  // the terms the person's strengths reach
    for (const auto& s : p.strengths) {
      reached.insert(s.term);
      for (const auto& r : terms.find(s.term)->related) reached.insert(r);
    }
    const auto fits = matcher.fits(admin, id, openings);
    std::vector<double> expected;
    for (std::size_t k = 0; k < fits.size(); ++k)
      if (!fits[k].excluded &&
          std::any_of(openings[k]->strengths.begin(), openings[k]->strengths.end(),
                      [&](const valued_strength& v) { return reached.contains(v.term); }))
        expected.push_back(fits[k].score);
    std::sort(expected.rbegin(), expected.rend());
    for (const int limit : {1, 10}) {  // the shorter the list, the more the bounds prune
      const auto found = matcher.matches_for(admin, id, {std::nullopt, limit, std::nullopt, false});
      const auto want = std::min<std::size_t>(expected.size(), static_cast<std::size_t>(limit));
      ASSERT_EQ(found.matches.size(), want) << "person " << id << ", limit " << limit;
      for (std::size_t k = 0; k < want; ++k)
        EXPECT_NEAR(found.matches[k].score, expected[k], 1e-9) << "person " << id << " #" << k;
      compared += static_cast<int>(want);
    }
  }
  EXPECT_GT(compared, 60);  // exercised, not vacuously true (a mutated bound fails it)
}

}  // namespace
}  // namespace pathways::testing
