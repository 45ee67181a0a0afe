// Intrusive reference counting for the objects wick shares between threads: storages,
// tensors, strings and containers inside IValues. The count lives in the object, so a
// pointer is one word and IValue can hold it in its payload.
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>

namespace wick {

class IntrusiveTarget {
 public:
  IntrusiveTarget() = default;
  IntrusiveTarget(const IntrusiveTarget&) : refcount_(0) {}
  IntrusiveTarget& operator=(const IntrusiveTarget&) { return *this; }
  virtual ~IntrusiveTarget() = default;

  uint32_t use_count() const { return refcount_.load(std::memory_order_relaxed); }

 private:
  template <class T>
  friend class IntrusivePtr;
  friend void intrusiveRetain(const IntrusiveTarget* p);
  friend void intrusiveRelease(const IntrusiveTarget* p);
  mutable std::atomic<uint32_t> refcount_{0};
};

inline void intrusiveRetain(const IntrusiveTarget* p) {
  if (p) p->refcount_.fetch_add(1, std::memory_order_relaxed);
}
inline void intrusiveRelease(const IntrusiveTarget* p) {
  if (p && p->refcount_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete p;
}

template <class T>
class IntrusivePtr {
 public:
  IntrusivePtr() noexcept = default;
  IntrusivePtr(std::nullptr_t) noexcept {}
  explicit IntrusivePtr(T* p) noexcept : ptr_(p) { intrusiveRetain(ptr_); }
  IntrusivePtr(const IntrusivePtr& o) noexcept : ptr_(o.ptr_) { intrusiveRetain(ptr_); }
  IntrusivePtr(IntrusivePtr&& o) noexcept : ptr_(o.ptr_) { o.ptr_ = nullptr; }
  template <class U>
  IntrusivePtr(const IntrusivePtr<U>& o) noexcept : ptr_(o.get()) {
    intrusiveRetain(ptr_);
  }
  ~IntrusivePtr() { intrusiveRelease(ptr_); }

  IntrusivePtr& operator=(const IntrusivePtr& o) noexcept {
    IntrusivePtr(o).swap(*this);
    return *this;
  }
  IntrusivePtr& operator=(IntrusivePtr&& o) noexcept {
    IntrusivePtr(std::move(o)).swap(*this);
    return *this;
  }
  void swap(IntrusivePtr& o) noexcept { std::swap(ptr_, o.ptr_); }
  void reset() noexcept { IntrusivePtr().swap(*this); }

  // Takes over a pointer whose count was already incremented (e.g. by release()).
  static IntrusivePtr reclaim(T* p) noexcept {
    IntrusivePtr r;
    r.ptr_ = p;
    return r;
  }
  // Gives up ownership without decrementing the count.
  T* release() noexcept {
    T* p = ptr_;
    ptr_ = nullptr;
    return p;
  }

  T* get() const noexcept { return ptr_; }
  T* operator->() const noexcept { return ptr_; }
  T& operator*() const noexcept { return *ptr_; }
  explicit operator bool() const noexcept { return ptr_ != nullptr; }
  bool operator==(const IntrusivePtr& o) const noexcept { return ptr_ == o.ptr_; }

 private:
  T* ptr_ = nullptr;
};

template <class T, class... Args>
IntrusivePtr<T> makeIntrusive(Args&&... args) {
  return IntrusivePtr<T>(new T(std::forward<Args>(args)...));
}

}  // namespace wick
