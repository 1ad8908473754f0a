// Feed records to openings: names parsed against the vocabularies, then engine validation.
#include "feed_records.hpp"

#include <charconv>
#include <cstdint>

#include <fmt/compile.h>
#include <fmt/format.h>

#include <iterator>

#include "pathways/error.hpp"
#include "pathways/validation.hpp"

namespace pathways::feed_host {
namespace {

[[noreturn]] void reject(const std::string& field, const std::string& why) {
  throw error(error_code::invalid_argument, fmt::format("{} {}", field, why), field);
}

template <class E>
E vocabulary_name(const std::string& text, const std::string& field) {
  if (auto v = parse_name<E>(text)) return *v;
  reject(field, fmt::format("'{}' is not one of {}", text, allowed_names<E>()));
}

// "HH:MM" (24 h; 24:00 allowed as an end) → minutes since midnight.
int minutes_of(const std::string& text, const std::string& field) {
  int h = 0, m = 0;
  const char* s = text.data();
  const bool shaped = text.size() == 5 && text[2] == ':' &&
                      std::from_chars(s, s + 2, h).ptr == s + 2 &&
                      std::from_chars(s + 3, s + 5, m).ptr == s + 5;
  if (!shaped || h > 24 || m > 59 || (h == 24 && m != 0))
    reject(field, "must be a time written HH:MM");
  return h * 60 + m;
}

// The text, or "" (never a null pointer: fmt copies from it).
std::string_view text_of(const std::optional<std::string>& text) {
  return text ? std::string_view(*text) : std::string_view("");
}

std::optional<std::string> date_of(std::string& text) {
  if (text.empty()) return std::nullopt;
  return std::move(text);
}

opportunity opening_of(plugin::opening_record& r, const taxonomy& terms,
                       std::vector<std::string>& warnings) {
  opportunity o;
  o.external_ref = std::move(r.external_ref);
  if (r.domain.empty()) reject("domain", "is required");
  o.area = vocabulary_name<domain>(r.domain, "domain");
  o.title = std::move(r.title);
  o.description = std::move(r.description);
  if (r.lat.has_value() != r.lon.has_value())
    reject(r.lat ? "lon" : "lat", "is needed with the other");
  if (r.lat) o.location = geo_point{*r.lat, *r.lon};
  o.address = std::move(r.address);
  o.remote = r.remote;
  for (std::size_t i = 0; i < r.schedule.size(); ++i) {
    const auto& w = r.schedule[i];
    const std::string f = fmt::format("schedule[{}]", i);
    o.schedule.push_back({vocabulary_name<weekday>(w.day, f + ".day"),
                          minutes_of(w.opens, f + ".opens"), minutes_of(w.closes, f + ".closes")});
  }
  o.hours_per_week = r.hours_per_week;
  if (r.pay_amount) {
    if (r.pay_unit.empty()) reject("pay_unit", "is required with pay_amount");
    o.wage = pay{*r.pay_amount, vocabulary_name<pay_unit>(r.pay_unit, "pay_unit")};
  } else if (!r.pay_unit.empty()) {
    reject("pay_amount", "is required with pay_unit");
  }
  o.places_total = r.places_total.value_or(r.places_available.value_or(1));
  o.places_available = r.places_available.value_or(o.places_total);
  for (auto& s : r.strengths) {
    if (terms.contains(s.term))
      o.strengths.push_back({std::move(s.term), s.weight});
    else
      warnings.push_back(
          fmt::format("strength '{}' is not a term of the taxonomy; dropped", s.term));
  }
  o.min_age = r.min_age;
  o.max_age = r.max_age;
  for (std::size_t i = 0; i < r.adjustments.size(); ++i)
    o.adjustments.push_back(
        vocabulary_name<adjustment>(r.adjustments[i], fmt::format("adjustments[{}]", i)));
  o.start_date = date_of(r.start_date);
  o.end_date = date_of(r.end_date);
  o.closing_date = date_of(r.closing_date);
  o.status = vocabulary_name<opportunity_status>(r.status.empty() ? "open" : r.status, "status");
  return o;
}

}  // namespace

checked_record check_record(plugin::opening_record record, const std::string& agency_id,
                            const std::string& source, const taxonomy& terms) {
  checked_record out;
  out.external_ref = record.external_ref;
  try {
    opportunity o = opening_of(record, terms, out.warnings);
    o.agency_id = agency_id;
    o.source = source;
    validate(o, terms);
    out.opening = std::move(o);
  } catch (const error& e) {
    out.rejection = e.what();
    out.warnings.clear();
  }
  return out;
}

std::string digest_of(const opportunity& o) {
  // Compiled format strings written straight into one buffer: the same text as one
  // fmt::format("{}|{}|…") of every field, without parsing a format or building a temporary.
  fmt::memory_buffer text;
  const auto out = std::back_inserter(text);
  fmt::format_to(out, FMT_COMPILE("{}|{}|{}|{}|"), o.external_ref, name_of(o.area), o.title,
                 o.description);
  if (o.location)
    fmt::format_to(out, FMT_COMPILE("{:.7f},{:.7f}"), o.location->lat, o.location->lon);
  fmt::format_to(out, FMT_COMPILE("|{}|{}|{}|"), o.address, o.remote,
                 o.hours_per_week.value_or(-1));
  if (o.wage) fmt::format_to(out, FMT_COMPILE("{}/{}"), o.wage->amount, name_of(o.wage->unit));
  fmt::format_to(out, FMT_COMPILE("|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}"), o.places_total,
                 o.places_available, o.min_age.value_or(-1), o.max_age.value_or(-1),
                 text_of(o.start_date), text_of(o.end_date), text_of(o.closing_date),
                 name_of(o.status), o.strengths.size(), o.schedule.size());
  for (const auto& s : o.strengths) fmt::format_to(out, FMT_COMPILE("|{}:{}"), s.term, s.weight);
  for (const auto& s : o.schedule)
    fmt::format_to(out, FMT_COMPILE("|{}:{}-{}"), name_of(s.day), s.start_minute, s.end_minute);
  for (const auto a : o.adjustments) fmt::format_to(out, FMT_COMPILE("|{}"), name_of(a));
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a, 64 bit
  for (const unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return fmt::format(FMT_COMPILE("{:016x}"), hash);
}

}  // namespace pathways::feed_host
