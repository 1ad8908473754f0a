// The openings a feed read, keyed by external_ref, last wins, in first-seen order.
#include "pathways/feed/record_batch.hpp"

#include <limits>
#include <utility>

namespace pathways::feed {

void record_batch::expect(std::unordered_map<std::string, std::size_t> rows_per_ref) {
  rows_left_ = std::move(rows_per_ref);
  counted_ = true;
}

bool record_batch::add(plugin::opening_record record, std::string_view where) {
  if (stopped_) return false;
  if (const auto it = position_.find(record.external_ref); it != position_.end()) {
    held& earlier = held_[it->second - first_held_];
    sink_.warn(record.external_ref, "id '" + record.external_ref + "' repeated at " +
                                        std::string(where) + ": it replaces the record at " +
                                        earlier.where + " (last wins)");
    earlier.record = std::move(record);
    earlier.where = std::string(where);
    if (earlier.rows_left > 0) --earlier.rows_left;
  } else {
    std::size_t rows_left = std::numeric_limits<std::size_t>::max();  // until flush
    if (counted_) {
      const auto counted = rows_left_.find(record.external_ref);
      rows_left = counted == rows_left_.end() || counted->second == 0 ? 0 : counted->second - 1;
      if (counted != rows_left_.end()) rows_left_.erase(counted);
    }
    if (rows_left == 0 && held_.empty()) {  // the common case: straight to the host
      stopped_ = !sink_.accept(record);
      if (!stopped_) ++sent_;
      return !stopped_;
    }
    position_.emplace(record.external_ref, first_held_ + held_.size());
    held_.push_back({std::move(record), std::string(where), rows_left});
  }
  pass_on();
  return !stopped_;
}

void record_batch::pass_on() {
  while (!stopped_ && !held_.empty() && held_.front().rows_left == 0) {
    const held& front = held_.front();
    if (!sink_.accept(front.record)) {
      stopped_ = true;
      break;
    }
    ++sent_;
    position_.erase(front.record.external_ref);
    held_.pop_front();
    ++first_held_;
  }
}

std::size_t record_batch::flush() {
  for (held& h : held_) h.rows_left = 0;
  pass_on();
  return sent_;
}

}  // namespace pathways::feed
