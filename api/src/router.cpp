// Route registration, authentication, error mapping and request logging.
#include "router.hpp"

#include <spdlog/spdlog.h>

#include "http_errors.hpp"
#include "request_id.hpp"

namespace pathways::api {
namespace {

// "/v1/people/{id}/x" → "/v1/people/([^/]+)/x" (cpp-httplib matches routes as regexes).
std::string pattern_of(const std::string& route) {
  std::string out;
  for (std::size_t i = 0; i < route.size(); ++i) {
    if (route[i] != '{') {
      out += route[i];
      continue;
    }
    out += "([^/]+)";
    i = route.find('}', i);
  }
  return out;
}

// An error's text as one log field: no quotes or backslashes to break a key=value or JSON line.
std::string log_field(std::string text) {
  for (char& c : text)
    if (c == '"' || c == '\\' || c == '\n' || c == '\r') c = '\'';
  return text;
}

}  // namespace

void log_request(const std::string& method, const std::string& route, int status,
                 std::chrono::steady_clock::time_point start, const std::string& request_id) {
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("event=request method={} route={} status={} duration_ms={:.2f} request_id={}",
               method, route, status, ms, request_id);
}

principal authenticate(api_key_service& keys, bool accept_demo_keys, const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view scheme = "Bearer ";
  if (header.size() <= scheme.size() || header.compare(0, scheme.size(), scheme) != 0)
    throw error(error_code::unauthenticated, "send your API key as 'Authorization: Bearer <key>'");
  const auto record = keys.authenticate(header.substr(scheme.size()));
  if (!record)
    throw error(error_code::unauthenticated, "the API key is not valid or has been revoked");
  if (record->demo && !accept_demo_keys)
    throw error(error_code::unauthenticated, "demo keys work only while demo mode is on");
  return record->owner;
}

void router::add(const char* method, const std::string& route, handler h, bool needs_key) {
  // The router is gone once routes are installed: the handler keeps copies of what it needs.
  auto wrapped = [&keys = keys_, max_page_size = max_page_size_,
                  accept_demo_keys = accept_demo_keys_, method = std::string(method), route,
                  h = std::move(h),
                  needs_key](const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    const std::string request_id = new_request_id();
    res.set_header("X-Request-Id", request_id);
    try {
      exchange ex{req, res, {}, max_page_size};
      if (needs_key) ex.caller = authenticate(keys, accept_demo_keys, req);
      ex.caller.request_id = request_id;  // reaches the engine's audit trail
      h(ex);
    } catch (const error& e) {
      if (e.code() == error_code::internal)
        spdlog::error("event=request_failed route={} request_id={} reason='{}'", route, request_id,
                      log_field(e.what()));
      write_error(res, e);
    } catch (const std::exception& e) {
      spdlog::error("event=request_failed route={} request_id={} reason='{}'", route, request_id,
                    log_field(e.what()));
      write_error(res, error(error_code::internal, e.what()));
    }
    log_request(method, route, res.status, start, request_id);
  };
  const std::string pattern = pattern_of(route);
  if (std::string_view(method) == "GET")
    server_.Get(pattern, wrapped);
  else if (std::string_view(method) == "POST")
    server_.Post(pattern, wrapped);
  else
    server_.Patch(pattern, wrapped);
}

}  // namespace pathways::api
