// The benchmark case table's C++ side: each row of cases.def names a setup function that
// prepares inputs once and returns the work to time.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "wick/wick.h"

namespace wick::bench {

// One timed call of a case; it should do the whole operation, including allocating its
// result, as the PyTorch side does.
using Work = std::function<void()>;

struct BenchCase {
  std::string name;
  Work (*setup)();
  int threads;
};

#define WICK_BENCH(NAME, SETUP, THREADS) Work SETUP();
#include "cases.def"
#undef WICK_BENCH

// Every row of cases.def.
const std::vector<BenchCase>& allCases();

// n float32 values uniformly in [lo, hi), from a fixed seed.
Tensor uniformTensor(int64_t n, float lo, float hi, uint64_t seed);

}  // namespace wick::bench
