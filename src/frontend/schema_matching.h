// Overload resolution: matching call arguments against operator and function schemas with
// TorchScript's implicit conversions (Tensor to int/float/Scalar, Scalar to int/float, str to
// Device, homogeneous tuples to lists, a single int to int[N], trailing ints to int[]), type
// variables (t, t[], Dict(str, t)) and defaults. Overloads are tried in table order, first
// without conversions and then with them, as PyTorch does.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "frontend/sugared_value.h"
#include "wick/ops/registry.h"
#include "wick/ops/schema.h"

namespace wick::jit::frontend {

struct MatchedSchema {
  std::vector<Value*> inputs;         // one per schema argument (varargs appended)
  std::vector<TypePtr> return_types;  // type variables resolved
  std::vector<std::string> return_names;
};

// Converts `value` towards `type` where TorchScript allows it implicitly; returns the
// (possibly new) value, which the caller checks with isSubtypeOf.
Value* tryConvertToType(const SourceRange& loc, FunctionEmitter& e, const TypePtr& type,
                        Value* value, bool allow_conversions);

// Matches one schema or raises a CompileError explaining why it does not match.
MatchedSchema matchSchema(const FunctionSchema& schema, const SourceRange& loc, FunctionEmitter& e,
                          const std::vector<NamedValue>& args,
                          const std::vector<NamedValue>& kwargs,
                          const std::optional<NamedValue>& self = std::nullopt);

// Emits a call to the operator `name` ("aten::add"): picks the overload (or TorchScript
// builtin function, which is inlined) and returns its output (a tuple for several outputs).
Value* emitBuiltinCall(const SourceRange& loc, FunctionEmitter& e, const std::string& name,
                       const std::vector<NamedValue>& args, const std::vector<NamedValue>& kwargs,
                       const std::optional<NamedValue>& self);

// True if some overload of `name` exists (operators or builtin functions).
bool hasBuiltin(const std::string& name);

// Messages spell types the way annotations do ("List[int]", "Optional[Tensor]", "number").
std::string typeName(const TypePtr& t);

}  // namespace wick::jit::frontend
