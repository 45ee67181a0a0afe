// Storage: a refcounted block of bytes that tensors view. Memory wick allocates is 64-byte
// aligned; a storage can also wrap external memory (a mapped archive record) and keep its
// owner alive. Views share one storage and with it one version counter, which in-place ops
// bump.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "wick/core/intrusive_ptr.h"

namespace wick {

inline constexpr size_t kStorageAlignment = 64;

class StorageImpl : public IntrusiveTarget {
 public:
  // Allocates nbytes, 64-byte aligned, uninitialised. Raises on sizes that cannot be met.
  static IntrusivePtr<StorageImpl> allocate(size_t nbytes);
  // Wraps memory owned elsewhere; `owner` is kept alive as long as the storage.
  static IntrusivePtr<StorageImpl> wrap(void* data, size_t nbytes, std::shared_ptr<void> owner);

  ~StorageImpl() override;

  void* data() const { return data_; }
  size_t nbytes() const { return nbytes_; }
  bool isExternal() const { return owner_ != nullptr; }

  uint32_t version() const { return version_.load(std::memory_order_relaxed); }
  void bumpVersion() { version_.fetch_add(1, std::memory_order_relaxed); }

 private:
  StorageImpl() = default;
  void* data_ = nullptr;
  size_t nbytes_ = 0;
  std::shared_ptr<void> owner_;
  std::atomic<uint32_t> version_{0};
};

}  // namespace wick
