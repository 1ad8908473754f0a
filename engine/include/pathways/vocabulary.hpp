// Fixed vocabularies of the domain (domains, agency kinds, adjustments, roles, statuses) and
// the one generic way to turn them into their wire names and back.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pathways {

enum class domain {
  work,
  education,
  housing,
  leisure,
  faith,
  volunteering,
  peer_support,
  relationships,
  health,
  money
};
enum class agency_kind {
  employer,
  college,
  housing_provider,
  leisure,
  faith_group,
  voluntary_sector,
  nhs,
  peer_support
};
// Adjustments a person may need and an opportunity may offer. Never a diagnosis.
enum class adjustment {
  step_free_access,
  flexible_hours,
  part_time,
  quiet_space,
  remote_option,
  interpreter,
  written_instructions,
  supported_start,
  job_coach,
  regular_breaks,
  hearing_loop,
  large_print,
  accessible_toilet,
  buddy,
  phased_start
};
enum class goal_status { active, achieved, paused, set_aside };
enum class opportunity_status { open, closed, withdrawn };
enum class pay_unit { hour, day, week, month, year };
enum class weekday { mon, tue, wed, thu, fri, sat, sun };
enum class role { admin, coordinator, employment_specialist, agency };

// vocabulary<E>::names lists the wire name of each enumerator, in declaration order.
template <class E>
struct vocabulary;
template <>
struct vocabulary<domain> {
  static constexpr std::array<std::string_view, 10> names{
      "work",         "education",    "housing",       "leisure", "faith",
      "volunteering", "peer_support", "relationships", "health",  "money"};
};
template <>
struct vocabulary<agency_kind> {
  static constexpr std::array<std::string_view, 8> names{
      "employer",         "college", "housing_provider", "leisure", "faith_group",
      "voluntary_sector", "nhs",     "peer_support"};
};
template <>
struct vocabulary<adjustment> {
  static constexpr std::array<std::string_view, 15> names{
      "step_free_access",     "flexible_hours",  "part_time",
      "quiet_space",          "remote_option",   "interpreter",
      "written_instructions", "supported_start", "job_coach",
      "regular_breaks",       "hearing_loop",    "large_print",
      "accessible_toilet",    "buddy",           "phased_start"};
};
template <>
struct vocabulary<goal_status> {
  static constexpr std::array<std::string_view, 4> names{"active", "achieved", "paused",
                                                         "set_aside"};
};
template <>
struct vocabulary<opportunity_status> {
  static constexpr std::array<std::string_view, 3> names{"open", "closed", "withdrawn"};
};
template <>
struct vocabulary<pay_unit> {
  static constexpr std::array<std::string_view, 5> names{"hour", "day", "week", "month", "year"};
};
template <>
struct vocabulary<weekday> {
  static constexpr std::array<std::string_view, 7> names{"mon", "tue", "wed", "thu",
                                                         "fri", "sat", "sun"};
};
template <>
struct vocabulary<role> {
  static constexpr std::array<std::string_view, 4> names{"admin", "coordinator",
                                                         "employment_specialist", "agency"};
};

template <class E>
constexpr std::string_view name_of(E value) {
  return vocabulary<E>::names[static_cast<std::size_t>(value)];
}

template <class E>
constexpr std::optional<E> parse_name(std::string_view text) {
  const auto& names = vocabulary<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<E>(i);
  return std::nullopt;
}

// The wire name as words, for sentences: "step_free_access" → "step free access".
template <class E>
std::string spoken_name(E value) {
  std::string out(name_of(value));
  for (char& c : out)
    if (c == '_') c = ' ';
  return out;
}

// "a, b or c": the allowed names, for error messages.
template <class E>
std::string allowed_names() {
  std::string out;
  const auto& names = vocabulary<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace pathways
