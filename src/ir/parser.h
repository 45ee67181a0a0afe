// The graph parser: reads the text Graph::toString() prints (PyTorch 1.13's str(graph)) back
// into a Graph, so IR tests can be written as text and graphs printed by PyTorch can be loaded.
// print(parse(text)) == text for text the printer produced: value names and numbers, types,
// attributes, scopes and "# file:line:col" comments are all kept.
//
// Op nodes are resolved to their ops.def row by their input types (ir/op_resolution.h).
// Outputs written without a type ("%y = aten::relu(%x)") take the op's return type, or Tensor.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "ir/ir.h"

namespace wick::jit {

struct ParseOptions {
  // Looks up class types by qualified name (module and object types such as
  // "__torch__.torch.nn.modules.linear.Linear"). Names it does not know (or all names, when it
  // is not set) get a placeholder ClassType whose attributes are learned from the graph's
  // prim::GetAttr nodes.
  std::function<TypePtr(std::string_view qualified_name)> resolve_type;
  // Leaves op nodes that no ops.def overload accepts unresolved (op() == null) instead of
  // raising "unknown operator aten::foo" or listing the candidates; tests of passes use made-up
  // ops, and graphs from PyTorch may use ops wick lacks.
  bool allow_unresolved_ops = false;
};

// Raises wick::Error with the line, column and the offending line on malformed text.
std::shared_ptr<Graph> parseGraph(std::string_view text, const ParseOptions& options = {});

// Reads one type as graph text spells it ("Float(2, strides=[1], device=cpu)", "int[]?").
TypePtr parseGraphType(std::string_view text, const ParseOptions& options = {});

}  // namespace wick::jit
