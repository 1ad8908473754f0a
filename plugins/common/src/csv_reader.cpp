// RFC 4180 CSV reading: a small state machine over the whole text.
#include "pathways/feed/csv_reader.hpp"

#include "pathways/feed/text.hpp"

namespace pathways::feed {

namespace {

// The first position at or after i holding a or b (c, d), or text.size(): a plain loop, where
// string_view::find_first_of searches the set once a character.
std::size_t next_of(std::string_view text, std::size_t i, char a, char b, char c = '\0',
                    char d = '\0') {
  for (; i < text.size(); ++i) {
    const char x = text[i];
    if (x == a || x == b || (c != '\0' && (x == c || x == d))) return i;
  }
  return text.size();
}

bool is_blank(const csv_row& row, bool had_quotes) {
  return !had_quotes && row.fields.size() == 1 && trim(row.fields[0]).empty();
}

}  // namespace

csv_document parse_csv(std::string_view text) {
  csv_document doc;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t line = 1;
  csv_row row{line, {}};
  std::string field;
  bool in_quotes = false;
  bool had_quotes = false;
  std::size_t quote_line = 0;
  auto end_row = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    if (!is_blank(row, had_quotes)) doc.rows.push_back(std::move(row));
    row = csv_row{line, {}};
    had_quotes = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else if (c == '\n') {
        ++line;
        field += c;
      } else {  // the run up to the next quote or line end, in one append
        const std::size_t stop = next_of(text, i, '"', '\n');
        field.append(text.substr(i, stop - i));
        i = stop - 1;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_quotes = true;
        had_quotes = true;
        quote_line = line;
        break;
      case ',':
        row.fields.push_back(std::move(field));
        field.clear();
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;  // the \n ends the row
        ++line;
        end_row();
        break;
      case '\n':
        ++line;
        end_row();
        break;
      default: {  // the run up to the next special character, in one append
        const std::size_t stop = next_of(text, i, '"', ',', '\r', '\n');
        field.append(text.substr(i, stop - i));
        i = stop - 1;
      }
    }
  }
  if (in_quotes) doc.unterminated_quote_line = quote_line;
  if (!field.empty() || !row.fields.empty() || had_quotes) end_row();
  return doc;
}

csv_header::csv_header(const std::vector<std::string>& names) {
  names_.reserve(names.size());
  for (const std::string& n : names) names_.push_back(lower(trim(n)));
}

std::optional<std::size_t> csv_header::find(std::string_view name) const {
  const std::string wanted = lower(trim(name));
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == wanted) return i;
  return std::nullopt;
}

std::string_view field_at(const csv_row& row, std::optional<std::size_t> index) {
  if (!index || *index >= row.fields.size()) return {};
  return row.fields[*index];
}

}  // namespace pathways::feed
