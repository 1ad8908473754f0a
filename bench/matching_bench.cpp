// How fast matching_service::rank finds one person's top-10 among 100,000 open openings (8 valued
// strengths each, 2,000-term taxonomy), beside a brute-force scan, for uniform and Zipf term use;
// first, what a graph of those 100,000 openings adds to the resident set (goal: 1 KiB an opening).
// Run:
//   build/release/bench/matching_bench --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <unistd.h>
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <numbers>
#include <numeric>
#include <random>
#include <unordered_map>

#include <fmt/format.h>

#include "pathways/clock.hpp"
#include "pathways/database.hpp"
#include "pathways/match_graph.hpp"
#include "pathways/match_scoring.hpp"
#include "pathways/matching.hpp"
#include "pathways/validation.hpp"

namespace {

using namespace pathways;

constexpr int term_count = 2000;
constexpr int opening_count = 100000;
constexpr int strengths_per_opening = 8;
constexpr int people_in_sample = 200;
constexpr int people_verified = 25;  // checked against the brute-force scan at setup, untimed
static_assert(people_verified <= people_in_sample);
constexpr int match_limit = 10;
constexpr double zipf_exponent = 1.0;
constexpr geo_point norwich{52.63, 1.30};
constexpr std::size_t domain_count = vocabulary<domain>::names.size();
constexpr std::size_t adjustment_count = vocabulary<adjustment>::names.size();

enum class spread { uniform, zipf };

std::string term_id(std::size_t i) {
  return fmt::format("term_{:04}", i);
}

// 2,000 terms, 200 per domain (a tenth also serve a second domain), each listing one or two related
// terms of its own domain; from_terms makes the links symmetric, so each term has about 3.
taxonomy make_taxonomy() {
  std::mt19937_64 random(7);
  std::vector<taxonomy_term> terms;
  for (std::size_t i = 0; i < term_count; ++i) {
    taxonomy_term t{
        term_id(i), fmt::format("Term {}", i), {static_cast<domain>(i % domain_count)}, {}};
    if (i % 10 == 0) t.domains.push_back(static_cast<domain>((i / 10) % domain_count));
    if (t.domains.size() == 2 && t.domains[0] == t.domains[1]) t.domains.pop_back();
    const std::size_t listed = 1 + i % 2;
    while (t.related.size() < listed) {
      const std::size_t other =
          (i % domain_count) + domain_count * (random() % (term_count / domain_count));
      const std::string id = term_id(other);
      if (other != i && std::find(t.related.begin(), t.related.end(), id) == t.related.end())
        t.related.push_back(id);
    }
    terms.push_back(std::move(t));
  }
  return taxonomy::from_terms(std::move(terms));
}

// Picks term indexes: uniformly, or Zipf-skewed (weight 1/rank^s) with popularity shuffled across
// terms so the common ones are spread over the domains.
class term_picker {
 public:
  term_picker(spread s, std::mt19937_64& random) : spread_(s), by_rank_(term_count) {
    std::iota(by_rank_.begin(), by_rank_.end(), 0u);
    std::shuffle(by_rank_.begin(), by_rank_.end(), random);
    std::vector<double> weights(term_count);
    for (std::size_t k = 0; k < term_count; ++k)
      weights[k] = 1.0 / std::pow(static_cast<double>(k + 1), zipf_exponent);
    zipf_ = std::discrete_distribution<std::uint32_t>(weights.begin(), weights.end());
  }
  // `count` distinct terms.
  std::vector<std::uint32_t> distinct(std::size_t count, std::mt19937_64& random) {
    std::vector<std::uint32_t> out;
    while (out.size() < count) {
      const std::uint32_t t = spread_ == spread::uniform
                                  ? static_cast<std::uint32_t>(random() % term_count)
                                  : by_rank_[zipf_(random)];
      if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    }
    return out;
  }

