// The audit trail's rows: each carries SHA-256 of the previous row's hash and its own content.
#include "audit_rows.hpp"

#include <fmt/format.h>

#include <iterator>

#include "child_rows.hpp"
#include "pathways/clock.hpp"
#include "pathways/ids.hpp"

namespace pathways::store {
namespace {

constexpr const char* audit_columns =
    "seq, at, key_id, role, team_id, agency_id, person_id, action, fields, request_id, allowed,"
    " previous_hash, hash";

audit_entry entry_from(const sql::statement& q) {
  audit_entry e;
  e.seq = q.int64(0);
  e.at = q.text(1);
  e.key_id = q.text(2);
  e.role = stored_name<role>(q.text(3));
  e.team_id = q.optional_text(4);
  e.agency_id = q.optional_text(5);
  e.person_id = q.text(6);
  e.action = q.text(7);
  e.fields = q.text(8);
  e.request_id = q.text(9);
  e.allowed = q.integer(10) != 0;
  e.previous_hash = q.text(11);
  e.hash = q.text(12);
  return e;
}

// Each value length-prefixed, so no choice of text can make two rows read the same.
void put(std::string& out, std::string_view value) {
  fmt::format_to(std::back_inserter(out), "{}:{};", value.size(), value);
}

}  // namespace

std::string audit_hash(const audit_entry& e) {
  std::string content;
  content.reserve(512);
  put(content, e.previous_hash);
  put(content, fmt::format_int(e.seq).str());
  put(content, e.at);
  put(content, e.key_id);
  put(content, name_of(e.role));
  put(content, e.team_id.value_or(""));
  put(content, e.agency_id.value_or(""));
  put(content, e.person_id);
  put(content, e.action);
  put(content, e.fields);
  put(content, e.request_id);
  put(content, e.allowed ? "allowed" : "denied");
  return sha256_hex(content);
}

void append_audit(connection& conn, const principal& caller, std::string_view person_id,
                  std::string_view action, std::string_view fields, bool allowed) {
  // Both statements are prepared once per connection: the audit trail grows on every read.
  audit_entry e;
  if (auto last = audit_head(conn)) {
    e.seq = last->seq + 1;
    e.previous_hash = std::move(last->hash);
  } else {
    e.seq = 1;
    e.previous_hash = std::string(64, '0');
  }
  e.at = now_utc();
  e.key_id = caller.key_id;
  e.role = caller.role;
  e.team_id = caller.team_id;
  e.agency_id = caller.agency_id;
  e.person_id = person_id;
  e.action = action;
  e.fields = fields;
  e.request_id = caller.request_id;
  e.allowed = allowed;
  e.hash = audit_hash(e);
  static const std::string insert_sql = fmt::format(
      "INSERT INTO audit({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
      audit_columns);
  sql::cached_statement insert(conn, insert_sql);
  insert
      ->bind_all(e.seq, e.at, e.key_id, name_of(e.role), e.team_id, e.agency_id, e.person_id,
                 e.action, e.fields, e.request_id, e.allowed, e.previous_hash, e.hash)
      .run();
}

page<audit_entry> list_audit(connection& conn, const std::string& person_id,
                             const page_request& p) {
  page<audit_entry> out{{}, 0, p};
  sql::statement count(conn, "SELECT COUNT(*) FROM audit WHERE person_id = ?1");
  count.bind_all(person_id).step();
  out.total_items = count.int64(0);
  sql::statement q(conn, fmt::format("SELECT {} FROM audit WHERE person_id = ?1 ORDER BY seq DESC"
                                     " LIMIT ?2 OFFSET ?3",
                                     audit_columns));
  q.bind_all(person_id, p.per_page, p.offset());
  while (q.step()) out.items.push_back(entry_from(q));
  return out;
}

std::optional<audit_anchor> audit_head(connection& conn) {
  sql::cached_statement last(conn, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
  if (!last->step()) return std::nullopt;
  return audit_anchor{last->int64(0), last->text(1)};
}

void each_audit(connection& conn, const std::function<void(const audit_entry&)>& visit) {
  sql::statement q(conn, fmt::format("SELECT {} FROM audit ORDER BY seq", audit_columns));
  while (q.step()) visit(entry_from(q));
}

}  // namespace pathways::store
