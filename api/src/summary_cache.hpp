// Opening summaries as JSON text, serialized once per revision of an opening and shared by the
// match responses that list it. Thread-safe (a reader-writer lock).
#pragma once

#include <cstdint>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "pathways/model.hpp"

namespace pathways::api {

class summary_cache {
 public:
  // Appends summary_json(o) as text to `out`; built again only when `revision` changes.
  void append(std::string& out, const opportunity& o, std::uint64_t revision);

 private:
  std::shared_mutex mutex_;
  std::unordered_map<std::string, std::pair<std::uint64_t, std::string>>
      by_id_;  // id → revision, text
};

}  // namespace pathways::api
