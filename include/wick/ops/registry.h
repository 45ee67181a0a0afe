// The operator registry: the rows of ops.def with their parsed schemas, traits and boxed
// kernels, looked up by OpId (hot paths) or by name (front end, importer, graph parser,
// `wick ops`).
#pragma once

#include <string_view>
#include <vector>

#include "wick/core/ivalue.h"
#include "wick/ops/op_id.h"
#include "wick/ops/op_traits.h"
#include "wick/ops/schema.h"

namespace wick {

// A boxed kernel consumes its `num_inputs` arguments from the top of the stack and pushes its
// results.
using BoxedKernel = void (*)(Stack& stack, size_t num_inputs);

struct OpInfo {
  OpId id;
  std::string_view cpp_name;     // the row's identifier: "add_Tensor"
  std::string_view schema_text;  // exactly as in ops.def
  uint32_t traits = 0;
  BoxedKernel kernel = nullptr;
  bool typed = false;  // typed kernel (boxed form derived) or a boxed kernel
  // For typed kernels: each C++ parameter / return type in schema spelling ("Tensor?",
  // "int[]"), checked against the schema by a unit test.
  std::vector<std::string_view> cpp_params;
  std::vector<std::string_view> cpp_returns;
  FunctionSchema schema;

  bool has(OpTrait t) const { return (traits & t) != 0; }
  // Writes an argument in place (schema has an (a!) annotation).
  bool isMutating() const { return schema.isMutable(); }
};

const OpInfo& opInfo(OpId id);
const std::vector<OpInfo>& allOps();
// Every overload registered under a name such as "aten::add" (empty if none).
const std::vector<const OpInfo*>& overloadsOf(std::string_view name);
// The op "aten::add.Tensor" (or "aten::relu" for an overload without a name), or null.
const OpInfo* findOp(std::string_view qualified_name);

}  // namespace wick
