// Ranking openings for a person (and people for an opening) over the matching graph: strengths
// reach openings through their terms and related terms, hard constraints filter, the score
// orders, and reasons explain each result in the person's own words.
#include "pathways/matching.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numbers>
#include <unordered_map>

#include <fmt/format.h>

#include "match_reasons.hpp"
#include "pathways/clock.hpp"
#include "pathways/error.hpp"
#include "pathways/geo.hpp"
#include "ranking_state.hpp"
#include "store/opportunity_rows.hpp"
#include "store/person_rows.hpp"

namespace pathways {
namespace {

// The person, flattened once per match for the loop over openings.
struct seeker {
  const person& who;
  std::optional<geo_point> home;
  std::optional<double> travel_limit;
  std::optional<int> age;
  std::uint32_t needs;
  std::int32_t today;  // yyyymmdd
  std::array<double, vocabulary<domain>::names.size()> goal_by_domain{};

  seeker(const person& p, const scoring::check_context& ctx)
      : who(p),
        home(p.home),
        travel_limit(scoring::travel_limit(p, ctx.radius_km)),
        needs(adjustment_mask(p.adjustments)),
        today(std::stoi(ctx.today.substr(0, 4)) * 10000 + std::stoi(ctx.today.substr(5, 2)) * 100 +
              std::stoi(ctx.today.substr(8, 2))) {
    if (p.year_of_birth) age = ctx.year - *p.year_of_birth;
    for (const auto& g : p.goals)
      if (g.status == goal_status::active) {
        double& best = goal_by_domain[static_cast<std::size_t>(g.area)];
        best = std::max(best, static_cast<double>(6 - g.priority) / 5.0);
      }
  }
};

// scoring::check on flat data, in the same order, without composing messages; sets `km` to
// the distance from home when it is known.
std::optional<scoring::constraint> gate_check(const seeker& s, const match_graph& graph,
                                              std::uint32_t slot, std::optional<double>& km) {
  const opening_gate& g = graph.gate_of(slot);
  using scoring::constraint;
  if (!g.open) return constraint::not_open;
  if (g.places_available <= 0) return constraint::no_places;
  if (g.closing < s.today) return constraint::past_closing_date;
  if (s.age && (g.min_age >= 0 || g.max_age >= 0)) {
    if (g.min_age >= 0 && *s.age < g.min_age) return constraint::age;
    if (g.max_age >= 0 && *s.age > g.max_age) return constraint::age;
  }
  if (g.located && s.home) {
    // The north-south distance alone is a lower bound of the great-circle distance.
    constexpr double km_per_degree = 6371.0088 * std::numbers::pi / 180.0;
    if (s.travel_limit && std::abs(g.lat - s.home->lat) * km_per_degree > *s.travel_limit + 1e-9)
      return constraint::too_far;
    km = distance_km(*s.home, {g.lat, g.lon});
    if (s.travel_limit && *km > *s.travel_limit) return constraint::too_far;
  }
  if (s.who.prefs.hours_max && g.hours >= 0 && g.hours > *s.who.prefs.hours_max)
    return constraint::too_many_hours;
  if ((s.needs & ~g.adjustments) != 0) return constraint::adjustment_missing;
  if (!s.who.prefs.available.empty() && g.has_schedule &&
      !scoring::times_overlap(s.who.prefs.available, graph.schedule_of(slot)))
    return constraint::schedule;
  return std::nullopt;
}

scoring::check_context context_now(const match_request& r) {
  return {today_utc(), current_year(), r.radius_km};
}

}  // namespace

matching_service::matching_service(database& db, const taxonomy& terms)
    : graph_(terms), openings_(db) {
  const auto start = std::chrono::steady_clock::now();
  auto conn = db.connect();
  transaction tx(*conn, transaction::kind::read);
  opportunity_query all;
  all.paging = {1, 1000};
  for (;; ++all.paging.number) {
    const auto page = store::list_opportunities(*conn, all);
    for (const auto& o : page.items) graph_.upsert(o);
    if (page.items.size() < static_cast<std::size_t>(all.paging.per_page)) break;
  }
  for (page_request paging{1, 1000};; ++paging.number) {
    const auto page = store::list_people(*conn, std::nullopt, paging);
    for (const auto& p : page.items) graph_.upsert(p);
    if (page.items.size() < static_cast<std::size_t>(paging.per_page)) break;
  }
  spdlog::info("event=matching_graph_built opportunities={} people={} ms={}",
               graph_.opportunity_count(), graph_.person_count(),
               std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - start)
                   .count());
}

