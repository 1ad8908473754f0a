// Partner-feed import, end to end through the plugin host (worker process, pipe, checks, one
// transaction), beside a raw SQLite bulk insert of the same rows (one prepared statement, the
// same table and indexes, one transaction) measured in the same run. Not a test.
//
//   feed_import_bench [--plugin PATH] [--setting KEY=VALUE]... [--records N] [--runs N]
//
// With the CSV plugin (the default when it is built) the bench writes a CSV of N openings and
// adds path=<that file>; with the generator fixture it adds count=N and plain=true.
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "pathways/agencies.hpp"
#include "pathways/feeds.hpp"

namespace {

using namespace pathways;
using seconds = std::chrono::duration<double>;

struct options {
  std::string plugin;
  std::vector<std::pair<std::string, std::string>> settings;
  long records = 100000;
  int runs = 3;
  bool csv = false;
};

// The rows the generator fixture emits (and the CSV holds, in the CSV plugin's standard header), n
// = 1..records.
struct row {
  std::string ref, title;
  double lat = 0;
};
row row_of(long n) {
  return {"F-" + std::to_string(n), "Kitchen assistant " + std::to_string(n),
          52.63 + static_cast<double>(n % 100) * 0.001};
}

void write_csv(const std::filesystem::path& file, long records) {
  std::ofstream out(file);
  out << "id,domain,title,description,lat,lon,address,hours_per_week,pay,pay_unit,places_total,"
         "closing_date\n";
  for (long n = 1; n <= records; ++n) {
    const row r = row_of(n);
    out << r.ref << ",work," << r.title
        << ",Prepping vegetables and washing up in a friendly cafe.," << r.lat
        << ",1.297,\"12 Magdalen Street, Norwich\",12,11.44,hour,2,2099-01-31\n";
  }
}

void check(int rc, sqlite3* db) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
}

// The ceiling: the same rows into a table shaped like opportunity, one prepared statement.
double raw_insert_seconds(const std::filesystem::path& file, long records) {
  sqlite3* db = nullptr;
  check(sqlite3_open(file.c_str(), &db), db);
  // The opportunity table and its indexes as schema version 2 makes them.
  const char* schema =
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
      "CREATE TABLE opening (id TEXT PRIMARY KEY, agency_id TEXT NOT NULL, external_ref TEXT NOT "
      "NULL,"
      " domain TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', lat REAL, "
      "lon REAL,"
      " address TEXT NOT NULL DEFAULT '', remote INTEGER NOT NULL DEFAULT 0, hours_per_week REAL, "
      "pay_amount REAL,"
      " pay_unit TEXT, places_total INTEGER NOT NULL, places_available INTEGER NOT NULL, min_age "
      "INTEGER,"
      " max_age INTEGER, start_date TEXT, end_date TEXT, closing_date TEXT, status TEXT NOT NULL,"
      " source TEXT NOT NULL, last_updated TEXT NOT NULL, assured_date TEXT, created_at TEXT NOT "
      "NULL,"
      " UNIQUE (agency_id, external_ref));"
      "CREATE INDEX opening_by_status ON opening(status, domain);"
      "CREATE INDEX opening_by_lat ON opening(lat);";
  check(sqlite3_exec(db, schema, nullptr, nullptr, nullptr), db);
  // Random 128-bit ids, as the engine makes them, drawn before the clock starts.
  std::mt19937_64 random(20261123);
  std::vector<std::string> ids;
  for (long n = 0; n < records; ++n)
    ids.push_back(fmt::format("{:016x}{:016x}", random(), random()));
  const auto start = std::chrono::steady_clock::now();
  check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db);
  sqlite3_stmt* insert = nullptr;
  check(sqlite3_prepare_v2(
            db,
            "INSERT INTO opening VALUES (?1,?2,?3,'work',?4,?5,?6,1.297,?7,0,12,11.44,'hour',2,2,"
            "NULL,NULL,NULL,NULL,'2099-01-31','open','feed:bench',?8,NULL,?8)",
            -1, &insert, nullptr),
        db);
  const std::string agency(32, 'a'),
      description = "Prepping vegetables and washing up in a friendly cafe.",
      address = "12 Magdalen Street, Norwich", now = "2026-11-23T23:00:00Z";
  for (long n = 1; n <= records; ++n) {
    const row r = row_of(n);
    sqlite3_bind_text(insert, 1, ids[static_cast<std::size_t>(n - 1)].c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 2, agency.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 3, r.ref.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 4, r.title.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 5, description.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_double(insert, 6, r.lat);
    sqlite3_bind_text(insert, 7, address.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 8, now.c_str(), -1, SQLITE_STATIC);
    check(sqlite3_step(insert), db);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db);
  const double took = seconds(std::chrono::steady_clock::now() - start).count();
  sqlite3_close(db);
  return took;
}

