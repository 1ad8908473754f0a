// Group commit of audit rows for reads served from memory: every caller's rows are committed
// before it returns, the chain stays whole under concurrency, and a failed batch is reported.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "pathways/audit.hpp"
#include "pathways/database.hpp"
#include "pathways/error.hpp"
#include "pathways/group_commit.hpp"
#include "store/audit_rows.hpp"
#include "temp_dir.hpp"

namespace pathways::testing {
namespace {

TEST(group_commit, concurrent_audited_reads_are_all_committed_and_the_chain_verifies) {
  temp_dir dir;
  database db({dir.file("p.db"), 4, std::nullopt});
  audit_service audit(db);
  constexpr int threads = 8, reads = 40;
  std::vector<std::thread> callers;
  for (int t = 0; t < threads; ++t)
    callers.emplace_back([&audit, t] {
      const principal coordinator{"key-" + std::to_string(t), role::coordinator, "team",
                                  std::nullopt, "req"};
      for (int i = 0; i < reads; ++i)
        audit.record(coordinator, {"person-" + std::to_string(i)}, "matches.read", "strengths",
                     true);
    });
  for (auto& c : callers) c.join();

  const audit_verdict v = audit.verify();
  EXPECT_TRUE(v.intact);
  EXPECT_EQ(v.rows, threads * reads);
}

TEST(group_commit, audited_reads_beside_audited_writes_of_their_own_keep_one_chain) {
  // Rows written by the group commit and rows written in a transaction of their own (here a
  // refused look at someone's trail, recorded before it is refused) interleave in one chain.
  temp_dir dir;
  database db({dir.file("p.db"), 4, std::nullopt});
  audit_service audit(db);
  constexpr int threads = 4, reads = 30;
  std::vector<std::thread> callers;
  for (int t = 0; t < threads; ++t) {
    const principal coordinator{"key-" + std::to_string(t), role::coordinator, "team", std::nullopt,
                                "req"};
    callers.emplace_back([&audit, coordinator] {
      for (int i = 0; i < reads; ++i)
        audit.record(coordinator, {"person-" + std::to_string(i), "person-x"}, "matches.read",
                     "strengths", true);
    });
    callers.emplace_back([&audit, coordinator] {
      for (int i = 0; i < reads; ++i)
        EXPECT_THROW(audit.for_person(coordinator, "no-such-person", {}), error);
    });
  }
  for (auto& c : callers) c.join();

  const audit_verdict v = audit.verify();
  EXPECT_TRUE(v.intact);
  EXPECT_EQ(v.rows, threads * reads * 3);
}

TEST(group_commit, every_caller_of_a_failed_batch_rethrows_and_none_of_its_rows_stay) {
  // Every fourth caller's piece fails after appending its row: the whole batch it is in rolls
  // back and each of that batch's callers throws; every caller that returns has its row kept.
  temp_dir dir;
  database db({dir.file("p.db"), 4, std::nullopt});
  group_commit commits(db);
  constexpr int threads = 8, runs = 40;
  std::atomic<int> returned{0}, thrown{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < threads; ++t)
    callers.emplace_back([&, t] {
      const principal coordinator{"key-" + std::to_string(t), role::coordinator, "team",
                                  std::nullopt, "req"};
      for (int i = 0; i < runs; ++i) {
        try {
          commits.run([&](store::audit_chain& chain) {
            chain.append(coordinator, "person", "matches.read", "strengths", true);
            if ((t * runs + i) % 4 == 0) throw std::runtime_error("disk on fire");
          });
          ++returned;
        } catch (const std::runtime_error&) {
          ++thrown;
        }
      }
    });
  for (auto& c : callers) c.join();

  EXPECT_EQ(returned + thrown, threads * runs);
  EXPECT_GE(thrown.load(), threads * runs / 4);
  audit_service audit(db);
  const audit_verdict v = audit.verify();
  EXPECT_TRUE(v.intact);
  EXPECT_EQ(v.rows, returned.load());
}

TEST(group_commit, a_failed_batch_is_thrown_to_its_callers_and_the_next_batch_still_commits) {
  temp_dir dir;
  database db({dir.file("p.db"), 4, std::nullopt});
  group_commit commits(db);
  EXPECT_THROW(commits.run([](store::audit_chain&) { throw std::runtime_error("disk on fire"); }),
               std::runtime_error);

  std::atomic<int> ran{0};
  commits.run([&ran](store::audit_chain&) { ++ran; });
  EXPECT_EQ(ran.load(), 1);
}

}  // namespace
}  // namespace pathways::testing
