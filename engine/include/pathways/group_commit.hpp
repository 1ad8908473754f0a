// Group commit of audit rows: concurrent writers hand in small pieces of work; one of them runs
// every piece queued so far in a single write transaction (one fsync), and each caller returns
// only once its piece is committed — or rethrows the error that stopped its batch. Safe from any
// thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "pathways/database.hpp"

namespace pathways {

namespace store {
class audit_chain;  // the chain's end, read once for each batch
}

class group_commit {
 public:
  // A piece appends its rows through the batch's chain (its pieces run one after another).
  using work = std::function<void(store::audit_chain&)>;

  explicit group_commit(database& db) : db_(db) {}
  // Runs `piece` inside a write transaction shared with whatever else is queued; blocks until
  // that transaction has committed (or failed, then throws its error).
  void run(const work& piece);

 private:
  // One waiting caller, on its stack. It sleeps on its answer (a futex, no spinning, nothing
  // allocated), so a finished batch wakes exactly its callers and the one that leads the next
  // batch, never the whole queue. Answered once: "lead the next batch", "committed" or "failed"
  // (then `error` holds why, set before the answer).
  struct ticket {
    enum answer : std::uint32_t { unanswered, lead, committed, failed };
    const work* piece = nullptr;
    std::atomic<std::uint32_t> given{unanswered};
    std::exception_ptr error;
  };
  // Writes `batch` (its caller `leader` leads) and whatever is queued before it commits,
  // answers its other callers, hands the lead to the first caller queued after that, if any,
  // and rethrows the batch's error to the leader.
  void commit(std::vector<ticket*>& batch, ticket& leader);

  database& db_;
  std::mutex mutex_;
  std::vector<ticket*> queued_;
  bool leading_ = false;  // a caller is writing a batch now
};

}  // namespace pathways
