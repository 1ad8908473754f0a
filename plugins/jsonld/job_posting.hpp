// One schema.org JobPosting node turned into an opening record.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "pathways/feed/json_fields.hpp"
#include "pathways/feed/taxonomy_labels.hpp"
#include "pathways/plugin/sdk.hpp"

namespace pathways::feed::jsonld {

// What the mapping needs besides the posting: settings and the document's nodes by @id.
struct posting_context {
  const taxonomy_labels& taxonomy;
  std::unordered_map<std::string, const json*> nodes_by_id;
  std::string domain = "work";
  std::string pay_unit;           // for a bare-number salary; empty: guessed with a warning
  double full_time_hours = 37.5;  // hours a FULL_TIME posting with no workHours gets
};

// The record, or nullopt after a warning when the posting has no id or no title.
std::optional<plugin::opening_record> read_job_posting(const json& posting,
                                                       const posting_context& context,
                                                       plugin::record_sink& sink);

}  // namespace pathways::feed::jsonld
