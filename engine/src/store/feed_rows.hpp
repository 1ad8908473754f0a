// SQL for partner feeds: applying one sync's openings to the store, and the runs' records.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "pathways/feeds.hpp"
#include "pathways/model.hpp"
#include "sqlite.hpp"

namespace pathways::store {

struct feed_batch {
  std::string feed;
  std::string agency_id;
  bool full_snapshot = true;
  std::string now;  // the sync's timestamp for every row it writes
  // Checked; ids and created_at are filled in here. A deque: a large feed's openings (over
  // 600 bytes each) are gathered one at a time, and a vector would move them all as it grows.
  std::deque<opportunity> openings;
  std::vector<std::string> digests;  // one a opening (see feed_records.hpp)
};

struct feed_batch_outcome {
  std::int64_t added = 0, updated = 0, unchanged = 0, closed = 0;
  std::vector<std::size_t> changed;          // indexes of openings added or updated
  std::vector<opportunity> closed_openings;  // as stored after closing
};

// Upserts by (agency, external_ref) and, for a full snapshot, closes the feed's open openings
// the batch no longer has. Call inside a write transaction.
feed_batch_outcome apply_feed_batch(connection& conn, feed_batch& batch);

// Records a finished run with its problems; returns its id.
std::int64_t insert_feed_run(connection& conn, const feed_run& run);
page<feed_run> list_feed_runs(connection& conn, const std::string& feed,
                              const page_request& paging);
std::optional<feed_run> last_feed_run(connection& conn, const std::string& feed);
// How many runs of the feed failed since its last success.
int failures_since_success(connection& conn, const std::string& feed);

}  // namespace pathways::store
