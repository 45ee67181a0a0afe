#include "case_runner.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "wick/ops/registry.h"

namespace wick::testing {

namespace {

Tensor readTensor(std::istringstream& in, const std::string& data) {
  int dtype_num = 0;
  int64_t ndim = 0;
  in >> dtype_num >> ndim;
  DType dtype = static_cast<DType>(dtype_num);
  std::vector<int64_t> sizes(static_cast<size_t>(ndim)), strides(static_cast<size_t>(ndim));
  for (auto& s : sizes) in >> s;
  for (auto& s : strides) in >> s;
  int64_t offset = 0, extent = 0;
  size_t byte_offset = 0;
  in >> offset >> extent >> byte_offset;
  size_t nbytes = static_cast<size_t>(extent) * elementSize(dtype);
  auto storage = StorageImpl::allocate(std::max<size_t>(nbytes, 1));
  if (nbytes) std::memcpy(storage->data(), data.data() + byte_offset, nbytes);
  return makeTensor(std::move(storage), dtype, sizes, strides, offset);
}

IValue readValue(std::istringstream& in, const std::string& data) {
  std::string kind;
  in >> kind;
  if (kind == "T") return readTensor(in, data);
  if (kind == "N") return IValue();
  if (kind == "B") {
    int b = 0;
    in >> b;
    return IValue(b != 0);
  }
  if (kind == "I") {
    int64_t i = 0;
    in >> i;
    return IValue(i);
  }
  if (kind == "F") {
    std::string text;
    in >> text;
    return IValue(std::stod(text));
  }
  if (kind == "L") {
    size_t n = 0;
    in >> n;
    std::vector<int64_t> v(n);
    for (auto& e : v) in >> e;
    return IValue(v);
  }
  if (kind == "S") {
    std::string s;
    in >> std::ws;
    std::getline(in, s);
    return IValue(s);
  }
  throw std::runtime_error("bad value kind in oracle file: " + kind);
}

double defaultRtol(DType t) {
  switch (t) {
    case kHalf: return 1e-2;
    case kBFloat16: return 2e-2;
    case kDouble: return 1e-9;
    default: return 1e-5;
  }
}

}  // namespace

std::vector<OracleCase> readOracleCases(const std::string& dir) {
  std::string data = readFile(dir + "/data.bin");
  std::ifstream text(dir + "/cases.txt");
  std::vector<OracleCase> cases;
  std::string line;
  while (std::getline(text, line)) {
    std::istringstream in(line);
    std::string tag;
    in >> tag;
    if (tag == "case") {
      cases.emplace_back();
      std::string lineno;
      in >> lineno >> cases.back().op >> std::ws;
      std::getline(in, cases.back().line);
      cases.back().line = "line " + lineno + ": " + cases.back().line;
    } else if (tag == "arg") {
      cases.back().args.push_back(readValue(in, data));
    } else if (tag == "out") {
      cases.back().expected.push_back(readValue(in, data));
    } else if (tag == "error") {
      in >> std::ws;
      std::getline(in, cases.back().error);
    } else if (tag == "rtol") {
      in >> cases.back().rtol;
    }
  }
  return cases;
}

std::string runOracleCase(const OracleCase& c) {
  const OpInfo* info = findOp(c.op);
  if (!info) return "operator " + c.op + " is not registered";
  Stack stack(c.args.begin(), c.args.end());
  try {
    info->kernel(stack, c.args.size());
  } catch (const Error& e) {
    if (c.error.empty()) return std::string("unexpected error: ") + e.what();
    if (std::string(e.what()).find(c.error) == std::string::npos) {
      return "error \"" + std::string(e.what()) + "\" does not contain \"" + c.error + "\"";
    }
    return "";
  }
  if (!c.error.empty()) return "expected an error containing \"" + c.error + "\"";
  if (stack.size() != c.expected.size()) {
    return "expected " + std::to_string(c.expected.size()) + " results, got " +
           std::to_string(stack.size());
  }
  for (size_t i = 0; i < stack.size(); ++i) {
    const Tensor& want = c.expected[i].toTensor();
    double rtol = c.rtol > 0 ? c.rtol : defaultRtol(want.dtype());
    auto r = allClose(stack[i].toTensor(), want, rtol, rtol);
    if (!r) return "result " + std::to_string(i) + ": " + r.message();
  }
  return "";
}

}  // namespace wick::testing