void matching_service::person_saved(const person& p) {
  std::unique_lock lock(mutex_);
  graph_.upsert(p);
  ++revision_;
}

void matching_service::opportunity_saved(const opportunity& o) {
  std::unique_lock lock(mutex_);
  graph_.upsert(o);
  ++revision_;
}

ranking matching_service::rank(const person& p, const match_request& r) const {
  const auto ctx = context_now(r);
  const seeker who(p, ctx);
  const reached_list reached = reached_terms(graph_, p);
  const factor_table factors(graph_.term_count(), reached);
  seen_openings seen(graph_.opportunity_count());
  best_of kept(static_cast<std::size_t>(std::max(0, r.limit)));
  best_of missed(r.explain_excluded ? static_cast<std::size_t>(std::max(0, r.limit)) : 0);
  const bool explain = r.explain_excluded;
  // The score to beat, kept current as openings are offered.
  double to_beat = std::min(kept.threshold(), missed.threshold());
  // The best an opening could score from bounds on its parts. Bounds get a little slack for
  // float rounding, so the ranking stays exact.
  constexpr double slack = 1e-5;
  const bool prefers_hours = p.prefs.hours_min || p.prefs.hours_max;
  const double hours_best = prefers_hours ? 1.0 : 0.5;  // see hours_value
  auto best_possible = [&](double strengths_bound, double goal, double distance_best,
                           double hours_part_best) {
    return scoring::combine(std::min(1.0, strengths_bound + slack), goal, distance_best,
                            hours_part_best) +
           slack;
  };
  // Scores one opening in full, unless its exact strengths part already rules it out.
  auto consider = [&](std::uint32_t slot, double goal, double distance_best,
                      double hours_part_best) {
    const double strengths = factors.strengths_part(graph_, slot);
    if (best_possible(strengths, goal, distance_best, hours_part_best) < to_beat) return;
    const opening_gate& gate = graph_.gate_of(slot);
    std::optional<double> km;
    const auto excluded = gate_check(who, graph_, slot, km);
    if (excluded && !(explain && scoring::negotiable(*excluded))) return;
    const double score = scoring::combine(
        strengths, goal, scoring::distance_value(km, gate.remote, p.prefs),
        scoring::hours_value(gate.hours >= 0 ? std::optional(gate.hours) : std::nullopt, p.prefs));
    (excluded ? missed : kept).offer(score, slot);
    to_beat = std::min(kept.threshold(), missed.threshold());
  };

  // Domains by falling goal part (the asked one alone), so the kept list fills with likely
  // openings first; within a domain, terms by falling factor. An opening first met in the list
  // of term i values no term before it, so its strengths part is at most share_i * factor_i +
  // (1 - share_i) * factor_(i+1) (its shares add up to 1), and never more than factor_i: once
  // that cannot beat the kept list, no opening left in the domain can, and the domain is done.
  // The posting's place bounds the distance part (and rules out what is too far) before the
  // opening itself is read.
  std::vector<domain> areas;
  if (r.area)
    areas.push_back(*r.area);
  else
    for (std::size_t d = 0; d < who.goal_by_domain.size(); ++d)
      areas.push_back(static_cast<domain>(d));
  std::stable_sort(areas.begin(), areas.end(), [&](domain a, domain b) {
    return who.goal_by_domain[static_cast<std::size_t>(a)] >
           who.goal_by_domain[static_cast<std::size_t>(b)];
  });
  const bool has_home = p.home.has_value();
  const unit_vector home = has_home ? unit_vector_of(*p.home) : unit_vector{};
  // Postings further than the travel limit (as chords of the unit sphere, squared: no square
  // root for what is ruled out); none when there is no limit or near misses are asked for.
  const double chord_limit = who.travel_limit && !explain
                                 ? (*who.travel_limit + packed_place_slack_km) / earth_radius_km
                                 : std::numeric_limits<double>::infinity();
  const double chord_limit_squared = chord_limit * chord_limit;
  // distance_value's parts, for the bound on a posting's place.
  const double scoring_travel_km = p.prefs.max_travel_km.value_or(scoring::default_travel_km);
  // Its inverse, so the loop multiplies (a bound: the slack covers the last bit).
  const double per_travel_km = scoring_travel_km > 0 ? 1.0 / scoring_travel_km : 0.0;
  const double hours_cap =
      !explain && p.prefs.hours_max ? *p.prefs.hours_max : std::numeric_limits<double>::infinity();
  const std::uint32_t needs = explain ? 0 : who.needs;
  const std::uint8_t must_have = explain ? 0 : term_posting::available;
  // The openings of one list worth a full look, read once the list is done (their lines asked
  // for meanwhile).
  struct worth_a_look {
    double best;  // the most it could score
    std::uint32_t slot;
    float distance_best;
    float hours_part_best;
  };
  thread_local std::vector<worth_a_look> kept_looks;
  std::vector<worth_a_look>& looks = kept_looks;
  // Whether the list of reached term i in a domain can still count: not when even its factor
  // cannot beat the kept list (nor can any after it: stop), nor when even its largest share
  // cannot reach the strengths part needed (its openings cannot make the list; a later list
  // that meets one again may look at it, to no effect). The score to beat only rises, so a list
  // ruled out once stays out.
  enum class verdict { walk, skip, stop };
  auto list_verdict = [&](std::size_t i, domain area, double goal, double strengths_needed) {
    const double factor = reached[i].factor;
    const double next = i + 1 < reached.size() ? reached[i + 1].factor : 0.0;
    if (best_possible(factor, goal, 1.0, hours_best) < to_beat) return verdict::stop;
    const double top_share = graph_.top_share_of(reached[i].term, area);
    return top_share * factor + (1.0 - top_share) * next < strengths_needed ? verdict::skip
                                                                            : verdict::walk;
  };
  // Walks the list of reached term i in a domain: postings ruled out or bounded below the score
  // to beat are passed over, the rest looked at in full once the list is done.
  auto walk_list = [&](std::size_t i, domain area, double goal, double needed) {
    const double factor = reached[i].factor;
    const double next = i + 1 < reached.size() ? reached[i + 1].factor : 0.0;
    looks.clear();
    for (const term_posting& post : graph_.postings_of(reached[i].term, area)) {
      // Closed, full or missing a needed adjustment: ruled out before the opening is read,
      // in every list it is in (so it need not be marked as met).
      if ((post.flags & must_have) != must_have || (needs & ~std::uint32_t{post.adjustments}) != 0)
        continue;
      if (seen.check_and_mark(post.slot)) continue;
      const double share = post.share_at_most();
      const double strengths_bound = share * factor + (1.0 - share) * next;
      if (strengths_bound < needed) continue;
      double distance_best = 0.5;  // see distance_value: unknown distance
      if ((post.flags & term_posting::remote) != 0) {
        distance_best = 1.0;
      } else if ((post.flags & term_posting::located) != 0 && has_home) {
        const double chord_squared = chord_squared_to(home, post.place);
        if (chord_squared > chord_limit_squared) continue;
        const double km_least =
            std::max(0.0, earth_radius_km * std::sqrt(chord_squared) - packed_place_slack_km);
        distance_best =
            scoring_travel_km <= 0 ? 0.0 : std::clamp(1.0 - km_least * per_travel_km, 0.0, 1.0);
      }
      double hours_part_best = hours_best;
      if (prefers_hours && (post.flags & term_posting::hours_known) != 0) {
        const double least = post.hours_at_least();
        if (least > hours_cap) continue;
        // hours_value is 1 on the preferred range and falls away from it: its best over the
        // opening's possible hours is at the one nearest that range.
        hours_part_best = scoring::hours_value(
            std::clamp(p.prefs.hours_min.value_or(0), least, post.hours_below()), p.prefs);
      }
      const double best = best_possible(strengths_bound, goal, distance_best, hours_part_best);
      if (best < to_beat) continue;
      graph_.prefetch_opening(post.slot);
      looks.push_back({best, post.slot, static_cast<float>(distance_best),
                       static_cast<float>(hours_part_best)});
    }
    // As the score to beat rises, some are passed over without reading them.
    for (const worth_a_look& look : looks)
      if (look.best >= to_beat) consider(look.slot, goal, look.distance_best, look.hours_part_best);
  };
  // The best a posting can score besides its strengths part (the most its place and hours could
  // add), and so the strengths part a posting must reach to be worth more than a glance.
  auto strengths_needed = [&](double goal) {
    return (to_beat - (scoring::combine(0, goal, 1.0, hours_best) + slack)) /
               scoring::strengths_weight -
           slack;
  };
  // Where each reached term's lists are, asked for at once (they are scattered).
  for (const reach& t : reached) graph_.prefetch_posting_heads(t.term);
  thread_local std::vector<std::size_t> kept_lists;
  std::vector<std::size_t>& lists = kept_lists;
  for (const domain area : areas) {
    const double goal = who.goal_by_domain[static_cast<std::size_t>(area)];
    // The lists that can count as things stand, asked for at once.
    lists.clear();
    for (std::size_t i = 0; i < reached.size(); ++i) {
      const verdict v = list_verdict(i, area, goal, strengths_needed(goal));
      if (v == verdict::stop) break;
      if (v == verdict::skip) continue;
      lists.push_back(i);
      graph_.prefetch_postings(reached[i].term, area);
    }
    for (const std::size_t i : lists) {
      const double needed = strengths_needed(goal);
      const verdict v = list_verdict(i, area, goal, needed);
      if (v == verdict::stop) break;
      if (v == verdict::skip) continue;
      walk_list(i, area, goal, needed);
    }
  }
  // A domain asked for: its openings count even with no strength in common (the walk above met
  // every opening a strength reaches unless it stopped, and then none of these can make the list).
  if (r.area) {
    const double goal = who.goal_by_domain[static_cast<std::size_t>(*r.area)];
    if (best_possible(0.0, goal, 1.0, hours_best) >= to_beat) {
      std::vector<std::uint32_t> in_domain;
      graph_.opportunities_in(*r.area, in_domain);
      for (std::uint32_t slot : in_domain)
        if (!seen.check_and_mark(slot)) consider(slot, goal, 1.0, hours_best);
    }
  }

  ranking out;
  const auto best = kept.sorted();
  // The kept openings' ids, asked for at once (each is a scattered read, then its text another).
  for (const auto& kept_one : best) graph_.prefetch_opening_id(kept_one.second);
  for (const auto& kept_one : best) graph_.prefetch_opening_id_text(kept_one.second);
  const reason_writer writer(graph_, p, reached);
  for (const auto& [score, slot] : best) {
    const auto km = distance_from_home(p, graph_.gate_of(slot));
    out.matches.push_back(
        {graph_.opening_id(slot), graph_.revision_of(slot), score, km, writer.reasons(slot, km)});
  }
  // Near misses get their constraint written out once the openings are read.
  for (const auto& [score, slot] : missed.sorted())
    out.excluded.push_back({graph_.opening_id(slot),
                            graph_.revision_of(slot),
                            score,
                            distance_from_home(p, graph_.gate_of(slot)),
                            {}});
  return out;
}

