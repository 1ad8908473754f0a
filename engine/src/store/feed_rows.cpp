// Feed syncs in SQL: one pass over the agency's openings, prepared statements, no deletes.
#include "feed_rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "opportunity_rows.hpp"
#include "pathways/ids.hpp"

namespace pathways::store {
namespace {

struct stored_opening {
  std::string id;
  std::string created_at;
  std::string source;  // "feed:<name>" when a feed keeps it
  std::string digest;  // empty when no feed has written it since it was last changed otherwise
  bool open = false;
  bool in_batch = false;
};

std::unordered_map<std::string, stored_opening> openings_of(connection& conn,
                                                            const std::string& agency_id) {
  sql::statement q(
      conn,
      "SELECT external_ref, id, created_at, source, COALESCE(feed_digest, ''), status = 'open'"
      " FROM opportunity WHERE agency_id = ?1");
  q.bind_all(agency_id);
  std::unordered_map<std::string, stored_opening> out;
  while (q.step())
    out.emplace(q.text(0), stored_opening{q.text(1), q.text(2), q.text(3), q.text(4),
                                          q.integer(5) != 0, false});
  return out;
}

const char* run_columns =
    "id, feed, started_at, finished_at, status, reason, received, added, updated, unchanged, "
    "closed,"
    " rejected, warnings";

feed_run run_from(connection& conn, const sql::statement& q) {
  feed_run r;
  r.id = q.int64(0);
  r.feed = q.text(1);
  r.started_at = q.text(2);
  r.finished_at = q.text(3);
  r.succeeded = q.text(4) == "succeeded";
  r.reason = q.text(5);
  r.counts = {q.int64(6),  q.int64(7),  q.int64(8), q.int64(9),
              q.int64(10), q.int64(11), q.int64(12)};
  sql::statement p(conn,
                   "SELECT kind, external_ref, message FROM feed_run_problem WHERE run_id = ?1 "
                   "ORDER BY position");
  p.bind_all(r.id);
  while (p.step())
    (p.text(0) == "rejected" ? r.rejections : r.warnings).push_back({p.text(1), p.text(2)});
  return r;
}

}  // namespace

feed_batch_outcome apply_feed_batch(connection& conn, feed_batch& batch) {
  // A large batch dirties more pages than SQLite's default 2 MB cache holds: without room it
  // spills them to the WAL mid-transaction and reads them back. The pooled connection gets its
  // default back afterwards.
  conn.exec("PRAGMA cache_size = -131072");
  struct default_cache {
    connection& conn;
    ~default_cache() {
      try {
        conn.exec("PRAGMA cache_size = -2000");
      } catch (...) {
      }
    }
  } restore{conn};
  feed_batch_outcome out;
  auto stored = openings_of(conn, batch.agency_id);
  opportunity_writer writer(conn);
  const std::string source = "feed:" + batch.feed;
  std::vector<std::size_t> added;
  for (std::size_t i = 0; i < batch.openings.size(); ++i) {
    opportunity& o = batch.openings[i];
    const std::string& digest = batch.digests[i];
    o.last_updated = batch.now;
    const auto found = stored.find(o.external_ref);
    if (found == stored.end()) {
      o.created_at = batch.now;
      added.push_back(i);
      continue;
    }
    found->second.in_batch = true;
    if (found->second.source == source && found->second.digest == digest) {
      ++out.unchanged;
      continue;
    }
    o.id = found->second.id;
    o.created_at = found->second.created_at;
    writer.update(o, &digest);
    ++out.updated;
    out.changed.push_back(i);
  }
  // New openings take the batch's random ids in ascending order and go in in the feed's order:
  // the primary key's b-tree grows at one end, the openings are read in memory order, and the
  // (agency, external_ref) index sees the feed's own order rather than a random one.
  std::vector<std::string> ids = new_ids(added.size());
  std::sort(ids.begin(), ids.end());
  for (std::size_t k = 0; k < added.size(); ++k) batch.openings[added[k]].id = std::move(ids[k]);
  for (std::size_t i : added) {
    writer.insert(batch.openings[i], &batch.digests[i]);
    out.changed.push_back(i);
  }
  out.added = static_cast<std::int64_t>(added.size());
  if (!batch.full_snapshot) return out;
  // "closed" is a digest no record has: an opening that comes back is reopened.
  sql::statement close(
      conn,
      "UPDATE opportunity SET status = 'closed', last_updated = ?2, feed_digest = 'closed'"
      " WHERE id = ?1");
  for (const auto& entry : stored) {
    const stored_opening& s = entry.second;
    if (s.source != source || !s.open || s.in_batch) continue;
    close.bind_all(s.id, batch.now).run();
    close.reset();
    out.closed_openings.push_back(*find_opportunity(conn, s.id));
    ++out.closed;
  }
  return out;
}

std::int64_t insert_feed_run(connection& conn, const feed_run& run) {
  sql::statement q(
      conn,
      "INSERT INTO feed_run(feed, started_at, finished_at, status, reason, received, added,"
      " updated, unchanged, closed, rejected, warnings)"
      " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
  const auto& c = run.counts;
  q.bind_all(run.feed, run.started_at, run.finished_at, run.succeeded ? "succeeded" : "failed",
             run.reason, c.received, c.added, c.updated, c.unchanged, c.closed, c.rejected,
             c.warnings)
      .run();
  const std::int64_t id = sqlite3_last_insert_rowid(conn.handle());
  sql::statement p(conn,
                   "INSERT INTO feed_run_problem(run_id, position, kind, external_ref, message)"
                   " VALUES (?1,?2,?3,?4,?5)");
  int position = 0;
  for (const auto* list : {&run.rejections, &run.warnings})
    for (const feed_problem& problem : *list) {
      p.bind_all(id, position++, list == &run.rejections ? "rejected" : "warning",
                 problem.external_ref, problem.message)
          .run();
      p.reset();
    }
  return id;
}

page<feed_run> list_feed_runs(connection& conn, const std::string& feed,
                              const page_request& paging) {
  page<feed_run> out{{}, 0, paging};
  sql::statement n(conn, "SELECT COUNT(*) FROM feed_run WHERE feed = ?1");
  n.bind_all(feed).step();
  out.total_items = n.int64(0);
  sql::statement q(
      conn,
      fmt::format("SELECT {} FROM feed_run WHERE feed = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3",
                  run_columns));
  q.bind_all(feed, paging.per_page, paging.offset());
  while (q.step()) out.items.push_back(run_from(conn, q));
  return out;
}

std::optional<feed_run> last_feed_run(connection& conn, const std::string& feed) {
  auto one = list_feed_runs(conn, feed, {1, 1});
  if (one.items.empty()) return std::nullopt;
  return std::move(one.items.front());
}

int failures_since_success(connection& conn, const std::string& feed) {
  sql::statement q(
      conn,
      "SELECT COUNT(*) FROM feed_run WHERE feed = ?1 AND status = 'failed' AND id >"
      " COALESCE((SELECT MAX(id) FROM feed_run WHERE feed = ?1 AND status = 'succeeded'), 0)");
  q.bind_all(feed).step();
  return q.integer(0);
}

}  // namespace pathways::store
