// The SQLite database: a small pool of connections (WAL, foreign keys, synchronous=FULL),
// schema migrations with a version table, and an RAII transaction that rolls back on error.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

namespace pathways {

class connection;  // one open SQLite connection; only the store sees inside

class database {
 public:
  struct options {
    std::filesystem::path path;
    int pool_size = 8;
    std::optional<int> migrate_to;  // default: the latest schema version
  };

  // Opens (creating if absent) and migrates. Throws pathways::error on failure.
  explicit database(const options& opts);
  ~database();
  database(const database&) = delete;
  database& operator=(const database&) = delete;

  static int latest_schema_version();
  int schema_version();

  // A borrowed connection, returned to the pool when the lease ends. Safe from any thread.
  class lease {
   public:
    lease(database& owner, std::unique_ptr<connection> conn);
    lease(lease&&) noexcept;
    lease& operator=(lease&&) = delete;
    ~lease();
    connection& operator*() const { return *conn_; }
    connection* operator->() const { return conn_.get(); }

   private:
    database* owner_;
    std::unique_ptr<connection> conn_;
  };
  lease connect();
  // A connection of the caller's own, outside the pool (one kept open to watch for changes).
  std::unique_ptr<connection> open_unpooled();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

// BEGIN (IMMEDIATE for writes) on construction; ROLLBACK in the destructor unless committed.
class transaction {
 public:
  enum class kind { read, write };
  transaction(connection& conn, kind k);
  ~transaction();
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;
  void commit();

 private:
  connection& conn_;
  bool open_ = true;
};

}  // namespace pathways
