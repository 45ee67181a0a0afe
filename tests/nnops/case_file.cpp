#include "case_file.h"

#include <cmath>
#include <cstring>
#include <sstream>

#include "wick/ops/registry.h"

namespace wick::testing {

namespace {

class Reader {
 public:
  explicit Reader(const std::string& data) : data_(data) {}

  template <class T>
  T pod() {
    if (pos_ + sizeof(T) > data_.size()) throw std::runtime_error("case file truncated");
    T v;
    std::memcpy(&v, data_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  std::string bytes(size_t n) {
    if (pos_ + n > data_.size()) throw std::runtime_error("case file truncated");
    std::string s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::string str() { return bytes(pod<uint32_t>()); }

  Tensor tensor() {
    auto dtype = static_cast<DType>(pod<uint8_t>());
    uint32_t nd = pod<uint32_t>();
    DimVector sizes, strides;
    for (uint32_t i = 0; i < nd; ++i) sizes.push_back(pod<int64_t>());
    for (uint32_t i = 0; i < nd; ++i) strides.push_back(pod<int64_t>());
    int64_t offset = pod<int64_t>();
    std::string data = bytes(static_cast<size_t>(pod<int64_t>()));
    auto storage = StorageImpl::allocate(std::max<size_t>(data.size(), 1));
    std::memcpy(storage->data(), data.data(), data.size());
    return makeTensor(storage, dtype, sizes, strides, offset);
  }

  IValue value() {
    switch (pod<uint8_t>()) {
      case 0: return IValue();
      case 1: return IValue(tensor());
      case 2: return IValue(pod<int64_t>());
      case 3: return IValue(pod<double>());
      case 4: return IValue(pod<uint8_t>() != 0);
      case 5: return IValue(str());
      case 6: {
        std::vector<int64_t> v(pod<uint32_t>());
        for (auto& x : v) x = pod<int64_t>();
        return IValue(v);
      }
      case 7: {
        std::vector<double> v(pod<uint32_t>());
        for (auto& x : v) x = pod<double>();
        return IValue(v);
      }
      case 8: {
        std::vector<Tensor> v;
        uint32_t n = pod<uint32_t>();
        for (uint32_t i = 0; i < n; ++i) v.push_back(value().toTensor());
        return IValue(v);
      }
      default: throw std::runtime_error("bad value tag in case file");
    }
  }

 private:
  const std::string& data_;
  size_t pos_ = 0;
};

std::vector<OracleCase> parse(const std::string& data) {
  Reader r(data);
  if (r.bytes(8) != "K3CASES1") throw std::runtime_error("not a k3 case file");
  uint32_t n = r.pod<uint32_t>();
  std::vector<OracleCase> cases(n);
  for (auto& c : cases) {
    c.name = r.str();
    c.op = r.str();
    uint32_t nargs = r.pod<uint32_t>();
    for (uint32_t i = 0; i < nargs; ++i) c.args.push_back(r.value());
    c.is_error = r.pod<uint8_t>() != 0;
    c.error = r.str();
    uint32_t nouts = r.pod<uint32_t>();
    for (uint32_t i = 0; i < nouts; ++i) c.outputs.push_back(r.value());
    c.rtol = r.pod<double>();
    c.atol = r.pod<double>();
    c.check_strides = r.pod<uint8_t>() != 0;
    c.check_values = r.pod<uint8_t>() != 0;
    uint32_t nchecked = r.pod<uint32_t>();
    for (uint32_t i = 0; i < nchecked; ++i) {
      size_t idx = r.pod<uint32_t>();
      c.checked_args.emplace_back(idx, r.value());
    }
  }
  return cases;
}

std::string describe(const OracleCase& c) {
  std::ostringstream os;
  os << c.name << " (" << c.op;
  for (const IValue& a : c.args) {
    os << " ";
    if (a.isTensor()) {
      const Tensor& t = a.toTensor();
      os << t.dtype() << t.sizes() << "@" << t.strides();
    } else {
      os << a;
    }
  }
  return os.str() + ")";
}

// Strides must agree wherever they matter (dims of size > 1 of non-empty tensors).
bool sameStrides(const Tensor& a, const Tensor& e) {
  if (a.impl()->numel() == 0) return true;
  for (int64_t d = 0; d < a.dim(); ++d) {
    if (a.impl()->sizes()[d] > 1 && a.strides()[d] != e.strides()[d]) return false;
  }
  return true;
}

void compareValue(const OracleCase& c, const std::string& what, const IValue& actual,
                  const IValue& expected) {
  if (expected.isTensor()) {
    ASSERT_TRUE(actual.isTensor()) << describe(c) << ": " << what << " is not a tensor";
    const Tensor& a = actual.toTensor();
    const Tensor& e = expected.toTensor();
    ASSERT_TRUE(a.defined()) << describe(c) << ": " << what << " is undefined";
    EXPECT_EQ(a.dtype(), e.dtype()) << describe(c) << ": " << what;
    ASSERT_EQ(a.impl()->sizes(), e.impl()->sizes()) << describe(c) << ": " << what;
    if (c.check_strides) {
      EXPECT_TRUE(sameStrides(a, e)) << describe(c) << ": " << what << " strides " << a.strides()
                                     << ", expected " << e.strides();
    }
    if (c.check_values) {
      EXPECT_TRUE(allClose(a, e, c.rtol, c.atol)) << describe(c) << ": " << what;
    }
    return;
  }
  if (expected.isNone()) {
    EXPECT_TRUE(actual.isNone() || (actual.isTensor() && !actual.toTensor().defined()))
        << describe(c) << ": " << what << " should be None";
    return;
  }
  EXPECT_EQ(actual, expected) << describe(c) << ": " << what;
}

void runCase(const OracleCase& c) {
  const OpInfo* info = findOp(c.op);
  ASSERT_NE(info, nullptr) << describe(c) << ": op not registered";
  Stack stack(c.args.begin(), c.args.end());
  if (c.is_error) {
    std::string msg;
    try {
      info->kernel(stack, c.args.size());
    } catch (const Error& e) {
      msg = e.what();
    }
    EXPECT_NE(msg.find(c.error), std::string::npos)
        << describe(c) << ": expected an error containing \"" << c.error << "\", got \"" << msg
        << "\"";
    return;
  }
  try {
    info->kernel(stack, c.args.size());
  } catch (const std::exception& e) {
    ADD_FAILURE() << describe(c) << ": raised " << e.what();
    return;
  }
  ASSERT_EQ(stack.size(), c.outputs.size()) << describe(c) << ": number of outputs";
  for (size_t i = 0; i < stack.size(); ++i) {
    compareValue(c, "output " + std::to_string(i), stack[i], c.outputs[i]);
  }
  for (const auto& [idx, expected] : c.checked_args) {
    compareValue(c, "argument " + std::to_string(idx) + " after the call", c.args[idx], expected);
  }
}

}  // namespace

const std::vector<OracleCase>& oracleCases() {
  static const std::vector<OracleCase> cases = [] {
    std::string path = tempDir("k3_oracle") + "/cases.bin";
    runPython("k3_cases.py", {path});
    return parse(readFile(path));
  }();
  return cases;
}

void runOracleCase(const OracleCase& c) { runCase(c); }

void runOracleFamily(const std::string& family) {
  std::string prefix = family + "/";
  int count = 0;
  for (const OracleCase& c : oracleCases()) {
    if (c.name.rfind(prefix, 0) != 0) continue;
    ++count;
    runCase(c);
  }
  EXPECT_GT(count, 0) << "no oracle cases for " << family;
}

}  // namespace wick::testing
