// Reading tensor constants and giving attribute literals their IValue types.
//
// Note [Tensor constants in graph text]: a tensor constant of 2 to 10 elements prints as
// LibTorch's tensor print with newlines turned into spaces:
//   " 1  2  3 [ CPUFloatType{3} ]"
//   "0.001 *  1.0000  2.0000 [ CPUFloatType{2} ]"                 (a scale factor)
//   "Columns 1 to 6 1.0000e-20 ... Columns 7 to 10 ... [ CPUFloatType{1,10} ]"
//   "(1,.,.) =    1  2   3  4  (2,.,.) = ... [ CPULongType{2,2,2} ]"
// The trailer gives dtype and sizes; values fill matrices (the last two dims; a vector is one
// column) block by block. Values carry 4 decimals, so reading back may round.
#include <charconv>
#include <cstdlib>
#include <sstream>

#include "ir/parser_values.h"

namespace wick::jit {

namespace {

std::vector<std::string> splitWords(std::string_view s) {
  std::vector<std::string> out;
  std::istringstream in{std::string(s)};
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

bool toDouble(const std::string& w, double* out) {
  char* end = nullptr;
  *out = std::strtod(w.c_str(), &end);
  return !w.empty() && end == w.c_str() + w.size();
}

// A 1-based position in a printed tensor (column or slice number).
bool toIndex(const std::string& w, double* out) {
  return toDouble(w, out) && *out >= 1 && *out <= 1e6 && *out == static_cast<int64_t>(*out);
}

Tensor filledTensor(const std::vector<int64_t>& sizes, DType dtype, const std::vector<double>& v) {
  Tensor t = emptyTensor(sizes, dtype);
  WICK_DISPATCH_ALL(dtype, "graph constant", {
    auto* p = t.data_ptr<scalar_t>();
    for (size_t i = 0; i < v.size(); ++i) {
      if constexpr (std::is_same_v<scalar_t, bool>) {
        p[i] = v[i] != 0;
      } else if constexpr (std::is_same_v<scalar_t, Half> || std::is_same_v<scalar_t, BFloat16>) {
        p[i] = scalar_t(static_cast<float>(v[i]));
      } else {
        p[i] = static_cast<scalar_t>(v[i]);
      }
    }
  });
  return t;
}

// Places the printed values of Note [Tensor constants in graph text] into a flat vector.
class TensorTextReader {
 public:
  TensorTextReader(const std::vector<int64_t>& sizes, std::vector<double>& out) : out_(out) {
    int64_t nd = static_cast<int64_t>(sizes.size());
    rows_ = nd >= 2 ? sizes[nd - 2] : (nd == 1 ? sizes[0] : 1);
    cols_ = nd >= 2 ? sizes[nd - 1] : 1;
    outer_sizes_.assign(sizes.begin(), sizes.end() - std::min<int64_t>(nd, 2));
    col_last_ = cols_ - 1;
  }

  // Returns false on a word it does not understand.
  bool read(const std::vector<std::string>& words) {
    for (size_t i = 0; i < words.size(); ++i) {
      const std::string& w = words[i];
      double v;
      if (w == "Columns" && i + 3 < words.size() && words[i + 2] == "to") {
        double a, b;
        if (!toIndex(words[i + 1], &a) || !toIndex(words[i + 3], &b)) return false;
        col_first_ = static_cast<int64_t>(a) - 1;
        col_last_ = static_cast<int64_t>(b) - 1;
        count_ = 0;
        i += 3;
      } else if (w.front() == '(' && w.ends_with(".,.)")) {
        if (!startSlice(w) || i + 1 >= words.size() || words[i + 1] != "=") return false;
        ++i;
      } else if (i + 1 < words.size() && words[i + 1] == "*" && toDouble(w, &v)) {
        scale_ = v;
        ++i;
      } else if (toDouble(w, &v)) {
        if (!place(v * scale_)) return false;
      } else {
        return false;
      }
    }
    return true;
  }

 private:
  bool startSlice(const std::string& w) {
    // "(2,1,.,.)" -> slice index over the outer dims.
    std::string inner = w.substr(1, w.size() - 1 - 5);
    std::vector<int64_t> idx;
    std::istringstream in(inner);
    std::string part;
    while (std::getline(in, part, ',')) {
      double v;
      if (!toIndex(part, &v)) return false;
      idx.push_back(static_cast<int64_t>(v) - 1);
    }
    if (idx.size() != outer_sizes_.size()) return false;
    slice_ = 0;
    for (size_t k = 0; k < idx.size(); ++k) slice_ = slice_ * outer_sizes_[k] + idx[k];
    col_first_ = 0;
    col_last_ = cols_ - 1;
    count_ = 0;
    scale_ = 1;
    return true;
  }

  bool place(double v) {
    int64_t width = col_last_ - col_first_ + 1;
    if (width <= 0) return false;
    int64_t row = count_ / width, col = col_first_ + count_ % width;
    if (row >= rows_ || col >= cols_) return false;
    size_t at = static_cast<size_t>((slice_ * rows_ + row) * cols_ + col);
    if (at >= out_.size()) return false;
    out_[at] = v;
    ++count_;
    return true;
  }

  std::vector<double>& out_;
  std::vector<int64_t> outer_sizes_;
  int64_t rows_ = 1, cols_ = 1, slice_ = 0, col_first_ = 0, col_last_ = 0, count_ = 0;
  double scale_ = 1;
};

}  // namespace

Tensor readTensorText(TextCursor& c) {
  size_t start = c.pos();
  std::string_view text = c.text();
  size_t trailer = text.find("[ CPU", start);
  size_t newline = text.find('\n', start);
  if (trailer == std::string_view::npos || trailer > newline)
    c.fail("expected a tensor value ending in '[ CPU<Type>Type{sizes} ]'");
  c.setPos(trailer + 5);
  std::string type_name(c.ident());
  DType dtype = kFloat;
  bool known = false;
  for (DType d : kAllDTypes) {
    if (type_name == std::string(graphName(d)) + "Type") {
      dtype = d;
      known = true;
    }
  }
  if (!known) c.fail("unknown tensor type 'CPU" + type_name + "'");
  c.expect("{");
  std::vector<int64_t> sizes;
  while (!c.tryConsume("}")) {
    if (!sizes.empty()) c.expect(",");
    std::string_view digits = c.ident();
    int64_t size = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), size);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size())
      c.fail("expected a size");
    sizes.push_back(size);
  }
  c.expect(" ]");
  // Only tensors of 2 to 10 elements print their values; anything else is not printer output.
  int64_t numel = 1;
  for (int64_t s : sizes) numel = s < 0 || s > 10 || numel > 10 ? 11 : numel * s;
  if (numel < 2 || numel > 10) c.fail("a printed tensor constant has 2 to 10 elements");
  std::vector<double> values(static_cast<size_t>(numel), 0.0);
  TensorTextReader reader(sizes, values);
  if (!reader.read(splitWords(text.substr(start, trailer - start))))
    c.failAt(start, "cannot read the values of this tensor constant");
  return filledTensor(sizes, dtype, values);
}

