// Fixed worker threads over a bounded queue of accepted connections.
#include "bounded_task_queue.hpp"

namespace pathways::api {

bounded_task_queue::bounded_task_queue(std::size_t threads, std::size_t max_queued)
    : max_queued_(max_queued) {
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

bounded_task_queue::~bounded_task_queue() {
  shutdown();
}

void bounded_task_queue::enqueue(std::function<void()> task) {
  std::unique_lock lock(mutex_);
  has_room_.wait(lock, [this] { return stopping_ || tasks_.size() < max_queued_; });
  // After shutdown the task still runs, so its connection is answered and closed, not leaked.
  tasks_.push_back(std::move(task));
  lock.unlock();
  has_task_.notify_one();
}

void bounded_task_queue::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  has_task_.notify_all();
  has_room_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void bounded_task_queue::work() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      has_task_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // stopping, and nothing left to answer
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    has_room_.notify_one();
    task();
  }
}

}  // namespace pathways::api
