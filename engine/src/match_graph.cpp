// The matching graph on a Boost.Graph adjacency list, with an opening's edges to the terms it
// values kept as flat per-term postings for the match loop (as Boost edges they would cost about
// 80 bytes each).
#include "pathways/match_graph.hpp"

#include <boost/graph/adjacency_list.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>

#include "pathways/error.hpp"
#include "slot_index.hpp"

namespace pathways {
namespace {

enum class vertex_kind : std::uint8_t { term, domain, agency, opportunity, person };
// What an edge says: a term related to a term; a person's strength or interest; an opening's
// domain or agency; a person's goal domain.
enum class edge_kind : std::uint8_t {
  related,
  strength_of,
  interest_of,
  in_domain,
  offered_by,
  goal_in
};

struct vertex_info {
  vertex_kind kind = vertex_kind::term;
  std::uint32_t slot = 0;
};
struct edge_info {
  edge_kind kind = edge_kind::related;
  float weight = 0;
};

using graph_type =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, vertex_info, edge_info>;
using vertex = graph_type::vertex_descriptor;

constexpr std::size_t domain_count = vocabulary<domain>::names.size();
static_assert(vocabulary<adjustment>::names.size() <= 16,
              "term_posting keeps adjustments in 16 bits");

}  // namespace

struct match_graph::impl {
  graph_type g;
  std::vector<vertex> term_vertex;
  slot_index term_index;  // into term_id
  std::vector<std::string> term_id;
  std::vector<std::string> term_words;
  std::vector<vertex> domain_vertex;
  std::unordered_map<std::string, vertex> agency_vertex;
  std::vector<vertex> opportunity_vertex;
  slot_index opening_index;  // into match_graph::opening_ids_
  std::unordered_map<std::uint32_t, std::vector<time_slot>> schedules;  // openings that give times
  std::vector<vertex> person_vertex;
  std::vector<person> people;
  std::unordered_map<std::string, std::uint32_t> person_slot;

  vertex agency_of(const std::string& id) {
    auto [it, added] = agency_vertex.try_emplace(id);
    if (added) it->second = boost::add_vertex(vertex_info{vertex_kind::agency, 0}, g);
    return it->second;
  }

  // The terms an edge from `v` leads to, with the edge kinds asked for.
  template <class F>
  void each_out(vertex v, edge_kind kind, F&& fn) const {
    for (auto [e, end] = boost::out_edges(v, g); e != end; ++e)
      if (g[*e].kind == kind) fn(g[boost::target(*e, g)], g[*e].weight);
  }
  template <class F>
  void each_in(vertex v, edge_kind kind, F&& fn) const {
    for (auto [e, end] = boost::in_edges(v, g); e != end; ++e)
      if (g[*e].kind == kind) fn(g[boost::source(*e, g)], g[*e].weight);
  }
};

match_graph::match_graph(const taxonomy& terms)
    : impl_(std::make_unique<impl>()), postings_(terms.terms().size() * domain_count) {
  auto& m = *impl_;
  for (const auto& t : terms.terms()) {
    const auto slot = static_cast<std::uint32_t>(m.term_vertex.size());
    m.term_vertex.push_back(boost::add_vertex(vertex_info{vertex_kind::term, slot}, m.g));
    m.term_id.push_back(t.id);
    m.term_index.add(slot, m.term_id);
    std::string words = t.label;
    if (!words.empty())
      words[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(words[0])));
    m.term_words.push_back(std::move(words));
  }
  for (const auto& t : terms.terms())
    for (const auto& r : t.related)
      boost::add_edge(m.term_vertex[*term_slot(t.id)], m.term_vertex[*term_slot(r)],
                      edge_info{edge_kind::related, 1.0f}, m.g);
  for (std::size_t d = 0; d < domain_count; ++d)
    m.domain_vertex.push_back(
        boost::add_vertex(vertex_info{vertex_kind::domain, static_cast<std::uint32_t>(d)}, m.g));
  if (m.term_vertex.size() > 65536)
    throw error(error_code::invalid_argument, "the strengths taxonomy has more than 65,536 terms");
  related_from_.push_back(0);
  for (std::uint32_t t = 0; t < m.term_vertex.size(); ++t) {
    m.each_out(m.term_vertex[t], edge_kind::related,
               [&](const vertex_info& r, float) { related_.push_back(r.slot); });
    related_from_.push_back(static_cast<std::uint32_t>(related_.size()));
  }
}

std::uint32_t adjustment_mask(const std::vector<adjustment>& list) {
  std::uint32_t mask = 0;
  for (adjustment a : list) mask |= 1u << static_cast<unsigned>(a);
  return mask;
}

