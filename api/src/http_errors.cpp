// Engine errors to HTTP statuses and JSON bodies.
#include "http_errors.hpp"

#include <nlohmann/json.hpp>

namespace pathways::api {

int status_of(error_code code) {
  switch (code) {
    case error_code::invalid_argument:
      return 400;
    case error_code::unauthenticated:
      return 401;
    case error_code::forbidden:
      return 403;
    case error_code::not_found:
      return 404;
    case error_code::conflict:
      return 409;
    case error_code::unprocessable:
      return 422;
    case error_code::internal:
      return 500;
  }
  return 500;
}

const char* wire_code_of(error_code code) {
  switch (code) {
    case error_code::invalid_argument:
      return "invalid_field";
    case error_code::unauthenticated:
      return "unauthenticated";
    case error_code::forbidden:
      return "forbidden";
    case error_code::not_found:
      return "not_found";
    case error_code::conflict:
      return "conflict";
    case error_code::unprocessable:
      return "unprocessable";
    case error_code::internal:
      return "internal";
  }
  return "internal";
}

void write_error(httplib::Response& res, int status, const std::string& code,
                 const std::string& message, const std::string& field) {
  nlohmann::json detail{{"code", code}, {"message", message}};
  if (!field.empty()) detail["field"] = field;
  res.status = status;
  res.set_content(nlohmann::json{{"error", detail}}.dump(), "application/json");
}

void write_error(httplib::Response& res, const error& e) {
  if (e.code() == error_code::internal) {
    write_error(res, 500, "internal", "something went wrong on our side; it has been logged");
    return;
  }
  if (e.code() == error_code::unauthenticated) res.set_header("WWW-Authenticate", "Bearer");
  // A body that is not JSON at all is reported as such; other 400s name the field.
  const bool whole_body = e.code() == error_code::invalid_argument && e.field() == "body";
  write_error(res, status_of(e.code()), whole_body ? "invalid_json" : wire_code_of(e.code()),
              e.what(), e.field());
}

}  // namespace pathways::api
