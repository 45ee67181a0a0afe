// The measured float32 FMA peak of this machine (peak.cpp).
#pragma once

namespace wick::bench {

// GFLOPS of a dependency-free FMA loop on `threads` threads at once (best of five runs).
double fmaPeakGflops(int threads);

}  // namespace wick::bench
