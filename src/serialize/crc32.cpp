// CRC-32 of zip records (zlib's polynomial 0xEDB88320, reflected). Archives are checked as
// they load, so this is on the load path of every tensor: on x86-64 with PCLMULQDQ the
// buffer is folded 64 bytes at a time with carry-less multiplies (about 50x zlib's speed
// here), then reduced to 32 bits (Barrett); elsewhere zlib computes it.
#include <zlib.h>

#include <omp.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "serialize/zip_reader.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace wick::archive {

namespace {

// Byte-at-a-time update of the raw (not inverted) CRC register, for the last few bytes.
uint32_t updateBytes(uint32_t state, const uint8_t* p, size_t n) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  for (size_t i = 0; i < n; ++i) state = table[(state ^ p[i]) & 0xff] ^ (state >> 8);
  return state;
}

#if defined(__x86_64__)

// Folding constants of the reflected polynomial: x^(4*128 +- 32) mod P for 64-byte strides,
// x^(128 +- 32) mod P for 16-byte strides, x^64 mod P for 64 -> 32 bits, and P with
// floor(x^64 / P) for the Barrett reduction (bit-reflected, as PCLMULQDQ sees them).
constexpr int64_t kFold64Lo = 0x0154442bd4, kFold64Hi = 0x01c6e41596;
constexpr int64_t kFold16Lo = 0x01751997d0, kFold16Hi = 0x00ccaa009e;
constexpr int64_t kFold8 = 0x0163cd6124;
constexpr int64_t kPoly = 0x01db710641, kMu = 0x01f7011641;

__attribute__((target("pclmul,sse4.1"))) inline __m128i foldInto(__m128i acc, __m128i next,
                                                                 __m128i k) {
  __m128i lo = _mm_clmulepi64_si128(acc, k, 0x00);
  __m128i hi = _mm_clmulepi64_si128(acc, k, 0x11);
  return _mm_xor_si128(_mm_xor_si128(lo, hi), next);
}

__attribute__((target("pclmul,sse4.1"))) inline __m128i load(const uint8_t* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}

// The raw CRC register after `n` bytes (n >= 64, a multiple of 16).
__attribute__((target("pclmul,sse4.1"))) uint32_t foldBlocks(uint32_t state, const uint8_t* p,
                                                             size_t n) {
  const __m128i k64 = _mm_set_epi64x(kFold64Hi, kFold64Lo);
  const __m128i k16 = _mm_set_epi64x(kFold16Hi, kFold16Lo);
  __m128i x[4] = {load(p), load(p + 16), load(p + 32), load(p + 48)};
  x[0] = _mm_xor_si128(x[0], _mm_cvtsi32_si128(static_cast<int>(state)));
  for (p += 64, n -= 64; n >= 64; p += 64, n -= 64) {
    for (int i = 0; i < 4; ++i) x[i] = foldInto(x[i], load(p + 16 * i), k64);
  }
  __m128i acc = foldInto(foldInto(foldInto(x[0], x[1], k16), x[2], k16), x[3], k16);
  for (; n >= 16; p += 16, n -= 16) acc = foldInto(acc, load(p), k16);
  // 128 -> 64 -> 32 bits.
  const __m128i low32 = _mm_set_epi32(0, 0, 0, -1);
  acc = _mm_xor_si128(_mm_srli_si128(acc, 8), _mm_clmulepi64_si128(acc, k16, 0x10));
  __m128i high = _mm_srli_si128(acc, 4);
  acc = _mm_xor_si128(
      _mm_clmulepi64_si128(_mm_and_si128(acc, low32), _mm_set_epi64x(0, kFold8), 0x00), high);
  // Barrett reduction.
  const __m128i pm = _mm_set_epi64x(kMu, kPoly);
  __m128i q = _mm_and_si128(_mm_clmulepi64_si128(_mm_and_si128(acc, low32), pm, 0x10), low32);
  acc = _mm_xor_si128(acc, _mm_clmulepi64_si128(q, pm, 0x00));
  return static_cast<uint32_t>(_mm_extract_epi32(acc, 1));
}

bool hasClmul() {
  static const bool has = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
  return has;
}

#endif

uint32_t crc32Serial(const uint8_t* data, size_t size) {
#if defined(__x86_64__)
  if (size >= 64 && hasClmul()) {
    size_t body = size & ~size_t(15);
    uint32_t state = foldBlocks(0xffffffffu, data, body);
    return ~updateBytes(state, data + body, size - body);
  }
#endif
  return static_cast<uint32_t>(::crc32_z(0, data, size));
}

}  // namespace

// Large records (the weights) are checked in slices on all threads and the slices' CRCs
// combined: reading a mapped record is bound by memory and page mapping, which both scale
// with cores, and the check is most of the time it takes to load a model.
uint32_t crc32Of(const uint8_t* data, size_t size) {
  constexpr size_t kSlice = size_t(4) << 20;
  if (size < 2 * kSlice || omp_get_max_threads() < 2) return crc32Serial(data, size);
  const int64_t slices = static_cast<int64_t>((size + kSlice - 1) / kSlice);
  std::vector<uint32_t> crcs(static_cast<size_t>(slices));
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < slices; ++i) {
    size_t begin = static_cast<size_t>(i) * kSlice;
    crcs[static_cast<size_t>(i)] = crc32Serial(data + begin, std::min(kSlice, size - begin));
  }
  uLong crc = crcs[0];
  for (int64_t i = 1; i < slices; ++i) {
    size_t begin = static_cast<size_t>(i) * kSlice;
    crc = ::crc32_combine(crc, crcs[static_cast<size_t>(i)],
                          static_cast<z_off_t>(std::min(kSlice, size - begin)));
  }
  return static_cast<uint32_t>(crc);
}

}  // namespace wick::archive
