// A page of a longer list, as the HSDS envelope reports it.
#pragma once

#include <cstdint>
#include <vector>

namespace pathways {

struct page_request {
  int number = 1;  // 1-based
  int per_page = 25;
  std::int64_t offset() const { return static_cast<std::int64_t>(number - 1) * per_page; }
};

template <class T>
struct page {
  std::vector<T> items;
  std::int64_t total_items = 0;
  page_request request;
};

}  // namespace pathways
