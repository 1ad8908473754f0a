// The audit trail's rows: each carries SHA-256 of the previous row's hash and its own content.
#include "audit_rows.hpp"

#include <fmt/format.h>

#include <charconv>

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

// What a row's hash covers, borrowed from wherever the row's values are.
struct hashed_row {
  std::string_view previous_hash;
  std::int64_t seq = 0;
  std::string_view at;
  std::string_view key_id;
  std::string_view role;
  std::string_view team_id;    // "" when none
  std::string_view agency_id;  // "" when none
  std::string_view person_id;
  std::string_view action;
  std::string_view fields;
  std::string_view request_id;
  bool allowed = true;
};

// Each value length-prefixed ("<length>:<value>;"), so no choice of text can make two rows
// read the same.
void put(std::string& out, std::string_view value) {
  char length[24];
  const auto end = std::to_chars(std::begin(length), std::end(length), value.size()).ptr;
  out.append(length, end).append(1, ':').append(value).append(1, ';');
}

// The row's hash; `content` is scratch space for its canonical text.
std::string hash_of(const hashed_row& r, std::string& content) {
  char seq[24];
  const auto seq_end = std::to_chars(std::begin(seq), std::end(seq), r.seq).ptr;
  content.clear();
  put(content, r.previous_hash);
  put(content, std::string_view(seq, static_cast<std::size_t>(seq_end - seq)));
  put(content, r.at);
  put(content, r.key_id);
  put(content, r.role);
  put(content, r.team_id);
  put(content, r.agency_id);
  put(content, r.person_id);
  put(content, r.action);
  put(content, r.fields);
  put(content, r.request_id);
  put(content, r.allowed ? "allowed" : "denied");
  return sha256_hex(content);
}

std::string_view or_empty(const std::optional<std::string>& text) {
  return text ? std::string_view(*text) : std::string_view();
}

}  // namespace

std::string audit_hash(const audit_entry& e) {
  std::string content;
  return hash_of({e.previous_hash, e.seq, e.at, e.key_id, name_of(e.role), or_empty(e.team_id),
                  or_empty(e.agency_id), e.person_id, e.action, e.fields, e.request_id, e.allowed},
                 content);
}

audit_chain::audit_chain(connection& conn) : conn_(conn) {
  if (auto last = audit_head(conn_)) {
    last_seq_ = last->seq;
    last_hash_ = std::move(last->hash);
  } else {
    last_hash_ = std::string(64, '0');
  }
  content_.reserve(512);
}

void audit_chain::append(const principal& caller, std::string_view person_id,
                         std::string_view action, std::string_view fields, bool allowed) {
  const std::string at = now_utc();
  const hashed_row row{last_hash_,
                       last_seq_ + 1,
                       at,
                       caller.key_id,
                       name_of(caller.role),
                       or_empty(caller.team_id),
                       or_empty(caller.agency_id),
                       person_id,
                       action,
                       fields,
                       caller.request_id,
                       allowed};
  std::string hash = hash_of(row, content_);
  {
    static const std::string insert_sql = fmt::format(
        "INSERT INTO audit({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        audit_columns);
    sql::cached_statement insert(conn_, insert_sql);
    insert->borrow_text();  // every value outlives the statement's reset at the end of this scope
    insert
        ->bind_all(row.seq, row.at, row.key_id, row.role, caller.team_id, caller.agency_id,
                   row.person_id, row.action, row.fields, row.request_id, row.allowed,
                   row.previous_hash, hash)
        .run();
  }
  last_seq_ = row.seq;
  last_hash_ = std::move(hash);
}

void append_audit(connection& conn, const principal& caller, std::string_view person_id,
                  std::string_view action, std::string_view fields, bool allowed) {
  audit_chain(conn).append(caller, person_id, action, fields, allowed);
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
  // Prepared once per connection, as is the insert: the audit trail grows on every read.
  sql::cached_statement last(conn, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
  if (!last->step()) return std::nullopt;
  return audit_anchor{last->int64(0), last->text(1)};
}

void each_audit(connection& conn, const std::function<void(const audit_entry&)>& visit) {
  sql::statement q(conn, fmt::format("SELECT {} FROM audit ORDER BY seq", audit_columns));
  while (q.step()) visit(entry_from(q));
}

}  // namespace pathways::store
