// The audit chain's rows: the hash existing databases were written with, and rows appended
// through one chain for a whole transaction beside rows appended one at a time.
#include <gtest/gtest.h>

#include "pathways/audit.hpp"
#include "pathways/database.hpp"
#include "store/audit_rows.hpp"
#include "temp_dir.hpp"

namespace pathways::testing {
namespace {

const principal coordinator{"key-1", role::coordinator, "team-1", std::nullopt, "req-1"};

TEST(audit_chain, a_rows_hash_is_the_one_existing_databases_were_written_with) {
  // SHA-256 of "64:aaa…a;1:7;20:2026-11-24T08:00:00Z;5:key-1;11:coordinator;6:team-1;0:;…"
  const audit_entry read{.seq = 7,
                         .at = "2026-11-24T08:00:00Z",
                         .key_id = "key-1",
                         .role = role::coordinator,
                         .team_id = "team-1",
                         .agency_id = std::nullopt,
                         .person_id = "person-1",
                         .action = "matches.read",
                         .fields = "strengths",
                         .request_id = "req-1",
                         .allowed = true,
                         .previous_hash = std::string(64, 'a'),
                         .hash = ""};
  EXPECT_EQ(store::audit_hash(read),
            "fc2a6349c2c01bf9a609c990e2d58d2c2c1e93ea5e855eb18a872101c5c5a0e2");
  const audit_entry denied{.seq = 1,
                           .at = "2026-11-24T08:00:00Z",
                           .key_id = "key-2",
                           .role = role::agency,
                           .team_id = std::nullopt,
                           .agency_id = "agency-1",
                           .person_id = "person-2",
                           .action = "person.read",
                           .fields = "all",
                           .request_id = "",
                           .allowed = false,
                           .previous_hash = std::string(64, '0'),
                           .hash = ""};
  EXPECT_EQ(store::audit_hash(denied),
            "a6a44b9930ad5ad14b6b4d22fa245fa9535a034faf3ee5b4d987a8fed1372a8d");
}

TEST(audit_chain, rows_appended_through_one_chain_follow_on_from_rows_appended_one_at_a_time) {
  temp_dir dir;
  database db({dir.file("p.db"), 2, std::nullopt});
  auto append_one = [&db](const std::string& person_id) {
    auto conn = db.connect();
    transaction tx(*conn, transaction::kind::write);
    store::append_audit(*conn, coordinator, person_id, "person.read", "all", true);
    tx.commit();
  };
  append_one("person-1");
  {
    auto conn = db.connect();
    transaction tx(*conn, transaction::kind::write);
    store::audit_chain chain(*conn);
    for (int i = 0; i < 5; ++i)
      chain.append(coordinator, "person-" + std::to_string(i), "matches.read", "strengths", true);
    tx.commit();
  }
  append_one("person-2");

  audit_service audit(db);
  const audit_verdict v = audit.verify();
  EXPECT_TRUE(v.intact);
  EXPECT_EQ(v.rows, 7);
}

TEST(audit_chain, a_chain_whose_transaction_rolled_back_leaves_no_gap) {
  temp_dir dir;
  database db({dir.file("p.db"), 2, std::nullopt});
  {
    auto conn = db.connect();
    transaction tx(*conn, transaction::kind::write);
    store::audit_chain chain(*conn);
    chain.append(coordinator, "person-1", "matches.read", "strengths", true);
    chain.append(coordinator, "person-2", "matches.read", "strengths", true);
  }  // rolled back
  {
    auto conn = db.connect();
    transaction tx(*conn, transaction::kind::write);
    store::audit_chain chain(*conn);
    chain.append(coordinator, "person-3", "matches.read", "strengths", true);
    tx.commit();
  }

  audit_service audit(db);
  const audit_verdict v = audit.verify();
  EXPECT_TRUE(v.intact);
  EXPECT_EQ(v.rows, 1);
}

}  // namespace
}  // namespace pathways::testing
