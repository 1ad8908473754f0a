// How fast "openings near a place" answers from SQLite (bounding box on an index, then exact
// distance) beside a brute-force scan of every open opening, on the same generated data.
// Run: build/release/bench/opportunity_search_bench --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "pathways/agencies.hpp"
#include "pathways/geo.hpp"
#include "pathways/opportunities.hpp"

namespace {

using namespace pathways;

const principal admin{"", role::admin, std::nullopt, std::nullopt, {}};
constexpr geo_point norwich{52.63, 1.30};

// A database of `count` open openings scattered within ~30 km of Norwich, built once per size.
struct board_fixture {
  std::filesystem::path file;
  taxonomy terms;
  std::unique_ptr<database> db;
  std::unique_ptr<opportunity_service> board;

  explicit board_fixture(int count)
      : file(std::filesystem::temp_directory_path() /
             ("pathways-bench-" + std::to_string(count) + ".db")),
        terms(taxonomy::from_terms({{"cooking", "Cooking", {domain::work}, {}}})) {
    std::filesystem::remove(file);
    db = std::make_unique<database>(database::options{file, 2, std::nullopt});
    board = std::make_unique<opportunity_service>(*db, terms);
    const agency a = agency_service(*db).create(
        admin, {"", "Bench", agency_kind::employer, "", "", "", "", "", ""});
    std::mt19937_64 random(42);
    auto jitter = [&] { return (static_cast<double>(random() >> 11) * 0x1.0p-53 - 0.5) * 0.6; };
    for (int i = 0; i < count; ++i) {
      opportunity o;
      o.agency_id = a.id;
      o.external_ref = "B" + std::to_string(i);
      o.title = "Kitchen assistant";
      o.location = geo_point{norwich.lat + jitter(), norwich.lon + jitter()};
      o.strengths = {{"cooking", 1.0}};
      board->publish(admin, o);
    }
  }
  ~board_fixture() {
    board.reset();
    db.reset();
    std::filesystem::remove(file);
    std::filesystem::remove(file.string() + "-wal");
    std::filesystem::remove(file.string() + "-shm");
  }
};

board_fixture& fixture(int count) {
  static std::map<int, std::unique_ptr<board_fixture>> built;
  auto& f = built[count];
  if (!f) f = std::make_unique<board_fixture>(count);
  return *f;
}

void near_query(benchmark::State& state) {
  auto& f = fixture(static_cast<int>(state.range(0)));
  opportunity_query q;
  q.status = opportunity_status::open;
  q.near = near_filter{norwich, 3, false};
  for (auto _ : state) benchmark::DoNotOptimize(f.board->list(admin, q));
}

void brute_force_scan(benchmark::State& state) {
  auto& f = fixture(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    std::vector<opportunity> near;
    opportunity_query q;
    q.status = opportunity_status::open;
    q.paging = {1, 1000};
    for (;; ++q.paging.number) {
      auto page = f.board->list(admin, q);
      for (auto& o : page.items)
        if (o.location && distance_km(*o.location, norwich) <= 3) near.push_back(std::move(o));
      if (page.items.size() < 1000) break;
    }
    benchmark::DoNotOptimize(near);
  }
}

BENCHMARK(near_query)->Arg(3000)->Arg(20000)->Unit(benchmark::kMicrosecond);
BENCHMARK(brute_force_scan)->Arg(3000)->Arg(20000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
