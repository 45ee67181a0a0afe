#include "nn/py_format.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace wick::nn::impl {

std::string pyFloat(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  // Shortest round-trip digits in scientific form ("1.5e-05"), then Python's layout rule:
  // positional notation for exponents in [-4, 16), scientific otherwise.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  size_t e_pos = sci.find('e');
  std::string mantissa = sci.substr(0, e_pos);
  int exponent = std::atoi(sci.c_str() + e_pos + 1);
  bool negative = !mantissa.empty() && mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  std::string digits;
  for (char c : mantissa)
    if (c != '.') digits += c;
  std::string out;
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) {
      out = "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
    } else if (static_cast<size_t>(exponent) + 1 >= digits.size()) {
      out = digits + std::string(static_cast<size_t>(exponent) + 1 - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, static_cast<size_t>(exponent) + 1) + "." +
            digits.substr(static_cast<size_t>(exponent) + 1);
    }
  } else {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exp_buf[16];
    std::snprintf(exp_buf, sizeof(exp_buf), "e%c%02d", exponent < 0 ? '-' : '+',
                  std::abs(exponent));
    out += exp_buf;
  }
  return negative ? "-" + out : out;
}

std::string pyBool(bool v) { return v ? "True" : "False"; }

std::string pyScalar(const Scalar& s) {
  switch (s.kind()) {
    case Scalar::Kind::Int: return std::to_string(s.toLong());
    case Scalar::Kind::Double: return pyFloat(s.toDouble());
    case Scalar::Kind::Bool: return pyBool(s.toBool());
  }
  return "";
}

std::string pyTuple(IntArrayRef values) {
  std::string s = "(";
  for (size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + std::to_string(values[i]);
  return s + (values.size() == 1 ? ",)" : ")");
}

std::string pyTuple(const std::vector<double>& values) {
  std::string s = "(";
  for (size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + pyFloat(values[i]);
  return s + (values.size() == 1 ? ",)" : ")");
}

std::string pyOptionalInt(const std::optional<int64_t>& v) {
  return v ? std::to_string(*v) : "None";
}

}  // namespace wick::nn::impl
