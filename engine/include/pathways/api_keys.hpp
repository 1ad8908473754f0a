// API keys: created from the CLI, stored only as SHA-256 hashes, revocable. A key carries a role
// and, for team workers, a team or, for agencies, an agency.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pathways/database.hpp"
#include "pathways/principal.hpp"

namespace pathways {

struct api_key_record {
  principal owner;  // owner.key_id is the key's id
  std::string label;
  bool demo = false;
  std::string created_at;
  std::optional<std::string> revoked_at;
};

struct new_api_key {
  api_key_record record;
  std::string secret;  // shown once, never stored
};

class api_key_service {
 public:
  explicit api_key_service(database& db) : db_(db) {}
  // Checks the role's team/agency rule and that the team or agency exists.
  new_api_key create(const principal& owner, const std::string& label, bool demo = false);
  // Stores a key whose secret the caller chose (demo keys derived from the demo seed).
  api_key_record create_with_secret(const principal& owner, const std::string& label,
                                    const std::string& secret, bool demo);
  // The live key with this secret, if any.
  std::optional<api_key_record> authenticate(const std::string& secret);
  std::vector<api_key_record> list();
  // False when no live key has this id.
  bool revoke(const std::string& key_id);

 private:
  database& db_;
};

}  // namespace pathways
