// The openings that matching returns, read from the store by id and kept, without their
// descriptions, for as long as their revision in the matching graph stands: the graph keeps only
// what ranking needs. Bounded (least recently used go first); thread-safe.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pathways/database.hpp"
#include "pathways/model.hpp"

namespace pathways {

class opening_cache {
 public:
  explicit opening_cache(database& db, std::size_t capacity = 4096);

  // The openings with these ids at these revisions (a newer saved copy is fine), read from the
  // store when not kept; an id the store does not know gives nullptr. Never call it while holding
  // a lock a writer waits on with a connection leased: a read may wait for a connection.
  std::vector<std::shared_ptr<const opportunity>> get(
      const std::vector<std::pair<std::string, std::uint64_t>>& wanted);

 private:
  struct entry {
    std::uint64_t revision = 0;
    std::shared_ptr<const opportunity> opening;
    std::list<std::string>::iterator used;  // its place in recently_used
  };
  database& db_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::string, entry> kept_;
  std::list<std::string> recently_used_;  // most recent first
  void keep(const std::string& id, std::uint64_t revision,
            std::shared_ptr<const opportunity> opening);
};

}  // namespace pathways
