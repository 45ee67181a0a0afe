// .npy files (NumPy's array format, versions 1.0-3.0) for `wick run` inputs and outputs.
// Every wick dtype reads and writes; bfloat16, which NumPy lacks, is written as float32.
// Big-endian and Fortran-order arrays are converted on reading.
#pragma once

#include <string>

#include "wick/core/tensor.h"

namespace wick::cli {

// Reads an .npy file into a contiguous tensor; raises wick::Error naming the file and the
// problem (not an .npy file, unsupported dtype, truncated data).
Tensor readNpy(const std::string& path);
Tensor parseNpy(const std::string& bytes, const std::string& what);

// Writes a tensor (any layout) as a C-order little-endian .npy file.
void writeNpy(const std::string& path, const Tensor& t);
// A 0-d unicode array holding `s` (how `wick run` writes str results).
void writeNpyString(const std::string& path, const std::string& s);
std::string npyBytes(const Tensor& t);

}  // namespace wick::cli
