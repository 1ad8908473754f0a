// Group commit: the first caller leads and writes the whole queue in one transaction; a caller
// that arrives meanwhile waits for the next batch, which the finishing leader hands to the first
// of them. Each caller sleeps on its own future: no wake-up is wasted on the queue at large.
#include "pathways/group_commit.hpp"

#include "store/audit_rows.hpp"

namespace pathways {

void group_commit::run(const work& piece) {
  ticket mine;
  mine.piece = &piece;
  std::future<bool> answered = mine.answer.get_future();
  std::vector<ticket*> batch;
  {
    std::lock_guard lock(mutex_);
    queued_.push_back(&mine);
    if (!leading_) {
      leading_ = true;
      batch.swap(queued_);
    }
  }
  if (batch.empty()) {
    if (!answered.get()) return;   // committed (get() rethrows the batch's error)
    std::lock_guard lock(mutex_);  // handed the lead: the queue, this caller first, is its batch
    batch.swap(queued_);
  }
  commit(batch, mine);
}

void group_commit::commit(std::vector<ticket*>& batch, ticket& leader) {
  constexpr std::size_t most_per_batch = 1024;  // so a batch always ends under a steady stream
  std::exception_ptr error;
  try {
    auto conn = db_.connect();
    transaction tx(*conn, transaction::kind::write);
    store::audit_chain chain(*conn);  // its end read once: this batch's rows follow on
    for (std::size_t written = 0;;) {
      for (; written < batch.size(); ++written) (*batch[written]->piece)(chain);
      // Callers who queued meanwhile join this transaction instead of waiting for the next.
      std::lock_guard lock(mutex_);
      if (queued_.empty() || batch.size() >= most_per_batch) break;
      batch.insert(batch.end(), queued_.begin(), queued_.end());
      queued_.clear();
    }
    tx.commit();
  } catch (...) {
    error = std::current_exception();  // every caller of this batch rethrows it
  }
  ticket* next_leader = nullptr;
  {
    std::lock_guard lock(mutex_);
    if (queued_.empty())
      leading_ = false;
    else
      next_leader = queued_.front();  // stays queued: it takes the queue when it wakes
  }
  // A caller returns once answered and its ticket is gone: nothing touches it afterwards.
  for (ticket* t : batch) {
    if (t == &leader) continue;
    if (error)
      t->answer.set_exception(error);
    else
      t->answer.set_value(false);
  }
  if (next_leader) next_leader->answer.set_value(true);
  if (error) std::rethrow_exception(error);
}

}  // namespace pathways
