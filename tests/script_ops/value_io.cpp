#include "value_io.h"

#include <cmath>
#include <cstring>

#include "wick/ops/schema.h"

namespace wick::testing {

namespace {

std::string unhex(const std::string& h) {
  std::string out;
  for (size_t i = 0; i + 1 < h.size(); i += 2) {
    out += static_cast<char>(std::stoi(h.substr(i, 2), nullptr, 16));
  }
  return out;
}

Tensor readTensor(std::istringstream& in, DType dtype) {
  int64_t ndim = 0;
  in >> ndim;
  std::vector<int64_t> sizes(static_cast<size_t>(ndim));
  for (auto& s : sizes) in >> s;
  Tensor t = emptyTensor(sizes, dtype);
  WICK_DISPATCH_ALL(dtype, "read", {
    auto* p = static_cast<scalar_t*>(t.data_ptr());
    for (int64_t i = 0; i < t.impl()->numel(); ++i) {
      std::string v;
      in >> v;
      double d = std::stod(v);
      if constexpr (std::is_same_v<scalar_t, bool>) {
        p[i] = d != 0;
      } else if constexpr (std::is_integral_v<scalar_t>) {
        p[i] = static_cast<scalar_t>(d);
      } else {
        p[i] = scalar_t(static_cast<float>(d));
        if constexpr (std::is_same_v<scalar_t, double>) p[i] = d;
      }
    }
  });
  return t;
}

std::string show(const IValue& v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace

IValue readScriptValue(std::istringstream& in) {
  std::string tok;
  in >> tok;
  char k = tok.empty() ? '?' : tok[0];
  std::string rest = tok.substr(1);
  switch (k) {
    case 'N': return IValue();
    case 'b': return IValue(rest == "1");
    case 'i': return IValue(static_cast<int64_t>(std::stoll(rest)));
    case 'f': return IValue(std::stod(rest));
    case 's': return IValue(unhex(rest));
    case 'd': return IValue(Device(unhex(rest)));
    case 't': return readTensor(in, static_cast<DType>(std::stoi(rest)));
    case 'T': {
      std::vector<IValue> elems;
      for (int n = std::stoi(rest); n > 0; --n) elems.push_back(readScriptValue(in));
      return tuple(std::move(elems));
    }
    case 'L': {
      size_t n = 0;
      in >> n;
      std::vector<IValue> elems;
      for (size_t i = 0; i < n; ++i) elems.push_back(readScriptValue(in));
      return IValue(makeList(parseSchemaType(rest), std::move(elems)));
    }
    case 'D': {
      size_t comma = rest.find(',');
      int depth = 0;
      for (size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] == '(') ++depth;
        if (rest[i] == ')') --depth;
        if (rest[i] == ',' && depth == 0) {
          comma = i;
          break;
        }
      }
      auto d =
          makeDict(parseSchemaType(rest.substr(0, comma)), parseSchemaType(rest.substr(comma + 1)));
      size_t n = 0;
      in >> n;
      for (size_t i = 0; i < n; ++i) {
        IValue key = readScriptValue(in);
        d->insert(key, readScriptValue(in));
      }
      return IValue(d);
    }
    default: throw std::runtime_error("bad script value token: " + tok);
  }
}

std::string compareScriptValues(const IValue& a, const IValue& e) {
  if (e.isDouble() && a.isDouble()) {
    double x = a.toDouble(), y = e.toDouble();
    if ((std::isnan(x) && std::isnan(y)) || x == y) return "";
    if (std::abs(x - y) <= 1e-12 * std::abs(y)) return "";
    return "float " + show(a) + " != " + show(e);
  }
  if (e.isTensor()) {
    if (!a.isTensor()) return "expected a tensor, got " + show(a);
    auto r = allClose(a.toTensor(), e.toTensor());
    return r ? "" : std::string(r.message());
  }
  if (a.tag() != e.tag()) return "type differs: " + show(a) + " vs expected " + show(e);
  if (e.isList() || e.isTuple()) {
    const auto& x = e.isList() ? a.toList().elems : a.toTuple().elems;
    const auto& y = e.isList() ? e.toList().elems : e.toTuple().elems;
    if (x.size() != y.size()) return "length differs: " + show(a) + " vs expected " + show(e);
    if (e.isList() && !(*a.toList().elem_type == *e.toList().elem_type)) {
      return "list element type differs: " + a.toList().elem_type->str() + " vs expected " +
             e.toList().elem_type->str();
    }
    for (size_t i = 0; i < x.size(); ++i) {
      std::string r = compareScriptValues(x[i], y[i]);
      if (!r.empty()) return "element " + std::to_string(i) + ": " + r;
    }
    return "";
  }
  if (e.isDict()) {
    const auto& x = a.toDict().items();
    const auto& y = e.toDict().items();
    if (x.size() != y.size()) return "dict size differs: " + show(a) + " vs expected " + show(e);
    for (size_t i = 0; i < x.size(); ++i) {
      std::string r = compareScriptValues(x[i].first, y[i].first);
      if (r.empty()) r = compareScriptValues(x[i].second, y[i].second);
      if (!r.empty()) return "dict item " + std::to_string(i) + ": " + r;
    }
    return "";
  }
  return a == e ? "" : show(a) + " != expected " + show(e);
}

}  // namespace wick::testing
