// Group commit of audit rows for reads served from memory: every caller's rows are committed
// before it returns, the chain stays whole under concurrency, and a failed batch is reported.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "pathways/audit.hpp"
#include "pathways/database.hpp"
#include "pathways/group_commit.hpp"
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
