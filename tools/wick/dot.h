// Graphviz rendering of a graph for `wick graph --format dot`: ops are boxes labelled with
// their kind and output shapes; graph inputs, parameters (GetAttr of tensors), constants
// and outputs have shapes and colours of their own.
#pragma once

#include <string>

#include "ir/ir.h"

namespace wick::cli {

std::string graphToDot(const jit::Graph& g, const std::string& title);

}  // namespace wick::cli
