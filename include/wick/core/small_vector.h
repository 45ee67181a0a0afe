// A vector of trivially copyable elements with inline room for N of them: tensor sizes and
// strides live here without a heap allocation for up to N dimensions.
#pragma once

#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <new>
#include <type_traits>

#include "wick/core/array_ref.h"

namespace wick {

template <class T, size_t N>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T>, "SmallVector holds trivially copyable types");

 public:
  SmallVector() = default;
  SmallVector(size_t n, T v = T()) { assign(n, v); }
  SmallVector(ArrayRef<T> a) { assign(a); }
  SmallVector(std::initializer_list<T> l) { assign(ArrayRef<T>(l)); }
  SmallVector(const SmallVector& o) { assign(ArrayRef<T>(o)); }
  SmallVector& operator=(const SmallVector& o) {
    if (this != &o) assign(ArrayRef<T>(o));
    return *this;
  }
  SmallVector(SmallVector&& o) noexcept { *this = std::move(o); }
  SmallVector& operator=(SmallVector&& o) noexcept {
    if (this == &o) return *this;
    if (o.isInline()) {
      assign(ArrayRef<T>(o));
    } else {
      freeHeap();
      data_ = o.data_;
      size_ = o.size_;
      capacity_ = o.capacity_;
      o.data_ = o.inline_;
      o.capacity_ = N;
    }
    o.size_ = 0;
    return *this;
  }
  ~SmallVector() { freeHeap(); }

  void assign(size_t n, T v) {
    resize(n);
    for (size_t i = 0; i < n; ++i) data_[i] = v;
  }
  void assign(ArrayRef<T> a) {
    reserve(a.size());
    if (a.size()) std::memmove(static_cast<void*>(data_), a.data(), a.size() * sizeof(T));
    size_ = a.size();
  }
  void reserve(size_t n) {
    if (n <= capacity_) return;
    T* p = static_cast<T*>(std::malloc(n * sizeof(T)));
    if (!p) throw std::bad_alloc();
    if (size_) std::memcpy(static_cast<void*>(p), data_, size_ * sizeof(T));
    freeHeap();
    data_ = p;
    capacity_ = n;
  }
  void resize(size_t n, T v = T()) {
    reserve(n);
    for (size_t i = size_; i < n; ++i) data_[i] = v;
    size_ = n;
  }
  void push_back(T v) {
    if (size_ == capacity_) reserve(capacity_ * 2);
    data_[size_++] = v;
  }
  void pop_back() { --size_; }
  void insert(size_t pos, T v) {
    push_back(v);
    for (size_t i = size_ - 1; i > pos; --i) data_[i] = data_[i - 1];
    data_[pos] = v;
  }
  void erase(size_t pos) {
    for (size_t i = pos + 1; i < size_; ++i) data_[i - 1] = data_[i];
    --size_;
  }
  void clear() { size_ = 0; }

  T* data() { return data_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T& back() { return data_[size_ - 1]; }
  const T& back() const { return data_[size_ - 1]; }
  T& front() { return data_[0]; }
  const T& front() const { return data_[0]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  operator ArrayRef<T>() const { return ArrayRef<T>(data_, size_); }
  ArrayRef<T> ref() const { return ArrayRef<T>(data_, size_); }
  std::vector<T> vec() const { return std::vector<T>(begin(), end()); }

 private:
  bool isInline() const { return data_ == inline_; }
  void freeHeap() {
    if (!isInline()) std::free(data_);
    data_ = inline_;
    capacity_ = N;
  }
  T inline_[N];
  T* data_ = inline_;
  size_t size_ = 0;
  size_t capacity_ = N;
};

using DimVector = SmallVector<int64_t, 6>;

}  // namespace wick
