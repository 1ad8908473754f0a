// Feed syncs in SQL: one pass over the agency's openings, prepared statements, no deletes.
#include "feed_rows.hpp"

#include <fmt/format.h>

#include <unordered_map>
#include <unordered_set>

#include "pathways/ids.hpp"
#include "opportunity_rows.hpp"

namespace pathways::store {
namespace {

struct stored_opening {
  std::string id;
  std::string created_at;
  std::string feed;    // empty when no feed keeps it (published through the API)
  std::string digest;
  bool open = false;
};

std::unordered_map<std::string, stored_opening> openings_of(connection& conn, const std::string& agency_id) {
  sql::statement q(conn,
                   "SELECT o.external_ref, o.id, o.created_at, COALESCE(f.feed, ''), COALESCE(f.digest, ''),"
                   " o.status = 'open' FROM opportunity o LEFT JOIN feed_opening f ON f.opportunity_id = o.id"
                   " WHERE o.agency_id = ?1");
  q.bind_all(agency_id);
  std::unordered_map<std::string, stored_opening> out;
  while (q.step()) out.emplace(q.text(0), stored_opening{q.text(1), q.text(2), q.text(3), q.text(4), q.integer(5) != 0});
  return out;
}

const char* run_columns =
    "id, feed, started_at, finished_at, status, reason, received, added, updated, unchanged, closed,"
    " rejected, warnings";

feed_run run_from(connection& conn, const sql::statement& q) {
  feed_run r;
  r.id = q.int64(0);
  r.feed = q.text(1);
  r.started_at = q.text(2);
  r.finished_at = q.text(3);
  r.succeeded = q.text(4) == "succeeded";
  r.reason = q.text(5);
  r.counts = {q.int64(6), q.int64(7), q.int64(8), q.int64(9), q.int64(10), q.int64(11), q.int64(12)};
  sql::statement p(conn, "SELECT kind, external_ref, message FROM feed_run_problem WHERE run_id = ?1 ORDER BY position");
  p.bind_all(r.id);
  while (p.step()) (p.text(0) == "rejected" ? r.rejections : r.warnings).push_back({p.text(1), p.text(2)});
  return r;
}

}  // namespace

feed_batch_outcome apply_feed_batch(connection& conn, feed_batch& batch) {
  feed_batch_outcome out;
  auto stored = openings_of(conn, batch.agency_id);
  opportunity_writer writer(conn);
  sql::statement keep(conn, "INSERT INTO feed_opening(opportunity_id, feed, digest) VALUES (?1, ?2, ?3)"
                            " ON CONFLICT(opportunity_id) DO UPDATE SET feed = excluded.feed, digest = excluded.digest");
  std::unordered_set<std::string> seen;
  seen.reserve(batch.openings.size());
  for (std::size_t i = 0; i < batch.openings.size(); ++i) {
    opportunity& o = batch.openings[i];
    const std::string& digest = batch.digests[i];
    seen.insert(o.external_ref);
    o.last_updated = batch.now;
    const auto found = stored.find(o.external_ref);
    if (found == stored.end()) {
      o.id = new_id();
      o.created_at = batch.now;
      writer.insert(o);
      ++out.added;
    } else if (found->second.feed == batch.feed && found->second.digest == digest) {
      ++out.unchanged;
      continue;
    } else {
      o.id = found->second.id;
      o.created_at = found->second.created_at;
      writer.update(o);
      ++out.updated;
    }
    keep.bind_all(o.id, batch.feed, digest).run();
    keep.reset();
    out.changed.push_back(i);
  }
  if (!batch.full_snapshot) return out;
  sql::statement close(conn, "UPDATE opportunity SET status = 'closed', last_updated = ?2 WHERE id = ?1");
  for (const auto& [ref, s] : stored) {
    if (s.feed != batch.feed || !s.open || seen.contains(ref)) continue;
    close.bind_all(s.id, batch.now).run();
    close.reset();
    keep.bind_all(s.id, batch.feed, "closed").run();  // a digest no record has: it reopens if it returns
    keep.reset();
    out.closed_openings.push_back(*find_opportunity(conn, s.id));
    ++out.closed;
  }
  return out;
}

std::int64_t insert_feed_run(connection& conn, const feed_run& run) {
  sql::statement q(conn, "INSERT INTO feed_run(feed, started_at, finished_at, status, reason, received, added,"
                         " updated, unchanged, closed, rejected, warnings)"
                         " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
  const auto& c = run.counts;
  q.bind_all(run.feed, run.started_at, run.finished_at, run.succeeded ? "succeeded" : "failed", run.reason,
             c.received, c.added, c.updated, c.unchanged, c.closed, c.rejected, c.warnings)
      .run();
  const std::int64_t id = sqlite3_last_insert_rowid(conn.handle());
  sql::statement p(conn, "INSERT INTO feed_run_problem(run_id, position, kind, external_ref, message)"
                         " VALUES (?1,?2,?3,?4,?5)");
  int position = 0;
  for (const auto* list : {&run.rejections, &run.warnings})
    for (const feed_problem& problem : *list) {
      p.bind_all(id, position++, list == &run.rejections ? "rejected" : "warning", problem.external_ref,
                 problem.message)
          .run();
      p.reset();
    }
  return id;
}

page<feed_run> list_feed_runs(connection& conn, const std::string& feed, const page_request& paging) {
  page<feed_run> out{{}, 0, paging};
  sql::statement n(conn, "SELECT COUNT(*) FROM feed_run WHERE feed = ?1");
  n.bind_all(feed).step();
  out.total_items = n.int64(0);
  sql::statement q(conn, fmt::format("SELECT {} FROM feed_run WHERE feed = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3",
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
  sql::statement q(conn, "SELECT COUNT(*) FROM feed_run WHERE feed = ?1 AND status = 'failed' AND id >"
                         " COALESCE((SELECT MAX(id) FROM feed_run WHERE feed = ?1 AND status = 'succeeded'), 0)");
  q.bind_all(feed).step();
  return q.integer(0);
}

}  // namespace pathways::store
