// The graph passes of passes.def, and running them by name ("dce", "cse", ...). Each pass is
// a free function `bool name(Graph&)` in its own file pair, returning whether it changed the
// graph; see each header for what it does, with a Given/After example.
#pragma once

#include <string_view>
#include <vector>

#include "ir/ir.h"
#include "passes/canonicalize.h"
#include "passes/common_subexpression_elimination.h"
#include "passes/constant_propagation.h"
#include "passes/dead_code_elimination.h"
#include "passes/erase_shape_information.h"
#include "passes/inline_calls.h"
#include "passes/lower_tuples.h"
#include "passes/peephole.h"

namespace wick::jit {

struct PassInfo {
  std::string_view name;
  std::string_view doc;
  bool (*run)(Graph&);
};

// Every row of passes.def, in table order.
const std::vector<PassInfo>& allPasses();
// The pass called `name`, or null.
const PassInfo* findPass(std::string_view name);
// Runs the pass called `name`; raises wick::Error naming the known passes when there is none.
bool runPass(std::string_view name, Graph& g);

}  // namespace wick::jit
