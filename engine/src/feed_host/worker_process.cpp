// Spawns the feed worker (posix_spawn), reads its pipe with poll, watches the deadline and the
// worker's resident memory (/proc/<pid>/status: works under AddressSanitizer, where an
// RLIMIT_AS would break the sanitizer's own mappings), and reaps it whatever happens.
#include "worker_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "worker_protocol.hpp"

extern char** environ;

namespace pathways::feed_host {
namespace {

using clock = std::chrono::steady_clock;
using nlohmann::json;
namespace proto = protocol;

// A file descriptor closed when it goes out of scope.
class descriptor {
 public:
  explicit descriptor(int fd = -1) : fd_(fd) {}
  ~descriptor() { reset(); }
  descriptor(const descriptor&) = delete;
  descriptor& operator=(const descriptor&) = delete;
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

// The worker process: killed and reaped when it goes out of scope, unless already reaped.
class child_process {
 public:
  explicit child_process(pid_t pid) : pid_(pid) {}
  ~child_process() {
    kill();
    wait_until(clock::time_point::max());
  }
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;
  pid_t pid() const { return pid_; }
  void kill() {
    if (!reaped_) ::kill(pid_, SIGKILL);
  }
  // Reaps the child if it exits before `limit`; true when it has.
  bool wait_until(clock::time_point limit) {
    while (!reaped_) {
      const pid_t r = ::waitpid(pid_, &status_, WNOHANG);
      if (r == pid_ || (r < 0 && errno != EINTR))
        reaped_ = true;
      else if (clock::now() >= limit)
        return false;
      else
        std::this_thread::sleep_for(std::chrono::milliseconds(1));  // a poll, not a timing guess
    }
    return true;
  }
  std::string how_it_ended() const {
    if (WIFSIGNALED(status_))
      return fmt::format("killed by signal {}: {}", WTERMSIG(status_),
                         ::strsignal(WTERMSIG(status_)));
    return fmt::format("exit code {}", WEXITSTATUS(status_));
  }

 private:
  pid_t pid_;
  int status_ = 0;
  bool reaped_ = false;
};

// The worker's resident memory in MiB, from /proc; 0 when it cannot be read.
long resident_mb(pid_t pid) {
  std::ifstream status(fmt::format("/proc/{}/status", pid));
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10) / 1024;
  return 0;
}

pid_t spawn(const worker_request& request, int write_fd) {
  const std::string exe = request.executable.string();
  json settings = json::array();
  for (const auto& [key, value] : request.settings) settings.push_back({key, value});
  const std::string payload = json{{"plugin", request.plugin.string()},
                                   {"settings", settings},
                                   {"max_records", request.limits.max_records}}
                                  .dump();
  std::string mode = "feed-worker", fd = "3", exe_arg = exe, payload_arg = payload;
  char* argv[] = {exe_arg.data(), mode.data(), fd.data(), payload_arg.data(), nullptr};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, 2, 1);  // a plugin's stray prints go to the log
  posix_spawn_file_actions_adddup2(&actions, write_fd, 3);
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  return pid;
}

// Reads the worker's lines and decides how the read ended.
class supervisor {
 public:
  supervisor(const worker_request& request, const worker_handlers& handlers)
      : request_(request), handlers_(handlers) {}

  worker_outcome run() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return {false, "cannot create a pipe for the feed worker"};
    descriptor read_end(fds[0]), write_end(fds[1]);
    if (write_end.get() <= 3) write_end.reset(::fcntl(fds[1], F_DUPFD_CLOEXEC, 4));
    const pid_t pid = spawn(request_, write_end.get());
    if (pid < 0)
      return {false,
              fmt::format("cannot start the feed worker '{}'", request_.executable.string())};
    write_end.reset();
    child_process child(pid);
    const auto deadline = clock::now() + std::chrono::seconds(request_.limits.deadline_seconds);
    worker_outcome out = outcome(read_end.get(), child, deadline);
    out.peak_mb = peak_mb_;
    return out;
  }