namespace {

[[noreturn]] void mismatch(const Literal& lit, const TypePtr& type, const TextCursor& c,
                           size_t at) {
  static const char* kinds[] = {"an int",   "a float",  "a string",      "a bool",
                                "None",     "a list",   "a tuple",       "a dict",
                                "a device", "a tensor", "annotate(...)", "a name"};
  c.failAt(at, std::string("value is ") + kinds[static_cast<int>(lit.kind)] + " but the type is " +
                   type->str());
}

IValue untyped(const Literal& lit, const TextCursor& c, size_t at);

IValue listFrom(const Literal& lit, const TypePtr& elem, const TextCursor& c, size_t at) {
  std::vector<IValue> elems;
  for (const Literal& e : lit.elems) elems.push_back(literalToIValue(e, elem, c, at));
  TypePtr t = elem;
  if (!t) t = elems.empty() ? AnyType::get() : elems.front().type();
  if (t->kind() == TypeKind::Tensor) t = TensorType::get();
  return IValue(makeList(std::move(t), std::move(elems)));
}

IValue dictFrom(const Literal& lit, const TypePtr& key, const TypePtr& value, const TextCursor& c,
                size_t at) {
  // Without a type, the first item's key and value types stand for all.
  TypePtr k = key, v = value;
  if (!k) k = lit.elems.empty() ? StringType::get() : untyped(lit.elems[0], c, at).type();
  if (!v) v = lit.elems.size() < 2 ? AnyType::get() : untyped(lit.elems[1], c, at).type();
  auto d = makeDict(k, v);
  for (size_t i = 0; i + 1 < lit.elems.size(); i += 2) {
    d->insert(literalToIValue(lit.elems[i], k, c, at), literalToIValue(lit.elems[i + 1], v, c, at));
  }
  return IValue(std::move(d));
}

IValue tensorFrom(const Literal& lit, const TypePtr& type, const TextCursor& c, size_t at) {
  const auto* tt = type ? type->cast<TensorType>() : nullptr;
  if (!lit.tensor.isNone()) {
    const Tensor& t = lit.tensor.toTensor();
    if (tt && tt->dtype && *tt->dtype != t.dtype())
      c.failAt(at, "tensor value has dtype " + std::string(graphName(t.dtype())) +
                       " but the type is " + type->str());
    return lit.tensor;
  }
  const Literal& num = lit.elems.at(0);
  DType dtype = tt && tt->dtype ? *tt->dtype : (num.kind == Literal::Kind::Float ? kFloat : kLong);
  std::vector<int64_t> sizes = tt && tt->sizes ? *tt->sizes : std::vector<int64_t>{};
  int64_t numel = 1;
  for (int64_t s : sizes) numel *= s;
  if (numel != 1)
    c.failAt(at, "a {value} tensor constant must have one element, the type is " + type->str());
  return IValue(filledTensor(sizes, dtype, {num.f}));
}

IValue untyped(const Literal& lit, const TextCursor& c, size_t at) {
  using K = Literal::Kind;
  switch (lit.kind) {
    case K::Int: return IValue(lit.i);
    case K::Float: return IValue(lit.f);
    case K::Str: return IValue(lit.s);
    case K::Bool: return IValue(lit.i != 0);
    case K::None: return IValue();
    case K::Device: return IValue(Device(lit.s));
    case K::List: return listFrom(lit, nullptr, c, at);
    case K::Tuple: {
      std::vector<IValue> elems;
      for (const Literal& e : lit.elems) elems.push_back(untyped(e, c, at));
      return IValue(makeTuple(std::move(elems)));
    }
    case K::Dict: return dictFrom(lit, nullptr, nullptr, c, at);
    case K::TensorValue: return tensorFrom(lit, nullptr, c, at);
    case K::Annotated: return literalToIValue(lit.elems.at(0), lit.annotation, c, at);
    case K::Name: c.failAt(at, "'" + lit.s + "' needs the enum type it is a member of"); break;
  }
  return IValue();
}

}  // namespace

