// Group commit of audit rows for reads served from memory: every caller's rows are committed
// before it returns, the chain stays whole under concurrency, and a failed batch is reported.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
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

principal coordinator(int number) {
  return {"key-" + std::to_string(number), role::coordinator, "team", std::nullopt, "req"};
}

// A fresh database and its audit trail.
struct audited_database {
  temp_dir dir;
  database db{{dir.file("p.db"), 4, std::nullopt}};
  audit_service audit{db};

  void expect_intact_chain_of(std::int64_t rows) {
    const audit_verdict v = audit.verify();
    EXPECT_TRUE(v.intact);
    EXPECT_EQ(v.rows, rows);
  }
};

// Runs `body(0)` … `body(threads - 1)` each on a thread of its own, and waits for them all.
void on_threads(int threads, const std::function<void(int)>& body) {
  std::vector<std::thread> running;
  for (int t = 0; t < threads; ++t) running.emplace_back(body, t);
  for (auto& r : running) r.join();
}

TEST(group_commit, concurrent_audited_reads_are_all_committed_and_the_chain_verifies) {
  audited_database trail;
  constexpr int threads = 8, reads = 40;
  on_threads(threads, [&trail](int t) {
    for (int i = 0; i < reads; ++i)
      trail.audit.record(coordinator(t), {"person-" + std::to_string(i)}, "matches.read",
                         "strengths", true);
  });
  trail.expect_intact_chain_of(threads * reads);
}

TEST(group_commit, audited_reads_beside_audited_writes_of_their_own_keep_one_chain) {
  // Rows written by the group commit (two a read) and rows written in a transaction of their own
  // (a refused look at someone's trail, recorded before it is refused) interleave in one chain.
  audited_database trail;
  constexpr int threads = 8, reads = 30;
  on_threads(threads, [&trail](int t) {
    for (int i = 0; i < reads; ++i) {
      if (t % 2 == 0)
        trail.audit.record(coordinator(t), {"person-" + std::to_string(i), "person-x"},
                           "matches.read", "strengths", true);
      else
        EXPECT_THROW(trail.audit.for_person(coordinator(t), "no-such-person", {}), error);
    }
  });
  trail.expect_intact_chain_of(threads / 2 * reads * 3);
}

TEST(group_commit, every_caller_of_a_failed_batch_rethrows_and_none_of_its_rows_stay) {
  // Every fourth caller's piece fails after appending its row: the whole batch it is in rolls
  // back and each of that batch's callers throws; every caller that returns has its row kept.
  audited_database trail;
  group_commit commits(trail.db);
  constexpr int threads = 8, runs = 40;
  std::atomic<int> returned{0}, thrown{0};
  on_threads(threads, [&](int t) {
    for (int i = 0; i < runs; ++i) {
      try {
        commits.run([&](store::audit_chain& chain) {
          chain.append(coordinator(t), "person", "matches.read", "strengths", true);
          if ((t * runs + i) % 4 == 0) throw std::runtime_error("disk on fire");
        });
        ++returned;
      } catch (const std::runtime_error&) {
        ++thrown;
      }
    }
  });

  EXPECT_EQ(returned + thrown, threads * runs);
  EXPECT_GE(thrown.load(), threads * runs / 4);
  trail.expect_intact_chain_of(returned.load());
}

TEST(group_commit, a_failed_batch_is_thrown_to_its_callers_and_the_next_batch_still_commits) {
  audited_database trail;
  group_commit commits(trail.db);
  EXPECT_THROW(commits.run([](store::audit_chain&) { throw std::runtime_error("disk on fire"); }),
               std::runtime_error);

  std::atomic<int> ran{0};
  commits.run([&ran](store::audit_chain&) { ++ran; });
  EXPECT_EQ(ran.load(), 1);
}

}  // namespace
}  // namespace pathways::testing
