// Helpers for the interop zoos: the call files exchanged with PyTorch (torch.save files of
// (calls, requires_grad), see tests/oracle/ser_zoo.py) and structural comparison of results.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "testing/testing.h"
#include "wick/jit/script.h"

namespace wick::testing {

struct ZooCall {
  std::string method;
  std::optional<bool> training;  // set on the module before the call
  std::vector<IValue> inputs;
  IValue expected;
};

struct ZooCase {
  std::vector<ZooCall> calls;
  std::vector<std::pair<std::string, bool>> requires_grad;  // parameter name -> flag
};

ZooCase readZooCase(const std::string& path);
void writeZooCase(const std::string& path, const ZooCase& c);

// "" when equal: same structure, same scalars, tensors of the same dtype and shape with close
// values; otherwise where and how they differ.
std::string compareValues(const IValue& actual, const IValue& expected, const std::string& where);

// Runs the calls on `m`; returns the mismatches (empty when all match).
std::string runZooCase(jit::ScriptModule& m, const ZooCase& c);

}  // namespace wick::testing
