#include "runtime/script_print.h"

#include <cmath>
#include <cstdint>
#include <iomanip>
#include <limits>

namespace wick::jit {

namespace {

void printDouble(std::ostream& os, double d) {
  int c = std::fpclassify(d);
  if ((c == FP_NORMAL || c == FP_ZERO) && std::abs(d) < 1e10) {
    auto i = static_cast<int64_t>(d);
    if (static_cast<double>(i) == d) {
      os << i << '.';  // -0.0 prints as "0." too
      return;
    }
  }
  if (std::isnan(d)) {
    os << "nan";
  } else if (std::isinf(d)) {
    os << (d < 0 ? "-inf" : "inf");
  } else {
    std::streamsize saved = os.precision();
    os << std::setprecision(std::numeric_limits<double>::max_digits10) << d
       << std::setprecision(saved);
  }
}

void printSequence(std::ostream& os, const std::vector<IValue>& elems, const char* open,
                   const char* close) {
  os << open;
  for (size_t i = 0; i < elems.size(); ++i) {
    if (i) os << ", ";
    printScriptValue(os, elems[i]);
  }
  os << close;
}

}  // namespace

void printScriptValue(std::ostream& os, const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::String: os << v.toStringRef(); return;
    case IValue::Tag::Double: printDouble(os, v.toDouble()); return;
    case IValue::Tag::Device: os << v.toDevice(); return;
    case IValue::Tag::List: printSequence(os, v.toList().elems, "[", "]"); return;
    case IValue::Tag::Tuple: {
      const auto& elems = v.toTuple().elems;
      printSequence(os, elems, "(", elems.size() == 1 ? ",)" : ")");
      return;
    }
    case IValue::Tag::Dict: {
      os << '{';
      bool first = true;
      for (const auto& [key, value] : v.toDict().items()) {
        if (!first) os << ", ";
        first = false;
        printScriptValue(os, key);
        os << ": ";
        printScriptValue(os, value);
      }
      os << '}';
      return;
    }
    default: os << v;
  }
}

}  // namespace wick::jit