namespace {

std::int32_t yyyymmdd(const std::optional<std::string>& date) {
  if (!date || date->size() != 10) return 99991231;
  return std::stoi(date->substr(0, 4)) * 10000 + std::stoi(date->substr(5, 2)) * 100 +
         std::stoi(date->substr(8, 2));
}

opening_gate gate_for(const opportunity& o) {
  opening_gate g;
  g.remote = o.remote;
  g.located = !o.remote && o.location.has_value();
  if (g.located) {
    g.lat = o.location->lat;
    g.lon = o.location->lon;
  }
  g.open = o.status == opportunity_status::open;
  g.places_available = o.places_available;
  g.closing = yyyymmdd(o.closing_date);
  g.hours = o.hours_per_week.value_or(-1);
  g.min_age = static_cast<std::int16_t>(o.min_age.value_or(-1));
  g.max_age = static_cast<std::int16_t>(o.max_age.value_or(-1));
  g.adjustments = adjustment_mask(o.adjustments);
  g.has_schedule = !o.schedule.empty();
  g.area = o.area;
  return g;
}

}  // namespace

match_graph::~match_graph() = default;

void match_graph::upsert(const opportunity& o) {
  auto& m = *impl_;
  const auto found = m.opening_index.find(o.id, opening_ids_);
  const std::uint32_t slot = found ? *found : static_cast<std::uint32_t>(opening_ids_.size());
  if (!found) {
    opening_ids_.push_back(o.id);
    m.opening_index.add(slot, opening_ids_);
    m.opportunity_vertex.push_back(
        boost::add_vertex(vertex_info{vertex_kind::opportunity, slot}, m.g));
    gates_.emplace_back();
    strengths_.emplace_back();
  } else {
    for_each_valued(slot, [&](std::uint32_t term, float) {
      postings_.remove(posting_list(term, gates_[slot].area), slot);
    });
    boost::clear_vertex(m.opportunity_vertex[slot], m.g);
  }
  const vertex v = m.opportunity_vertex[slot];
  std::vector<term_weight> valued;
  float total = 0;
  for (const auto& s : o.strengths) {
    const auto term = term_slot(s.term);
    if (!term) continue;  // a term since removed from the taxonomy
    const auto weight = static_cast<float>(s.weight);
    valued.push_back({*term, weight});
    total += weight;
  }
  boost::add_edge(v, m.domain_vertex[static_cast<std::size_t>(o.area)],
                  edge_info{edge_kind::in_domain, 1.0f}, m.g);
  boost::add_edge(v, m.agency_of(o.agency_id), edge_info{edge_kind::offered_by, 1.0f}, m.g);
  if (o.schedule.empty())
    m.schedules.erase(slot);
  else
    m.schedules[slot] = o.schedule;
  gates_[slot] = gate_for(o);
  gates_[slot].revision = ++last_revision_;
  set_strengths(slot, valued, total);
  const opening_gate& gate = gates_[slot];
  const auto flags = static_cast<std::uint8_t>(
      (gate.open && gate.places_available > 0 ? term_posting::available : 0) |
      (gate.located ? term_posting::located : 0) | (gate.remote ? term_posting::remote : 0) |
      (gate.hours >= 0 ? term_posting::hours_known : 0));
  const auto half_hours =
      static_cast<std::uint8_t>(gate.hours >= 0 ? std::min(255.0, std::floor(gate.hours * 2)) : 0);
  const packed_place place = gate.located ? packed_place_of({gate.lat, gate.lon}) : packed_place{};
  for (const term_weight& t : valued) {
    const auto share = static_cast<std::uint16_t>(
        std::min(65535.0, std::ceil(static_cast<double>(t.weight) / total * 65535.0)));
    postings_.add(
        posting_list(t.term, o.area),
        {slot, share, place, static_cast<std::uint16_t>(gate.adjustments), flags, half_hours});
  }
}