 private:
  spread spread_;
  std::vector<std::uint32_t> by_rank_;
  std::discrete_distribution<std::uint32_t> zipf_;
};

double uniform_between(std::mt19937_64& random, double low, double high) {
  return std::uniform_real_distribution<double>(low, high)(random);
}

// A point uniformly inside a disc of `radius_km` around Norwich.
geo_point near_norwich(std::mt19937_64& random, double radius_km) {
  const double r = radius_km * std::sqrt(uniform_between(random, 0, 1));
  const double angle = uniform_between(random, 0, 2 * std::numbers::pi);
  constexpr double km_per_degree = 111.2;
  return {norwich.lat + r * std::cos(angle) / km_per_degree,
          norwich.lon + r * std::sin(angle) /
                            (km_per_degree * std::cos(norwich.lat * std::numbers::pi / 180))};
}

std::vector<adjustment> some_adjustments(std::mt19937_64& random, std::size_t count) {
  std::vector<adjustment> out;
  while (out.size() < count) {
    const auto a = static_cast<adjustment>(random() % adjustment_count);
    if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  }
  return out;  // validate() sorts them, as check() expects
}

opportunity make_opening(std::mt19937_64& random, term_picker& pick, std::uint64_t number) {
  opportunity o;
  o.id = fmt::format("{:032x}", number);
  o.agency_id = fmt::format("{:032x}", 0xa9e0000000000000ull + random() % 500);
  o.external_ref = fmt::format("BENCH-{}", number);
  o.area = static_cast<domain>(random() % domain_count);
  o.title = fmt::format("Opening {}", number);
  o.location = near_norwich(random, 25);
  o.remote = random() % 20 == 0;
  o.hours_per_week = 4 + 0.5 * static_cast<double>(random() % 68);  // 4 .. 37.5
  o.places_total = 1 + static_cast<int>(random() % 5);
  o.places_available = o.places_total;
  for (std::uint32_t t : pick.distinct(strengths_per_opening, random))
    o.strengths.push_back({term_id(t), uniform_between(random, 0.3, 1.0)});
  o.adjustments = some_adjustments(random, 2 + random() % 5);
  if (random() % 10 == 0) o.min_age = 18;
  o.status = opportunity_status::open;
  o.source = "bench";
  o.last_updated = o.created_at = "2026-01-05T09:00:00Z";
  return o;
}

person make_person(std::mt19937_64& random, term_picker& pick, std::uint64_t number) {
  person p;
  p.id = fmt::format("{:032x}", 0xbe00000000000000ull + number);
  p.team_id = fmt::format("{:032x}", 0x7e);
  p.display_name = fmt::format("Bench person {}", number);
  p.year_of_birth = 1960 + static_cast<int>(random() % 45);
  p.home = near_norwich(random, 6);
  for (std::uint32_t t : pick.distinct(5, random))
    p.strengths.push_back({term_id(t), "", 1 + static_cast<int>(random() % 5)});
  const std::size_t goals = 1 + random() % 3;
  for (std::size_t g = 0; g < goals; ++g)
    p.goals.push_back({fmt::format("{:032x}", 0x90000000ull + number * 4 + g),
                       static_cast<domain>(random() % domain_count), "A goal in their own words",
                       1 + static_cast<int>(random() % 5), goal_status::active});
  p.adjustments = some_adjustments(random, random() % 3);  // 0, 1 or 2
  p.prefs.max_travel_km = 10 + static_cast<double>(random() % 16);
  if (random() % 2 == 0) p.prefs.hours_max = 16 + 0.5 * static_cast<double>(random() % 44);
  p.created_at = p.updated_at = "2026-01-05T09:00:00Z";
  return p;
}

// An opening's valued strengths as taxonomy indexes, for the brute-force scan.
struct flat_opening {
  std::array<std::uint32_t, strengths_per_opening> terms;
  std::array<float, strengths_per_opening> weights;
  float total_weight;
};

struct match_fixture {
  std::filesystem::path file;
  taxonomy terms = make_taxonomy();
  std::unordered_map<std::string, std::uint32_t> term_index;
  std::unique_ptr<database> db;
  std::unique_ptr<matching_service> matching;
  std::vector<opportunity> openings;
  std::vector<flat_opening> flat;
  std::vector<person> people;
  double mean_reached_openings = 0;
  double setup_seconds = 0;

  explicit match_fixture(spread s)
      : file(std::filesystem::temp_directory_path() /
             fmt::format("pathways-matching-bench-{}-{}.db",
                         s == spread::uniform ? "uniform" : "zipf", ::getpid())) {
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < terms.terms().size(); ++i)
      term_index.emplace(terms.terms()[i].id, static_cast<std::uint32_t>(i));
    remove_files();
    db = std::make_unique<database>(database::options{file, 1, std::nullopt});
    matching = std::make_unique<matching_service>(*db, terms);  // over an empty store
    std::mt19937_64 random(s == spread::uniform ? 11 : 13);
    term_picker pick(s, random);
    record_listener& listener = *matching;
    openings.reserve(opening_count);
    for (int i = 0; i < opening_count; ++i) {
      opportunity o = make_opening(random, pick, static_cast<std::uint64_t>(i + 1));
      validate(o, terms);
      listener.opportunity_saved(o);
      flat_opening f{};
      for (std::size_t j = 0; j < strengths_per_opening; ++j) {
        f.terms[j] = term_index.at(o.strengths[j].term);
        f.weights[j] = static_cast<float>(o.strengths[j].weight);
        f.total_weight += static_cast<float>(o.strengths[j].weight);
      }
      flat.push_back(f);
      openings.push_back(std::move(o));
    }
    for (int i = 0; i < people_in_sample; ++i) {
      person p = make_person(random, pick, static_cast<std::uint64_t>(i + 1));
      validate(p, terms);
      listener.person_saved(p);
      people.push_back(std::move(p));
    }
    setup_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    verify(s);
  }
  ~match_fixture() {
    matching.reset();
    db.reset();
    remove_files();
  }
  match_fixture(const match_fixture&) = delete;
  match_fixture& operator=(const match_fixture&) = delete;

