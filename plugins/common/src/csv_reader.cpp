// RFC 4180 CSV reading: a small state machine, one row at a time.
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

// The row's next field, emptied; the row's strings are reused from row to row.
std::string& start_field(csv_row& row, std::size_t& count) {
  if (count == row.fields.size()) row.fields.emplace_back();
  std::string& field = row.fields[count++];
  field.clear();
  return field;
}

}  // namespace

csv_cursor::csv_cursor(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
}

bool csv_cursor::next(csv_row& row) {
  while (at_ < text_.size()) {
    const bool had_quotes = read_row(row);
    if (!is_blank(row, had_quotes)) return true;
  }
  return false;
}

bool csv_cursor::read_row(csv_row& row) {
  row.line = line_;
  std::size_t count = 0;
  std::string* field = &start_field(row, count);
  bool in_quotes = false;
  bool had_quotes = false;
  std::size_t quote_line = 0;
  const std::string_view text = text_;
  for (; at_ < text.size(); ++at_) {
    const char c = text[at_];
    if (in_quotes) {
      if (c == '"') {
        if (at_ + 1 < text.size() && text[at_ + 1] == '"') {
          *field += '"';
          ++at_;
        } else {
          in_quotes = false;
        }
      } else if (c == '\n') {
        ++line_;
        *field += c;
      } else {  // the run up to the next quote or line end, in one append
        const std::size_t stop = next_of(text, at_, '"', '\n');
        field->append(text.substr(at_, stop - at_));
        at_ = stop - 1;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_quotes = true;
        had_quotes = true;
        quote_line = line_;
        break;
      case ',':
        field = &start_field(row, count);
        break;
      case '\r':
        if (at_ + 1 < text.size() && text[at_ + 1] == '\n') break;  // the \n ends the row
        [[fallthrough]];
      case '\n':
        ++line_;
        ++at_;
        row.fields.resize(count);
        return had_quotes;
      default: {  // the run up to the next special character, in one append
        const std::size_t stop = next_of(text, at_, '"', ',', '\r', '\n');
        field->append(text.substr(at_, stop - at_));
        at_ = stop - 1;
      }
    }
  }
  if (in_quotes) unterminated_ = quote_line;
  row.fields.resize(count);
  return had_quotes;
}

csv_document parse_csv(std::string_view text) {
  csv_document doc;
  csv_cursor rows(text);
  for (csv_row row; rows.next(row);) doc.rows.push_back(std::move(row));
  doc.unterminated_quote_line = rows.unterminated_quote_line();
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
