// A batch of cases checked against PyTorch in one python run (tests/oracle/k2_eval.py): each
// case has input tensors (a, b, c, ... on the Python side), a PyTorch expression, and the same
// computation in wick. Results must agree in dtype, shape, strides (unless disabled) and values;
// when PyTorch raises, wick must raise too, with a message that contains PyTorch's (compared
// case-insensitively) or, where wick words it differently on purpose, a given substring.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "testing/testing.h"

namespace wick::testing {

struct OracleCase {
  std::string name;
  std::vector<Tensor> inputs;
  std::string python;
  std::function<std::vector<Tensor>()> run;
  bool check_strides = true;
  bool check_values = true;  // false for uninitialised results (empty, empty_like, ...)
  double rtol = 0, atol = 0;
  // When non-empty, wick's error message must contain this instead of PyTorch's message.
  std::string error_substr;
};

class OracleBatch {
 public:
  explicit OracleBatch(std::string name) : name_(std::move(name)) {}

  // Adds a case whose wick side returns one tensor.
  OracleCase& add(std::string name, std::vector<Tensor> inputs, std::string python,
                  std::function<Tensor()> run);
  // Adds a case whose wick side returns several tensors (a list or a tuple in PyTorch).
  OracleCase& addList(std::string name, std::vector<Tensor> inputs, std::string python,
                      std::function<std::vector<Tensor>()> run);
  // Adds a case where both sides must raise; `substr` overrides the expected message text.
  OracleCase& addError(std::string name, std::vector<Tensor> inputs, std::string python,
                       std::function<void()> run, std::string substr = "");

  // Runs PyTorch on every case, then wick, and reports each difference as a test failure.
  void run();

 private:
  void check(size_t index, const OracleCase& c, const std::string& dir);
  std::string name_;
  std::vector<OracleCase> cases_;
};

// Writes/reads tensors in k2_eval.py's file format.
void writeTensorFile(const std::string& path, const Tensor& t);
Tensor readTensorFile(const std::string& path, std::vector<int64_t>* strides = nullptr);

// A tensor with distinct, deterministic values 0, 1, 2, ... (mod 251 for small types) of the
// given shape and dtype, contiguous.
Tensor iota(IntArrayRef sizes, DType dtype = kFloat);
// A channels-last (NHWC-strided) copy of a 4-d tensor.
Tensor channelsLast(const Tensor& t);
// t > value as a bool tensor (computed here, independently of the elementwise kernels).
Tensor greater(const Tensor& t, double value);

}  // namespace wick::testing
