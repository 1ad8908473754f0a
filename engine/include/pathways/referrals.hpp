// Closed-loop referrals: a team refers a person to an opening under a valid consent; the agency
// answers; the outcome comes back. Every transition stores who, when and why. A start takes a
// place in the same transaction, so places are never over-allocated even when starts race.
//
// Thread safety: every call is safe concurrently (each runs in its own SQLite write
// transaction; writers are serialised by the database).
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "pathways/database.hpp"
#include "pathways/model.hpp"
#include "pathways/paging.hpp"
#include "pathways/principal.hpp"
#include "pathways/record_listener.hpp"
#include "pathways/referral_vocabulary.hpp"

namespace pathways {

struct referral_transition {
  std::optional<referral_state> from;
  referral_state to = referral_state::sent;
  std::string by_key;
  pathways::role by_role = role::admin;
  std::string at;
  std::optional<std::string> reason;  // a decline_reason or end_reason name
  std::string text;                   // the reason in words, or the note on sending
};

// What an agency sees of the person: only the fields the person currently consents to share.
struct shared_person {
  std::vector<shared_field> fields;
  person details;  // only the shared fields are filled in
};

struct referral {
  std::string id;
  std::string person_id;
  std::string opportunity_id;
  std::string agency_id;
  std::string team_id;
  std::string note;
  referral_state state = referral_state::sent;
  std::string sent_at;
  std::string updated_at;
  std::vector<referral_transition> history;
  std::optional<shared_person> person;  // for agencies
};

struct referral_query {
  std::optional<referral_state> state;
  page_request paging;
};

struct referral_step {
  referral_action action = referral_action::accept;
  std::optional<std::string> reason;
  std::string text;
};

class referral_service {
 public:
  using clock = std::function<std::chrono::system_clock::time_point()>;
  // Referrals not answered within `answer_within_days` expire. `listener`, if given, hears of
  // every opening whose places change, after the commit.
  referral_service(database& db, int answer_within_days, record_listener* listener = nullptr,
                   clock now = std::chrono::system_clock::now)
      : db_(db),
        answer_within_days_(answer_within_days),
        listener_(listener),
        now_(std::move(now)) {}

  referral send(const principal& caller, const std::string& person_id,
                const std::string& opportunity_id, const std::string& note);
  referral get(const principal& caller, const std::string& id);
  // Agencies: referrals to their openings; teams: their people's; admins: all.
  page<referral> list(const principal& caller, const referral_query& q);
  referral act(const principal& caller, const std::string& id, const referral_step& step);
  // Expires every referral left unanswered too long; returns how many. Also done on each call.
  int expire_overdue();

 private:
  std::string now_text() const;
  referral answer(connection& conn, const principal& caller, referral r);
  int expire_overdue(connection& conn);

  database& db_;
  int answer_within_days_;
  record_listener* listener_;
  clock now_;
  std::mutex commit_order_;  // the listener hears of place changes in commit order
};

}  // namespace pathways
