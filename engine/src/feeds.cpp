// Partner feeds: a sync runs the plugin out of process, checks each record, applies the batch in
// one transaction and records the run; the scheduler syncs each feed when due, backing off.
#include "pathways/feeds.hpp"

#include <fmt/chrono.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <unordered_map>

#include "feed_host/feed_records.hpp"
#include "feed_host/worker_process.hpp"
#include "pathways/clock.hpp"
#include "pathways/error.hpp"
#include "store/agency_rows.hpp"
#include "store/feed_rows.hpp"

namespace pathways {
namespace {

using system_clock = std::chrono::system_clock;

std::string iso_of(system_clock::time_point t) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(system_clock::to_time_t(t)));
}

// After n failures in a row the next scheduled sync waits interval × 2^n, at most a day.
system_clock::duration delay_after(const feed_settings& f, int failures) {
  const auto interval = std::chrono::minutes(f.interval_minutes);
  const auto cap = std::chrono::hours(24);
  auto delay = interval;
  for (int i = 0; i < failures && delay < cap; ++i) delay *= 2;
  return std::min<system_clock::duration>(std::max<system_clock::duration>(delay, interval), cap);
}

// What one sync gathers from the worker before anything is written.
struct gathered {
  std::deque<opportunity> openings;  // grows without moving what it holds (see feed_rows.hpp)
  std::vector<std::string> digests;
  std::unordered_map<std::string, std::size_t> by_ref;
  feed_counts counts;
  std::vector<feed_problem> rejections, warnings;
};

void keep_problem(std::vector<feed_problem>& list, int most, std::string_view ref,
                  std::string message) {
  if (static_cast<int>(list.size()) < most) list.push_back({std::string(ref), std::move(message)});
}

}  // namespace

struct feed_service::feed_entry {
  feed_settings config;
  bool running = false;
  int consecutive_failures = 0;
  std::optional<feed_run> last_run;
  system_clock::time_point next_due;
};

feed_service::feed_service(database& db, const taxonomy& terms, std::vector<feed_settings> feeds,
                           options opts, record_listener* listener)
    : db_(db), terms_(terms), opts_(std::move(opts)), listener_(listener) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::read);
  for (auto& f : feeds) {
    auto e = std::make_unique<feed_entry>();
    e->last_run = store::last_feed_run(*conn, f.name);
    e->consecutive_failures = store::failures_since_success(*conn, f.name);
    e->next_due = system_clock::now();  // each scheduled feed syncs once when the server starts
    e->config = std::move(f);
    feeds_.push_back(std::move(e));
  }
}

feed_service::~feed_service() {
  stop();
}

feed_service::feed_entry& feed_service::entry(const std::string& name) {
  for (auto& e : feeds_)
    if (e->config.name == name) return *e;
  throw error(error_code::not_found, "no such feed");
}

feed_run feed_service::sync(const principal& caller, const std::string& name,
                            const feed_progress& progress) {
  require_role(caller, {role::admin}, "sync feeds");
  feed_entry& feed = entry(name);
  {
    std::lock_guard lock(mutex_);
    if (feed.running) throw error(error_code::conflict, "this feed is already syncing");
    feed.running = true;
  }
  // Marks the feed idle again however the sync ends.
  struct idle_again {
    feed_service& service;
    feed_entry& feed;
    ~idle_again() {
      std::lock_guard lock(service.mutex_);
      feed.running = false;
      service.wake_.notify_all();
    }
  } guard{*this, feed};
  return run_sync(feed, progress);
}