namespace {

// Numbers, strings, devices and None of a type that asks for one.
std::optional<IValue> scalarFrom(const Literal& lit, const TypePtr& type, const TextCursor& c,
                                 size_t at) {
  using K = Literal::Kind;
  switch (type->kind()) {
    case TypeKind::Int:
    case TypeKind::ScalarType:
    case TypeKind::Layout:
    case TypeKind::MemoryFormat:
      if (lit.kind == K::Int) return IValue(lit.i);
      break;
    case TypeKind::Float:
      if (lit.kind == K::Int || lit.kind == K::Float) return IValue(lit.f);
      break;
    case TypeKind::Bool:
      // Graph text spells a bool constant 0/1, and True/False inside containers.
      if (lit.kind == K::Bool || (lit.kind == K::Int && (lit.i == 0 || lit.i == 1)))
        return IValue(lit.i != 0);
      break;
    case TypeKind::Number:
      if (lit.kind == K::Int || lit.kind == K::Float || lit.kind == K::Bool)
        return untyped(lit, c, at);
      break;
    case TypeKind::Str:
      if (lit.kind == K::Str) return IValue(lit.s);
      break;
    case TypeKind::Device:
      if (lit.kind == K::Str || lit.kind == K::Device) {
        try {
          return IValue(Device(lit.s));
        } catch (const Error& e) {
          c.failAt(at, e.what());
        }
      }
      break;
    case TypeKind::None:
      if (lit.kind == K::None) return IValue();
      break;
    default: break;
  }
  return std::nullopt;
}

}  // namespace

IValue literalToIValue(const Literal& lit, const TypePtr& type, const TextCursor& c, size_t at) {
  using K = Literal::Kind;
  if (!type || type->kind() == TypeKind::Any || type->kind() == TypeKind::Var)
    return untyped(lit, c, at);
  if (lit.kind == K::Annotated) {
    if (!lit.annotation->isSubtypeOf(*type) && type->kind() != TypeKind::Optional)
      mismatch(lit, type, c, at);
    return literalToIValue(lit.elems.at(0), type, c, at);
  }
  if (std::optional<IValue> v = scalarFrom(lit, type, c, at)) return *v;
  switch (type->kind()) {
    case TypeKind::Optional:
      if (lit.kind == K::None) return IValue();
      return literalToIValue(lit, static_cast<const OptionalType&>(*type).elem(), c, at);
    case TypeKind::Tensor:
      if (lit.kind == K::TensorValue) return tensorFrom(lit, type, c, at);
      break;
    case TypeKind::List:
      if (lit.kind == K::List)
        return listFrom(lit, static_cast<const ListType&>(*type).elem(), c, at);
      break;
    case TypeKind::Tuple: {
      const auto& tt = static_cast<const TupleType&>(*type);
      if (lit.kind != K::Tuple || lit.elems.size() != tt.elements().size()) break;
      std::vector<IValue> elems;
      for (size_t i = 0; i < lit.elems.size(); ++i)
        elems.push_back(literalToIValue(lit.elems[i], tt.elements()[i], c, at));
      return IValue(makeTuple(std::move(elems), tt.isNamed() ? type : nullptr));
    }
    case TypeKind::Dict:
      if (lit.kind == K::Dict) {
        const auto& d = static_cast<const DictType&>(*type);
        return dictFrom(lit, d.key(), d.value(), c, at);
      }
      break;
    case TypeKind::Enum: {
      const auto& e = static_cast<const EnumType&>(*type);
      auto dot = lit.s.rfind('.');
      if (lit.kind != K::Name || lit.s.substr(0, dot) != e.name()) break;
      std::string member = lit.s.substr(dot + 1);
      if (!e.findMember(member))
        c.failAt(at, "enum class " + e.name() + " has no member '" + member + "'");
      return enumMember(std::static_pointer_cast<EnumType>(type), member);
    }
    default: break;
  }
  mismatch(lit, type, c, at);
}

}  // namespace wick::jit