 private:
  worker_outcome outcome(int fd, child_process& child, clock::time_point deadline) {
    if (auto failure = pump(fd, child, deadline)) {
      child.kill();
      child.wait_until(clock::time_point::max());
      return {false, *failure};
    }
    if (!child.wait_until(deadline)) {
      child.kill();
      child.wait_until(clock::time_point::max());
      if (!ended_) return {false, deadline_message()};
    }
    if (!refusal_.empty()) return {false, refusal_};
    if (!ended_)
      return {false, fmt::format("the plugin's worker ended without finishing ({}){}",
                                 child.how_it_ended(), failure_.empty() ? "" : ": " + failure_)};
    if (!read_ok_)
      return {false, fmt::format("the plugin failed: {}",
                                 failure_.empty() ? "no reason given" : failure_)};
    return {true, {}};
  }

  std::string deadline_message() const {
    return fmt::format(
        "the plugin did not finish within the deadline of {} s (limits.deadline_seconds)",
        request_.limits.deadline_seconds);
  }

  // Reads until the pipe closes; a reason when the worker must be stopped.
  std::optional<std::string> pump(int fd, const child_process& child, clock::time_point deadline) {
    std::vector<char> buffer(256 * 1024);
    std::string pending;
    auto next_memory_check = clock::now();
    for (;;) {
      const auto now = clock::now();
      if (now >= deadline) return deadline_message();
      if (request_.cancelled && request_.cancelled->load())
        return std::string("the server is stopping");
      if (now >= next_memory_check) {
        peak_mb_ = std::max(peak_mb_, resident_mb(child.pid()));
        if (peak_mb_ > request_.limits.memory_mb)
          return fmt::format("the plugin used more than {} MB of memory (limits.memory_mb)",
                             request_.limits.memory_mb);
        next_memory_check = now + std::chrono::milliseconds(10);
      }
      pollfd p{fd, POLLIN, 0};
      const int ready = ::poll(&p, 1, 10);
      if (ready < 0 && errno != EINTR) return "cannot read from the feed worker";
      if (ready <= 0) continue;
      const ssize_t n = ::read(fd, buffer.data(), buffer.size());
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n <= 0) return std::nullopt;
      pending.append(buffer.data(), static_cast<std::size_t>(n));
      std::size_t start = 0;
      for (std::size_t eol; (eol = pending.find('\n', start)) != std::string::npos; start = eol + 1)
        if (auto stop = handle(std::string_view(pending).substr(start, eol - start))) return stop;
      pending.erase(0, start);
    }
  }

  std::optional<std::string> handle(std::string_view text) {
    try {
      if (!text.empty() && text.front() == proto::record_mark) {
        if (++records_ > request_.limits.max_records) return over_limit();
        handlers_.record(proto::read_record(text));
        return std::nullopt;
      }
      const json line = json::parse(text);
      const std::string& k = line.at(proto::kind).get_ref<const std::string&>();
      if (k == proto::warning) {
        handlers_.warning(line.at("ref").get<std::string>(), line.at("message").get<std::string>());
      } else if (k == proto::log) {
        spdlog::debug("event=feed_plugin_log level={} message_length={}", line.value("level", 0),
                      line.value("message", std::string()).size());
      } else if (k == proto::failure) {
        failure_ = line.at("message").get<std::string>();
      } else if (k == proto::refused) {
        refusal_ = line.at("message").get<std::string>();
      } else if (k == proto::over_limit) {
        return over_limit();
      } else if (k == proto::end) {
        ended_ = true;
        read_ok_ = line.at("ok").get<bool>();
      }
      return std::nullopt;
    } catch (const json::exception&) {
      return "the feed worker sent a malformed line";
    } catch (const proto::malformed_line&) {
      return "the feed worker sent a malformed line";
    } catch (const std::exception& e) {
      return fmt::format("the host stopped the read: {}", e.what());
    }
  }

  std::string over_limit() const {
    return fmt::format("the plugin emitted more than {} records (limits.max_records)",
                       request_.limits.max_records);
  }

  const worker_request& request_;
  const worker_handlers& handlers_;
  std::int64_t records_ = 0;
  long peak_mb_ = 0;
  bool ended_ = false;
  bool read_ok_ = false;
  std::string failure_;
  std::string refusal_;
};

}  // namespace

worker_outcome run_worker(const worker_request& request, const worker_handlers& handlers) {
  return supervisor(request, handlers).run();
}

}  // namespace pathways::feed_host
