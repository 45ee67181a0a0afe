// The storage allocator (src/core/allocator.h): aligned blocks of every size, reuse of freed
// small and large blocks (outside sanitizer builds), and a bounded large-block cache.
#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

#include "core/allocator.h"
#include "testing/testing.h"
#include "wick/core/storage.h"

namespace wick {
namespace {

bool aligned(const void* p) { return reinterpret_cast<uintptr_t>(p) % kStorageAlignment == 0; }

TEST(Allocator, BlocksOfEverySizeAreAlignedAndWritable) {
  for (size_t n : {size_t(0), size_t(1), size_t(63), size_t(64), size_t(100), size_t(4096),
                   size_t(5000), size_t(65536), size_t(70001), size_t(3) << 20}) {
    void* p = memory::acquire(n);
    ASSERT_NE(p, nullptr) << n;
    EXPECT_TRUE(aligned(p)) << n;
    if (n) std::memset(p, 0xab, n);
    memory::release(p, n);
  }
}

TEST(Allocator, FreedBlocksAreReusedAndTheCacheIsBounded) {
  memory::emptyCache();
  EXPECT_EQ(memory::cachedLargeBytes(), 0u);
  const bool caching = memory::cachingEnabled();

  void* small = memory::acquire(200);
  memory::release(small, 200);
  void* again = memory::acquire(256);  // same size class
  EXPECT_EQ(again == small, caching);
  memory::release(again, 256);

  const size_t big = size_t(1) << 20;
  void* large = memory::acquire(big);
  memory::release(large, big);
  EXPECT_EQ(memory::cachedLargeBytes(), caching ? big : 0u);
  void* large_again = memory::acquire(big - 100);  // rounds to the same pages
  EXPECT_EQ(large_again == large, caching);
  memory::release(large_again, big - 100);

  // Far more than the cache holds: the oldest blocks go back to the C library.
  std::vector<void*> blocks;
  const size_t block = size_t(8) << 20;
  for (size_t i = 0; i < 2 * memory::kLargeCacheBytes / block; ++i) {
    blocks.push_back(memory::acquire(block));
  }
  for (void* p : blocks) memory::release(p, block);
  EXPECT_LE(memory::cachedLargeBytes(), memory::kLargeCacheBytes);
  memory::emptyCache();
  EXPECT_EQ(memory::cachedLargeBytes(), 0u);
}

TEST(Allocator, StoragesFreedOnOtherThreadsAndAfterThreadExit) {
  // A storage made on one thread and dropped on another, and small blocks cached by a thread
  // that then exits, must neither leak into the wrong list nor crash.
  IntrusivePtr<StorageImpl> made;
  std::thread t1([&] { made = StorageImpl::allocate(128); });
  t1.join();
  std::thread t2([&] {
    IntrusivePtr<StorageImpl> local = StorageImpl::allocate(512);
    std::memset(local->data(), 1, 512);
    made.reset();
  });
  t2.join();
  IntrusivePtr<StorageImpl> s = StorageImpl::allocate(100);
  EXPECT_TRUE(aligned(s->data()));
  EXPECT_EQ(s->nbytes(), 100u);
}

}  // namespace
}  // namespace wick
