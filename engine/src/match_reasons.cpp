// What a person's strengths reach in the matching graph, and the reasons an opening fits them.
#include "match_reasons.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>

#include <fmt/format.h>

#include "pathways/geo.hpp"
#include "pathways/match_scoring.hpp"

namespace pathways {
namespace {

// Whole numbers and halves (hours, kilometres) as fmt's {:g} writes them, without its float
// formatting; anything else through it.
void append_number(std::string& out, double x) {
  const double twice = x * 2;
  if (x >= 0 && x < 10000 && twice == std::floor(twice)) {
    const auto halves = static_cast<long long>(twice);
    out += std::to_string(halves / 2);
    if (halves % 2 != 0) out += ".5";
    return;
  }
  fmt::format_to(std::back_inserter(out), "{:g}", x);
}

// A distance to one decimal, rounded as the reply's distance_km is.
void append_km(std::string& out, double km) {
  const auto tenths = std::llround(km * 10);
  out += std::to_string(tenths / 10);
  out += '.';
  out += static_cast<char>('0' + tenths % 10);
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
  std::sort(out.begin(), out.end(), [](const reach& a, const reach& b) {
    return a.factor != b.factor ? a.factor > b.factor : a.term < b.term;
  });
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

reason_writer::reason_writer(const match_graph& g, const person& p, const reached_list& reached)
    : g_(g), p_(p), reached_(reached) {
  if (p.prefs.max_travel_km) {
    within_travel_ = ", within your ";
    append_number(within_travel_, *p.prefs.max_travel_km);
    within_travel_ += " km";
  }
  if (p.prefs.hours_min && p.prefs.hours_max) {
    append_number(hours_preferred_, *p.prefs.hours_min);
    hours_preferred_ += " to ";
    append_number(hours_preferred_, *p.prefs.hours_max);
  } else if (p.prefs.hours_min || p.prefs.hours_max) {
    hours_preferred_ = p.prefs.hours_max ? "up to " : "at least ";
    append_number(hours_preferred_, p.prefs.hours_max ? *p.prefs.hours_max : *p.prefs.hours_min);
  }
  if (!hours_preferred_.empty()) hours_preferred_ += " hours you prefer";
  for (std::size_t d = 0; d < goal_text_.size(); ++d) {  // their first active goal per domain
    const auto area = static_cast<domain>(d);
    const goal* best = nullptr;
    for (const auto& candidate : p.goals)
      if (candidate.status == goal_status::active && candidate.area == area &&
          (!best || candidate.priority < best->priority))
        best = &candidate;
    if (best)
      goal_text_[d] =
          "In the area of your " + spoken_name(area) + " goal: \"" + best->own_words + '"';
  }
  if (!p.adjustments.empty())
    adjustments_ = "Offers what you need: " + adjustment_words(p.adjustments);
}

std::vector<match_reason> reason_writer::reasons(std::uint32_t slot,
                                                 std::optional<double> km) const {
  const opening_gate& o = g_.gate_of(slot);
  const domain area = g_.area_of(slot);
  std::vector<match_reason> out;
  out.reserve(10);
  // Written by appending (no format strings): a match list writes about seventy of these.
  g_.for_each_valued(slot, [&](std::uint32_t term, float) {
    const reach* r = find_reach(reached_, term);
    if (!r) return;
    const std::string& what = g_.term_words(term);
    if (r->how == reach::via::strength) {
      const std::string& term_id = g_.term_at(term);
      const auto own = std::find_if(p_.strengths.begin(), p_.strengths.end(),
                                    [&](const strength& s) { return s.term == term_id; });
      std::string text;
      text.reserve(32 + what.size() + (own != p_.strengths.end() ? own->own_words.size() : 0));
      (text += "Uses your strength in ") += what;
      if (own != p_.strengths.end() && !own->own_words.empty())
        ((text += ": \"") += own->own_words) += '"';
      out.push_back({"strength", std::move(text)});
    } else if (r->how == reach::via::related) {
      out.push_back({"transferable",
                     "Your experience in " + g_.term_words(r->from_term) + " relates to " + what});
    } else {
      out.push_back({"interest", "Connects with your interest in " + what});
    }
  });
  if (const std::string& goal = goal_text_[static_cast<std::size_t>(area)]; !goal.empty())
    out.push_back({"goal", goal});
  if (o.remote) {
    out.push_back({"distance", "Remote: no travel needed"});
  } else if (km) {
    std::string text;
    append_km(text, *km);
    text += " km from home";
    text += within_travel_;
    out.push_back({"distance", std::move(text)});
  }
  if (o.hours >= 0 && !hours_preferred_.empty()) {
    const double h = o.hours;
    const bool within = h >= p_.prefs.hours_min.value_or(0) && h <= p_.prefs.hours_max.value_or(80);
    std::string text;
    append_number(text, h);
    text += within ? " hours a week, within the " : " hours a week, outside the ";
    text += hours_preferred_;
    out.push_back({"hours", std::move(text)});
  }
  if (!adjustments_.empty()) out.push_back({"adjustments", adjustments_});
  if (o.places_available > 0)
    out.push_back({"places", std::to_string(o.places_available) +
                                 (o.places_available == 1 ? " place left" : " places left")});
  return out;
}

}  // namespace pathways
