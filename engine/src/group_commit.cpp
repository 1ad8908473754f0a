// Group commit: the first caller leads and writes the whole queue in one transaction; a caller
// that arrives meanwhile waits for the next batch, which the finishing leader hands to the first
// of them. Each caller sleeps on its own ticket: no wake-up is wasted on the queue at large.
#include "pathways/group_commit.hpp"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "store/audit_rows.hpp"

namespace pathways {
namespace {

// A Linux futex on the answer word itself. std::atomic::wait (libstdc++ 12) spins and yields
// before it sleeps: 4.4 context switches and 18-21 us of CPU an audit row with 64 callers,
// against 1.5 and 13-14 us here (bench/audit_record_bench).
static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t) &&
              std::atomic<std::uint32_t>::is_always_lock_free);

// Sleeps while `given` is 0 (unanswered); a spurious wake-up is checked again.
std::uint32_t wait_for_answer(std::atomic<std::uint32_t>& given) {
  for (;;) {
    const std::uint32_t now = given.load(std::memory_order_acquire);
    if (now != 0) return now;
    ::syscall(SYS_futex, &given, FUTEX_WAIT_PRIVATE, 0u, nullptr, nullptr, 0);
  }
}

// Answers a waiting caller. Once the answer is stored the caller may return and its ticket be
// gone, so the wake-up uses only the word's address (at worst it wakes a later ticket at that
// address, which finds no answer yet and sleeps again).
void give(std::atomic<std::uint32_t>* given, std::uint32_t answer) {
  given->store(answer, std::memory_order_release);
  ::syscall(SYS_futex, given, FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
}

}  // namespace

void group_commit::run(const work& piece) {
  static_assert(ticket::unanswered == 0, "wait_for_answer sleeps while the answer is 0");
  ticket mine;
  mine.piece = &piece;
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
    const std::uint32_t answer = wait_for_answer(mine.given);
    if (answer == ticket::committed) return;
    if (answer == ticket::failed) std::rethrow_exception(mine.error);
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
    if (error) t->error = error;
    give(&t->given, error ? ticket::failed : ticket::committed);
  }
  if (next_leader) give(&next_leader->given, ticket::lead);
  if (error) std::rethrow_exception(error);
}

}  // namespace pathways
