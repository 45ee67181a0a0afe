// The op conformance harness's data: the case table (tests/ops/conformance_cases.txt) and
// the binary file tests/oracle/conformance.py writes from it (inputs with their exact
// geometry and storage, PyTorch's results, the arguments an op wrote, PyTorch's errors); and
// the other PyTorch facts the ops tests compare with.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "wick/wick.h"

namespace wick::testing {

// One case as PyTorch ran it.
struct ConformanceCase {
  uint32_t line = 0;
  std::string text;  // the (expanded) table line, printed on failure
  std::string op;    // "aten::add.Tensor"
  bool expect_error = false;
  std::string error_substring;  // must appear in wick's message when not empty
  double rtol = 0, atol = 0;
  bool any_strides = false;
  bool no_values = false;    // compare dtypes, shapes and strides only (empty and friends)
  int64_t seed = -1;         // seed the default generator with this before the call
  std::vector<IValue> args;  // every schema argument, in order, as before the call
  bool torch_raised = false;
  std::string torch_message;
  std::vector<IValue> results;                       // tensors carry PyTorch's sizes and strides
  std::vector<std::pair<uint32_t, IValue>> written;  // arguments the op wrote, after the call
  int32_t result_is_arg = -1;                        // the first result is this argument object
  // The first result (or each non-empty tensor of a first result that is a list) views this
  // argument's storage.
  int32_t result_shares_storage = -1;
};

// Reads the file conformance.py wrote; raises std::runtime_error on malformed data.
std::vector<ConformanceCase> readConformanceFile(const std::string& path);

// The table's op coverage: ops with at least one case, and exempt ops with their reasons.
struct ConformanceTable {
  std::vector<std::string> case_ops;
  std::vector<std::pair<std::string, std::string>> exemptions;
};
ConformanceTable readConformanceTable(const std::string& path);

// The ops the other oracle tables run against PyTorch (tests/reduce/reduce_cases.txt,
// tests/script_ops/script_cases.txt, the tests/oracle/k3_cases_*.py families), each with the
// tables that have cases for it; conformance.py --oracle-ops reads them.
std::multimap<std::string, std::string> otherOracleTableOps();

// A file of facts tests/oracle/k1_facts.py computes in PyTorch (schemas, promotion,
// api_trace); the script runs once per test process for all of them.
const std::string& pytorchFacts(const std::string& name);

}  // namespace wick::testing
