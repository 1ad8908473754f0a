// The connection pool, migrations on open, and the RAII transaction.
#include "pathways/database.hpp"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <mutex>
#include <vector>

#include "migrations.hpp"
#include "pathways/error.hpp"
#include "sqlite.hpp"

namespace pathways {

struct database::impl {
  std::string path;
  int pool_size;
  std::mutex mutex;
  std::condition_variable returned;
  std::vector<std::unique_ptr<connection>> idle;
  int open_count = 0;
};

namespace {

int read_version(connection& conn) {
  sql::statement s(conn, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
  s.step();
  return s.integer(0);
}

bool applied(connection& conn, int version) {
  sql::statement s(conn, "SELECT 1 FROM schema_version WHERE version = ?1");
  s.bind_all(version);
  return s.step();
}

void migrate(connection& conn, std::optional<int> target) {
  conn.exec(
      "CREATE TABLE IF NOT EXISTS schema_version ("
      " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
  const auto steps = schema_migrations();
  const int goal = target.value_or(steps.back().version);
  if (goal < 0 || goal > steps.back().version)
    throw error(error_code::invalid_argument, "no such schema version", "migrate_to");
  const int current = read_version(conn);
  if (current > steps.back().version)
    throw error(error_code::internal,
                fmt::format("database schema version {} is newer than this build knows ({})",
                            current, steps.back().version));
  // Every migration not yet recorded is applied, oldest first: branches number theirs apart
  // (gaps are allowed), so a database may meet a lower number after a higher one.
  for (const migration& m : steps) {
    if (m.version > goal || applied(conn, m.version)) continue;
    transaction tx(conn, transaction::kind::write);
    conn.exec(m.sql);
    sql::statement record(conn,
                          "INSERT INTO schema_version(version, description, applied_at)"
                          " VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
    record.bind_all(m.version, m.description).run();
    tx.commit();
    spdlog::info("event=schema_migrated version={}", m.version);
  }
}

}  // namespace

database::database(const options& opts) : impl_(std::make_unique<impl>()) {
  impl_->path = opts.path.string();
  impl_->pool_size = opts.pool_size < 1 ? 1 : opts.pool_size;
  auto first = std::make_unique<connection>(impl_->path);
  migrate(*first, opts.migrate_to);
  impl_->idle.push_back(std::move(first));
  impl_->open_count = 1;
}

database::~database() = default;

int database::latest_schema_version() {
  return schema_migrations().back().version;
}

int database::schema_version() {
  auto conn = connect();
  return read_version(*conn);
}

std::unique_ptr<connection> database::open_unpooled() {
  return std::make_unique<connection>(impl_->path);
}

database::lease database::connect() {
  std::unique_lock lock(impl_->mutex);
  impl_->returned.wait(
      lock, [&] { return !impl_->idle.empty() || impl_->open_count < impl_->pool_size; });
  if (!impl_->idle.empty()) {
    auto conn = std::move(impl_->idle.back());
    impl_->idle.pop_back();
    return lease(*this, std::move(conn));
  }
  ++impl_->open_count;
  lock.unlock();
  try {
    return lease(*this, std::make_unique<connection>(impl_->path));
  } catch (...) {
    std::lock_guard relock(impl_->mutex);
    --impl_->open_count;
    impl_->returned.notify_one();
    throw;
  }
}

database::lease::lease(database& owner, std::unique_ptr<connection> conn)
    : owner_(&owner), conn_(std::move(conn)) {}

database::lease::lease(lease&& other) noexcept
    : owner_(other.owner_), conn_(std::move(other.conn_)) {}

database::lease::~lease() {
  if (!conn_) return;
  std::lock_guard lock(owner_->impl_->mutex);
  owner_->impl_->idle.push_back(std::move(conn_));
  owner_->impl_->returned.notify_one();
}

transaction::transaction(connection& conn, kind k) : conn_(conn) {
  conn_.exec(k == kind::write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

transaction::~transaction() {
  if (!open_) return;
  if (sqlite3_exec(conn_.handle(), "ROLLBACK", nullptr, nullptr, nullptr) != SQLITE_OK)
    spdlog::error("event=rollback_failed");
}

void transaction::commit() {
  conn_.exec("COMMIT");
  open_ = false;
}

}  // namespace pathways
