#pragma once
// An allocator for the index's large random-access tables (the band table, the line
// counters): blocks of 2 MB and more are marked for transparent huge pages (madvise:
// a no-op where THP is off or "never"). Their lookups are cache misses spread over
// tens to hundreds of MB; on 4 KB pages most of them also missed the TLB. The block
// comes from malloc as before (no alignment slack: the heap and RSS per article are
// unchanged); the kernel backs its 2 MB-aligned interior with huge pages.
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace newsd::dedup {

template <class T>
struct huge_allocator {
  using value_type = T;
  static constexpr size_t kHuge = size_t{2} << 20;
  huge_allocator() = default;
  template <class U>
  huge_allocator(const huge_allocator<U>&) {}  // NOLINT: rebinding
  T* allocate(size_t n) {
    T* p = std::allocator<T>{}.allocate(n);
    const size_t bytes = n * sizeof(T);
    if (bytes >= kHuge) {
      // madvise wants page boundaries: the whole pages inside the block.
      constexpr uintptr_t kPage = 4096;
      const auto begin = (reinterpret_cast<uintptr_t>(p) + kPage - 1) & ~(kPage - 1);
      const auto end = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kPage - 1);
      // Advice only: without THP the table works the same on small pages.
      if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
    }
    return p;
  }
  void deallocate(T* p, size_t n) { std::allocator<T>{}.deallocate(p, n); }
  template <class U>
  bool operator==(const huge_allocator<U>&) const {
    return true;
  }
};

}  // namespace newsd::dedup
