// Partner feeds: each configured feed's plugin runs in a worker process under limits; what it
// reads is validated and applied in one transaction; every run is recorded; a scheduler syncs
// each feed on its interval and backs off after failures.
// Thread-safe: any thread may sync, list or read runs; one sync of a feed runs at a time.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "pathways/config.hpp"
#include "pathways/database.hpp"
#include "pathways/paging.hpp"
#include "pathways/principal.hpp"
#include "pathways/record_listener.hpp"
#include "pathways/taxonomy.hpp"

namespace pathways {

// A record rejected, or a warning about one: the partner's ref (may be empty) and why.
struct feed_problem {
  std::string external_ref;
  std::string message;
};

struct feed_counts {
  std::int64_t received = 0;  // records the plugin emitted
  std::int64_t added = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t closed = 0;    // openings of the feed missing from a full snapshot
  std::int64_t rejected = 0;  // records that failed validation (skipped)
  std::int64_t warnings = 0;  // records repaired or partly dropped (e.g. an unknown term)
};

// One sync of one feed, as recorded.
struct feed_run {
  std::int64_t id = 0;
  std::string feed;
  std::string started_at;  // ISO 8601 UTC
  std::string finished_at;
  bool succeeded = false;
  std::string reason;  // why it failed; empty when it succeeded
  feed_counts counts;
  std::vector<feed_problem> rejections;  // the first few
  std::vector<feed_problem> warnings;    // the first few
};

// A configured feed and how it is doing.
struct feed_status {
  feed_settings config;
  std::string state;  // never_run, running, succeeded, failed
  std::optional<feed_run> last_run;
  int consecutive_failures = 0;
  std::optional<std::string> next_due;  // ISO 8601 UTC; none when interval_minutes is 0
};

// How a sync reports progress while records arrive (e.g. the CLI every N thousand).
using feed_progress = std::function<void(std::int64_t received)>;

class feed_service {
 public:
  struct options {
    std::filesystem::path worker_executable;  // runs `<exe> feed-worker ...`: see feed_worker.hpp
    std::filesystem::path plugin_dir;         // where relative plugin paths resolve
    int problems_kept = 20;                   // rejections and warnings kept per run
  };
  // `listener`, if given, hears of every opening a sync adds, changes or closes, after commit.
  feed_service(database& db, const taxonomy& terms, std::vector<feed_settings> feeds, options opts,
               record_listener* listener = nullptr);
  ~feed_service();  // stops the scheduler
  feed_service(const feed_service&) = delete;
  feed_service& operator=(const feed_service&) = delete;

  // Admin only. Syncs now and returns the run (succeeded or failed, never throws for a
  // plugin's failure); not_found for an unknown feed, conflict while it is already syncing.
  feed_run sync(const principal& caller, const std::string& name,
                const feed_progress& progress = {});
  std::vector<feed_status> list(const principal& caller);
  page<feed_run> runs(const principal& caller, const std::string& name, const page_request& paging);

  // Syncs each feed with an interval when it is due, on a background thread, until stop().
  void start_scheduler();
  void stop();

 private:
  struct feed_entry;
  feed_entry& entry(const std::string& name);
  feed_run run_sync(feed_entry& feed, const feed_progress& progress);
  void schedule_loop();

  database& db_;
  const taxonomy& terms_;
  options opts_;
  record_listener* listener_;
  std::vector<std::unique_ptr<feed_entry>> feeds_;
  std::mutex mutex_;  // guards every feed_entry's state and stopping_
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<bool> cancelled_{false};  // set by stop(): a sync in progress stops its worker
  std::thread scheduler_;
};

}  // namespace pathways
