// An allocator for large, hot arrays: blocks of 2 MiB and more are mapped on their own, aligned
// to 2 MiB and marked for transparent huge pages (fewer TLB misses when reads are scattered);
// smaller blocks come from operator new.
#pragma once

#include <cstddef>
#include <new>

namespace pathways {

namespace huge_pages {
inline constexpr std::size_t page_bytes = std::size_t{2} << 20;
// A mapping of at least `bytes` (a multiple of page_bytes), aligned to page_bytes; throws
// std::bad_alloc.
void* map(std::size_t bytes);
void unmap(void* at, std::size_t bytes);
}  // namespace huge_pages

template <class T>
struct huge_page_allocator {
  using value_type = T;
  huge_page_allocator() = default;
  template <class U>
  huge_page_allocator(const huge_page_allocator<U>&) {}  // NOLINT: rebinding converts

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < huge_pages::page_bytes)
      return static_cast<T*>(::operator new (bytes, std::align_val_t{alignof(T)}));
    return static_cast<T*>(huge_pages::map(rounded(bytes)));
  }
  void deallocate(T* at, std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < huge_pages::page_bytes)
      ::operator delete (at, std::align_val_t{alignof(T)});
    else
      huge_pages::unmap(at, rounded(bytes));
  }
  template <class U>
  bool operator==(const huge_page_allocator<U>&) const {
    return true;
  }

 private:
  static std::size_t rounded(std::size_t bytes) {
    return (bytes + huge_pages::page_bytes - 1) / huge_pages::page_bytes * huge_pages::page_bytes;
  }
};

}  // namespace pathways
