#include "core/allocator.h"

#include <sys/mman.h>
#include <array>
#include <cstdlib>
#include <list>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "wick/core/storage.h"

namespace wick::memory {

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kCaching = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kCaching = false;
#else
constexpr bool kCaching = true;
#endif
#else
constexpr bool kCaching = true;
#endif

constexpr size_t kPageSize = 4096;
// Transparent huge pages (see allocator.h).
constexpr size_t kHugePage = size_t(2) << 20;
constexpr size_t kHugeMin = size_t(4) << 20;
// Small size classes: 64, 128, ..., kSmallLimit bytes.
constexpr size_t kSmallClasses = 7;
constexpr size_t kBlocksPerClass = 32;

size_t smallClass(size_t nbytes) {
  size_t c = 0, size = kStorageAlignment;
  while (size < nbytes) {
    size <<= 1;
    ++c;
  }
  return c;
}

// What acquire() hands out for a request of nbytes.
size_t capacityFor(size_t nbytes) {
  if (nbytes <= kSmallLimit) return kStorageAlignment << smallClass(nbytes);
  if (nbytes >= kHugeMin) return (nbytes + kHugePage - 1) / kHugePage * kHugePage;
  if (nbytes >= kLargeMin) return (nbytes + kPageSize - 1) / kPageSize * kPageSize;
  return (nbytes + kStorageAlignment - 1) / kStorageAlignment * kStorageAlignment;
}

struct SmallCache {
  std::array<std::array<void*, kBlocksPerClass>, kSmallClasses> blocks{};
  std::array<size_t, kSmallClasses> count{};
  ~SmallCache();
};

// Set once the thread's cache is destroyed: blocks freed later in thread exit (by other
// thread-local destructors) go straight back to the C library.
thread_local bool small_cache_gone = false;
thread_local SmallCache small_cache;

SmallCache::~SmallCache() {
  small_cache_gone = true;
  for (size_t c = 0; c < kSmallClasses; ++c) {
    for (size_t i = 0; i < count[c]; ++i) std::free(blocks[c][i]);
    count[c] = 0;
  }
}

class LargeCache {
 public:
  void* take(size_t capacity) {
    std::lock_guard<std::mutex> g(mutex_);
    auto it = by_size_.find(capacity);
    if (it == by_size_.end() || it->second.empty()) return nullptr;
    auto block = it->second.back();
    it->second.pop_back();
    void* p = block->ptr;
    total_ -= capacity;
    lru_.erase(block);
    return p;
  }

  void put(void* p, size_t capacity) {
    std::vector<void*> evicted;
    {
      std::lock_guard<std::mutex> g(mutex_);
      lru_.push_front(Block{p, capacity});
      by_size_[capacity].push_back(lru_.begin());
      total_ += capacity;
      while (total_ > kLargeCacheBytes && !lru_.empty()) evicted.push_back(evictOldest());
    }
    for (void* e : evicted) std::free(e);
  }

  void clear() {
    std::vector<void*> evicted;
    {
      std::lock_guard<std::mutex> g(mutex_);
      while (!lru_.empty()) evicted.push_back(evictOldest());
    }
    for (void* e : evicted) std::free(e);
  }

  size_t total() const {
    std::lock_guard<std::mutex> g(mutex_);
    return total_;
  }

 private:
  struct Block {
    void* ptr;
    size_t capacity;
  };

  void* evictOldest() {
    Block b = lru_.back();
    auto& same = by_size_[b.capacity];
    auto last = std::prev(lru_.end());
    for (size_t i = 0; i < same.size(); ++i) {
      if (same[i] == last) {
        same.erase(same.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
    }
    lru_.pop_back();
    total_ -= b.capacity;
    return b.ptr;
  }

  mutable std::mutex mutex_;
  std::list<Block> lru_;  // newest first
  std::unordered_map<size_t, std::vector<std::list<Block>::iterator>> by_size_;
  size_t total_ = 0;
};

LargeCache& largeCache() {
  // Never destroyed: storages released during static destruction still find it.
  static LargeCache* cache = new LargeCache();
  return *cache;
}

}  // namespace

void* acquire(size_t nbytes) {
  size_t cap = capacityFor(nbytes == 0 ? 1 : nbytes);
  if (kCaching && cap <= kSmallLimit && !small_cache_gone) {
    size_t c = smallClass(cap);
    if (small_cache.count[c] > 0) return small_cache.blocks[c][--small_cache.count[c]];
  } else if (kCaching && cap >= kLargeMin) {
    if (void* p = largeCache().take(cap)) return p;
  }
  if (cap >= kHugeMin) {
    void* p = std::aligned_alloc(kHugePage, cap);
    if (p != nullptr) madvise(p, cap, MADV_HUGEPAGE);
    return p;
  }
  return std::aligned_alloc(kStorageAlignment, cap);
}

void release(void* p, size_t nbytes) {
  if (p == nullptr) return;
  size_t capacity = capacityFor(nbytes == 0 ? 1 : nbytes);
  if (kCaching && capacity <= kSmallLimit && !small_cache_gone) {
    size_t c = smallClass(capacity);
    if (small_cache.count[c] < kBlocksPerClass) {
      small_cache.blocks[c][small_cache.count[c]++] = p;
      return;
    }
  } else if (kCaching && capacity >= kLargeMin) {
    largeCache().put(p, capacity);
    return;
  }
  std::free(p);
}

void emptyCache() {
  largeCache().clear();
  if (!small_cache_gone) {
    for (size_t c = 0; c < kSmallClasses; ++c) {
      for (size_t i = 0; i < small_cache.count[c]; ++i) std::free(small_cache.blocks[c][i]);
      small_cache.count[c] = 0;
    }
  }
}

size_t cachedLargeBytes() { return largeCache().total(); }

bool cachingEnabled() { return kCaching; }

}  // namespace wick::memory
