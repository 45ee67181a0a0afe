// Operator aliases (op_aliases.def): the op the compiler and the tracer put in a graph in place
// of an alias, as PyTorch's NormalizeOps pass does, so graphs print as PyTorch's.
#pragma once

#include <string>

#include "wick/ops/registry.h"

namespace wick {

// "aten::absolute" -> "aten::abs"; any other name, or an alias whose canonical op wick lacks,
// unchanged.
std::string canonicalOpName(const std::string& qualified_name);
// The canonical overload of an alias overload with the same overload name and arguments
// ("aten::clip.Tensor" -> "aten::clamp.Tensor"); `op` itself otherwise.
const OpInfo& canonicalOp(const OpInfo& op);

}  // namespace wick
