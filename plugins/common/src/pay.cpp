// Pay as partners write it, as an amount and a Pathways pay unit.
#include "pathways/feed/pay.hpp"

#include <array>
#include <stdexcept>
#include <utility>

#include "pathways/feed/text.hpp"

namespace pathways::feed {

std::optional<std::string> parse_pay_unit(std::string_view text) {
  // Words as normalise_words leaves them ("p.a." → "p a"), longest first where they overlap.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 30> words{
      {{"per hour", "hour"}, {"an hour", "hour"}, {"hourly", "hour"},     {"hour", "hour"},
       {"hours", "hour"},    {"hr", "hour"},      {"ph", "hour"},         {"p h", "hour"},
       {"per day", "day"},   {"a day", "day"},    {"daily", "day"},       {"day", "day"},
       {"per week", "week"}, {"a week", "week"},  {"weekly", "week"},     {"week", "week"},
       {"pw", "week"},       {"p w", "week"},     {"per month", "month"}, {"monthly", "month"},
       {"month", "month"},   {"pcm", "month"},    {"pm", "month"},        {"per annum", "year"},
       {"annum", "year"},    {"annual", "year"},  {"annually", "year"},   {"year", "year"},
       {"yearly", "year"},   {"p a", "year"}}};
  const std::string normal = normalise_words(text);
  if (normal.empty()) return std::nullopt;
  for (const auto& [word, unit] : words)
    if (normal == word) return std::string(unit);
  // A phrase: the first word that names a unit ("a year pro rata", "per hour plus holiday").
  for (const std::string& w : split_list(normal, " ")) {
    if (w == "a" || w == "an" || w == "per") continue;
    for (const auto& [word, unit] : words)
      if (w == word) return std::string(unit);
  }
  return std::nullopt;
}

std::optional<pay_rate> parse_pay(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && !(text[i] >= '0' && text[i] <= '9')) ++i;
  if (i == text.size()) return std::nullopt;
  std::string number;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if ((c >= '0' && c <= '9') || c == '.')
      number += c;
    else if (c == ',' && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9')
      continue;
    else
      break;
  }
  auto amount = parse_number(number);
  if (!amount) return std::nullopt;
  if (i < text.size() && (text[i] == 'k' || text[i] == 'K')) {
    *amount *= 1000;
    ++i;
  }
  pay_rate rate{*amount, {}};
  // The unit comes after the amount (and after a range's second amount: "£11-12 per hour").
  std::string_view rest = text.substr(i);
  if (const auto unit = parse_pay_unit(rest)) rate.unit = *unit;
  return rate;
}

std::string pay_unit_setting(const plugin::settings& config) {
  const std::string* text = config.find("pay_unit");
  if (!text || trim(*text).empty()) return {};
  if (auto unit = parse_pay_unit(*text)) return *unit;
  throw std::invalid_argument("pay_unit '" + *text +
                              "' is not a pay unit (hour, day, week, month, year)");
}

std::string guess_pay_unit(double amount) {
  if (amount < 100) return "hour";
  if (amount < 1000) return "day";
  if (amount < 10000) return "month";
  return "year";
}

}  // namespace pathways::feed
