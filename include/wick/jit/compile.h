// jit::compile: compiles TorchScript source (the typed Python subset of PyTorch's language
// reference) into a CompilationUnit whose functions run on wick's executor.
//
//   auto cu = jit::compile("def fn(x: Tensor, n: int):\n    return x * n\n");
//   IValue r = cu.run("fn", {x, jit::scalar(3)});
//
// Syntax and type errors raise wick::Error with `line:col: error: ...`, the source line and
// a caret.
#pragma once

#include <string>

#include "wick/jit/compilation_unit.h"

namespace wick::jit {

CompilationUnit compile(const std::string& source);
// The same, naming `filename` in diagnostics and in the graphs' source locations.
CompilationUnit compile(const std::string& source, const std::string& filename);

}  // namespace wick::jit
