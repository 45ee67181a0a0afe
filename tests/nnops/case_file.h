// Oracle cases for the dense/NN kernels: tests/oracle/k3_cases.py runs each ATen call in
// PyTorch 1.13 and records arguments (tensors with exact sizes, strides and offsets) and
// results; this reads them back and replays each call through wick's registry.
#pragma once

#include <string>
#include <vector>

#include "testing/testing.h"

namespace wick::testing {

struct OracleCase {
  std::string name;  // "conv/conv2d_groups"
  std::string op;    // "aten::conv2d.padding"
  std::vector<IValue> args;
  bool is_error = false;
  std::string error;  // substring wick's message must contain
  std::vector<IValue> outputs;
  double rtol = 0, atol = 0;
  bool check_strides = true;
  bool check_values = true;
  std::vector<std::pair<size_t, IValue>> checked_args;  // argument values after the call
};

// Runs the oracle once per process (all families) and returns its cases.
const std::vector<OracleCase>& oracleCases();

// Replays the cases whose name starts with `family` + "/"; records a failure per bad case.
void runOracleFamily(const std::string& family);
// Replays one case through wick's registry.
void runOracleCase(const OracleCase& c);

}  // namespace wick::testing
