// Dates as partners write them, turned into ISO YYYY-MM-DD.
#include "pathways/feed/dates.hpp"

#include <array>
#include <cstdio>

#include "pathways/feed/text.hpp"

namespace pathways::feed {

namespace {

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

std::optional<std::string> iso(int y, int m, int d) {
  constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return std::nullopt;
  if (d > days[static_cast<std::size_t>(m - 1)] + (m == 2 && leap(y) ? 1 : 0)) return std::nullopt;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
  return std::string(buffer);
}

// Digits only, 1..max_len long.
std::optional<int> digits(std::string_view text, std::size_t max_len) {
  if (text.empty() || text.size() > max_len) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<int> month_named(std::string_view word) {
  constexpr std::array<std::string_view, 12> months{"jan", "feb", "mar", "apr", "may", "jun",
                                                    "jul", "aug", "sep", "oct", "nov", "dec"};
  const std::string w = lower(word);
  if (w.size() < 3) return std::nullopt;
  for (std::size_t i = 0; i < months.size(); ++i)
    if (w.compare(0, 3, months[i]) == 0) return static_cast<int>(i + 1);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> parse_date(std::string_view text) {
  text = trim(text);
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
    const auto y = digits(text.substr(0, 4), 4);
    const auto m = digits(text.substr(5, 2), 2);
    const auto d = digits(text.substr(8, 2), 2);
    const bool rest_ok = text.size() == 10 || text[10] == 'T' || text[10] == ' ';
    if (y && m && d && rest_ok) return iso(*y, *m, *d);
    return std::nullopt;
  }
  for (char sep : {'/', '-', '.'}) {
    const auto parts = split_list(text, std::string_view(&sep, 1));
    if (parts.size() != 3) continue;
    const auto d = digits(parts[0], 2);
    const auto m = digits(parts[1], 2);
    const auto y = digits(parts[2], 4);
    if (d && m && y && parts[2].size() == 4) return iso(*y, *m, *d);
    return std::nullopt;
  }
  const auto words = split_list(text, " ,");
  if (words.size() == 3) {
    std::string day = words[0];
    while (!day.empty() && (day.back() < '0' || day.back() > '9')) day.pop_back();  // "1st"
    const auto d = digits(day, 2);
    const auto m = month_named(words[1]);
    const auto y = digits(words[2], 4);
    if (d && m && y && words[2].size() == 4) return iso(*y, *m, *d);
  }
  return std::nullopt;
}

}  // namespace pathways::feed
