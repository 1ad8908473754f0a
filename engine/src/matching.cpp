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

#include "pathways/clock.hpp"
#include "pathways/error.hpp"
#include "pathways/geo.hpp"
#include "store/opportunity_rows.hpp"
#include "store/person_rows.hpp"

namespace pathways {
namespace {

// How strongly, and how, a person reaches a term.
struct reach {
  float factor = 0;
  enum class via : std::uint8_t { strength, related, interest } how = via::strength;
  std::uint32_t from_term = 0;  // for related: the person's own strength that leads here
};

// The terms a person reaches, each at its best factor (never added twice).
std::unordered_map<std::uint32_t, reach> reached_terms(const match_graph& g, const person& p) {
  std::unordered_map<std::uint32_t, reach> out;
  auto offer = [&](std::uint32_t term, reach r) {
    auto [it, added] = out.try_emplace(term, r);
    if (!added && r.factor > it->second.factor) it->second = r;
  };
  for (const auto& s : p.strengths) {
    const auto t = g.term_slot(s.term);
    if (!t) continue;
    const float level = static_cast<float>(s.level) / 5.0f;
    offer(*t, {level * static_cast<float>(scoring::direct_strength), reach::via::strength, *t});
    for (std::uint32_t r : g.related_to(*t))
      offer(r, {level * static_cast<float>(scoring::related_strength), reach::via::related, *t});
  }
  for (const auto& i : p.interests)
    if (i.term)
      if (const auto t = g.term_slot(*i.term))
        offer(*t, {static_cast<float>(scoring::interest_only), reach::via::interest, *t});
  return out;
}

std::string label(const taxonomy& terms, const std::string& id) {
  const auto* t = terms.find(id);
  return t ? t->label : id;
}

std::string lower(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

std::string adjustment_words(const std::vector<adjustment>& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i)
    out += (i == 0 ? "" : (i + 1 == list.size() ? " and " : ", ")) + spoken_name(list[i]);
  return out;
}

// Reasons a coordinator can read out, citing only what exists for this person and opening.
using reached_map = std::unordered_map<std::uint32_t, reach>;

std::vector<match_reason> reasons_for(const taxonomy& terms, const match_graph& g, const person& p,
                                      const opportunity& o, const reached_map& reached) {
  std::vector<match_reason> out;
  for (const auto& valued : o.strengths) {
    const auto t = g.term_slot(valued.term);
    if (!t) continue;
    const auto r = reached.find(*t);
    if (r == reached.end()) continue;
    const std::string what = lower(label(terms, valued.term));
    if (r->second.how == reach::via::strength) {
      const auto own = std::find_if(p.strengths.begin(), p.strengths.end(),
                                    [&](const strength& s) { return s.term == valued.term; });
      out.push_back(
          {"strength", own != p.strengths.end() && !own->own_words.empty()
                           ? fmt::format("Uses your strength in {}: \"{}\"", what, own->own_words)
                           : fmt::format("Uses your strength in {}", what)});
    } else if (r->second.how == reach::via::related) {
      out.push_back(
          {"transferable", fmt::format("Your experience in {} relates to {}",
                                       lower(label(terms, g.term_at(r->second.from_term))), what)});
    } else {
      out.push_back({"interest", fmt::format("Connects with your interest in {}", what)});
    }
  }
  const goal* best = nullptr;
  for (const auto& goal_ : p.goals)
    if (goal_.status == goal_status::active && goal_.area == o.area &&
        (!best || goal_.priority < best->priority))
      best = &goal_;
  if (best)
    out.push_back({"goal", fmt::format("In the area of your {} goal: \"{}\"", spoken_name(o.area),
                                       best->own_words)});
  if (o.remote) {
    out.push_back({"distance", "Remote: no travel needed"});
  } else if (const auto d = scoring::distance_from_home(p, o)) {
    out.push_back({"distance", p.prefs.max_travel_km
                                   ? fmt::format("{:.1f} km from home, within your {:g} km", *d,
                                                 *p.prefs.max_travel_km)
                                   : fmt::format("{:.1f} km from home", *d)});
  }
  if (o.hours_per_week && (p.prefs.hours_min || p.prefs.hours_max)) {
    const double h = *o.hours_per_week;
    std::string pref =
        p.prefs.hours_min && p.prefs.hours_max
            ? fmt::format("{:g} to {:g} hours you prefer", *p.prefs.hours_min, *p.prefs.hours_max)
        : p.prefs.hours_max ? fmt::format("up to {:g} hours you prefer", *p.prefs.hours_max)
                            : fmt::format("at least {:g} hours you prefer", *p.prefs.hours_min);
    const bool within = h >= p.prefs.hours_min.value_or(0) && h <= p.prefs.hours_max.value_or(80);
    out.push_back({"hours", fmt::format("{:g} hours a week, {} the {}", h,
                                        within ? "within" : "outside", pref)});
  }
  if (!p.adjustments.empty())
    out.push_back({"adjustments", "Offers what you need: " + adjustment_words(p.adjustments)});
  if (o.places_available > 0)
    out.push_back({"places", fmt::format("{} place{} left", o.places_available,
                                         o.places_available == 1 ? "" : "s")});
  return out;
}

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
std::optional<scoring::constraint> gate_check(const seeker& s, const opening_gate& g,
                                              const opportunity& o, std::optional<double>& km) {
  using scoring::constraint;
  if (!g.open) return constraint::not_open;
  if (!g.has_places) return constraint::no_places;
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
      !scoring::times_overlap(s.who.prefs.available, o.schedule))
    return constraint::schedule;
  return std::nullopt;
}

// A bounded list of the best (score, slot) pairs, ties broken by slot for determinism.
class best_of {
 public:
  explicit best_of(std::size_t k) : k_(k) {}
  // The score to beat to be kept: none while there is room; nothing is kept when k is 0.
  double threshold() const {
    if (k_ == 0) return std::numeric_limits<double>::infinity();
    return items_.size() < k_ ? -1.0 : items_.front().first;
  }
  void offer(double score, std::uint32_t slot) {
    if (k_ == 0) return;
    if (items_.size() < k_) {
      items_.emplace_back(score, slot);
      std::push_heap(items_.begin(), items_.end(), worse);
    } else if (worse({score, slot}, items_.front())) {
      std::pop_heap(items_.begin(), items_.end(), worse);
      items_.back() = {score, slot};
      std::push_heap(items_.begin(), items_.end(), worse);
    }
  }
  // Best first.
  std::vector<std::pair<double, std::uint32_t>> sorted() {
    std::sort_heap(items_.begin(), items_.end(), worse);
    return items_;
  }

