#include "wick/core/storage.h"

#include <cstdlib>
#include <limits>
#include <new>

#include "core/allocator.h"
#include "wick/core/error.h"

namespace wick {

IntrusivePtr<StorageImpl> StorageImpl::allocate(size_t nbytes) {
  // Leave room to round up to the alignment; anything near that is not a real request.
  WICK_CHECK(nbytes <= (std::numeric_limits<size_t>::max() >> 2), "cannot allocate ", nbytes,
             " bytes");
  IntrusivePtr<StorageImpl> s(new StorageImpl());
  void* p = memory::acquire(nbytes);
  WICK_CHECK(p != nullptr, "out of memory: failed to allocate ", nbytes, " bytes");
  s->data_ = p;
  s->nbytes_ = nbytes;
  return s;
}

IntrusivePtr<StorageImpl> StorageImpl::wrap(void* data, size_t nbytes,
                                            std::shared_ptr<void> owner) {
  IntrusivePtr<StorageImpl> s(new StorageImpl());
  s->data_ = data;
  s->nbytes_ = nbytes;
  // A null owner still marks the memory as not ours to free.
  s->owner_ = owner ? std::move(owner) : std::shared_ptr<void>(data, [](void*) {});
  return s;
}

StorageImpl::~StorageImpl() {
  if (!owner_) memory::release(data_, nbytes_);
}

}  // namespace wick
