// What passes may assume about a node: whether removing it, merging it with an equal node, or
// computing it ahead of time is invisible to the program. Passes ask these questions instead
// of keeping lists of op kinds (traits come from ops.def, mutation from schema annotations).
#pragma once

#include <unordered_map>
#include <vector>

#include "ir/ir.h"

namespace wick::jit {

// Running n has an effect besides producing its outputs: it writes an input (an (a!)
// annotation), has the kSideEffects trait, is prim::Print / RaiseException / SetAttr /
// CallMethod / CallFunction / TracedModuleForward, is an op wick cannot resolve, or holds a
// block containing such a node. Random ops have no side effect here: an unused draw may go.
bool hasSideEffects(const Node& n);

// n's outputs depend only on its inputs and attributes and running it twice gives equal
// results: kPure ops that are neither random nor mutating, and the value-only prims
// (Constant, TupleConstruct, TupleUnpack, TupleIndex, ListUnpack, unchecked_cast, isinstance).
// prim::ListConstruct and DictConstruct are not: each run makes a new mutable container.
bool isDeterministic(const Node& n);

// Which values may be written while the graph runs, with a conservative alias analysis:
// outputs alias inputs through schema alias annotations (views), containers alias their
// elements, block values alias the node's, and calls or unknown ops may write any input.
// Values of immutable types (numbers, strings, None, devices) are never mutated.
class MutationInfo {
 public:
  explicit MutationInfo(const Graph& g);
  bool mayBeMutated(const Value* v) const;

 private:
  size_t id(const Value* v);
  size_t find(size_t i) const;
  void unite(const Value* a, const Value* b);
  void markWritten(const Value* v);
  void visitBlock(const Block* b);
  void visitNode(const Node* n);

  std::unordered_map<const Value*, size_t> ids_;
  mutable std::vector<size_t> parent_;
  std::vector<bool> written_;
};

// Strict equality of attribute values for merging nodes: same tags, doubles compared by bits
// (so -0.0 and NaN are told apart correctly), tensors by identity, containers element-wise.
bool strictlyEqual(const IValue& a, const IValue& b);

}  // namespace wick::jit
