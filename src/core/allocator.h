// The memory behind wick's own storages: 64-byte aligned blocks, with freed blocks kept for
// reuse instead of going back to the C library at once.
//
// Why: a traced model allocates the same activation sizes on every call. Large blocks that go
// back to glibc are unmapped and the next call takes a page fault per 4 KiB page to map them
// again (about a tenth of a ResNet-18 call on one thread), and small blocks pay malloc's
// aligned path on every op of a chain of tiny tensors. Two caches avoid both:
//  - small blocks (up to kSmallLimit) in per-thread free lists by size class, a few dozen per
//    class, so most small allocations are a pointer pop;
//  - large blocks (from kLargeMin) in one process-wide cache of exact page-rounded sizes, up to
//    kLargeCacheBytes in total, oldest evicted first.
// Blocks of 4 MiB and more are 2 MiB aligned, rounded to 2 MiB and marked for transparent huge
// pages: a streaming op over three such tensors otherwise misses the TLB on every 4 KiB page
// (a 1M-float add ran 10% slower). The rounding costs at most a third of the block.
// Blocks in between go straight to the C library. Sanitizer builds bypass both caches so
// that use-after-free is still caught.
#pragma once

#include <cstddef>

namespace wick::memory {

inline constexpr size_t kSmallLimit = 4096;
inline constexpr size_t kLargeMin = size_t(64) << 10;
inline constexpr size_t kLargeCacheBytes = size_t(64) << 20;

// A block of at least nbytes, aligned to kStorageAlignment. Returns null when the system is
// out of memory.
void* acquire(size_t nbytes);
// Returns a block from acquire(), with the nbytes it was acquired for.
void release(void* p, size_t nbytes);
// False in sanitizer builds, where every block goes straight back to the C library.
bool cachingEnabled();
// Frees every cached block (tests; memory pressure).
void emptyCache();
// Bytes currently held in the large-block cache.
size_t cachedLargeBytes();

}  // namespace wick::memory
