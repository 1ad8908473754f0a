// Group commit: the first waiting caller leads, writes the whole queue in one transaction, and
// wakes the rest; a caller that arrives meanwhile waits for the next batch.
#include "pathways/group_commit.hpp"

namespace pathways {

void group_commit::run(const work& piece) {
  ticket mine;
  mine.piece = &piece;
  std::unique_lock lock(mutex_);
  queued_.push_back(&mine);
  while (!mine.done) {
    if (leading_) {
      finished_.wait(lock);
      continue;
    }
    leading_ = true;
    std::vector<ticket*> batch;
    batch.swap(queued_);
    lock.unlock();
    std::exception_ptr error;
    try {
      auto conn = db_.connect();
      transaction tx(*conn, transaction::kind::write);
      for (const ticket* t : batch) (*t->piece)(*conn);
      tx.commit();
    } catch (...) {
      error = std::current_exception();  // every caller of this batch rethrows it
    }
    lock.lock();
    for (ticket* t : batch) {
      t->done = true;
      t->error = error;
    }
    leading_ = false;
    finished_.notify_all();
  }
  if (mine.error) std::rethrow_exception(mine.error);
}

}  // namespace pathways
