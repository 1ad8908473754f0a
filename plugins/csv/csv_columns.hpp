// Which spreadsheet column holds which opening field: the documented standard header, each
// name overridable by a `column.<field>` setting (e.g. column.title = "Job title").
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "pathways/feed/csv_reader.hpp"
#include "pathways/plugin/sdk.hpp"

namespace pathways::feed::csv {

enum class field : std::size_t {
  id,
  organisation,
  domain,
  title,
  description,
  lat,
  lon,
  address,
  remote,
  schedule,
  hours_per_week,
  pay,
  pay_unit,
  places_total,
  places_available,
  strengths,
  min_age,
  max_age,
  adjustments,
  start_date,
  end_date,
  closing_date,
  status,
  url
};
inline constexpr std::size_t field_count = static_cast<std::size_t>(field::url) + 1;

// The standard header: the default column name of each field, in declaration order.
inline constexpr std::array<std::string_view, field_count> standard_header{
    "id",          "organisation", "domain",           "title",        "description",    "lat",
    "lon",         "address",      "remote",           "schedule",     "hours_per_week", "pay",
    "pay_unit",    "places_total", "places_available", "strengths",    "min_age",        "max_age",
    "adjustments", "start_date",   "end_date",         "closing_date", "status",         "url"};

class column_map {
 public:
  // Resolves every field's column in header; throws std::runtime_error when the id or title
  // column is missing (nothing could be imported).
  column_map(const plugin::settings& config, const csv_header& header);
  std::string_view get(const csv_row& row, field f) const;

 private:
  std::array<std::optional<std::size_t>, field_count> index_;
};

}  // namespace pathways::feed::csv
