// Reading .npy files (NumPy's array format) that the PyTorch oracle scripts write.
#pragma once

#include <string>

#include "wick/core/tensor.h"

namespace wick::testing {

// Loads a C-ordered .npy array of float32/64, int32/64, uint8 or bool as a contiguous tensor.
Tensor readNpy(const std::string& path);

}  // namespace wick::testing
