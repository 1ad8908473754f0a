// A cpp-httplib task queue with a fixed number of threads and a bounded backlog: when the
// backlog is full, the accept loop waits, and the kernel's listen queue holds new connections.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace pathways::api {

class bounded_task_queue final : public httplib::TaskQueue {
 public:
  bounded_task_queue(std::size_t threads, std::size_t max_queued);
  ~bounded_task_queue() override;
  void enqueue(std::function<void()> task) override;
  void shutdown() override;

 private:
  void work();

  std::size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable has_task_;
  std::condition_variable has_room_;
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> threads_;
  bool stopping_ = false;
};

}  // namespace pathways::api
