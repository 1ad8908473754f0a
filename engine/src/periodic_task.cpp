// The periodic chore's thread: waits an interval (or a stop), runs the chore, logs its failure.
#include "pathways/periodic_task.hpp"

#include <spdlog/spdlog.h>

#include <exception>

namespace pathways {

periodic_task::periodic_task(std::string name, std::chrono::milliseconds interval,
                             std::function<void()> chore)
    : name_(std::move(name)),
      interval_(interval),
      chore_(std::move(chore)),
      thread_([this] { loop(); }) {}

periodic_task::~periodic_task() {
  stop();
}

void periodic_task::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void periodic_task::loop() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    try {
      chore_();
    } catch (const std::exception& e) {
      spdlog::error("event=periodic_task_failed task={} reason='{}'", name_, e.what());
    }
    lock.lock();
  }
}

}  // namespace pathways