  void remove_files() const {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(file.string() + suffix, ignored);
  }

  // The person's best factor for every term: a strength at level/5, a related term at half that.
  std::vector<float> factors_of(const person& p) const {
    std::vector<float> factor(term_count, 0.0f);
    auto offer = [&](std::uint32_t t, float f) { factor[t] = std::max(factor[t], f); };
    for (const auto& s : p.strengths) {
      const auto* term = terms.find(s.term);
      if (!term) continue;
      const float level = static_cast<float>(s.level) / 5.0f;
      offer(term_index.at(s.term), level * static_cast<float>(scoring::direct_strength));
      for (const auto& r : term->related)
        offer(term_index.at(r), level * static_cast<float>(scoring::related_strength));
    }
    for (const auto& i : p.interests)
      if (i.term && terms.contains(*i.term))
        offer(term_index.at(*i.term), static_cast<float>(scoring::interest_only));
    return factor;
  }

  // The brute-force reference: every opening scored from scratch and checked, the best `limit`
  // kept, best first as (score, opening index), ties by index as rank() breaks them by slot. Like
  // rank(), it ranks only openings some strength of the person reaches, unless `every_opening` is
  // set.
  std::vector<std::pair<double, std::uint32_t>> brute_force(const person& p, std::size_t limit,
                                                            bool every_opening) const {
    const scoring::check_context ctx{today_utc(), current_year(), std::nullopt};
    const std::vector<float> factor = factors_of(p);
    auto better = [](const std::pair<double, std::uint32_t>& a,
                     const std::pair<double, std::uint32_t>& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    std::vector<std::pair<double, std::uint32_t>> kept;  // a heap whose front is the worst kept
    kept.reserve(limit + 1);
    for (std::uint32_t i = 0; i < flat.size(); ++i) {
      const flat_opening& f = flat[i];
      float sum = 0;
      for (std::size_t j = 0; j < strengths_per_opening; ++j)
        sum += f.weights[j] * factor[f.terms[j]];
      if (sum == 0 && !every_opening) continue;
      const double strengths =
          f.total_weight > 0 ? std::min(1.0, static_cast<double>(sum / f.total_weight)) : 0.0;
      const opportunity& o = openings[i];
      const double score = scoring::total(strengths, p, o);
      if (kept.size() == limit && !better({score, i}, kept.front())) continue;
      if (scoring::check(p, o, ctx)) continue;
      kept.emplace_back(score, i);
      std::push_heap(kept.begin(), kept.end(), better);
      if (kept.size() > limit) {
        std::pop_heap(kept.begin(), kept.end(), better);
        kept.pop_back();
      }
    }
    std::sort(kept.begin(), kept.end(), better);
    return kept;
  }

  // rank() must return the brute force's top-10 scores; anything else makes the timings
  // meaningless.
  void verify(spread s) {
    const char* name = s == spread::uniform ? "uniform" : "zipf";
    int differs_without_reach_rule = 0;
    for (int i = 0; i < people_verified; ++i) {
      const person& p = people[static_cast<std::size_t>(i)];
      match_request r;
      r.limit = match_limit;
      const ranking ranked = matching->rank(p, r);
      const auto expected = brute_force(p, match_limit, false);
      bool same = ranked.matches.size() == expected.size();
      for (std::size_t k = 0; same && k < expected.size(); ++k)
        same = std::abs(ranked.matches[k].score - expected[k].first) <= 1e-6;
      if (!same) {
        std::fprintf(
            stderr,
            "matching_bench: %s person %d: rank() top-%d differs from the brute-force scan\n", name,
            i, match_limit);
        for (std::size_t k = 0; k < std::max(expected.size(), ranked.matches.size()); ++k)
          std::fprintf(stderr, "  #%zu rank %.9f %s | brute %.9f %s\n", k + 1,
                       k < ranked.matches.size() ? ranked.matches[k].score : -1.0,
                       k < ranked.matches.size() ? ranked.matches[k].opportunity_id.c_str() : "-",
                       k < expected.size() ? expected[k].first : -1.0,
                       k < expected.size() ? openings[expected[k].second].id.c_str() : "-");
        std::abort();
      }
      const auto unrestricted = brute_force(p, match_limit, true);
      for (std::size_t k = 0; k < expected.size() || k < unrestricted.size(); ++k)
        if (k >= expected.size() || k >= unrestricted.size() ||
            std::abs(unrestricted[k].first - expected[k].first) > 1e-6) {
          ++differs_without_reach_rule;
          break;
        }
    }
    double reached = 0;
    for (const person& p : people) {
      const std::vector<float> factor = factors_of(p);
      for (const flat_opening& f : flat)
        reached += std::any_of(f.terms.begin(), f.terms.end(),
                               [&](std::uint32_t t) { return factor[t] > 0; });
    }
    mean_reached_openings = reached / static_cast<double>(people.size());
    std::fprintf(stderr,
                 "matching_bench: %s: built in %.1f s; rank() top-%d scores equal the brute-force "
                 "scan's for %d of %d "
                 "people checked; a scan of every opening (not only those a strength reaches) "
                 "would differ for %d; "
                 "a person's strengths reach %.0f openings on average\n",
                 name, setup_seconds, match_limit, people_verified, people_verified,
                 differs_without_reach_rule, mean_reached_openings);
  }
};

match_fixture& fixture(spread s) {
  static std::map<spread, std::unique_ptr<match_fixture>> built;
  auto& f = built[s];
  if (!f) f = std::make_unique<match_fixture>(s);
  return *f;
}

void rank_top_10(benchmark::State& state, spread s) {
  auto& f = fixture(s);
  match_request r;
  r.limit = match_limit;
  std::size_t next = 0;
  std::size_t found = 0;
  for (auto _ : state) {
    const person& p = f.people[next++ % f.people.size()];
    ranking list = f.matching->rank(p, r);
    found += list.matches.size();
    benchmark::DoNotOptimize(list);
  }
  state.counters["matches"] =
      benchmark::Counter(static_cast<double>(found), benchmark::Counter::kAvgIterations);
  state.counters["reached_openings"] = f.mean_reached_openings;
}

void brute_force_top_10(benchmark::State& state, spread s) {
  auto& f = fixture(s);
  std::size_t next = 0;
  std::size_t found = 0;
  for (auto _ : state) {
    const person& p = f.people[next++ % f.people.size()];
    auto top = f.brute_force(p, match_limit, false);
    found += top.size();
    benchmark::DoNotOptimize(top);
  }
  state.counters["matches"] =
      benchmark::Counter(static_cast<double>(found), benchmark::Counter::kAvgIterations);
}

BENCHMARK_CAPTURE(rank_top_10, uniform, spread::uniform)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(brute_force_top_10, uniform, spread::uniform)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(rank_top_10, zipf, spread::zipf)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(brute_force_top_10, zipf, spread::zipf)->Unit(benchmark::kMicrosecond);

}  // namespace

