// Canonical numbering: every value gets the id of its position in a walk of the graph
// (inputs, then each node's outputs and its blocks' inputs, in order), so two graphs that
// differ only in how their values were numbered print the same unnamed values alike. Debug
// names are kept. The tracer's check_trace compares graphs this way.
//
// Given:
//   graph(%x : Tensor):
//     %7 : Tensor = aten::relu(%x)
//     %12 : Tensor = aten::neg(%7)
//     return (%12)
// After:
//   graph(%x : Tensor):
//     %1 : Tensor = aten::relu(%x)
//     %2 : Tensor = aten::neg(%1)
//     return (%2)
#pragma once

#include "ir/ir.h"

namespace wick::jit {

bool canonicalize(Graph& g);

}  // namespace wick::jit
