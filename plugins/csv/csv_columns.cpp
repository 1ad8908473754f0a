// Which spreadsheet column holds which opening field.
#include "csv_columns.hpp"

#include <stdexcept>
#include <string>

namespace pathways::feed::csv {

column_map::column_map(const plugin::settings& config, const csv_header& header) {
  for (std::size_t i = 0; i < field_count; ++i) {
    const std::string key = "column." + std::string(standard_header[i]);
    const std::string name = config.value_or(key, std::string(standard_header[i]));
    index_[i] = header.find(name);
    if (!index_[i] &&
        (i == static_cast<std::size_t>(field::id) || i == static_cast<std::size_t>(field::title)))
      throw std::runtime_error("the header has no '" + name + "' column (set " + key + ")");
  }
}

std::string_view column_map::get(const csv_row& row, field f) const {
  return field_at(row, index_[static_cast<std::size_t>(f)]);
}

}  // namespace pathways::feed::csv
