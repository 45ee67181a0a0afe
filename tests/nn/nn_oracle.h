// The PyTorch side of the nn tests: tests/oracle/nn_oracle.py runs once per test process and
// writes reference states, inputs, outputs, reprs and traced op lists; this reads its
// manifest.
#pragma once

#include <string>
#include <vector>

#include "npy.h"
#include "testing/testing.h"

namespace wick::testing {

struct NNArg {
  enum class Kind { Tensor, TensorTuple, Bool, None } kind = Kind::None;
  std::vector<std::string> files;  // one for a tensor, several for a tuple
  bool flag = false;
};

struct NNCase {
  std::string name;
  bool train = true;    // train-mode outputs are deterministic and recorded
  bool nograd = false;  // run under no_grad (fused attention paths)
  bool trace = true;    // ops_<mode>.txt lists the traced aten ops
  double rtol = 1e-4, atol = 1e-5;
  std::vector<std::vector<NNArg>> calls;
  std::vector<std::string> keys;  // state_dict keys, in order

  std::string dir() const;
  std::string file(const std::string& name) const { return dir() + "/" + name; }
};

// The oracle's output directory (the oracle runs on first use).
const std::string& nnOracleDir();
const std::vector<NNCase>& nnCases();
const NNCase& nnCase(const std::string& name);

}  // namespace wick::testing
