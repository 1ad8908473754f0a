// The audit trail: who looked at a person's record, denied foreign looks included, a chain that
// `pathways audit verify` checks, and an altered row that it catches.
#include <sqlite3.h>

#include "api_fixture.hpp"
#include "pathways_command.hpp"

namespace pathways::testing {
namespace {

using audit_api = api_test;

outcome verify(const std::filesystem::path& db_file) {
  return run_pathways(db_file, "audit verify", "/dev/null");
}

// What an attacker with the database file could do: drop the guard and edit a row.
void tamper(const std::filesystem::path& db_file, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_file.c_str(), &db), SQLITE_OK);
  const std::string script =
      "DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete; " + sql;
  EXPECT_EQ(sqlite3_exec(db, script.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

TEST_F(audit_api, the_team_sees_who_read_the_record_including_denied_foreign_looks) {
  const std::string id = create_person(coordinator_a_key, person_body())["id"];
  ASSERT_EQ(get("/v1/people/" + id, specialist_a_key).status, 200);
  const reply foreign = get("/v1/people/" + id, coordinator_b_key);
  EXPECT_EQ(foreign.status, 404);
  EXPECT_FALSE(foreign.body.dump().find("Sam") != std::string::npos);
  const reply trail = get("/v1/people/" + id + "/audit", coordinator_a_key);
  ASSERT_EQ(trail.status, 200) << trail.body.dump();
  const json rows =
      trail.body["contents"];  // newest first: this very read of the trail is audited too
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0]["action"], "audit.read");
  EXPECT_EQ(rows[1]["action"], "person.read");
  EXPECT_EQ(rows[1]["allowed"], false);
  EXPECT_EQ(rows[1]["role"], "coordinator");
  EXPECT_EQ(foreign.headers.find("X-Request-Id")->second, rows[1]["request_id"]);
  EXPECT_EQ(rows[2]["allowed"], true);
  EXPECT_EQ(rows[2]["role"], "employment_specialist");
  EXPECT_EQ(rows[3]["action"], "person.create");
  EXPECT_EQ(get("/v1/people/" + id + "/audit", coordinator_b_key).status, 404);
  EXPECT_EQ(get("/v1/people/" + id + "/audit", agency_x_key).status, 403);
  EXPECT_EQ(get("/v1/people/" + id + "/audit", admin_key).status, 200);
}

TEST_F(audit_api,
       an_allocation_proposal_is_audited_for_each_person_it_reads_and_a_foreign_one_as_denied) {
  const std::string sam = create_person(coordinator_a_key, person_body())["id"];
  const std::string kim = create_person(coordinator_a_key, person_body())["id"];
  const std::string opening = create_opening(agency_x_key, opening_body())["id"];
  ASSERT_EQ(post("/v1/allocations", coordinator_a_key,
                 {{"people", {sam, kim}}, {"opportunity_ids", {opening}}})
                .status,
            200);
  EXPECT_EQ(post("/v1/allocations", coordinator_b_key,
                 {{"people", {sam}}, {"opportunity_ids", {opening}}})
                .status,
            404);
  for (const std::string& id : {sam, kim}) {
    const json rows = get("/v1/people/" + id + "/audit", admin_key).body["contents"];
    std::vector<std::pair<std::string, bool>> allocation_reads;
    for (const json& row : rows)
      if (row["action"] == "allocation.read")
        allocation_reads.emplace_back(row["role"], row["allowed"]);
    if (id == sam)
      EXPECT_EQ(allocation_reads, (std::vector<std::pair<std::string, bool>>{
                                      {"coordinator", false}, {"coordinator", true}}));
    else
      EXPECT_EQ(allocation_reads,
                (std::vector<std::pair<std::string, bool>>{{"coordinator", true}}));
  }
}

TEST_F(audit_api, the_chain_verifies_and_an_altered_row_is_caught) {
  const std::string id = create_person(coordinator_a_key, person_body())["id"];
  get("/v1/people/" + id, coordinator_a_key);
  get("/v1/people/" + id, coordinator_b_key);
  get("/v1/people/" + id, coordinator_a_key);
  const outcome good = verify(dir.file("pathways.db"));
  EXPECT_EQ(good.exit_code, 0) << good.out;
  EXPECT_NE(good.out.find("audit chain intact: 4 rows verified"), std::string::npos) << good.out;

  tamper(dir.file("pathways.db"), "UPDATE audit SET allowed = 1 WHERE seq = 3;");
  const outcome bad = verify(dir.file("pathways.db"));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("BROKEN at row 3"), std::string::npos) << bad.out;
}

