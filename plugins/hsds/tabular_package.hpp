// The HSDS tabular package (a folder of CSV files joined by *_id columns) assembled into nested
// services, the shape of the HSDS API, warning for each row whose foreign key resolves to nothing.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "pathways/feed/json_fields.hpp"
#include "pathways/plugin/sdk.hpp"

namespace pathways::feed::hsds {

struct tabular_package {
  std::vector<std::pair<json, std::string>> services;  // nested service, "services.csv line N"
};

// Reads folder/services.csv (required) and the optional organizations, locations, addresses,
// accessibility, service_at_location, schedules, taxonomy_terms, attributes and
// service_capacity files. Throws std::runtime_error when services.csv is missing.
tabular_package read_tabular_package(const std::string& folder, plugin::record_sink& sink);

}  // namespace pathways::feed::hsds
