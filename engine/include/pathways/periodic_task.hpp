// A chore run on its own thread every interval (for example expiring unanswered referrals) until
// stopped; an error in one run is logged and the next run still happens. Stopping is prompt.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace pathways {

class periodic_task {
 public:
  // Starts at once; the first run comes one interval from now. `name` appears in logs.
  periodic_task(std::string name, std::chrono::milliseconds interval, std::function<void()> chore);
  ~periodic_task();  // stops and joins
  periodic_task(const periodic_task&) = delete;
  periodic_task& operator=(const periodic_task&) = delete;

  void stop();

 private:
  void loop();

  std::string name_;
  std::chrono::milliseconds interval_;
  std::function<void()> chore_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace pathways
