// API keys: created from the CLI, stored only as SHA-256 hashes, revocable. A key carries a role
// and, for team workers, a team or, for agencies, an agency.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
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

// Thread-safe. A key found live is remembered (by the hash of its secret, never the secret), so
// a request need not look it up; everything remembered is forgotten as soon as any key is
// created, revoked or removed, by this process or another (the CLI), which a connection kept for
// the purpose sees (a counter that triggers on api_key move) before each key is trusted. Requests
// that arrive together share that look: one begun after a request arrived answers for it too.
class api_key_service {
 public:
  explicit api_key_service(database& db);
  ~api_key_service();
  api_key_service(const api_key_service&) = delete;
  api_key_service& operator=(const api_key_service&) = delete;

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
  struct watcher;  // the connection that watches the keys' generation counter, and its query
  std::optional<api_key_record> find_live(const std::string& secret_sha256);
  // Under remembered_mutex_: reads the counter unless a read begun after `reads_seen` (the value
  // of reads_begun_ when the request arrived) has already finished.
  void forget_if_changed(std::uint64_t reads_seen);

  database& db_;
  std::mutex remembered_mutex_;       // guards everything below
  std::unique_ptr<watcher> watcher_;  // opened on first use
  std::int64_t generation_ = -1;
  std::unordered_map<std::string, api_key_record> remembered_;  // by the secret's SHA-256
  std::uint64_t forgotten_ = 0;  // times all was forgotten: a lookup begun before is not kept
  std::atomic<std::uint64_t> reads_begun_{0};  // reads of the counter begun, read without the lock
  std::uint64_t last_read_finished_ = 0;       // the number of the last one finished
};

}  // namespace pathways
