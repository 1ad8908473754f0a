// Small text helpers every feed needs: trimming, case, lists, numbers and reading a file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathways::feed {

std::string_view trim(std::string_view text) noexcept;
// ASCII lower case; other bytes (UTF-8) unchanged.
std::string lower(std::string_view text);
// Splits on any of separators, trims each piece and drops empty ones.
std::vector<std::string> split_list(std::string_view text, std::string_view separators);
// Joins the non-empty parts with separator.
std::string join_non_empty(const std::vector<std::string>& parts, std::string_view separator);
// A whole decimal number ("12", " -1.5 "); nothing else may follow.
std::optional<double> parse_number(std::string_view text);
// A whole non-negative or negative integer written as digits ("12", "12.0").
std::optional<int> parse_integer(std::string_view text);
// Lower case, every run of non-alphanumeric ASCII turned into one space, trimmed:
// "Customer-service " → "customer service". Used to compare labels.
std::string normalise_words(std::string_view text);
// The whole file; throws std::runtime_error naming the path when it cannot be read.
std::string read_file(const std::string& path);

}  // namespace pathways::feed