namespace {

// The resident set of this process, in bytes (Linux: /proc/self/statm).
std::size_t resident_bytes() {
  std::FILE* statm = std::fopen("/proc/self/statm", "r");
  if (!statm) return 0;
  unsigned long pages = 0;
  unsigned long resident = 0;
  const int read = std::fscanf(statm, "%lu %lu", &pages, &resident);
  std::fclose(statm);
  return read == 2 ? resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)) : 0;
}

// Builds the uniform graph of 100,000 openings on its own, each opening made, added and
// dropped, and prints what the graph adds to the resident set.
void report_graph_memory() {
  const taxonomy terms = make_taxonomy();
  std::mt19937_64 random(11);
  term_picker pick(spread::uniform, random);
  const std::size_t before = resident_bytes();
  match_graph graph(terms);
  for (int i = 0; i < opening_count; ++i) {
    opportunity o = make_opening(random, pick, static_cast<std::uint64_t>(i + 1));
    validate(o, terms);
    graph.upsert(o);
  }
  const std::size_t after = resident_bytes();
  const double added = static_cast<double>(after - before);
  std::fprintf(stderr,
               "matching_bench: memory: a graph of %d openings adds %.1f MiB to the resident set, "
               "%.0f bytes an opening (goal <= 1024)\n",
               opening_count, added / (1024.0 * 1024.0), added / opening_count);
}

}  // namespace

int main(int argc, char** argv) {
  report_graph_memory();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