const person& matching_service::visible_person(const principal& caller,
                                               const std::string& person_id) const {
  const auto slot = graph_.person_slot(person_id);
  if (!slot || !caller.may_see_person_of(graph_.person_at(*slot).team_id))
    throw error(error_code::not_found, "no such person", "person_id");
  return graph_.person_at(*slot);
}

std::vector<std::shared_ptr<const opportunity>> matching_service::openings(
    const std::vector<std::string>& opportunity_ids) const {
  std::vector<std::pair<std::string, std::uint64_t>> wanted;
  wanted.reserve(opportunity_ids.size());
  {
    std::shared_lock lock(mutex_);
    for (const auto& id : opportunity_ids) {
      const auto slot = graph_.opportunity_slot(id);
      if (!slot) throw error(error_code::not_found, "no such opportunity", "opportunity_ids");
      wanted.emplace_back(id, graph_.revision_of(*slot));
    }
  }
  auto out = openings_.get(wanted);
  for (const auto& o : out)
    if (!o) throw error(error_code::not_found, "no such opportunity", "opportunity_ids");
  return out;
}

std::vector<opening_fit> matching_service::fits(
    const principal& caller, const std::string& person_id,
    const std::vector<std::shared_ptr<const opportunity>>& openings) const {
  require_role(caller, {role::admin, role::coordinator, role::employment_specialist},
               "see matches");
  std::shared_lock lock(mutex_);
  const person& p = visible_person(caller, person_id);
  const reached_list reached = reached_terms(graph_, p);
  const factor_table factors(graph_.term_count(), reached);
  const auto ctx = context_now({});
  std::vector<opening_fit> out;
  out.reserve(openings.size());
  for (const auto& o : openings) {
    const auto slot = graph_.opportunity_slot(o->id);
    if (!slot) throw error(error_code::not_found, "no such opportunity", "opportunity_ids");
    out.push_back({o->id, scoring::total(factors.strengths_part(graph_, *slot), p, *o),
                   scoring::check(p, *o, ctx), o->places_available});
  }
  return out;
}

