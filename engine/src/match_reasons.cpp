// What a person's strengths reach in the matching graph, and the reasons an opening fits them.
#include "match_reasons.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "pathways/geo.hpp"
#include "pathways/match_scoring.hpp"

namespace pathways {
namespace {

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

}  // namespace

reached_list reached_terms(const match_graph& g, const person& p) {
  reached_list out;
  auto offer = [&](reach r) {
    const auto it =
        std::find_if(out.begin(), out.end(), [&](const reach& x) { return x.term == r.term; });
    if (it == out.end())
      out.push_back(r);
    else if (r.factor > it->factor)
      *it = r;
  };
  for (const auto& s : p.strengths) {
    const auto t = g.term_slot(s.term);
    if (!t) continue;
    const float level = static_cast<float>(s.level) / 5.0f;
    offer({*t, level * static_cast<float>(scoring::direct_strength), reach::via::strength, *t});
    for (std::uint32_t r : g.related_to(*t))
      offer({r, level * static_cast<float>(scoring::related_strength), reach::via::related, *t});
  }
  for (const auto& i : p.interests)
    if (i.term)
      if (const auto t = g.term_slot(*i.term))
        offer({*t, static_cast<float>(scoring::interest_only), reach::via::interest, *t});
  std::stable_sort(out.begin(), out.end(),
                   [](const reach& a, const reach& b) { return a.factor > b.factor; });
  return out;
}

const reach* find_reach(const reached_list& reached, std::uint32_t term) {
  const auto it =
      std::find_if(reached.begin(), reached.end(), [&](const reach& r) { return r.term == term; });
  return it == reached.end() ? nullptr : &*it;
}

std::optional<double> distance_from_home(const person& p, const opening_gate& g) {
  if (!g.located || !p.home) return std::nullopt;
  return distance_km(*p.home, {g.lat, g.lon});
}

std::vector<match_reason> reasons_for(const taxonomy& terms, const match_graph& g, const person& p,
                                      std::uint32_t slot, const reached_list& reached) {
  const opening_gate& o = g.gate_of(slot);
  const domain area = g.area_of(slot);
  std::vector<match_reason> out;
  g.for_each_valued(slot, [&](std::uint32_t term, float) {
    const reach* r = find_reach(reached, term);
    if (!r) return;
    const std::string& term_id = g.term_at(term);
    const std::string what = lower(label(terms, term_id));
    if (r->how == reach::via::strength) {
      const auto own = std::find_if(p.strengths.begin(), p.strengths.end(),
                                    [&](const strength& s) { return s.term == term_id; });
      out.push_back(
          {"strength", own != p.strengths.end() && !own->own_words.empty()
                           ? fmt::format("Uses your strength in {}: \"{}\"", what, own->own_words)
                           : fmt::format("Uses your strength in {}", what)});
    } else if (r->how == reach::via::related) {
      out.push_back(
          {"transferable", fmt::format("Your experience in {} relates to {}",
                                       lower(label(terms, g.term_at(r->from_term))), what)});
    } else {
      out.push_back({"interest", fmt::format("Connects with your interest in {}", what)});
    }
  });
  const goal* best = nullptr;
  for (const auto& goal_ : p.goals)
    if (goal_.status == goal_status::active && goal_.area == area &&
        (!best || goal_.priority < best->priority))
      best = &goal_;
  if (best)
    out.push_back({"goal", fmt::format("In the area of your {} goal: \"{}\"", spoken_name(area),
                                       best->own_words)});
  if (o.remote) {
    out.push_back({"distance", "Remote: no travel needed"});
  } else if (const auto d = distance_from_home(p, o)) {
    out.push_back({"distance", p.prefs.max_travel_km
                                   ? fmt::format("{:.1f} km from home, within your {:g} km", *d,
                                                 *p.prefs.max_travel_km)
                                   : fmt::format("{:.1f} km from home", *d)});
  }
  if (o.hours >= 0 && (p.prefs.hours_min || p.prefs.hours_max)) {
    const double h = o.hours;
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

}  // namespace pathways
