// The openings a feed read, keyed by external_ref: an id seen again replaces the earlier
// record (last wins) with a warning, and the records go to the host's sink in first-seen order.
// By default every record waits for flush(). A plugin that counts each id's rows first (expect)
// lets a record go as soon as no later row can replace it, so the host checks it while the feed is
// still being read and the plugin holds only what a repeated id keeps waiting.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

#include "pathways/plugin/sdk.hpp"

namespace pathways::feed {

class record_batch {
 public:
  explicit record_batch(plugin::record_sink& sink) : sink_(sink) {}

  // How many rows name each external_ref that more than one row names (any other has one),
  // counted before the first add. An overcount (a row skipped later) only holds that record, and
  // those after it, until flush.
  void expect(std::unordered_map<std::string, std::size_t> rows_per_ref);
  // Adds record; where names its source for a duplicate warning ("line 12", "service x").
  // False once the sink has said stop: read no further.
  bool add(plugin::opening_record record, std::string_view where);
  // Sends every record still held; stops early when the sink says so. Returns how many went,
  // before and now.
  std::size_t flush();

 private:
  struct held {
    plugin::opening_record record;
    std::string where;      // the source of the record kept
    std::size_t rows_left;  // rows still to come that name it
  };
  void pass_on();  // sends the records at the front that nothing can replace any more

  plugin::record_sink& sink_;
  bool counted_ = false;
  std::unordered_map<std::string, std::size_t> rows_left_;  // ids not added yet (when counted)
  std::deque<held> held_;                                   // in first-seen order
  std::size_t first_held_ = 0;                              // the first-seen number of the front
  std::unordered_map<std::string, std::size_t> position_;   // a held id's first-seen number
  std::size_t sent_ = 0;
  bool stopped_ = false;
};

}  // namespace pathways::feed
