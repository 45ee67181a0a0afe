// Reads the values tests/oracle/k4_script_ops.py writes (a prefix notation: i3, f0.5, b1,
// s<hex>, N, L<elem type> <n> ..., D<key>,<value> <n> ..., T<n> ..., t<dtype> <ndim> ...) and
// compares TorchScript values the way Python's == would, NaN equal to NaN.
#pragma once

#include <sstream>
#include <string>

#include "testing/testing.h"

namespace wick::testing {

IValue readScriptValue(std::istringstream& in);

// "" when equal, otherwise what differs.
std::string compareScriptValues(const IValue& actual, const IValue& expected);

}  // namespace wick::testing
