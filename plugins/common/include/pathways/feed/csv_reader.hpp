// RFC 4180 CSV reading for partner exports: UTF-8 with or without BOM, CRLF or LF, quoted
// fields holding commas, doubled quotes and newlines; blank lines are skipped.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathways::feed {

// One row and the (1-based) line of the file it starts on.
struct csv_row {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

struct csv_document {
  std::vector<csv_row> rows;                           // the header row first, if any
  std::optional<std::size_t> unterminated_quote_line;  // a quote opened here never closed
};

// The whole text parsed at once: for small files (a large export: csv_cursor).
csv_document parse_csv(std::string_view text);

// Reads the rows of text (which must outlive it) one at a time into a row the caller keeps,
// reusing its strings: a large export is never held parsed. Skips blank lines as parse_csv does.
class csv_cursor {
 public:
  explicit csv_cursor(std::string_view text);
  // The next row into row; false at the end of the text.
  bool next(csv_row& row);
  // Where a quote that never closed was opened; known once next() has returned false.
  std::optional<std::size_t> unterminated_quote_line() const noexcept { return unterminated_; }

 private:
  bool read_row(csv_row& row);  // the row at the cursor, blank or not; true when it had quotes

  std::string_view text_;
  std::size_t at_ = 0;
  std::size_t line_ = 1;
  std::optional<std::size_t> unterminated_;
};

// A header row turned into a lookup: column names compared trimmed and case-insensitively.
class csv_header {
 public:
  csv_header() = default;
  explicit csv_header(const std::vector<std::string>& names);
  // The column index of name, if present.
  std::optional<std::size_t> find(std::string_view name) const;
  std::size_t size() const noexcept { return names_.size(); }

 private:
  std::vector<std::string> names_;  // normalised
};

// fields[index] if the row has it, otherwise empty.
std::string_view field_at(const csv_row& row, std::optional<std::size_t> index);

}  // namespace pathways::feed
