// Runtime type checks of values against TorchScript types: used to check the arguments of a
// call into a function or method (with PyTorch's messages) and by prim::isinstance.
#pragma once

#include <string>

#include "wick/core/ivalue.h"
#include "wick/ops/schema.h"

namespace wick::jit {

// True if v can be passed where type t is expected (tensor shapes are not checked).
bool valueMatchesType(const IValue& v, const Type& t);

// Checks the number and types of `args` against `schema` (args exclude `self` when
// skip_self). Raises wick::Error with PyTorch's wording, naming the argument.
void checkArguments(const FunctionSchema& schema, const std::vector<IValue>& args, bool skip_self);

// Appends the declared default values of the parameters a call left out (Python's default
// arguments). Call after checkArguments.
void appendDefaults(const FunctionSchema& schema, std::vector<IValue>& args, bool skip_self);

// One type of a prim::isinstance, prepared when the plan is built: a type in graph spelling
// ("int[]", "(int, str)", "Dict(str, int)", "Tensor?", as PyTorch prints them) is parsed
// once; a name ("__torch__.M", "list", "Tuple[int, str]") is compared by name.
struct InstanceTest {
  explicit InstanceTest(std::string type_name);
  std::string name;
  TypePtr type;  // null when `name` is matched by name
};

bool valueIsInstance(const IValue& v, const InstanceTest& test);

}  // namespace wick::jit
