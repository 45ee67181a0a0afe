// The wick side of every oracle case: a builder per case name making the same layer that
// tests/oracle/nn_oracle.py makes in PyTorch.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "wick/wick.h"

namespace wick::testing {

using LayerBuilder = std::function<std::shared_ptr<nn::Module>()>;

// name -> builder; the names must be exactly the oracle's case names.
const std::map<std::string, LayerBuilder>& layerBuilders();

}  // namespace wick::testing
