// Consent, the person's control over sharing: with which agency (or every agency of a kind),
// which fields, for what purpose, given when and recorded by whom, and withdrawn when.
// The person's team (and admins) record and withdraw it; a withdrawal takes effect at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pathways/database.hpp"
#include "pathways/model.hpp"
#include "pathways/principal.hpp"
#include "pathways/referral_vocabulary.hpp"

namespace pathways {

struct consent {
  std::string id;
  std::string person_id;
  std::optional<std::string> agency_id;       // one agency, or
  std::optional<pathways::agency_kind> kind;  // every agency of a kind
  std::vector<shared_field> shares;
  std::string purpose;
  std::string given_at;
  std::string recorded_by;  // the key that recorded it
  std::optional<std::string> withdrawn_at;
  std::optional<std::string> withdrawn_by;

  bool covers(const agency& a) const {
    return !withdrawn_at && (agency_id ? *agency_id == a.id : kind == a.kind);
  }
};

class consent_service {
 public:
  explicit consent_service(database& db) : db_(db) {}
  consent give(const principal& caller, const std::string& person_id, consent c);
  std::vector<consent> list(const principal& caller, const std::string& person_id);
  consent withdraw(const principal& caller, const std::string& person_id,
                   const std::string& consent_id);

 private:
  database& db_;
};

}  // namespace pathways
