// Conversion of freshly emitted graphs to SSA form, in PyTorch's steps (so the resulting
// graphs have the same shape and output order):
//  1. control-flow loads/stores: each prim::If gets outputs for the variables assigned in
//     both branches, each prim::Loop gets loop-carried values for the variables its body
//     assigns (alphabetical order);
//  2. break/continue become prim::LoopContinuation(cond, carried...);
//  3. the loop condition block is inlined before the loop and at the end of its body;
//  4. prim::Load/prim::Store are replaced by the values they name;
//  5. exit_transform: early returns and loop continuations become If/Loop outputs.
#pragma once

#include "ir/ir.h"

namespace wick::jit::frontend {

void convertToSSA(Graph& graph);

// Step 5 (exit_transform.cpp).
void transformExits(Graph& graph);

// Copies `src` (inputs, nodes, outputs) into the empty block `dst` of the same graph; values
// defined outside `src` are used as they are.
void cloneBlockInto(Block* dst, const Block* src);

// Moves every node of `block` before `before`.
void inlineBlockBefore(Node* before, Block* block);

}  // namespace wick::jit::frontend