 private:
  // a ranks before b: higher score, then lower slot. The heap's front is the worst kept.
  static bool worse(const std::pair<double, std::uint32_t>& a,
                    const std::pair<double, std::uint32_t>& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  }
  std::size_t k_;
  std::vector<std::pair<double, std::uint32_t>> items_;
};

// This thread's per-opening sums, zero between uses: only the touched entries are reset, so a
// match costs what the person's terms reach, not the size of the board.
struct strength_scratch {
  std::vector<float>& sums = storage();
  std::vector<std::uint32_t> touched;
  strength_scratch() = default;
  strength_scratch(const strength_scratch&) = delete;
  strength_scratch& operator=(const strength_scratch&) = delete;
  ~strength_scratch() {
    for (std::uint32_t slot : touched) sums[slot] = 0.0f;
  }
  static std::vector<float>& storage() {
    thread_local std::vector<float> sums;
    return sums;
  }
};

// The strength parts' raw sums per opening slot, and the slots that got any.
void sum_strengths(const match_graph& graph_, const reached_map& reached, std::vector<float>& sums,
                   std::vector<std::uint32_t>& touched) {
  if (sums.size() < graph_.opportunity_count()) sums.resize(graph_.opportunity_count(), 0.0f);
  for (const auto& [term, how] : reached) {
    const float factor = how.factor;
    graph_.for_each_opportunity_valuing(term, [&](std::uint32_t slot, float weight) {
      if (sums[slot] == 0.0f) touched.push_back(slot);
      sums[slot] += weight * factor;
    });
  }
}

scoring::check_context context_now(const match_request& r) {
  return {today_utc(), current_year(), r.radius_km};
}

}  // namespace

matching_service::matching_service(database& db, const taxonomy& terms)
    : terms_(terms), graph_(terms) {
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
}

void matching_service::opportunity_saved(const opportunity& o) {
  std::unique_lock lock(mutex_);
  graph_.upsert(o);
}

double matching_service::strengths_part(const std::vector<float>& sums, std::uint32_t slot) const {
  const float total_weight = graph_.weight_total(slot);
  return total_weight > 0 ? std::min(1.0, static_cast<double>(sums[slot] / total_weight)) : 0.0;
}

