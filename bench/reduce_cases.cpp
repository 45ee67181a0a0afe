// bench/compare's reduction cases: a full sum and a softmax over 1M float32 values.
#include "bench.h"

namespace wick::bench {

namespace {
constexpr int64_t kMillion = 1 << 20;
}  // namespace

Work benchSum1m() {
  Tensor x = uniformTensor(kMillion, -8, 8, 1);
  return [x] { (void)sum(x); };
}

Work benchSoftmax1m() {
  Tensor x = uniformTensor(kMillion, -8, 8, 1);
  return [x] { (void)softmax(x, 0); };
}

}  // namespace wick::bench