std::vector<match_reason> matching_service::explain(const principal& caller,
                                                    const std::string& person_id,
                                                    const std::string& opportunity_id) const {
  std::shared_lock lock(mutex_);
  const person& p = visible_person(caller, person_id);
  const auto slot = graph_.opportunity_slot(opportunity_id);
  if (!slot) throw error(error_code::not_found, "no such opportunity");
  const reached_list reached = reached_terms(graph_, p);
  return reason_writer(graph_, p, reached)
      .reasons(*slot, distance_from_home(p, graph_.gate_of(*slot)));
}

match_list matching_service::matches_for(const principal& caller, const std::string& person_id,
                                         const match_request& r) const {
  require_role(caller, {role::admin, role::coordinator, role::employment_specialist},
               "see matches");
  ranking found;
  std::optional<person> who;  // for writing out the near misses' constraints
  {
    std::shared_lock lock(mutex_);
    const person& p = visible_person(caller, person_id);
    found = rank(p, r);
    if (!found.excluded.empty()) who = p;
  }
  // Read outside the lock: a writer may wait on it while holding a connection.
  std::vector<std::pair<std::string, std::uint64_t>> wanted;
  for (const auto* list : {&found.matches, &found.excluded})
    for (const ranked_opening& m : *list) wanted.emplace_back(m.opportunity_id, m.revision);
  const auto read = openings_.get(wanted);
  match_list out;
  std::size_t next = 0;
  for (ranked_opening& m : found.matches)
    if (const auto& o = read[next++])
      out.matches.push_back({o, m.revision, m.score, m.distance_km, std::move(m.reasons)});
  const auto ctx = context_now(r);
  for (const ranked_opening& n : found.excluded)
    if (const auto& o = read[next++])
      out.excluded.push_back(
          {o, n.score, scoring::check(*who, *o, ctx).value_or(scoring::exclusion{})});
  if (out.matches.size() + out.excluded.size() < wanted.size())
    spdlog::warn("event=match_opening_unreadable missing={}",
                 wanted.size() - out.matches.size() - out.excluded.size());
  return out;
}

