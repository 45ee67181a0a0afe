// The clean-up PyTorch's front end runs on every function it compiles, reproduced here so that
// compiled graphs print like PyTorch's (these are emission-time passes, kept with the emitter
// rather than in passes/ so that the graphs do not change when general passes evolve):
//   canonicalizeModifiedLoops  a for loop with a break becomes a counted while loop
//   lowerSimpleTuples          TupleUnpack/TupleIndex of a TupleConstruct use its inputs
//   constant propagation       nodes of immutable types with constant inputs are folded
//                              (int/float/bool/str/None/Device and tuples of them), ifs on
//                              constants are inlined, loops that never run are removed
//   constant pooling           equal constants are merged and moved to the graph's start
//   canonicalizeOutputs        If/Loop outputs are ordered by first use
//   dead code elimination      after the tuple lowering, and after folding changed anything
#pragma once

#include <optional>
#include <vector>

#include "ir/ir.h"

namespace wick::jit::frontend {

class FunctionEmitter;

void canonicalizeModifiedLoops(FunctionEmitter& e);
void runCleanupPasses(Graph& graph);
void eliminateDeadCode(Graph& graph);

// The outputs of `n` computed now, if all its inputs are constants and it can run without
// side effects; nullopt otherwise.
std::optional<std::vector<IValue>> runNodeIfInputsAreConstant(const Node* n);

// A prim::Constant for `v` at the insert point, or null for values that are not constants in
// graphs (objects, tensors that require grad).
Value* tryInsertConstant(Graph& graph, const IValue& v);

}  // namespace wick::jit::frontend
