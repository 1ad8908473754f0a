// JSON strings written directly; anything beyond ASCII is left to nlohmann::json, which checks
// that it is valid UTF-8 (and throws, as every other reply would, when it is not).
#include "json_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace pathways::api {
namespace {

// The escape nlohmann::json writes for an ASCII character, or nothing if it is written as is.
std::string_view escape_of(char c, char (&scratch)[6]) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      break;
  }
  if (static_cast<unsigned char>(c) >= 0x20) return {};
  constexpr char hex[] = "0123456789abcdef";
  scratch[0] = '\\';
  scratch[1] = 'u';
  scratch[2] = '0';
  scratch[3] = '0';
  scratch[4] = hex[(c >> 4) & 0xf];
  scratch[5] = hex[c & 0xf];
  return {scratch, 6};
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  if (std::any_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    out += nlohmann::json(text).dump();
    return;
  }
  out += '"';
  char scratch[6];
  std::size_t run = 0;  // start of the characters not yet written
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::string_view escape = escape_of(text[i], scratch);
    if (escape.empty()) continue;
    out.append(text.data() + run, i - run);
    out += escape;
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

}  // namespace pathways::api
