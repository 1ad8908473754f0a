// The HTTP server: cpp-httplib configured and hardened, routes installed, bind and run.
#include "pathways/api/server.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <spdlog/spdlog.h>

#include <atomic>
#include <charconv>
#include <thread>

#include "bounded_task_queue.hpp"
#include "http_errors.hpp"
#include "request_id.hpp"
#include "routes.hpp"

namespace pathways::api {
namespace {

using httplib::Server;

bool has_body_method(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

bool is_json(const std::string& content_type) {
  const auto semi = content_type.find(';');
  std::string type = content_type.substr(0, semi);
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type == "application/json";
}

}  // namespace

struct http_server::impl {
  server_settings settings;
  Server server;
  std::atomic<int> listen_fd{-1};
  std::atomic<bool> running{false};
  std::atomic<bool> stopped{false};

  // Checks a request before its body is read: rejects it here if it must not go further.
  Server::HandlerResponse screen(const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    auto reject = [&](int status, const char* code, const std::string& message) {
      const std::string request_id = new_request_id();
      res.set_header("X-Request-Id", request_id);
      // cpp-httplib 0.11.4 keeps the connection open whatever the answer says (it decides
      // before routing, and hands handlers no socket); a client honouring this header closes it.
      res.set_header("Connection", "close");
      write_error(res, status, code, message);
      log_request(req.method, "(rejected)", status, start, request_id);
      return Server::HandlerResponse::Handled;
    };
    if (req.headers.size() > static_cast<std::size_t>(settings.max_headers))
      return reject(431, "too_many_headers",
                    fmt::format("a request may carry at most {} headers", settings.max_headers));
    if (req.has_header("Transfer-Encoding"))
      return reject(411, "length_required",
                    "chunked request bodies are not accepted; send Content-Length");
    const std::string encoding = req.get_header_value("Content-Encoding");
    if (!encoding.empty() && encoding != "identity")
      return reject(415, "unsupported_media_type", "compressed request bodies are not accepted");
    const bool has_length = req.has_header("Content-Length");
    if (has_body_method(req.method) && !has_length)
      return reject(411, "length_required", "send a Content-Length header with the body");
    if (!has_length) return Server::HandlerResponse::Unhandled;
    const std::string text = req.get_header_value("Content-Length");
    std::size_t length = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), length);
    if (ec != std::errc() || end != text.data() + text.size())
      return reject(400, "invalid_request", "Content-Length must be a whole number");
    // A body somewhat over the limit is read and discarded by cpp-httplib, which answers 413
    // (see the error handler), so the client sees the answer; a huge one is refused unread.
    if (length > 64 * settings.body_limit_bytes)
      return reject(413, "payload_too_large", too_large());
    if (length > settings.body_limit_bytes) return Server::HandlerResponse::Unhandled;
    if (length > 0 && !has_body_method(req.method))
      return reject(400, "invalid_request", "this method takes no body");
    if (length > 0 && !is_json(req.get_header_value("Content-Type")))
      return reject(415, "unsupported_media_type",
                    "send the body as Content-Type: application/json");
    return Server::HandlerResponse::Unhandled;
  }

  std::string too_large() const {
    return fmt::format("a request body may be at most {} bytes", settings.body_limit_bytes);
  }
};

http_server::http_server(const server_settings& settings, engine_services& services,
                         bool accept_demo_keys)
    : impl_(std::make_unique<impl>()) {
  impl_->settings = settings;
  Server& svr = impl_->server;
  const auto threads = static_cast<std::size_t>(settings.threads);
  const auto queued = static_cast<std::size_t>(settings.max_queued_connections);
  svr.new_task_queue = [threads, queued] { return new bounded_task_queue(threads, queued); };
  svr.set_tcp_nodelay(true);
  svr.set_read_timeout(settings.read_timeout_seconds, 0);
  svr.set_write_timeout(settings.write_timeout_seconds, 0);
  svr.set_keep_alive_timeout(settings.keep_alive_seconds);
  svr.set_keep_alive_max_count(static_cast<std::size_t>(settings.keep_alive_max_requests));
  svr.set_payload_max_length(settings.body_limit_bytes);
  svr.set_socket_options([this](socket_t fd) {
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    impl_->listen_fd = fd;
  });
  svr.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    return impl_->screen(req, res);
  });
  svr.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        spdlog::error("event=unhandled_exception method={} path_length={}", req.method,
                      req.path.size());
        write_error(res, 500, "internal", "something went wrong on our side; it has been logged");
      });
  // Requests no route answered (and any other error left without a body) get the JSON shape.
  svr.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const int status = res.status;
    if (status == 404)
      write_error(res, 404, "not_found", "no such route: see the README for the API's routes");
    else if (status == 413)
      write_error(res, 413, "payload_too_large", impl_->too_large());
    else
      write_error(res, status, "invalid_request",
                  fmt::format("the request could not be handled (HTTP {})", status));
    log_request(req.method, status == 404 ? "(no route)" : "(rejected)", status,
                std::chrono::steady_clock::now(), "-");
  });

  router r(svr, services.keys, settings.max_page_size, accept_demo_keys);
  add_meta_routes(r, services);
  add_agency_routes(r, services);
  add_team_routes(r, services);
  add_people_routes(r, services);
  add_opportunity_routes(r, services);
  add_matching_routes(r, services);
  add_feed_routes(r, services);
  add_consent_routes(r, services);
  add_referral_routes(r, services);
  add_event_routes(r, services);
  add_placement_routes(r, services);
  add_indicator_routes(r, services);
}

http_server::~http_server() {
  stop();
}

int http_server::bind() {
  Server& svr = impl_->server;
  const auto& s = impl_->settings;
  int port = s.port;
  if (port == 0)
    port = svr.bind_to_any_port(s.address);
  else if (!svr.bind_to_port(s.address, port))
    port = -1;
  if (port <= 0)
    throw error(error_code::internal,
                fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)",
                            s.address, s.port),
                "server.port");
  // cpp-httplib listens with a backlog of 5; a burst of connects would be dropped and retried.
  ::listen(impl_->listen_fd, 1024);
  return port;
}

void http_server::run() {
  impl_->running = true;
  if (!impl_->stopped) impl_->server.listen_after_bind();
  impl_->running = false;
}

void http_server::stop() {
  impl_->stopped = true;
  // stop() only takes effect once the accept loop runs; wait for it if run() has begun.
  while (impl_->running && !impl_->server.is_running()) std::this_thread::yield();
  impl_->server.stop();
}

}  // namespace pathways::api
