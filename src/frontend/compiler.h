// The TorchScript compiler entry point: compiles source text (functions, NamedTuple
// definitions, module and object classes as archives print them) into a CompilationUnit.
//
//   CompilationUnit cu;
//   compileInto(cu, "def fn(x: Tensor, n: int):\n    return x * n\n");
//   cu.findFunction("fn")  // graph, schema; runFunction() executes it
//
// Archive code files are compiled with a qualifier (the file's module path, so `class Linear`
// in code/__torch__/torch/nn/modules/linear.py becomes
// __torch__.torch.nn.modules.linear.Linear), a resolver for qualified names defined in other
// files, and the archive's constant table for CONSTANTS.cN.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "frontend/diagnostics.h"
#include "ir/function.h"

namespace wick::jit {

// What a qualified name defined outside the source being compiled stands for.
struct ResolvedName {
  TypePtr type;                        // a ClassType or a NamedTuple (named TupleType)
  std::shared_ptr<Function> function;  // a free function
  explicit operator bool() const { return type || function; }
};

struct CompileOptions {
  // Shown in diagnostics and in graph source locations.
  std::string filename = "<string>";
  // Prefix of the qualified names of the classes and functions this source defines, such as
  // "__torch__.torch.nn.modules.linear". Empty: functions keep their plain names and classes
  // are named __torch__.<Name>.
  std::string qualifier;
  // Resolves qualified names (`__torch__.a.b.C`, `__torch__.torch.nn.functional.relu`) that
  // this source uses but does not define; return an empty ResolvedName when unknown.
  std::function<ResolvedName(const std::string& qualified_name)> resolve;
  // The values of CONSTANTS.c0, CONSTANTS.c1, ...
  std::vector<IValue> constants;
};

// Compiles every definition of `source` into `cu` (functions are added under their
// qualified names, classes and NamedTuples are registered, methods are added to their
// classes). Raises CompileError with the location and a source excerpt on bad input.
void compileInto(CompilationUnit& cu, std::string_view source, const CompileOptions& options = {});

// The Final constants of a class compiled from source (`scale : Final[float] = 0.5`), in
// declaration order. Empty for classes without constants.
std::vector<std::pair<std::string, IValue>> classConstants(const ClassType& cls);

}  // namespace wick::jit
