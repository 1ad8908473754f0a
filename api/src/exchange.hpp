// One request being answered: the caller, the path parameters, the query and body read with
// errors that name the field, and the reply.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>

#include "pathways/paging.hpp"
#include "pathways/principal.hpp"

namespace pathways::api {

using nlohmann::json;

// Query parameters, each read once; unknown ones are refused by finish().
class query_reader {
 public:
  explicit query_reader(const httplib::Request& req) : req_(req) {}
  std::optional<std::string> text(const char* name);
  std::optional<double> number(const char* name, double low, double high);
  std::optional<int> integer(const char* name, int low, int high);
  std::optional<bool> boolean(const char* name);
  page_request paging(int max_per_page);
  void finish() const;

 private:
  const httplib::Request& req_;
  std::set<std::string> read_;
};

struct exchange {
  const httplib::Request& req;
  httplib::Response& res;
  principal caller;
  int max_page_size;
  query_reader query{req};

  // The n-th capture of the route's pattern (1-based).
  std::string path_param(std::size_t n) const { return req.matches[n].str(); }
  // The body parsed as JSON; 400 invalid_json saying where it broke.
  json body() const;
  void reply(int status, const json& value);
  // A reply whose JSON text is already written (moved into the response, not copied).
  void reply_text(int status, std::string json_text);
};

// The HSDS paged envelope around already-mapped contents.
json paged(const json& contents, std::int64_t total_items, const page_request& request);

}  // namespace pathways::api
