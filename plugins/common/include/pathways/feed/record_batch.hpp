// The openings a feed read, keyed by external_ref: an id seen again replaces the earlier
// record (last wins) with a warning, and the batch goes to the host's sink in first-seen order.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pathways/plugin/sdk.hpp"

namespace pathways::feed {

class record_batch {
 public:
  explicit record_batch(plugin::record_sink& sink) : sink_(sink) {}

  // Adds record; where names its source for a duplicate warning ("line 12", "service x").
  void add(plugin::opening_record record, std::string_view where);
  // Sends every record to the sink; stops early when the sink says so. Returns how many went.
  std::size_t flush();
  std::size_t size() const noexcept { return records_.size(); }
  // Room for n records (a hint: a file's row count), so a large feed is not copied as it grows.
  void reserve(std::size_t n);

 private:
  plugin::record_sink& sink_;
  std::vector<plugin::opening_record> records_;
  std::vector<std::string> sources_;
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace pathways::feed
