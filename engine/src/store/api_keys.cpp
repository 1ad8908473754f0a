// API keys: secrets are random, shown once and stored only as SHA-256 hashes.
#include "pathways/api_keys.hpp"

#include "agency_rows.hpp"
#include "child_rows.hpp"
#include "pathways/clock.hpp"
#include "pathways/ids.hpp"

namespace pathways {
namespace {

constexpr const char* key_columns =
    "id, role, team_id, agency_id, label, demo, created_at, revoked_at";

api_key_record record_from(const sql::statement& q) {
  api_key_record r;
  r.owner.key_id = q.text(0);
  r.owner.role = store::stored_name<role>(q.text(1));
  r.owner.team_id = q.optional_text(2);
  r.owner.agency_id = q.optional_text(3);
  r.label = q.text(4);
  r.demo = q.integer(5) != 0;
  r.created_at = q.text(6);
  r.revoked_at = q.optional_text(7);
  return r;
}

void check_owner(connection& conn, const principal& owner) {
  const bool needs_team = owner.works_with_people();
  const bool needs_agency = owner.role == role::agency;
  if (needs_team != owner.team_id.has_value())
    throw error(error_code::invalid_argument,
                needs_team ? fmt::format("a {} key needs --team", name_of(owner.role))
                           : "only coordinator and employment_specialist keys belong to a team",
                "team");
  if (needs_agency != owner.agency_id.has_value())
    throw error(
        error_code::invalid_argument,
        needs_agency ? "an agency key needs --agency" : "only agency keys belong to an agency",
        "agency");
  if (owner.team_id && !store::find_team(conn, *owner.team_id))
    throw error(error_code::not_found, fmt::format("no team has id '{}'", *owner.team_id), "team");
  if (owner.agency_id && !store::find_agency(conn, *owner.agency_id))
    throw error(error_code::not_found, fmt::format("no agency has id '{}'", *owner.agency_id),
                "agency");
}

}  // namespace

new_api_key api_key_service::create(const principal& owner, const std::string& label, bool demo) {
  const std::string secret = "pw_" + random_hex(32);
  return {create_with_secret(owner, label, secret, demo), secret};
}

api_key_record api_key_service::create_with_secret(const principal& owner, const std::string& label,
                                                   const std::string& secret, bool demo) {
  if (secret.size() < 32)
    throw error(error_code::invalid_argument, "a key secret is too short", "secret");
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  check_owner(*conn, owner);
  api_key_record r{owner, label, demo, now_utc(), std::nullopt};
  r.owner.key_id = new_id();
  sql::statement q(*conn,
                   "INSERT INTO api_key(id, secret_sha256, role, team_id, agency_id, label,"
                   " demo, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  q.bind_all(r.owner.key_id, sha256_hex(secret), name_of(owner.role), owner.team_id,
             owner.agency_id, label, demo, r.created_at)
      .run();
  tx.commit();
  return r;
}

struct api_key_service::watcher {
  std::unique_ptr<connection> conn;
  sql::statement generation;
  explicit watcher(std::unique_ptr<connection> c)
      : conn(std::move(c)), generation(*conn, "SELECT n FROM api_key_generation") {}
};

api_key_service::api_key_service(database& db) : db_(db) {}
api_key_service::~api_key_service() = default;

void api_key_service::forget_if_changed(std::uint64_t reads_seen) {
  // Reads run one at a time under the lock, numbered as they begin: one numbered above
  // `reads_seen` began after the request arrived, so it saw every key change committed before.
  if (last_read_finished_ > reads_seen) return;
  const std::uint64_t number = reads_begun_.fetch_add(1) + 1;
  if (!watcher_) watcher_ = std::make_unique<watcher>(db_.open_unpooled());
  auto& q = watcher_->generation;
  q.reset();
  const std::int64_t generation = q.step() ? q.int64(0) : -1;
  q.reset();  // no read transaction left open on the watching connection
  last_read_finished_ = number;
  if (generation == generation_ && generation >= 0) return;
  generation_ = generation;
  remembered_.clear();
  ++forgotten_;
}

std::optional<api_key_record> api_key_service::authenticate(const std::string& secret) {
  const std::uint64_t reads_seen = reads_begun_.load();  // before anything else: see above
  const std::string hash = sha256_hex(secret);
  std::uint64_t forgotten_before = 0;
  {
    std::lock_guard lock(remembered_mutex_);
    forget_if_changed(reads_seen);
    if (const auto it = remembered_.find(hash); it != remembered_.end()) return it->second;
    forgotten_before = forgotten_;
  }
  auto found = find_live(hash);
  if (found) {
    constexpr std::size_t most_remembered = 4096;  // live keys only, so rarely reached
    std::lock_guard lock(remembered_mutex_);
    if (forgotten_ == forgotten_before) {  // nothing committed since the lookup began
      if (remembered_.size() >= most_remembered) remembered_.clear();
      remembered_.insert_or_assign(hash, *found);
    }
  }
  return found;
}

std::optional<api_key_record> api_key_service::find_live(const std::string& secret_sha256) {
  auto conn = db_.connect();
  sql::statement q(*conn, fmt::format("SELECT {} FROM api_key WHERE secret_sha256 = ?1"
                                      " AND revoked_at IS NULL",
                                      key_columns));
  q.bind_all(secret_sha256);
  if (!q.step()) return std::nullopt;
  return record_from(q);
}

std::vector<api_key_record> api_key_service::list() {
  auto conn = db_.connect();
  sql::statement q(*conn,
                   fmt::format("SELECT {} FROM api_key ORDER BY created_at, id", key_columns));
  std::vector<api_key_record> out;
  while (q.step()) out.push_back(record_from(q));
  return out;
}

bool api_key_service::revoke(const std::string& key_id) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  sql::statement q(*conn,
                   "UPDATE api_key SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
  q.bind_all(key_id, now_utc()).run();
  const bool revoked = sql::changes(*conn) == 1;
  tx.commit();
  std::lock_guard lock(remembered_mutex_);  // the watcher would see it too; forget at once
  remembered_.clear();
  ++forgotten_;
  return revoked;
}

}  // namespace pathways
