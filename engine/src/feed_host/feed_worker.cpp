// The feed worker's side of the pipe: loads the plugin, turns each record into a record line and
// each warning, log line and failure into a JSON line, and writes them in large batches. See
// worker_protocol.hpp.
#include "pathways/feed_worker.hpp"

#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>

#include "plugin_library.hpp"
#include "worker_protocol.hpp"

namespace pathways {
namespace {

using nlohmann::json;
namespace proto = feed_host::protocol;

// Buffers lines and writes them to the pipe in large blocks; a closed pipe ends the worker.
class line_writer {
 public:
  explicit line_writer(int fd) : fd_(fd) { buffer_.reserve(capacity + 4096); }
  ~line_writer() { flush(); }
  line_writer(const line_writer&) = delete;
  line_writer& operator=(const line_writer&) = delete;

  void write(const json& line) {
    buffer_ += line.dump(-1, ' ', false, json::error_handler_t::replace);
    buffer_ += '\n';
    if (buffer_.size() >= capacity) flush();
  }
  void write_record(const plugin::opening_record& record) {
    proto::append_record(buffer_, record);
    if (buffer_.size() >= capacity) flush();
  }
  void flush() {
    std::size_t done = 0;
    while (done < buffer_.size()) {
      const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) ::_exit(4);  // the host has gone: nobody to tell
      done += static_cast<std::size_t>(n);
    }
    buffer_.clear();
  }

 private:
  static constexpr std::size_t capacity = 64 * 1024;
  int fd_;
  std::string buffer_;
};

class pipe_sink final : public plugin::record_sink {
 public:
  pipe_sink(line_writer& out, std::int64_t max_records) : out_(out), max_records_(max_records) {}

  bool accept(const plugin::opening_record& record) noexcept override {
    try {
      if (++records_ > max_records_) {
        if (records_ == max_records_ + 1) out_.write({{proto::kind, proto::over_limit}});
        return false;
      }
      out_.write_record(record);
      return true;
    } catch (...) {
      return false;
    }
  }
  void warn(std::string_view external_ref, std::string_view message) noexcept override {
    send({{proto::kind, proto::warning}, {"ref", external_ref}, {"message", message}});
  }
  void log(plugin::log_level level, std::string_view message) noexcept override {
    send({{proto::kind, proto::log}, {"level", static_cast<int>(level)}, {"message", message}});
  }
  void fail(std::string_view message) noexcept override {
    send({{proto::kind, proto::failure}, {"message", message}});
  }

 private:
  void send(const json& line) noexcept {
    try {
      out_.write(line);
    } catch (...) {
    }
  }
  line_writer& out_;
  std::int64_t max_records_;
  std::int64_t records_ = 0;
};

}  // namespace

int run_feed_worker(int out_fd, std::string_view request_json) noexcept {
  try {
    line_writer out(out_fd);
    try {
      const json request = json::parse(request_json);
      std::vector<plugin::setting> entries;
      for (const auto& kv : request.at("settings"))
        entries.push_back({kv.at(0).get<std::string>(), kv.at(1).get<std::string>()});
      const plugin::settings config(std::move(entries));
      const feed_host::plugin_library library(request.at("plugin").get<std::string>());
      const auto& d = library.description();
      out.write({{proto::kind, proto::described},
                 {"name", d.name ? d.name : ""},
                 {"version", d.version ? d.version : ""}});
      pipe_sink sink(out, request.at("max_records").get<std::int64_t>());
      const plugin::read_status status = library.read(config, sink);
      out.write({{proto::kind, proto::end}, {"ok", status == plugin::read_status::ok}});
    } catch (const std::exception& e) {
      out.write({{proto::kind, proto::refused}, {"message", e.what()}});
    }
    return 0;
  } catch (...) {
    return 5;
  }
}

}  // namespace pathways
