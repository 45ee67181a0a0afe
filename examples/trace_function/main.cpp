// Traces an ordinary C++ function into a TorchScript graph, prints the graph, and runs the
// trace on inputs of a different shape. Exits with status 1 if the trace and the eager
// function disagree.
#include <wick/jit/trace.h>
#include <wick/wick.h>

#include <iostream>

using namespace wick;

// Scales each row of x to unit L2 norm, then mixes the rows with a learned-looking matrix.
// Sizes read with x.size(d) stay symbolic in the trace, so the reshape below follows the
// input's shape instead of baking in the example's.
Tensor normalize_and_mix(const Tensor& x, const Tensor& mix) {
  Tensor unit = x / (x.norm(2, {1}, /*keepdim=*/true) + 1e-6);
  Tensor mixed = matmul(unit, mix);
  return mixed.reshape({x.size(0), 2, -1}).sum({1});
}

double maxAbsDiff(const Tensor& a, const Tensor& b) { return (a - b).abs().max().item<double>(); }

int main() {
  manual_seed(0);
  Tensor mix = randn({6, 6});

  // Trace on a batch of 4 rows.
  jit::ScriptFunction traced = jit::trace(normalize_and_mix, {randn({4, 6}), mix});
  std::cout << traced.schema() << "\n\n" << traced.graph() << "\n";

  // Run the trace on a batch of 9 rows: the reshape uses the new batch size.
  Tensor x = randn({9, 6});
  Tensor got = traced({x, mix}).toTensor();
  Tensor want = normalize_and_mix(x, mix);
  double diff = maxAbsDiff(got, want);
  std::cout << "output " << got.sizes() << ", max |traced - eager| = " << diff << "\n";
  if (got.sizes().vec() != std::vector<int64_t>{9, 3} || diff > 1e-5) {
    std::cerr << "the trace does not match the eager function\n";
    return 1;
  }
  return 0;
}
