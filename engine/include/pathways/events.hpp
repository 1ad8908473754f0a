// The durable, ordered feed of referral and opening changes: each change is an event with an
// increasing sequence number, written in the same transaction as the change itself. Callers poll
// with the last sequence they saw and get only what their scope allows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pathways/database.hpp"
#include "pathways/principal.hpp"

namespace pathways {

struct event {
  std::int64_t seq = 0;
  std::string at;
  std::string kind;        // "referral" or "opening"
  std::string subject_id;  // the referral's or the opening's id
  std::string change;      // the referral's new state; "published", "updated", "places_changed"
  std::optional<std::string> team_id;
  std::optional<std::string> agency_id;
};

struct event_page {
  std::vector<event> events;
  std::int64_t next_since = 0;  // pass back as `since` to continue
};

class event_service {
 public:
  explicit event_service(database& db) : db_(db) {}
  // Events after `since` within the caller's scope, oldest first: admins see all; agencies
  // their openings and the referrals to them; teams their referrals and every opening.
  event_page since(const principal& caller, std::int64_t since, int limit);

 private:
  database& db_;
};

}  // namespace pathways