void match_graph::set_strengths(std::uint32_t slot, const std::vector<term_weight>& terms,
                                float total) {
  opening_strengths& s = strengths_[slot];
  s.total_weight = total;
  s.count = static_cast<std::uint16_t>(terms.size());
  const std::size_t first = std::min(terms.size(), opening_strengths::inline_count);
  for (std::size_t i = 0; i < first; ++i) {
    s.terms[i] = static_cast<std::uint16_t>(terms[i].term);
    s.weights[i] = terms[i].weight;
  }
  const std::size_t more = terms.size() - first;
  if (more > s.overflow_capacity) {  // moves to the end of the pool
    overflow_unused_ += s.overflow_capacity;
    s.overflow = static_cast<std::uint32_t>(overflow_.size());
    s.overflow_capacity = static_cast<std::uint16_t>(more);
    overflow_.resize(overflow_.size() + more);
  }
  std::copy(terms.begin() + static_cast<std::ptrdiff_t>(first), terms.end(),
            overflow_.begin() + s.overflow);
  if (overflow_unused_ * 2 <= overflow_.size()) return;
  std::vector<term_weight> compact;  // rewritten without the ranges left behind
  compact.reserve(overflow_.size() - overflow_unused_);
  for (opening_strengths& o : strengths_) {
    const auto from = overflow_.begin() + o.overflow;
    const std::size_t used =
        o.count - std::min<std::size_t>(o.count, opening_strengths::inline_count);
    o.overflow = static_cast<std::uint32_t>(compact.size());
    o.overflow_capacity = static_cast<std::uint16_t>(used);
    compact.insert(compact.end(), from, from + static_cast<std::ptrdiff_t>(used));
  }
  overflow_ = std::move(compact);
  overflow_unused_ = 0;
}

void match_graph::upsert(const person& given) {
  auto& m = *impl_;
  auto [it, added] =
      m.person_slot.try_emplace(given.id, static_cast<std::uint32_t>(m.people.size()));
  const std::uint32_t slot = it->second;
  if (added) {
    m.person_vertex.push_back(boost::add_vertex(vertex_info{vertex_kind::person, slot}, m.g));
    m.people.push_back(given);
  } else {
    boost::clear_vertex(m.person_vertex[slot], m.g);
    m.people[slot] = given;
  }
  const vertex v = m.person_vertex[slot];
  const person& p = m.people[slot];
  for (const auto& s : p.strengths)
    if (const auto t = term_slot(s.term))
      boost::add_edge(m.term_vertex[*t], v,
                      edge_info{edge_kind::strength_of, static_cast<float>(s.level) / 5.0f}, m.g);
  for (const auto& i : p.interests)
    if (i.term)
      if (const auto t = term_slot(*i.term))
        boost::add_edge(m.term_vertex[*t], v, edge_info{edge_kind::interest_of, 0.0f}, m.g);
  for (const auto& goal : p.goals)
    if (goal.status == goal_status::active)
      boost::add_edge(v, m.domain_vertex[static_cast<std::size_t>(goal.area)],
                      edge_info{edge_kind::goal_in, static_cast<float>(6 - goal.priority) / 5.0f},
                      m.g);
}

std::optional<std::uint32_t> match_graph::opportunity_slot(const std::string& id) const {
  return impl_->opening_index.find(id, opening_ids_);
}

std::optional<std::uint32_t> match_graph::person_slot(const std::string& id) const {
  auto it = impl_->person_slot.find(id);
  if (it == impl_->person_slot.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint32_t> match_graph::term_slot(const std::string& term) const {
  return impl_->term_index.find(term, impl_->term_id);
}

const std::vector<time_slot>& match_graph::schedule_of(std::uint32_t slot) const {
  static const std::vector<time_slot> none;
  const auto found = impl_->schedules.find(slot);
  return found == impl_->schedules.end() ? none : found->second;
}
const person& match_graph::person_at(std::uint32_t slot) const {
  return impl_->people.at(slot);
}
const std::string& match_graph::term_at(std::uint32_t slot) const {
  return impl_->term_id.at(slot);
}
const std::string& match_graph::term_words(std::uint32_t slot) const {
  return impl_->term_words.at(slot);
}
std::size_t match_graph::opportunity_count() const {
  return opening_ids_.size();
}
std::size_t match_graph::person_count() const {
  return impl_->people.size();
}

void match_graph::related_terms(std::uint32_t term, std::vector<weighted_slot>& out) const {
  for (std::uint32_t r : related_to(term)) out.push_back({r, 1.0f});
}

void match_graph::people_with(std::uint32_t term, std::vector<weighted_slot>& out) const {
  const auto& m = *impl_;
  const vertex v = m.term_vertex.at(term);
  m.each_out(v, edge_kind::strength_of, [&](const vertex_info& p, float w) {
    out.push_back({p.slot, w});
  });
  m.each_out(v, edge_kind::interest_of, [&](const vertex_info& p, float) {
    out.push_back({p.slot, 0.0f});
  });
}

void match_graph::opportunities_in(domain area, std::vector<std::uint32_t>& out) const {
  const auto& m = *impl_;
  m.each_in(m.domain_vertex[static_cast<std::size_t>(area)], edge_kind::in_domain,
            [&](const vertex_info& o, float) { out.push_back(o.slot); });
}

}  // namespace pathways
