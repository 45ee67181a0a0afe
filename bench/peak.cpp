// The machine's measured float32 FMA peak, the denominator of the sgemm target ("sgemm 1024³
// at least 80% of the measured FMA peak"): 24 independent chains of fused multiply-adds on
// the widest vectors the CPU has (enough chains to hide the FMA latency), timed on each of
// `threads` OpenMP threads at once.
#include <immintrin.h>
#include <omp.h>

#include <chrono>
#include <cstring>

#include "peak.h"

namespace wick::bench {

namespace {

// Built with -march=native: the widest FMA the CPU has. (Plain a * b + c is not fused under
// -std=c++20, which implies -ffp-contract=off.)
#if defined(__AVX512F__)
using Vec = __m512;
inline Vec fma(Vec a, Vec b, Vec c) { return _mm512_fmadd_ps(a, b, c); }
inline Vec splat(float x) { return _mm512_set1_ps(x); }

#elif defined(__FMA__)
using Vec = __m256;
inline Vec fma(Vec a, Vec b, Vec c) { return _mm256_fmadd_ps(a, b, c); }
inline Vec splat(float x) { return _mm256_set1_ps(x); }

#else
using Vec = float;
inline Vec fma(Vec a, Vec b, Vec c) { return a * b + c; }
inline Vec splat(float x) { return x; }
#endif
constexpr int kLanes = sizeof(Vec) / sizeof(float);

float lanesSum(Vec v) {
  float lanes[kLanes];
  std::memcpy(lanes, &v, sizeof v);
  float s = 0;
  for (float x : lanes) s += x;
  return s;
}
constexpr int kChains = 24;
constexpr long kIters = 1 << 22;

// GFLOPS of one thread's FMA loop. The chains' sum is returned through `sink` so the loop is
// not removed.
double oneThreadGflops(float* sink) {
  Vec acc[kChains];
  for (int c = 0; c < kChains; ++c) acc[c] = splat(static_cast<float>(c) * 1e-3f);
  const Vec m = splat(0.9999f), a = splat(1e-4f);
  auto start = std::chrono::steady_clock::now();
  for (long k = 0; k < kIters; ++k) {
#pragma GCC unroll 24
    for (int c = 0; c < kChains; ++c) acc[c] = fma(acc[c], m, a);
  }
  double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  float s = 0;
  for (int c = 0; c < kChains; ++c) s += lanesSum(acc[c]);
  *sink = s;
  return static_cast<double>(kIters) * kChains * kLanes * 2 / sec / 1e9;
}

}  // namespace

double fmaPeakGflops(int threads) {
  double best = 0;
  float sink = 0;
  for (int rep = 0; rep < 5; ++rep) {
    double total = 0;
#pragma omp parallel num_threads(threads) reduction(+ : total)
    {
      float s = 0;
      total += oneThreadGflops(&s);
#pragma omp critical
      sink += s;
    }
    if (total > best) best = total;
  }
  volatile float keep = sink;
  (void)keep;
  return best;
}

}  // namespace wick::bench
