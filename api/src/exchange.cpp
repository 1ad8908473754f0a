// Query, body and reply helpers for one request.
#include "exchange.hpp"

#include <charconv>
#include <cmath>

#include "json_fields.hpp"

namespace pathways::api {

std::optional<std::string> query_reader::text(const char* name) {
  read_.insert(name);
  if (!req_.has_param(name)) return std::nullopt;
  return req_.get_param_value(name);
}

std::optional<double> query_reader::number(const char* name, double low, double high) {
  auto t = text(name);
  if (!t) return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(t->data(), t->data() + t->size(), v);
  if (ec != std::errc() || end != t->data() + t->size() || !std::isfinite(v) || v < low || v > high)
    invalid_field(
        name, "must be a number between " + std::to_string(low) + " and " + std::to_string(high));
  return v;
}

std::optional<int> query_reader::integer(const char* name, int low, int high) {
  auto t = text(name);
  if (!t) return std::nullopt;
  int v = 0;
  const auto [end, ec] = std::from_chars(t->data(), t->data() + t->size(), v);
  if (ec != std::errc() || end != t->data() + t->size() || v < low || v > high)
    invalid_field(name, "must be a whole number between " + std::to_string(low) + " and " +
                            std::to_string(high));
  return v;
}

std::optional<bool> query_reader::boolean(const char* name) {
  auto t = text(name);
  if (!t) return std::nullopt;
  if (*t == "true") return true;
  if (*t == "false") return false;
  invalid_field(name, "must be true or false");
}

page_request query_reader::paging(int max_per_page) {
  page_request p;
  p.number = integer("page", 1, 1000000).value_or(1);
  p.per_page = integer("per_page", 1, max_per_page).value_or(std::min(25, max_per_page));
  return p;
}

void query_reader::finish() const {
  for (const auto& [key, value] : req_.params)
    if (!read_.contains(key)) invalid_field(key, "is not a known query parameter");
}

json exchange::body() const {
  try {
    return json::parse(req.body);
  } catch (const json::parse_error& e) {
    throw error(error_code::invalid_argument,
                "the body is not valid JSON (at byte " + std::to_string(e.byte) + ")", "body");
  }
}

void exchange::reply(int status, const json& value) {
  reply_text(status, value.dump());
}

void exchange::reply_text(int status, std::string json_text) {
  // What res.set_content(json_text, "application/json") does, without copying the body.
  res.status = status;
  res.body = std::move(json_text);
  res.headers.erase("Content-Type");
  res.set_header("Content-Type", "application/json");
}

json paged(const json& contents, std::int64_t total_items, const page_request& request) {
  const std::int64_t total_pages = (total_items + request.per_page - 1) / request.per_page;
  return {{"total_items", total_items},        {"total_pages", total_pages},
          {"page_number", request.number},     {"size", contents.size()},
          {"first_page", request.number == 1}, {"last_page", request.number >= total_pages},
          {"empty", contents.empty()},         {"contents", contents}};
}

}  // namespace pathways::api
