// Weekly opening times from partner data.
#include "pathways/feed/weekly_schedule.hpp"

#include <array>
#include <cstdio>

#include "pathways/feed/text.hpp"

namespace pathways::feed {

std::optional<std::string> parse_weekday(std::string_view text) {
  static constexpr std::array<std::string_view, 7> names{
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  const std::string w = lower(trim(text));
  if (w.size() < 2) return std::nullopt;
  for (std::string_view n : names)
    if (w.size() <= n.size() && n.compare(0, w.size(), w) == 0) return std::string(n.substr(0, 3));
  return std::nullopt;
}

std::optional<std::string> parse_time_of_day(std::string_view text) {
  text = trim(text);
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9')
      digits += c;
    else if (c != ':' && c != '.')
      return std::nullopt;
  }
  int h = 0;
  int m = 0;
  if (text.find_first_of(":.") != std::string_view::npos) {
    const auto parts = split_list(text, ":.");
    if (parts.size() < 2 || parts.size() > 3 || parts[0].size() > 2 || parts[1].size() != 2)
      return std::nullopt;
    h = std::stoi(parts[0]);
    m = std::stoi(parts[1]);
  } else if (digits.size() == 4) {
    h = std::stoi(digits.substr(0, 2));
    m = std::stoi(digits.substr(2));
  } else {
    return std::nullopt;
  }
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", h, m);
  return std::string(buffer);
}

std::optional<std::vector<plugin::time_window>> parse_schedule(std::string_view text) {
  std::vector<plugin::time_window> windows;
  for (const std::string& part : split_list(text, ";\n")) {
    const std::size_t space = part.find_first_of(" \t");
    if (space == std::string::npos) return std::nullopt;
    const auto day = parse_weekday(part.substr(0, space));
    // An en dash (UTF-8 E2 80 93) reads as a hyphen.
    const std::string_view rest = trim(std::string_view(part).substr(space));
    std::string times;
    for (std::size_t i = 0; i < rest.size(); ++i) {
      if (rest.substr(i, 3) == "\xE2\x80\x93") {
        times += '-';
        i += 2;
      } else {
        times += rest[i];
      }
    }
    const auto range = split_list(times, "-");
    if (!day || range.size() != 2) return std::nullopt;
    const auto opens = parse_time_of_day(range[0]);
    const auto closes = parse_time_of_day(range[1]);
    if (!opens || !closes || *closes <= *opens) return std::nullopt;
    windows.push_back({*day, *opens, *closes});
  }
  return windows;
}

}  // namespace pathways::feed
