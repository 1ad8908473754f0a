// The audit trail: every read or write of a person's data, allowed or denied, as an
// append-only, hash-chained row written in the same transaction as the access itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pathways/database.hpp"
#include "pathways/group_commit.hpp"
#include "pathways/paging.hpp"
#include "pathways/principal.hpp"

namespace pathways {

struct audit_entry {
  std::int64_t seq = 0;
  std::string at;
  std::string key_id;
  pathways::role role = role::admin;
  std::optional<std::string> team_id;
  std::optional<std::string> agency_id;
  std::string person_id;
  std::string action;  // "person.read", "referral.start", ...
  std::string fields;  // which of the person's fields, comma-separated ("all" for the record)
  std::string request_id;
  bool allowed = true;
  std::string previous_hash;
  std::string hash;  // SHA-256 of previous_hash and this row's canonical content
};

// A row of the chain as recorded outside the database (the server logs the newest one,
// event=audit_head): cutting off the newest rows leaves a shorter chain that is still whole, so
// only a row known from elsewhere shows it.
struct audit_anchor {
  std::int64_t seq = 0;
  std::string hash;
};

// What `pathways audit verify` reports.
struct audit_verdict {
  enum class anchor_check { not_asked, found, missing, differs };
  bool intact = true;  // every row chained to the one before, and the anchor's row there as known
  std::int64_t rows = 0;
  std::optional<std::int64_t> first_broken_seq;
  std::int64_t last_seq = 0;
  std::string last_hash;
  anchor_check anchor = anchor_check::not_asked;
};

class audit_service {
 public:
  explicit audit_service(database& db) : db_(db), reads_from_memory_(db) {}
  // Who has looked at or changed this person's record: the person's team and admins.
  // The read is itself audited.
  page<audit_entry> for_person(const principal& caller, const std::string& person_id,
                               const page_request& paging);
  // For reads served from memory (matching): one row per person, committed before it returns;
  // concurrent callers share one transaction (group commit), so a busy server pays one fsync
  // for many requests. Safe from any thread.
  void record(const principal& caller, const std::vector<std::string>& person_ids,
              std::string_view action, std::string_view fields, bool allowed);
  // The newest row, if any: the anchor to keep outside the database.
  std::optional<audit_anchor> head();
  // Recomputes the whole chain, oldest first; given an anchor, also checks that its row is
  // there with that hash.
  audit_verdict verify(const std::optional<audit_anchor>& anchor = std::nullopt);

 private:
  database& db_;
  group_commit reads_from_memory_;
};

}  // namespace pathways
