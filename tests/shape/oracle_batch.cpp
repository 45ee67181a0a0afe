#include "oracle_batch.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "ops/kernels/shape_util.h"

namespace wick::testing {

void writeTensorFile(const std::string& path, const Tensor& t) {
  std::ofstream out(path, std::ios::binary);
  out << pythonName(t.dtype()) << ' ' << t.dim();
  for (int64_t s : t.sizes()) out << ' ' << s;
  for (int64_t s : t.strides()) out << ' ' << s;
  out << '\n';
  Tensor c = kernels::contiguousCopy(t);
  out.write(static_cast<const char*>(c.data_ptr()), static_cast<std::streamsize>(c.nbytes()));
}

Tensor readTensorFile(const std::string& path, std::vector<int64_t>* strides) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::string header;
  std::getline(in, header);
  std::istringstream hs(header);
  std::string dtype_name;
  int64_t nd = 0;
  hs >> dtype_name >> nd;
  DType dtype;
  if (!parseDType(dtype_name, &dtype)) throw std::runtime_error("bad dtype " + dtype_name);
  std::vector<int64_t> sizes(static_cast<size_t>(nd)), st(static_cast<size_t>(nd));
  for (auto& s : sizes) hs >> s;
  for (auto& s : st) hs >> s;
  if (strides) *strides = st;
  Tensor t = emptyTensor(sizes, dtype);
  in.read(static_cast<char*>(t.data_ptr()), static_cast<std::streamsize>(t.nbytes()));
  return t;
}

Tensor iota(IntArrayRef sizes, DType dtype) {
  Tensor t = emptyTensor(sizes, dtype);
  int64_t n = t.impl()->numel();
  WICK_DISPATCH_ALL(dtype, "iota", {
    scalar_t* p = static_cast<scalar_t*>(t.data_ptr());
    for (int64_t i = 0; i < n; ++i) {
      if constexpr (std::is_same_v<scalar_t, bool>) {
        p[i] = (i * 7 % 3) != 0;
      } else if constexpr (sizeof(scalar_t) == 1) {
        p[i] = static_cast<scalar_t>(i % 100);
      } else {
        p[i] = static_cast<scalar_t>(static_cast<float>(i));
      }
    }
  });
  return t;
}

Tensor channelsLast(const Tensor& t) {
  IntArrayRef sizes = t.impl()->sizes();
  Tensor out = kernels::emptyWithStrides(
      sizes, kernels::stridesForFormat(sizes, MemoryFormat::ChannelsLast), t.dtype());
  kernels::copyStrided(out, t);
  return out;
}

Tensor greater(const Tensor& t, double value) {
  std::vector<double> v = t.to_vector<double>();
  Tensor out = emptyTensor(t.impl()->sizes(), kBool);
  bool* p = static_cast<bool*>(out.data_ptr());
  for (size_t i = 0; i < v.size(); ++i) p[i] = v[i] > value;
  return out;
}

OracleCase& OracleBatch::add(std::string name, std::vector<Tensor> inputs, std::string python,
                             std::function<Tensor()> run) {
  return addList(std::move(name), std::move(inputs), std::move(python),
                 [run = std::move(run)] { return std::vector<Tensor>{run()}; });
}

OracleCase& OracleBatch::addList(std::string name, std::vector<Tensor> inputs, std::string python,
                                 std::function<std::vector<Tensor>()> run) {
  OracleCase c;
  c.name = std::move(name);
  c.inputs = std::move(inputs);
  c.python = std::move(python);
  c.run = std::move(run);
  cases_.push_back(std::move(c));
  return cases_.back();
}

OracleCase& OracleBatch::addError(std::string name, std::vector<Tensor> inputs, std::string python,
                                  std::function<void()> run, std::string substr) {
  OracleCase& c =
      addList(std::move(name), std::move(inputs), std::move(python), [run = std::move(run)] {
        run();
        return std::vector<Tensor>{};
      });
  c.error_substr = std::move(substr);
  return c;
}

void OracleBatch::run() {
  std::string dir = tempDir("k2_" + name_);
  {
    std::ofstream cases(dir + "/cases.txt");
    for (size_t i = 0; i < cases_.size(); ++i) {
      const OracleCase& c = cases_[i];
      cases << i << '\t' << c.inputs.size() << '\t' << c.python << '\n';
      for (size_t k = 0; k < c.inputs.size(); ++k)
        writeTensorFile(dir + "/" + std::to_string(i) + "_in" + std::to_string(k) + ".bin",
                        c.inputs[k]);
    }
  }
  runPython("k2_eval.py", {dir});
  for (size_t i = 0; i < cases_.size(); ++i) check(i, cases_[i], dir);
}

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

::testing::AssertionResult sameValues(const Tensor& got, const Tensor& want, double rtol,
                                      double atol) {
  std::vector<double> g = got.to_vector<double>(), w = want.to_vector<double>();
  for (size_t i = 0; i < g.size(); ++i) {
    if (std::isnan(g[i]) && std::isnan(w[i])) continue;
    if (g[i] == w[i]) continue;
    if (std::abs(g[i] - w[i]) <= atol + rtol * std::abs(w[i])) continue;
    return ::testing::AssertionFailure()
           << "element " << i << " is " << g[i] << ", PyTorch has " << w[i];
  }
  return ::testing::AssertionSuccess();
}

}  // namespace

void OracleBatch::check(size_t index, const OracleCase& c, const std::string& dir) {
  SCOPED_TRACE("case " + c.name + ": " + c.python);
  std::string prefix = dir + "/" + std::to_string(index);
  std::string result = readFile(prefix + "_result.txt");
  std::vector<Tensor> got;
  std::string error;
  try {
    got = c.run();
  } catch (const Error& e) {
    error = e.what();
  }
  if (result.rfind("error ", 0) == 0) {
    std::string msg = result.substr(result.find(": ") + 2);
    // wick's messages end without a period (STYLE.md); PyTorch's sometimes have one.
    if (!msg.empty() && msg.back() == '.') msg.pop_back();
    std::string want = c.error_substr.empty() ? msg : c.error_substr;
    EXPECT_FALSE(error.empty()) << "PyTorch raised \"" << msg << "\" but wick did not";
    if (!error.empty()) {
      EXPECT_NE(lower(error).find(lower(want)), std::string::npos)
          << "wick's message \"" << error << "\" lacks \"" << want << "\"";
    }
    return;
  }
  ASSERT_TRUE(error.empty()) << "wick raised \"" << error << "\", PyTorch gave " << result;
  size_t n = std::stoul(result.substr(3));
  ASSERT_EQ(got.size(), n) << "number of results";
  for (size_t k = 0; k < n; ++k) {
    std::vector<int64_t> strides;
    Tensor want = readTensorFile(prefix + "_out" + std::to_string(k) + ".bin", &strides);
    SCOPED_TRACE("result " + std::to_string(k));
    EXPECT_EQ(got[k].dtype(), want.dtype());
    ASSERT_EQ(got[k].sizes().vec(), want.sizes().vec());
    if (c.check_strides && got[k].numel().value() > 1) {
      EXPECT_EQ(got[k].strides().vec(), strides) << "strides";
    }
    if (c.check_values && got[k].dtype() == want.dtype()) {
      EXPECT_TRUE(sameValues(got[k], want, c.rtol, c.atol));
    }
  }
}

}  // namespace wick::testing
