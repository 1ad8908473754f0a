// Group commit: concurrent writers hand in small pieces of work; one of them runs every piece
// queued so far in a single write transaction (one fsync), and each caller returns only once its
// piece is committed — or rethrows the error that stopped its batch. Safe from any thread.
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "pathways/database.hpp"

namespace pathways {

class group_commit {
 public:
  using work = std::function<void(connection&)>;

  explicit group_commit(database& db) : db_(db) {}
  // Runs `piece` inside a write transaction shared with whatever else is queued; blocks until
  // that transaction has committed (or failed, then throws its error).
  void run(const work& piece);

 private:
  struct ticket {
    const work* piece = nullptr;
    bool done = false;
    std::exception_ptr error;
  };

  database& db_;
  std::mutex mutex_;
  std::condition_variable finished_;
  std::vector<ticket*> queued_;
  bool leading_ = false;  // a caller is writing a batch now
};

}  // namespace pathways
