// Runs the case files written by tests/oracle/k4_reduce.py: each case names an operator
// overload, lists its arguments in schema order (tensors with their exact strides and offsets)
// and either the expected results or an expected error. The op runs through the registry's
// boxed kernel, so the same path the interpreter takes is tested.
#pragma once

#include <string>
#include <vector>

#include "testing/testing.h"

namespace wick::testing {

struct OracleCase {
  std::string line;  // the case table line, for failure messages
  std::string op;    // "aten::sum.dim_IntList"
  std::vector<IValue> args;
  std::vector<IValue> expected;
  std::string error;  // non-empty: the call must raise an error containing this
  double rtol = -1;   // per-case tolerance override
};

// Reads <dir>/cases.txt and <dir>/data.bin.
std::vector<OracleCase> readOracleCases(const std::string& dir);

// Runs one case; an empty string means it passed, otherwise the reason it failed.
std::string runOracleCase(const OracleCase& c);

}  // namespace wick::testing