// One import through the host into a fresh database; returns its seconds.
double host_import_seconds(const options& o, const std::filesystem::path& dir,
                           const taxonomy& terms) {
  database db({dir / "host.db", 2, std::nullopt});
  agency_service agencies(db);
  const principal admin{"bench", role::admin, std::nullopt, std::nullopt, {}};
  feed_settings feed;
  feed.name = "bench";
  feed.plugin = o.plugin;
  feed.agency_id =
      agencies.create(admin, {"", "Bench agency", agency_kind::employer, "", "", "", "", "", ""})
          .id;
  feed.interval_minutes = 0;
  feed.limits = {600, 4096, static_cast<int>(o.records)};
  feed.plugin_settings = o.settings;
  feed_service feeds(db, terms, {feed}, {PATHWAYS_EXE, dir, 20});
  const auto start = std::chrono::steady_clock::now();
  const feed_run run = feeds.sync(admin, "bench");
  const double took = seconds(std::chrono::steady_clock::now() - start).count();
  if (!run.succeeded || run.counts.added != o.records)
    throw std::runtime_error(fmt::format("import did not add every record: added {} of {}; {}",
                                         run.counts.added, o.records, run.reason));
  return took;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

options parse(int argc, char** argv) {
  options o;
#if defined(PATHWAYS_BENCH_CSV_PLUGIN)
  o.plugin = PATHWAYS_BENCH_CSV_PLUGIN;
  o.csv = true;
#elif defined(PATHWAYS_BENCH_GENERATOR_PLUGIN)
  o.plugin = PATHWAYS_BENCH_GENERATOR_PLUGIN;
#endif
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--plugin") {
      o.plugin = value;
      o.csv = value.find("csv") != std::string::npos;
    } else if (flag == "--setting" && value.find('=') != std::string::npos) {
      o.settings.emplace_back(value.substr(0, value.find('=')), value.substr(value.find('=') + 1));
    } else if (flag == "--records") {
      o.records = std::stol(value);
    } else if (flag == "--runs") {
      o.runs = std::stoi(value);
    } else {
      throw std::runtime_error(
          "usage: feed_import_bench [--plugin PATH] [--setting K=V]... [--records N] [--runs N]");
    }
  }
  if (o.plugin.empty()) throw std::runtime_error("no plugin: pass --plugin PATH");
  return o;
}

}  // namespace

int main(int argc, char** argv) try {
  spdlog::set_level(spdlog::level::info);  // the host logs each sync with its read and apply times
  options o = parse(argc, argv);
  const auto dir =
      std::filesystem::temp_directory_path() / fmt::format("pathways-feed-bench-{}", ::getpid());
  std::filesystem::create_directories(dir);
  if (o.csv) {
    write_csv(dir / "openings.csv", o.records);
    o.settings.emplace_back("path", (dir / "openings.csv").string());
  } else {
    o.settings.emplace_back("count", std::to_string(o.records));
    o.settings.emplace_back("plain", "true");
  }
  const taxonomy terms = taxonomy::load(PATHWAYS_CONFIG_DIR "/taxonomy.toml");
  std::vector<double> host, raw;
  for (int run = 0; run < o.runs; ++run) {
    std::filesystem::remove_all(dir / "run");
    std::filesystem::create_directories(dir / "run");
    host.push_back(host_import_seconds(o, dir / "run", terms));
    raw.push_back(raw_insert_seconds(dir / "run" / "raw.db", o.records));
    fmt::print("run {}: host {:.3f} s, raw SQLite {:.3f} s\n", run + 1, host.back(), raw.back());
  }
  std::filesystem::remove_all(dir);
  const double host_rate = static_cast<double>(o.records) / median(host);
  const double raw_rate = static_cast<double>(o.records) / median(raw);
  rusage self{};
  getrusage(RUSAGE_SELF, &self);
  fmt::print("plugin {}\n{} openings, median of {} runs:\n", o.plugin, o.records, o.runs);
  fmt::print("  through the plugin host: {:>9.0f} openings/s\n", host_rate);
  fmt::print(
      "  raw SQLite bulk insert:  {:>9.0f} rows/s (same rows and random ids into the opportunity "
      "table and its indexes, one prepared statement, one transaction)\n",
      raw_rate);
  fmt::print("  ratio: {:.0f}% (goal >= 50%)\n", 100.0 * host_rate / raw_rate);
  // The worker's own peak is in each event=feed_synced line (worker_peak_mb): a spawned child's
  // getrusage figure would count the parent's pages it briefly shared before exec.
  fmt::print("  peak RSS: host process {} MB\n", self.ru_maxrss / 1024);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "feed_import_bench: %s\n", e.what());
  return 1;
}
