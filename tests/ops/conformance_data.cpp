#include "ops/conformance_data.h"

#include "testing/testing.h"

#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace wick::testing {

namespace {

// Value tags and list kinds, as tests/oracle/conformance.py writes them.
enum Tag : uint8_t {
  kNone,
  kTensor,
  kInt,
  kFloat,
  kBool,
  kStr,
  kList,
  kTuple,
  kDType,
  kDevice,
  kMemFmt,
  kLayout,
  kWrapped,
  kArgRef,
  kGenerator,
};
enum ListKind : uint8_t { kIntList, kFloatList, kBoolList, kTensorList, kOptTensorList };
enum TensorKind : uint8_t { kStorage, kValues };

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  template <class T>
  T get() {
    need(sizeof(T));
    T v{};
    std::memcpy(&v, data_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  std::string str() {
    uint32_t n = get<uint32_t>();
    need(n);
    std::string s(data_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  const char* bytes(size_t n) {
    need(n);
    const char* p = data_.data() + pos_;
    pos_ += n;
    return p;
  }
  bool done() const { return pos_ == data_.size(); }

 private:
  void need(size_t n) const {
    if (pos_ + n > data_.size()) throw std::runtime_error("conformance data: truncated file");
  }
  std::string_view data_;
  size_t pos_ = 0;
};

DType dtypeFromTorch(uint8_t n) {
  if (!isValidDTypeNumber(n)) throw std::runtime_error("conformance data: bad dtype");
  return static_cast<DType>(n);
}

// A tensor: a view of its recorded storage, or (for results) the row-major values placed at
// PyTorch's strides so that strides compare directly.
Tensor readTensor(Reader& r) {
  DType dtype = dtypeFromTorch(r.get<uint8_t>());
  uint8_t ndim = r.get<uint8_t>();
  DimVector sizes(ndim), strides(ndim);
  for (auto& s : sizes) s = r.get<int64_t>();
  for (auto& s : strides) s = r.get<int64_t>();
  uint8_t kind = r.get<uint8_t>();
  int64_t offset = r.get<int64_t>();
  uint32_t nbytes = r.get<uint32_t>();
  const char* raw = r.bytes(nbytes);
  bool requires_grad = r.get<uint8_t>() != 0;
  size_t item = elementSize(dtype);
  Tensor t;
  if (kind == kStorage) {
    auto storage = StorageImpl::allocate(nbytes);
    if (nbytes) std::memcpy(storage->data(), raw, nbytes);
    t = makeTensor(storage, dtype, sizes, strides, offset);
  } else {
    int64_t numel = 1, extent = 1;
    for (size_t d = 0; d < sizes.size(); ++d) {
      numel *= sizes[d];
      extent += (sizes[d] - 1) * strides[d];
    }
    if (numel == 0) extent = 0;
    auto storage = StorageImpl::allocate(static_cast<size_t>(extent) * item);
    t = makeTensor(storage, dtype, sizes, strides, 0);
    // Scatter the row-major values to their strided places.
    DimVector idx(sizes.size(), 0);
    for (int64_t k = 0; k < numel; ++k) {
      int64_t off = 0;
      for (size_t d = 0; d < sizes.size(); ++d) off += idx[d] * strides[d];
      std::memcpy(static_cast<char*>(storage->data()) + off * item, raw + k * item, item);
      for (size_t d = sizes.size(); d-- > 0;) {
        if (++idx[d] < sizes[d]) break;
        idx[d] = 0;
      }
    }
  }
  if (requires_grad && isFloatingType(dtype)) t.impl()->setRequiresGrad(true);
  return t;
}

IValue readValue(Reader& r, const std::vector<IValue>& args);

IValue readList(Reader& r, const std::vector<IValue>& args) {
  uint8_t kind = r.get<uint8_t>();
  uint32_t n = r.get<uint32_t>();
  std::vector<IValue> elems;
  for (uint32_t i = 0; i < n; ++i) elems.push_back(readValue(r, args));
  TypePtr elem;
  switch (kind) {
    case kIntList: elem = IntType::get(); break;
    case kFloatList: elem = FloatType::get(); break;
    case kBoolList: elem = BoolType::get(); break;
    case kTensorList: elem = TensorType::get(); break;
    case kOptTensorList: elem = OptionalType::create(TensorType::get()); break;
    default: throw std::runtime_error("conformance data: bad list kind");
  }
  return IValue(makeList(elem, std::move(elems)));
}

IValue readValue(Reader& r, const std::vector<IValue>& args) {
  uint8_t tag = r.get<uint8_t>();
  switch (tag) {
    case kNone: return IValue();
    case kTensor: return IValue(readTensor(r));
    case kInt: return IValue(r.get<int64_t>());
    case kFloat: return IValue(r.get<double>());
    case kBool: return IValue(r.get<uint8_t>() != 0);
    case kStr: return IValue(r.str());
    case kList: return readList(r, args);
    case kTuple: {
      uint32_t n = r.get<uint32_t>();
      std::vector<IValue> elems;
      for (uint32_t i = 0; i < n; ++i) elems.push_back(readValue(r, args));
      return IValue(makeTuple(std::move(elems)));
    }
    case kDType: return IValue(dtypeFromTorch(r.get<uint8_t>()));
    case kDevice: return IValue(Device(r.str()));
    case kMemFmt: return IValue(static_cast<MemoryFormat>(r.get<uint8_t>()));
    case kLayout: return IValue(static_cast<Layout>(r.get<uint8_t>()));
    case kWrapped: {
      IValue v = readValue(r, args);
      return IValue(wrappedScalarTensor(v.toScalar()));
    }
    case kArgRef: {
      uint32_t i = r.get<uint32_t>();
      if (i >= args.size()) throw std::runtime_error("conformance data: bad argument reference");
      return args[i];
    }
    case kGenerator: return IValue(Generator(static_cast<uint64_t>(r.get<int64_t>())));
    default: throw std::runtime_error("conformance data: bad value tag");
  }
}

ConformanceCase readCase(Reader& r) {
  ConformanceCase c;
  c.line = r.get<uint32_t>();
  c.text = r.str();
  c.op = r.str();
  c.expect_error = r.get<uint8_t>() != 0;
  c.error_substring = r.str();
  c.rtol = r.get<double>();
  c.atol = r.get<double>();
  c.any_strides = r.get<uint8_t>() != 0;
  c.no_values = r.get<uint8_t>() != 0;
  c.seed = r.get<int64_t>();
  uint32_t nargs = r.get<uint32_t>();
  for (uint32_t i = 0; i < nargs; ++i) c.args.push_back(readValue(r, c.args));
  c.torch_raised = r.get<uint8_t>() != 0;
  if (c.torch_raised) {
    c.torch_message = r.str();
    return c;
  }
  uint32_t nresults = r.get<uint32_t>();
  for (uint32_t i = 0; i < nresults; ++i) c.results.push_back(readValue(r, c.args));
  uint32_t nwritten = r.get<uint32_t>();
  for (uint32_t i = 0; i < nwritten; ++i) {
    uint32_t index = r.get<uint32_t>();
    c.written.emplace_back(index, readValue(r, c.args));
  }
  c.result_is_arg = r.get<int32_t>();
  c.result_shares_storage = r.get<int32_t>();
  return c;
}

// Expands {a,b} groups in a table token ("aten::{add,sub}.Tensor"), as conformance.py does.
std::vector<std::string> expandBraces(const std::string& token) {
  size_t open = token.find('{');
  if (open == std::string::npos) return {token};
  size_t close = token.find('}', open);
  if (close == std::string::npos) return {token};
  std::vector<std::string> out;
  std::istringstream choices(token.substr(open + 1, close - open - 1));
  std::string choice;
  while (std::getline(choices, choice, ',')) {
    for (std::string rest : expandBraces(token.substr(close + 1)))
      out.push_back(token.substr(0, open) + choice + rest);
  }
  return out;
}

}  // namespace

std::vector<ConformanceCase> readConformanceFile(const std::string& path) {
  const std::string data = readFile(path);
  Reader r(data);
  if (std::string_view(r.bytes(8), 8) != "WICKCONF" || r.get<uint32_t>() != 2) {
    throw std::runtime_error("conformance data: bad header in " + path);
  }
  uint32_t n = r.get<uint32_t>();
  std::vector<ConformanceCase> cases;
  cases.reserve(n);
  for (uint32_t i = 0; i < n; ++i) cases.push_back(readCase(r));
  if (!r.done()) throw std::runtime_error("conformance data: trailing bytes in " + path);
  return cases;
}

ConformanceTable readConformanceTable(const std::string& path) {
  ConformanceTable table;
  std::istringstream in(readFile(path));
  std::string line;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::string first;
    if (!(words >> first)) continue;
    if (first == "exempt") {
      std::string op, reason, word;
      words >> op;
      while (words >> word) reason += (reason.empty() ? "" : " ") + word;
      table.exemptions.emplace_back(op, reason);
    } else {
      for (std::string& op : expandBraces(first)) table.case_ops.push_back(std::move(op));
    }
  }
  return table;
}

std::multimap<std::string, std::string> otherOracleTableOps() {
  std::string out =
      runPython("conformance.py", {"--oracle-ops", sourcePath("tests/reduce/reduce_cases.txt"),
                                   sourcePath("tests/script_ops/script_cases.txt")});
  std::multimap<std::string, std::string> ops;
  std::istringstream lines(out);
  std::string op, table;
  while (lines >> op >> table) ops.emplace(op, table);
  return ops;
}

const std::string& pytorchFacts(const std::string& name) {
  static std::once_flag once;
  static std::map<std::string, std::string> facts;
  std::call_once(once, [] {
    std::string dir = tempDir("pytorch_facts");
    runPython("k1_facts.py", {dir});
    for (const char* n : {"schemas", "promotion", "api_trace"}) {
      facts[n] = readFile(dir + "/" + n + ".txt");
    }
  });
  auto it = facts.find(name);
  if (it == facts.end()) throw std::runtime_error("no PyTorch facts named " + name);
  return it->second;
}

}  // namespace wick::testing
