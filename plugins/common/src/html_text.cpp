// HTML to plain text: a forgiving single pass, never throws on malformed markup.
#include "pathways/feed/html_text.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <utility>

#include "pathways/feed/text.hpp"

namespace pathways::feed {

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

constexpr std::array<std::pair<std::string_view, std::uint32_t>, 16> named_entities{
    {{"amp", '&'},
     {"lt", '<'},
     {"gt", '>'},
     {"quot", '"'},
     {"apos", '\''},
     {"nbsp", ' '},
     {"pound", 0xA3},
     {"euro", 0x20AC},
     {"copy", 0xA9},
     {"ndash", 0x2013},
     {"mdash", 0x2014},
     {"rsquo", 0x2019},
     {"lsquo", 0x2018},
     {"hellip", 0x2026},
     {"eacute", 0xE9},
     {"bull", 0x2022}}};

// Decodes the reference starting at html[i] == '&'; returns the characters consumed (0: none).
std::size_t decode_reference(std::string_view html, std::size_t i, std::string& out) {
  const std::size_t semi = html.find(';', i);
  if (semi == std::string_view::npos || semi - i > 10) return 0;
  const std::string_view name = html.substr(i + 1, semi - i - 1);
  if (name.size() > 1 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    std::uint32_t cp = 0;
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
      std::uint32_t d = 0;
      if (c >= '0' && c <= '9')
        d = static_cast<std::uint32_t>(c - '0');
      else if (hex && c >= 'a' && c <= 'f')
        d = static_cast<std::uint32_t>(c - 'a' + 10);
      else if (hex && c >= 'A' && c <= 'F')
        d = static_cast<std::uint32_t>(c - 'A' + 10);
      else
        return 0;
      cp = cp * (hex ? 16u : 10u) + d;
      if (cp > 0x10FFFF) return 0;
    }
    append_utf8(out, cp);
    return semi - i + 1;
  }
  for (const auto& [entity, cp] : named_entities)
    if (entity == name) {
      append_utf8(out, cp);
      return semi - i + 1;
    }
  return 0;
}

bool is_block_tag(std::string_view tag) {
  constexpr std::array<std::string_view, 14> blocks{"br", "p",  "div", "li", "ul", "ol", "tr",
                                                    "h1", "h2", "h3",  "h4", "h5", "h6", "table"};
  for (std::string_view b : blocks)
    if (tag == b) return true;
  return false;
}

// Collapses spaces within lines, keeps at most one blank line between paragraphs.
std::string tidy(std::string_view raw) {
  std::string out;
  std::size_t newlines = 0;
  bool space = false;
  for (char c : raw) {
    if (c == '\n') {
      space = false;
      if (!out.empty()) ++newlines;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (newlines > 0) {
      out += newlines > 1 ? "\n\n" : "\n";
    } else if (space) {
      out += ' ';
    }
    newlines = 0;
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string html_to_text(std::string_view html) {
  // Plain text already tidy (no markup, no references, single spaces between words) is its own
  // text: the common case of a spreadsheet cell, without the passes below.
  bool plain = html.empty() || (html.front() != ' ' && html.back() != ' ');
  for (std::size_t i = 0; plain && i < html.size(); ++i) {
    const char c = html[i];
    plain = !(c == '&' || c == '<' || c == '\n' || c == '\t' || c == '\r' || c == '\f' ||
              c == '\v' || (c == ' ' && i + 1 < html.size() && html[i + 1] == ' '));
  }
  if (plain) return std::string(html);
  std::string raw;
  raw.reserve(html.size());
  for (std::size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (c == '&') {
      const std::size_t used = decode_reference(html, i, raw);
      if (used > 0) {
        i += used - 1;
        continue;
      }
      raw += c;
      continue;
    }
    if (c != '<' || i + 1 >= html.size() ||
        !(std::isalpha(static_cast<unsigned char>(html[i + 1])) || html[i + 1] == '/' ||
          html[i + 1] == '!')) {
      raw += c;
      continue;
    }
    const std::size_t close = html.find('>', i);
    if (close == std::string_view::npos) break;  // a cut-off tag: drop the rest
    std::string_view inside = html.substr(i + 1, close - i - 1);
    if (!inside.empty() && inside[0] == '/') inside.remove_prefix(1);
    const std::string tag = lower(inside.substr(0, inside.find_first_of(" \t\r\n/")));
    if (tag == "script" || tag == "style") {
      const std::size_t end = lower(html.substr(close)).find("</" + tag);
      if (end == std::string::npos) break;
      i = close + end;
      const std::size_t end_close = html.find('>', i);
      if (end_close == std::string_view::npos) break;
      i = end_close;
      continue;
    }
    if (is_block_tag(tag)) raw += '\n';
    if (tag == "p") raw += '\n';
    i = close;
  }
  return tidy(raw);
}

}  // namespace pathways::feed
