// The thin RAII layer over sqlite3 that the store's files share: the connection's insides,
// prepared statements with typed binding and reading, and SQLite errors turned into ours.
// The only header of the project that includes sqlite3.h.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "pathways/database.hpp"

namespace pathways {

namespace sql {
class statement;
}

class connection {
 public:
  explicit connection(const std::string& path);
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;
  sqlite3* handle() const { return db_; }
  void exec(const char* sql);
  // The statement for `text`, prepared on first use and kept while the connection is open (for
  // statements run many times, such as the audit trail's append). Use it through
  // sql::cached_statement, which resets it after use.
  sql::statement& cached(std::string_view text);

 private:
  // Looks statements up by their text without copying it into a std::string.
  struct text_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<sql::statement>, text_hash, std::equal_to<>>
      cached_;
};

namespace sql {

// Raises pathways::error for a failed SQLite call: constraint clashes become conflict.
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view context);

class statement {
 public:
  statement(connection& conn, std::string_view text);
  ~statement();
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;

  statement& bind(int index, std::nullptr_t);
  statement& bind(int index, std::int64_t value);
  statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
  statement& bind(int index, double value);
  statement& bind(int index, std::string_view value);
  // Text bound from now on is not copied: the caller keeps it alive until reset().
  void borrow_text() { borrow_text_ = true; }
  statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  template <class T>
  statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
  }
  // Binds each argument to ?1, ?2, ... in order.
  template <class... A>
  statement& bind_all(const A&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  // Steps once: true while a row is available.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  void reset();

  bool is_null(int col) const;
  std::int64_t int64(int col) const;
  int integer(int col) const { return static_cast<int>(int64(col)); }
  double real(int col) const;
  std::string text(int col) const;
  std::optional<std::string> optional_text(int col) const;
  std::optional<int> optional_int(int col) const;
  std::optional<double> optional_real(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  bool borrow_text_ = false;
};

// A statement from the connection's cache, reset and unbound again when this goes out of scope,
// so no read is left open and no value stays bound. One user at a time (a connection is never
// shared between threads).
class cached_statement {
 public:
  cached_statement(connection& conn, std::string_view text) : statement_(conn.cached(text)) {}
  ~cached_statement() { statement_.reset(); }
  cached_statement(const cached_statement&) = delete;
  cached_statement& operator=(const cached_statement&) = delete;
  statement& operator*() const { return statement_; }
  statement* operator->() const { return &statement_; }

 private:
  statement& statement_;
};

// The number of rows changed by the last statement on this connection.
int changes(connection& conn);

}  // namespace sql
}  // namespace pathways