std::uint64_t matching_service::matches_revision(const principal& caller,
                                                 const std::string& person_id) const {
  require_role(caller, {role::admin, role::coordinator, role::employment_specialist},
               "see matches");
  std::shared_lock lock(mutex_);
  visible_person(caller, person_id);
  return revision_;
}

std::vector<candidate> matching_service::candidates_for(const principal& caller,
                                                        const std::string& opportunity_id,
                                                        int limit) const {
  require_role(caller, {role::admin, role::coordinator, role::employment_specialist},
               "see candidates");
  std::uint64_t revision = 0;
  {
    std::shared_lock lock(mutex_);
    const auto slot = graph_.opportunity_slot(opportunity_id);
    if (!slot) throw error(error_code::not_found, "no such opportunity");
    revision = graph_.revision_of(*slot);
  }
  const auto read = openings_.get({{opportunity_id, revision}});  // outside the lock
  if (!read.front()) throw error(error_code::not_found, "no such opportunity");
  const opportunity& o = *read.front();
  std::shared_lock lock(mutex_);
  const std::uint32_t slot = *graph_.opportunity_slot(opportunity_id);  // slots stay
  const scoring::check_context ctx{today_utc(), current_year(), std::nullopt};
  // People reaching each valued term, at their best factor for that term.
  std::unordered_map<std::uint32_t, double> strength_sum;
  std::vector<weighted_slot> holders;
  std::vector<weighted_slot> related;
  for (const auto& valued : o.strengths) {
    const auto t = graph_.term_slot(valued.term);
    if (!t) continue;
    std::unordered_map<std::uint32_t, double> best;
    auto visit = [&](std::uint32_t term, double scale) {
      holders.clear();
      graph_.people_with(term, holders);
      for (const auto& h : holders) {
        const double f = h.weight > 0
                             ? h.weight * scale
                             : scoring::interest_only * (scale == scoring::direct_strength);
        double& b = best[h.slot];
        b = std::max(b, f);
      }
    };
    visit(*t, scoring::direct_strength);
    related.clear();
    graph_.related_terms(*t, related);
    for (const auto& r : related) visit(r.slot, scoring::related_strength);
    for (const auto& [person_slot, f] : best) strength_sum[person_slot] += valued.weight * f;
  }
  const double total_weight = graph_.weight_total(slot);
  best_of kept(static_cast<std::size_t>(std::max(0, limit)));
  for (std::size_t ps = 0; ps < graph_.person_count(); ++ps) {
    const person& p = graph_.person_at(static_cast<std::uint32_t>(ps));
    if (!caller.may_see_person_of(p.team_id)) continue;
    if (scoring::check(p, o, ctx)) continue;
    const auto found = strength_sum.find(static_cast<std::uint32_t>(ps));
    const double strengths = found == strength_sum.end() || total_weight <= 0
                                 ? 0.0
                                 : std::min(1.0, found->second / total_weight);
    kept.offer(scoring::total(strengths, p, o), static_cast<std::uint32_t>(ps));
  }
  std::vector<candidate> out;
  for (const auto& [score, ps] : kept.sorted()) {
    const person& p = graph_.person_at(ps);
    const auto km = scoring::distance_from_home(p, o);
    const reached_list reached = reached_terms(graph_, p);
    out.push_back({p, score, km, reason_writer(graph_, p, reached).reasons(slot, km)});
  }
  return out;
}

}  // namespace pathways