feed_run feed_service::run_sync(feed_entry& feed, const feed_progress& progress) {
  const feed_settings& f = feed.config;
  const auto started = std::chrono::steady_clock::now();
  auto read_done = started;
  long worker_peak_mb = 0;
  feed_run run;
  run.feed = f.name;
  run.started_at = now_utc();
  gathered g;
  std::vector<std::size_t> changed;
  std::vector<opportunity> closed;
  const std::string source = "feed:" + f.name;
  try {
    {
      auto conn = db_.connect();
      transaction tx(*conn, transaction::kind::read);
      if (!store::find_agency(*conn, f.agency_id))
        throw error(error_code::unprocessable,
                    fmt::format("agency '{}' (the feed's agency) does not exist", f.agency_id));
    }
    feed_host::worker_request request{
        opts_.worker_executable, f.plugin.is_absolute() ? f.plugin : opts_.plugin_dir / f.plugin,
        f.plugin_settings, f.limits, &cancelled_};
    feed_host::worker_handlers handlers;
    handlers.record = [&](plugin::opening_record&& record) {
      const auto received = ++g.counts.received;
      if (progress && received % 10000 == 0) progress(received);
      auto checked = feed_host::check_record(std::move(record), f.agency_id, source, terms_);
      if (!checked.opening) {
        ++g.counts.rejected;
        keep_problem(g.rejections, opts_.problems_kept, checked.external_ref,
                     std::move(checked.rejection));
        return;
      }
      opportunity& o = *checked.opening;
      for (auto& w : checked.warnings) {
        ++g.counts.warnings;
        keep_problem(g.warnings, opts_.problems_kept, o.external_ref, std::move(w));
      }
      std::string digest = feed_host::digest_of(o);
      const auto [at, added] = g.by_ref.emplace(o.external_ref, g.openings.size());
      if (!added) {
        ++g.counts.warnings;
        keep_problem(g.warnings, opts_.problems_kept, o.external_ref,
                     "external_ref repeated in this sync; the last one is kept");
        g.openings[at->second] = std::move(o);
        g.digests[at->second] = std::move(digest);
        return;
      }
      g.openings.push_back(std::move(o));
      g.digests.push_back(std::move(digest));
    };
    handlers.warning = [&](std::string_view ref, std::string_view message) {
      ++g.counts.warnings;
      keep_problem(g.warnings, opts_.problems_kept, ref, std::string(message));
    };
    const auto outcome = feed_host::run_worker(request, handlers);
    worker_peak_mb = outcome.peak_mb;
    if (!outcome.ok) throw error(error_code::unprocessable, outcome.reason);
    if (progress && g.counts.received % 10000 != 0) progress(g.counts.received);
    read_done = std::chrono::steady_clock::now();

    store::feed_batch batch{f.name,    f.agency_id,           f.full_snapshot,
                            now_utc(), std::move(g.openings), std::move(g.digests)};
    auto conn = db_.connect();
    transaction tx(*conn, transaction::kind::write);
    auto applied = store::apply_feed_batch(*conn, batch);
    run.succeeded = true;
    run.counts = g.counts;
    run.counts.added = applied.added;
    run.counts.updated = applied.updated;
    run.counts.unchanged = applied.unchanged;
    run.counts.closed = applied.closed;
    run.rejections = std::move(g.rejections);
    run.warnings = std::move(g.warnings);
    run.finished_at = now_utc();
    run.id = store::insert_feed_run(*conn, run);
    tx.commit();
    g.openings = std::move(batch.openings);
    changed = std::move(applied.changed);
    closed = std::move(applied.closed_openings);
  } catch (const std::exception& e) {
    // Nothing of this sync was written: the feed's previous openings stand as they were.
    run = feed_run{0,
                   f.name,
                   run.started_at,
                   now_utc(),
                   false,
                   e.what(),
                   g.counts,
                   std::move(g.rejections),
                   std::move(g.warnings)};
    auto conn = db_.connect();
    transaction tx(*conn, transaction::kind::write);
    run.id = store::insert_feed_run(*conn, run);
    tx.commit();
  }
  if (listener_) {
    for (std::size_t i : changed) listener_->opportunity_saved(g.openings[i]);
    for (const auto& o : closed) listener_->opportunity_saved(o);
  }
  const auto& c = run.counts;
  using ms = std::chrono::duration<double, std::milli>;
  const auto finished = std::chrono::steady_clock::now();
  if (run.succeeded)
    spdlog::info(
        "event=feed_synced feed={} received={} added={} updated={} unchanged={} closed={} "
        "rejected={}"
        " warnings={} read_ms={:.0f} apply_ms={:.0f} worker_peak_mb={}",
        f.name, c.received, c.added, c.updated, c.unchanged, c.closed, c.rejected, c.warnings,
        ms(read_done - started).count(), ms(finished - read_done).count(), worker_peak_mb);
  else
    spdlog::warn("event=feed_sync_failed feed={} received={} duration_ms={:.0f} reason='{}'",
                 f.name, c.received, ms(finished - started).count(), run.reason);

  std::lock_guard lock(mutex_);
  feed.consecutive_failures = run.succeeded ? 0 : feed.consecutive_failures + 1;
  feed.next_due = system_clock::now() + delay_after(f, feed.consecutive_failures);
  feed.last_run = run;
  return run;
}

std::vector<feed_status> feed_service::list(const principal& caller) {
  require_role(caller, {role::admin}, "see feeds");
  std::lock_guard lock(mutex_);
  std::vector<feed_status> out;
  for (const auto& e : feeds_) {
    feed_status s{e->config, "never_run", e->last_run, e->consecutive_failures, std::nullopt};
    if (e->running)
      s.state = "running";
    else if (e->last_run)
      s.state = e->last_run->succeeded ? "succeeded" : "failed";
    if (e->config.interval_minutes > 0)
      s.next_due = iso_of(std::max(e->next_due, system_clock::now()));
    out.push_back(std::move(s));
  }
  return out;
}

page<feed_run> feed_service::runs(const principal& caller, const std::string& name,
                                  const page_request& paging) {
  require_role(caller, {role::admin}, "see feed runs");
  entry(name);
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::read);
  return store::list_feed_runs(*conn, name, paging);
}

void feed_service::start_scheduler() {
  std::lock_guard lock(mutex_);
  if (scheduler_.joinable() || stopping_) return;
  scheduler_ = std::thread([this] { schedule_loop(); });
}

void feed_service::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    cancelled_ = true;
  }
  wake_.notify_all();
  if (scheduler_.joinable()) scheduler_.join();
}

void feed_service::schedule_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    feed_entry* due = nullptr;
    for (auto& e : feeds_)
      if (e->config.interval_minutes > 0 && !e->running && (!due || e->next_due < due->next_due))
        due = e.get();
    if (!due) {
      wake_.wait(lock);
      continue;
    }
    if (system_clock::now() < due->next_due) {
      wake_.wait_until(lock, due->next_due);
      continue;
    }
    due->running = true;
    lock.unlock();
    run_sync(*due, {});
    lock.lock();
    due->running = false;
  }
}

}  // namespace pathways
