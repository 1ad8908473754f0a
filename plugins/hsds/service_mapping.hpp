// One HSDS service, in the nested shape of the HSDS API (organization, service_at_locations →
// location, schedules, attributes → taxonomy_term, capacities), turned into an opening record.
// The tabular package is assembled into this same shape first, so both share one mapping.
#pragma once

#include <optional>
#include <string>

#include "hsds_mapping.hpp"
#include "pathways/feed/json_fields.hpp"
#include "pathways/plugin/sdk.hpp"

namespace pathways::feed::hsds {

struct service_context {
  const hsds_mapping& mapping;
  std::string domain;  // the domain of a service no rule places (mapping's default if empty)
};

// The record, or nullopt after a warning (no id, no name, an unknown status).
// where names the service's source in warnings ("contents[3]", "services.csv line 4").
std::optional<plugin::opening_record> read_service(const json& service,
                                                   const service_context& context,
                                                   const std::string& where,
                                                   plugin::record_sink& sink);

}  // namespace pathways::feed::hsds
