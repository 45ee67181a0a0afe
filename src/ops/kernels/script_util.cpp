#include "ops/kernels/script_util.h"

#include <cstdio>
#include <sstream>

namespace wick::kernels::script {

int64_t normalizeIndex(int64_t idx, int64_t size, const char* what) {
  int64_t i = idx < 0 ? idx + size : idx;
  WICK_CHECK_INDEX(i >= 0 && i < size, what);
  return i;
}

int64_t sliceBounds(int64_t size, std::optional<int64_t>& start, std::optional<int64_t>& end,
                    int64_t step, const char* op) {
  WICK_CHECK(step != 0, op, ": slice step cannot be zero");
  // Python's PySlice_AdjustIndices.
  auto clampIndex = [&](std::optional<int64_t> v, int64_t dflt) {
    if (!v) return dflt;
    int64_t i = *v;
    if (i < 0) {
      i += size;
      if (i < 0) i = step < 0 ? -1 : 0;
    } else if (i >= size) {
      i = step < 0 ? size - 1 : size;
    }
    return i;
  };
  int64_t s = clampIndex(start, step < 0 ? size - 1 : 0);
  int64_t e = clampIndex(end, step < 0 ? -1 : size);
  start = s;
  end = e;
  if (step < 0) return e < s ? (s - e - 1) / (-step) + 1 : 0;
  return s < e ? (e - s - 1) / step + 1 : 0;
}

ListObj& listArg(const IValue& v, const char* op) {
  WICK_CHECK_TYPE(v.isList(), op, ": expected a list but got ", v.typeName());
  return v.toList();
}

DictObj& dictArg(const IValue& v, const char* op) {
  WICK_CHECK_TYPE(v.isDict(), op, ": expected a dict but got ", v.typeName());
  return v.toDict();
}

std::string formatDouble(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d < 0 ? "-inf" : "inf";
  // Integral values that fit an int64 print as the integer and a dot.
  if (std::abs(d) < 9.2e18 && d == std::trunc(d)) {
    return std::to_string(static_cast<int64_t>(d)) + ".";
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  return buf;
}

namespace {
void appendSeq(std::string& out, const std::vector<IValue>& elems, char open, char close,
               bool tuple) {
  out += open;
  for (size_t i = 0; i < elems.size(); ++i) {
    if (i) out += ", ";
    appendDisplayString(out, elems[i]);
  }
  if (tuple && elems.size() == 1) out += ',';
  out += close;
}
}  // namespace

void appendDisplayString(std::string& out, const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::None: out += "None"; return;
    case IValue::Tag::Bool: out += v.toBool() ? "True" : "False"; return;
    case IValue::Tag::Int: out += std::to_string(v.toInt()); return;
    case IValue::Tag::Double: out += formatDouble(v.toDouble()); return;
    case IValue::Tag::String: out += v.toStringRef(); return;
    case IValue::Tag::Device: out += v.toDevice().str(); return;
    case IValue::Tag::List: appendSeq(out, v.toList().elems, '[', ']', false); return;
    case IValue::Tag::Tuple: appendSeq(out, v.toTuple().elems, '(', ')', true); return;
    case IValue::Tag::Dict: {
      out += '{';
      bool first = true;
      for (const auto& [k, val] : v.toDict().items()) {
        if (!first) out += ", ";
        first = false;
        appendDisplayString(out, k);
        out += ": ";
        appendDisplayString(out, val);
      }
      out += '}';
      return;
    }
    default: {
      std::ostringstream s;
      s << v;
      out += s.str();
    }
  }
}

std::string toDisplayString(const IValue& v) {
  std::string out;
  appendDisplayString(out, v);
  return out;
}

}  // namespace wick::kernels::script
