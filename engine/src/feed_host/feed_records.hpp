// A partner's record made into an opening of the feed's agency and checked like any opening:
// vocabulary, lengths, coordinates, dates, places. Unknown taxonomy terms are dropped with a
// warning; anything else wrong rejects the record with its reason.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pathways/model.hpp"
#include "pathways/plugin/sdk.hpp"
#include "pathways/taxonomy.hpp"

namespace pathways::feed_host {

struct checked_record {
  std::string external_ref;            // as the record gave it
  std::optional<opportunity> opening;  // absent when rejected
  std::string rejection;               // why, when rejected
  std::vector<std::string> warnings;
};

checked_record check_record(plugin::opening_record record, const std::string& agency_id,
                            const std::string& source, const taxonomy& terms);

// A digest of everything a feed says about an opening: equal digests, nothing to change.
std::string digest_of(const opportunity& o);

}  // namespace pathways::feed_host
