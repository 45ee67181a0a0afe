// Reading the elements of bool tensors. A bool tensor can view bytes other than 0 and 1
// (Tensor::view(kBool) of uint8 data, from_blob over foreign memory); PyTorch reads every
// non-zero byte as true, and loading such a byte as a C++ bool is undefined behaviour, so
// kernels read bool elements as bytes.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace wick {

inline bool loadBool(const void* p) {
  uint8_t byte;
  std::memcpy(&byte, p, 1);
  return byte != 0;
}

// An element of type T at p, with bools read as bytes.
template <class T>
inline T loadElement(const T* p) {
  if constexpr (std::is_same_v<T, bool>) {
    return loadBool(p);
  } else {
    return *p;
  }
}

// Whether the n bytes at p are all 0 or 1 (a contiguous bool buffer a kernel may read
// directly).
inline bool boolBytesAreCanonical(const uint8_t* p, int64_t n) {
  uint8_t high = 0;
  for (int64_t i = 0; i < n; ++i) high |= static_cast<uint8_t>(p[i] & 0xfe);
  return high == 0;
}

}  // namespace wick
