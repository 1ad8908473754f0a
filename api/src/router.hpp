// Registers routes on the cpp-httplib server: turns "/v1/people/{id}" into a regex, checks the
// bearer key, maps engine errors to the JSON error shape, and logs one line per request.
#pragma once

#include <httplib.h>

#include <chrono>
#include <functional>
#include <string>

#include "exchange.hpp"
#include "pathways/api_keys.hpp"

namespace pathways::api {

// One structured log line per request; never personal data.
void log_request(const std::string& method, const std::string& route, int status,
                 std::chrono::steady_clock::time_point start, const std::string& request_id);

// The caller behind the request's bearer key; unauthenticated if there is none that is live.
principal authenticate(api_key_service& keys, bool accept_demo_keys, const httplib::Request& req);

// Installs routes; it may be discarded afterwards, the installed handlers keep what they need.
class router {
 public:
  using handler = std::function<void(exchange&)>;
  router(httplib::Server& server, api_key_service& keys, int max_page_size, bool accept_demo_keys)
      : server_(server),
        keys_(keys),
        max_page_size_(max_page_size),
        accept_demo_keys_(accept_demo_keys) {}

  void get(const std::string& route, handler h) { add("GET", route, std::move(h), true); }
  void post(const std::string& route, handler h) { add("POST", route, std::move(h), true); }
  void patch(const std::string& route, handler h) { add("PATCH", route, std::move(h), true); }
  // A route anyone may call, without a key.
  void get_public(const std::string& route, handler h) { add("GET", route, std::move(h), false); }

 private:
  void add(const char* method, const std::string& route, handler h, bool needs_key);

  httplib::Server& server_;
  api_key_service& keys_;
  int max_page_size_;
  bool accept_demo_keys_;
};

}  // namespace pathways::api
