// bench/compare's kernel/ cases: single elementwise ops on 1M float32 values.
#include "bench.h"

namespace wick::bench {

namespace {
constexpr int64_t kMillion = 1 << 20;
}  // namespace

Work benchRelu1m() {
  Tensor x = uniformTensor(kMillion, -8, 8, 1);
  return [x] { (void)relu(x); };
}

Work benchAdd1m() {
  Tensor x = uniformTensor(kMillion, -8, 8, 1);
  Tensor y = uniformTensor(kMillion, -8, 8, 2);
  return [x, y] { (void)(x + y); };
}

Work benchGelu1m() {
  Tensor x = uniformTensor(kMillion, -8, 8, 1);
  return [x] { (void)gelu(x); };
}

Work benchExp1m() {
  Tensor x = uniformTensor(kMillion, -8, 8, 1);
  return [x] { (void)exp(x); };
}

}  // namespace wick::bench
