// The openings a feed read, keyed by external_ref, last wins.
#include "pathways/feed/record_batch.hpp"

namespace pathways::feed {

void record_batch::add(plugin::opening_record record, std::string_view where) {
  const auto [it, inserted] = index_.try_emplace(record.external_ref, records_.size());
  if (inserted) {
    records_.push_back(std::move(record));
    sources_.emplace_back(where);
    return;
  }
  sink_.warn(record.external_ref, "id '" + record.external_ref + "' repeated at " +
                                      std::string(where) + ": it replaces the record at " +
                                      sources_[it->second] + " (last wins)");
  records_[it->second] = std::move(record);
  sources_[it->second] = std::string(where);
}

void record_batch::reserve(std::size_t n) {
  records_.reserve(n);
  sources_.reserve(n);
  index_.reserve(n);
}

std::size_t record_batch::flush() {
  std::size_t sent = 0;
  for (const plugin::opening_record& r : records_) {
    if (!sink_.accept(r)) break;
    ++sent;
  }
  return sent;
}

}  // namespace pathways::feed
