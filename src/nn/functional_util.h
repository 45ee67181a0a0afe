// Small helpers shared by the nn::functional implementations.
#pragma once

#include <optional>
#include <vector>

#include "wick/core/tensor.h"

namespace wick::nn::impl {

// An optional tensor argument where an undefined Tensor also means "None".
inline std::optional<Tensor> optionalTensor(const std::optional<Tensor>& t) {
  if (t && t->defined()) return t;
  return std::nullopt;
}

// "[2, 3]": sizes as PyTorch prints them in messages.
std::string sizesText(IntArrayRef sizes);

}  // namespace wick::nn::impl