TEST_F(audit_api, a_removed_row_breaks_the_chain_and_rows_cannot_be_changed_in_place) {
  const std::string id = create_person(coordinator_a_key, person_body())["id"];
  get("/v1/people/" + id, coordinator_a_key);
  get("/v1/people/" + id, coordinator_a_key);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(dir.file("pathways.db").c_str(), &raw), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw, "DELETE FROM audit WHERE seq = 2", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  tamper(dir.file("pathways.db"), "DELETE FROM audit WHERE seq = 2;");
  const outcome bad = verify(dir.file("pathways.db"));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("BROKEN at row 3"), std::string::npos) << bad.out;
}

// "last row N hash H" from verify's report, as "N:H" (what the server logs as event=audit_head).
std::string anchor_in(const std::string& report) {
  const std::string row = "last row ", hash = " hash ";
  const auto at = report.find(row);
  const auto hash_at = report.find(hash, at);
  if (at == std::string::npos || hash_at == std::string::npos) return "";
  return report.substr(at + row.size(), hash_at - at - row.size()) + ":" +
         report.substr(hash_at + hash.size(), 64);
}

TEST_F(audit_api, newest_rows_cut_off_or_a_chain_rebuilt_are_caught_against_an_anchor) {
  const std::string id = create_person(coordinator_a_key, person_body())["id"];
  for (int i = 0; i < 3; ++i) get("/v1/people/" + id, coordinator_a_key);
  const outcome before = verify(dir.file("pathways.db"));
  ASSERT_EQ(before.exit_code, 0) << before.out;
  const std::string anchor = anchor_in(before.out);
  ASSERT_EQ(anchor.substr(0, 2), "4:") << before.out;
  const auto with_anchor = [&](const std::string& a) {
    return run_pathways(dir.file("pathways.db"), "audit verify --anchor " + a, "/dev/null");
  };
  const outcome good = with_anchor(anchor);
  EXPECT_EQ(good.exit_code, 0) << good.out;
  EXPECT_NE(good.out.find("anchor row 4 found"), std::string::npos) << good.out;

  // The newest two rows removed: what is left is still a whole chain, so only the anchor shows it.
  tamper(dir.file("pathways.db"), "DELETE FROM audit WHERE seq >= 3;");
  EXPECT_EQ(verify(dir.file("pathways.db")).exit_code, 0);
  const outcome cut = with_anchor(anchor);
  EXPECT_EQ(cut.exit_code, 1);
  EXPECT_NE(cut.out.find("CUT OFF: the anchor's row 4 is missing, the chain ends at row 2"),
            std::string::npos)
      << cut.out;

  // New rows appended in their place: row 4 is there again, chained, but not the one known.
  get("/v1/people/" + id, coordinator_a_key);
  get("/v1/people/" + id, coordinator_a_key);
  EXPECT_EQ(verify(dir.file("pathways.db")).exit_code, 0);
  const outcome rebuilt = with_anchor(anchor);
  EXPECT_EQ(rebuilt.exit_code, 1);
  EXPECT_NE(rebuilt.out.find("REWRITTEN: row 4"), std::string::npos) << rebuilt.out;

  for (const std::string& bad :
       std::vector<std::string>{"4", "x:" + anchor.substr(2), "0:" + anchor.substr(2), "4:abc"}) {
    const outcome refused = with_anchor("'" + bad + "'");
    EXPECT_EQ(refused.exit_code, 2) << bad;
  }
}

}  // namespace
}  // namespace pathways::testing
