// How TorchScript's print() writes values (PyTorch 1.13's IValue stream output): strings
// bare, also inside containers; floats with 17 significant digits, or as "3." when they
// hold an integer below 1e10; tensors as LibTorch prints them.
#pragma once

#include <ostream>

#include "wick/core/ivalue.h"

namespace wick::jit {

void printScriptValue(std::ostream& os, const IValue& v);

}  // namespace wick::jit
