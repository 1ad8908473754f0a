// Mappings aligned to 2 MiB and advised for transparent huge pages (Linux mmap and madvise).
#include "pathways/huge_page_allocator.hpp"

#include <sys/mman.h>

#include <cstdint>

namespace pathways::huge_pages {

void* map(std::size_t bytes) {
  // Mapped one page larger, then trimmed to an aligned start: mmap only promises 4 KiB.
  const std::size_t mapped = bytes + page_bytes;
  void* at = ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (at == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(at);
  const std::uintptr_t aligned = (start + page_bytes - 1) / page_bytes * page_bytes;
  if (aligned > start) ::munmap(at, aligned - start);
  if (const std::size_t tail = start + mapped - (aligned + bytes); tail > 0)
    ::munmap(reinterpret_cast<void*>(aligned + bytes), tail);
  // Advice only: where huge pages are off or short, the mapping still works with small pages.
  ::madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(aligned);
}

void unmap(void* at, std::size_t bytes) {
  ::munmap(at, bytes);
}

}  // namespace pathways::huge_pages
