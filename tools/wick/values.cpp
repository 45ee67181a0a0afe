#include "values.h"

#include <cmath>
#include <filesystem>
#include <functional>
#include <random>
#include <sstream>

#include "npy.h"

namespace wick::cli {

namespace {

std::vector<int64_t> parseShape(const std::string& text, const std::string& spec) {
  std::vector<int64_t> shape;
  if (text.empty()) return shape;
  std::istringstream in(text);
  std::string part;
  while (std::getline(in, part, 'x')) {
    WICK_CHECK(!part.empty() && part.size() < 12 &&
                   part.find_first_not_of("0123456789") == std::string::npos,
               "bad shape in input '", spec, "': expected sizes like 1x3x224x224");
    shape.push_back(std::stoll(part));
  }
  return shape;
}

Tensor randomTensor(const std::string& kind, const std::vector<int64_t>& shape, size_t index) {
  int64_t n = checkedNumel(shape, "input");
  WICK_CHECK(n <= (int64_t(1) << 31), "random input of ", n, " elements is too large");
  Tensor t = emptyTensor(shape, kFloat);
  float* p = t.data_ptr<float>();
  std::mt19937 gen(static_cast<uint32_t>(1234 + index));
  if (kind == "randn") {
    std::normal_distribution<float> d(0.0f, 1.0f);
    for (int64_t i = 0; i < n; ++i) p[i] = d(gen);
  } else if (kind == "rand") {
    std::uniform_real_distribution<float> d(0.0f, 1.0f);
    for (int64_t i = 0; i < n; ++i) p[i] = d(gen);
  } else {
    float v = kind == "ones" ? 1.0f : 0.0f;
    for (int64_t i = 0; i < n; ++i) p[i] = v;
  }
  return t;
}

bool parseBool(const std::string& v, const std::string& spec) {
  if (v == "true" || v == "True" || v == "1") return true;
  if (v == "false" || v == "False" || v == "0") return false;
  WICK_FAIL("bad input '", spec, "': expected bool:true or bool:false");
}

}  // namespace

IValue parseInput(const std::string& spec, size_t index) {
  if (spec == "none" || spec == "None") return IValue();
  auto colon = spec.find(':');
  if (colon != std::string::npos) {
    std::string kind = spec.substr(0, colon), value = spec.substr(colon + 1);
    try {
      if (kind == "int") {
        size_t used = 0;
        int64_t v = std::stoll(value, &used);
        WICK_CHECK(used == value.size(), "trailing text");
        return IValue(v);
      }
      if (kind == "float") {
        size_t used = 0;
        double v = std::stod(value, &used);
        WICK_CHECK(used == value.size(), "trailing text");
        return IValue(v);
      }
    } catch (const std::exception&) {
      WICK_FAIL("bad input '", spec, "': expected ", kind, ":<number>");
    }
    if (kind == "bool") return IValue(parseBool(value, spec));
    if (kind == "str") return IValue(value);
    if (kind == "randn" || kind == "rand" || kind == "zeros" || kind == "ones") {
      return IValue(randomTensor(kind, parseShape(value, spec), index));
    }
  }
  WICK_CHECK(std::filesystem::exists(spec), "input '", spec,
             "' is neither an existing .npy file nor a spec (int:5, float:0.5, bool:true, "
             "str:hello, none, randn:1x3x224x224)");
  return IValue(readNpy(spec));
}

std::string describe(const IValue& v) {
  std::ostringstream os;
  if (v.isTensor()) {
    const Tensor& t = v.toTensor();
    os << graphName(t.dtype()) << t.sizes();
  } else if (v.isString()) {
    os << "str \"" << v.toStringRef() << "\"";
  } else if (v.isNone()) {
    os << "None";
  } else {
    os << v.typeName() << " " << v;
  }
  return os.str();
}

namespace {

void visitLeaves(const IValue& v, const std::string& path,
                 const std::function<void(const std::string&, const IValue&)>& f) {
  if (v.isTuple()) {
    const auto& e = v.toTuple().elems;
    for (size_t i = 0; i < e.size(); ++i) visitLeaves(e[i], path + "_" + std::to_string(i), f);
  } else if (v.isList()) {
    const auto& e = v.toList().elems;
    for (size_t i = 0; i < e.size(); ++i) visitLeaves(e[i], path + "_" + std::to_string(i), f);
  } else if (v.isDict()) {
    size_t i = 0;
    for (const auto& [k, val] : v.toDict().items())
      visitLeaves(val, path + "_" + std::to_string(i++), f);
  } else {
    f(path, v);
  }
}

Tensor scalarArray(const IValue& v) {
  if (v.isInt()) return scalarTensor(Scalar(v.toInt()), kLong);
  if (v.isDouble()) return scalarTensor(Scalar(v.toDouble()), kDouble);
  if (v.isBool()) return scalarTensor(Scalar(v.toBool()), kBool);
  WICK_FAIL("cannot write a value of type ", v.typeName(), " as .npy");
}

}  // namespace

// A single result is out_0; a tuple's elements are out_0, out_1, ... (nested: out_1_0).
void visitResult(const IValue& result,
                 const std::function<void(const std::string&, const IValue&)>& f) {
  if (result.isTuple() || result.isList() || result.isDict()) {
    visitLeaves(result, "out", f);
  } else {
    f("out_0", result);
  }
}

void writeOutputs(const IValue& result, const std::string& dir, std::ostream& summary) {
  std::filesystem::create_directories(dir);
  visitResult(result, [&](const std::string& name, const IValue& leaf) {
    std::string file = (std::filesystem::path(dir) / (name + ".npy")).string();
    if (leaf.isNone()) {
      summary << name << ": None (no file)\n";
      return;
    }
    if (leaf.isTensor()) {
      writeNpy(file, leaf.toTensor());
    } else if (leaf.isString()) {
      writeNpyString(file, leaf.toStringRef());
    } else {
      writeNpy(file, scalarArray(leaf));
    }
    summary << name << ": " << describe(leaf) << " -> " << file << "\n";
  });
}

void describeOutputs(const IValue& result, std::ostream& summary) {
  visitResult(result, [&](const std::string& name, const IValue& leaf) {
    summary << name << ": " << describe(leaf) << "\n";
  });
}

}  // namespace wick::cli