match_list matching_service::rank(const person& p, const match_request& r) const {
  const auto ctx = context_now(r);
  const seeker who(p, ctx);
  const reached_map reached = reached_terms(graph_, p);
  // Strength parts, accumulated per opening over the terms the person reaches.
  strength_scratch scratch;
  auto& strength_sum = scratch.sums;
  auto& touched = scratch.touched;
  sum_strengths(graph_, reached, strength_sum, touched);
  if (r.area) {  // a domain asked for: its openings count even with no strength in common
    std::vector<std::uint32_t> in_domain;
    graph_.opportunities_in(*r.area, in_domain);
    for (std::uint32_t slot : in_domain)
      if (strength_sum[slot] == 0.0f) touched.push_back(slot);
  }

  // Openings by the best they could score (distance and hours at most 1 each), in buckets, so
  // the loop below meets the likeliest first and stops when no bucket left can make the list.
  constexpr std::size_t bucket_count = 64;
  thread_local std::array<std::vector<std::uint32_t>, bucket_count> buckets;
  for (auto& b : buckets) b.clear();
  for (std::uint32_t slot : touched) {
    const domain area = graph_.area_of(slot);
    if (r.area && area != *r.area) continue;
    const double bound =
        scoring::combine(strengths_part(strength_sum, slot),
                         who.goal_by_domain[static_cast<std::size_t>(area)], 1.0, 1.0);
    buckets[std::min(bucket_count - 1, static_cast<std::size_t>(bound * bucket_count))].push_back(
        slot);
  }

  best_of kept(static_cast<std::size_t>(std::max(0, r.limit)));
  best_of missed(r.explain_excluded ? static_cast<std::size_t>(std::max(0, r.limit)) : 0);
  for (std::size_t b = bucket_count; b-- > 0;) {
    const double bucket_top = static_cast<double>(b + 1) / bucket_count;
    if (bucket_top < kept.threshold() && bucket_top < missed.threshold()) break;
    for (std::uint32_t slot : buckets[b]) {
      const domain area = graph_.area_of(slot);
      const double strengths = strengths_part(strength_sum, slot);
      const double goal = who.goal_by_domain[static_cast<std::size_t>(area)];
      const double bound = scoring::combine(strengths, goal, 1.0, 1.0);
      if (bound < kept.threshold() && bound < missed.threshold()) continue;
      const opening_gate& gate = graph_.gate_of(slot);
      std::optional<double> km;
      const auto excluded = gate_check(who, gate, graph_.opportunity_at(slot), km);
      if (excluded && !(r.explain_excluded && scoring::negotiable(*excluded))) continue;
      const double score = scoring::combine(
          strengths, goal, scoring::distance_value(km, gate.remote, p.prefs),
          scoring::hours_value(gate.hours >= 0 ? std::optional(gate.hours) : std::nullopt,
                               p.prefs));
      (excluded ? missed : kept).offer(score, slot);
    }
  }
  match_list out;
  for (const auto& [score, slot] : kept.sorted()) {
    const opportunity& o = graph_.opportunity_at(slot);
    out.matches.push_back(
        {o, score, scoring::distance_from_home(p, o), reasons_for(terms_, graph_, p, o, reached)});
  }
  // Only the near-misses returned get their reasons written out.
  for (const auto& [score, slot] : missed.sorted()) {
    const opportunity& o = graph_.opportunity_at(slot);
    out.excluded.push_back({o, score, scoring::check(p, o, ctx).value_or(scoring::exclusion{})});
  }
  return out;
}

const person& matching_service::visible_person(const principal& caller,
                                               const std::string& person_id) const {
  const auto slot = graph_.person_slot(person_id);
  if (!slot || !caller.may_see_person_of(graph_.person_at(*slot).team_id))
    throw error(error_code::not_found, "no such person", "person_id");
  return graph_.person_at(*slot);
}

std::vector<opening_fit> matching_service::fits(
    const principal& caller, const std::string& person_id,
    const std::vector<std::string>& opportunity_ids) const {
  require_role(caller, {role::admin, role::coordinator, role::employment_specialist},
               "see matches");
  std::shared_lock lock(mutex_);
  const person& p = visible_person(caller, person_id);
  strength_scratch scratch;
  auto& strength_sum = scratch.sums;
  auto& touched = scratch.touched;
  sum_strengths(graph_, reached_terms(graph_, p), strength_sum, touched);
  const auto ctx = context_now({});
  std::vector<opening_fit> out;
  out.reserve(opportunity_ids.size());
  for (const auto& id : opportunity_ids) {
    const auto slot = graph_.opportunity_slot(id);
    if (!slot) throw error(error_code::not_found, "no such opportunity", "opportunity_ids");
    const opportunity& o = graph_.opportunity_at(*slot);
    out.push_back({id, scoring::total(strengths_part(strength_sum, *slot), p, o),
                   scoring::check(p, o, ctx), o.places_available});
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
  return reasons_for(terms_, graph_, p, graph_.opportunity_at(*slot), reached_terms(graph_, p));
}

match_list matching_service::matches_for(const principal& caller, const std::string& person_id,
                                         const match_request& r) const {
  require_role(caller, {role::admin, role::coordinator, role::employment_specialist},
               "see matches");
  std::shared_lock lock(mutex_);
  return rank(visible_person(caller, person_id), r);
}

std::vector<candidate> matching_service::candidates_for(const principal& caller,
                                                        const std::string& opportunity_id,
                                                        int limit) const {
  require_role(caller, {role::admin, role::coordinator, role::employment_specialist},
               "see candidates");
  std::shared_lock lock(mutex_);
  const auto slot = graph_.opportunity_slot(opportunity_id);
  if (!slot) throw error(error_code::not_found, "no such opportunity");
  const opportunity& o = graph_.opportunity_at(*slot);
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
  const double total_weight = graph_.weight_total(*slot);
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
    out.push_back({p, score, scoring::distance_from_home(p, o),
                   reasons_for(terms_, graph_, p, o, reached_terms(graph_, p))});
  }
  return out;
}

}  // namespace pathways
