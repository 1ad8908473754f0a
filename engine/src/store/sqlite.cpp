// RAII over sqlite3: connections configured for Pathways, statements, error mapping.
#include "sqlite.hpp"

#include <fmt/format.h>

#include "pathways/error.hpp"
#include "pathways/geo.hpp"

namespace pathways {
namespace {

// SQL function distance_km(lat1, lon1, lat2, lon2), NULL when any argument is NULL.
void sql_distance_km(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
      sqlite3_result_null(ctx);
      return;
    }
  }
  const geo_point a{sqlite3_value_double(argv[0]), sqlite3_value_double(argv[1])};
  const geo_point b{sqlite3_value_double(argv[2]), sqlite3_value_double(argv[3])};
  sqlite3_result_double(ctx, distance_km(a, b));
}

}  // namespace

connection::connection(const std::string& path) {
  const int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = fmt::format("cannot open database '{}': {}", path,
                                            db_ ? sqlite3_errmsg(db_) : "out of memory");
    sqlite3_close(db_);
    db_ = nullptr;
    throw error(error_code::internal, message, "database.path");
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA foreign_keys=ON");
  exec("PRAGMA synchronous=FULL");
  exec("PRAGMA temp_store=MEMORY");
  sqlite3_create_function_v2(db_, "distance_km", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                             sql_distance_km, nullptr, nullptr, nullptr);
}

connection::~connection() {
  cached_.clear();  // finalized before the handle closes
  sqlite3_close_v2(db_);
}

sql::statement& connection::cached(std::string_view text) {
  auto it = cached_.find(text);
  if (it == cached_.end())
    it = cached_.emplace(std::string(text), std::make_unique<sql::statement>(*this, text)).first;
  return *it->second;
}

void connection::exec(const char* text) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text, nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    const std::string detail = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw error(error_code::internal, fmt::format("database statement failed: {}", detail));
  }
}

namespace sql {

void fail(sqlite3* db, int rc, std::string_view context) {
  const int primary = rc & 0xff;
  const std::string detail = sqlite3_errmsg(db);
  if (primary == SQLITE_CONSTRAINT) {
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
      throw error(error_code::conflict, fmt::format("{}: already exists ({})", context, detail));
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
      throw error(error_code::unprocessable,
                  fmt::format("{}: refers to a record that does not exist", context));
    throw error(error_code::unprocessable, fmt::format("{}: {}", context, detail));
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    throw error(error_code::internal, fmt::format("{}: database busy", context));
  throw error(error_code::internal, fmt::format("{}: {}", context, detail));
}

statement::statement(connection& conn, std::string_view text) : db_(conn.handle()) {
  const int rc =
      sqlite3_prepare_v2(db_, text.data(), static_cast<int>(text.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) fail(db_, rc, "prepare");
}

statement::~statement() {
  sqlite3_finalize(stmt_);
}

statement& statement::bind(int index, std::nullptr_t) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

statement& statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

statement& statement::bind(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

statement& statement::bind(int index, std::string_view value) {
  const int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                                   borrow_text_ ? SQLITE_STATIC : SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

bool statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, rc, "write");
}

void statement::run() {
  while (step()) {
  }
}

void statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool statement::is_null(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}
std::int64_t statement::int64(int col) const {
  return sqlite3_column_int64(stmt_, col);
}
double statement::real(int col) const {
  return sqlite3_column_double(stmt_, col);
}

std::string statement::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string();
}

std::optional<std::string> statement::optional_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

std::optional<int> statement::optional_int(int col) const {
  if (is_null(col)) return std::nullopt;
  return integer(col);
}

std::optional<double> statement::optional_real(int col) const {
  if (is_null(col)) return std::nullopt;
  return real(col);
}

int changes(connection& conn) {
  return sqlite3_changes(conn.handle());
}

}  // namespace sql
}  // namespace pathways
