// bench/compare's dense kernel cases: float32 matrix products (sgemm shapes from
// spec/cpu-kernels.md) and a ResNet-style 3x3 convolution, through the eager API.
#include "bench.h"

namespace wick::bench {

namespace {

// A float32 tensor of the given shape with values uniform in [-1, 1).
Tensor uniformShaped(IntArrayRef sizes, uint64_t seed) {
  int64_t n = 1;
  for (int64_t s : sizes) n *= s;
  return uniformTensor(n, -1, 1, seed).view(sizes);
}

Work mmWork(int64_t m, int64_t k, int64_t n) {
  Tensor a = uniformShaped({m, k}, 1), b = uniformShaped({k, n}, 2);
  return [a, b] { (void)mm(a, b); };
}

}  // namespace

Work benchSgemm1024() { return mmWork(1024, 1024, 1024); }
Work benchSgemm1x512x512() { return mmWork(1, 512, 512); }
Work benchSgemm32x768x3072() { return mmWork(32, 768, 3072); }

Work benchConv3x3_64x56() {
  Tensor x = uniformShaped({1, 64, 56, 56}, 1);
  Tensor w = uniformShaped({64, 64, 3, 3}, 2);
  Tensor b = uniformShaped({64}, 3);
  return [x, w, b] { (void)conv2d(x, w, b, 1, 1); };
}

}  // namespace wick::bench
