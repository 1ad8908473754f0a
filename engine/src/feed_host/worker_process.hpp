// Runs one feed worker process and supervises it: reads its lines as they come, and kills
// it past the deadline, over the memory limit or over the record limit.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "pathways/config.hpp"
#include "pathways/plugin/sdk.hpp"

namespace pathways::feed_host {

struct worker_request {
  std::filesystem::path executable;  // runs `<executable> feed-worker <fd> <request-json>`
  std::filesystem::path plugin;
  std::vector<std::pair<std::string, std::string>> settings;
  feed_limits limits;
  const std::atomic<bool>* cancelled = nullptr;  // when it turns true, the worker is stopped
};

struct worker_handlers {
  std::function<void(plugin::opening_record&& record)> record;  // may throw to stop the read
  std::function<void(std::string_view external_ref, std::string_view message)> warning;
};

struct worker_outcome {
  bool ok = false;
  std::string reason;  // why the read failed, in words an admin can act on
  long peak_mb = 0;    // the worker's largest resident memory seen
};

// Never throws for the worker's behaviour; the worker is always gone when this returns.
worker_outcome run_worker(const worker_request& request, const worker_handlers& handlers);

}  // namespace pathways::feed_host
