// The front-end test corpus: TorchScript source files under tests/frontend/corpus/ with
// annotations in comments, compiled and run by wick and (at test time) by PyTorch 1.13.
//
//   # run: f(3)                      call f(3) in both and compare results (or raised messages)
//   # graph: f                       compare the printed graph of f (value names aside)
//   # expect: text                   a line the runs of the chunk print (checked in both)
//   # expect-error@+1: message       compiling fails at the next line with this message
//   # ---                            starts a new, independently compiled chunk
//   # oracle: python                 PyTorch compiles the chunk from Python (torch.jit.script)
//                                    instead of its TorchScript parser (automatic for classes)
//
// Values are compared through a canonical form (Canon) that the oracle script prints and
// that wick's IValues convert to.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wick/core/ivalue.h"

namespace wick::testing::corpus {

struct Chunk {
  std::string id;      // "control_flow.py#2"
  std::string source;  // the chunk's lines at their original line numbers, plus run wrappers
  std::vector<std::string> graphs;
  std::vector<std::string> runs;  // expressions; wrapper k is __run_<k>
  std::vector<std::string> expected_stdout;
  std::optional<size_t> error_line;
  std::string error_message;
};

std::vector<Chunk> readCorpusFile(const std::string& path, const std::string& name);

// A value in canonical form.
struct Canon {
  char kind =
      'N';  // N None, b bool, i int, f float, s str, d device, t tensor, L list, T tuple, D dict
  int64_t i = 0;
  double f = 0;
  std::string s;  // str, device, tensor dtype
  std::vector<int64_t> shape;
  std::vector<double> data;
  std::vector<Canon> elems;  // list/tuple elements; dict keys and values alternating
};

Canon parseCanon(std::string_view text);
Canon toCanon(const IValue& v);
// The IValue a canonical value stands for (tensors keep their dtype and shape).
IValue fromCanon(const Canon& c);
std::string canonString(const Canon& c);
// Empty if equal (floats within tolerance), else a description of the difference.
std::string compareCanon(const Canon& actual, const Canon& expected);

// Graph text with value names numbered by first appearance and source locations removed.
std::string normalizeGraph(const std::string& text);

// PyTorch calls a function through a Function-typed constant,
//   %3 : Function = prim::Constant[name="f"]() ... prim::CallFunction(%3, %x)
// while wick's prim::CallFunction names its callee: prim::CallFunction[name="f"](%x).
// Rewrites PyTorch's graph text into wick's form.
std::string rewriteTorchCalls(const std::string& text);

}  // namespace wick::testing::corpus
