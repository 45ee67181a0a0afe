// Derives a boxed kernel (IValue stack in, IValue stack out) from a typed kernel's C++
// signature (DESIGN decision 2), and describes each C++ parameter type in schema terms so a
// test can check every kernel against its schema.
#pragma once

#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "wick/core/ivalue.h"
#include "wick/ops/dispatch.h"
#include "wick/ops/registry.h"

namespace wick::boxing {

// FromIValue<P>: read a kernel parameter of C++ type P from an IValue. `Holder` owns any
// converted temporary for the duration of the call.
template <class P, class = void>
struct FromIValue;

#define WICK_SIMPLE_FROM(T, SCHEMA, EXPR)               \
  template <>                                           \
  struct FromIValue<T> {                                \
    static constexpr std::string_view kSchema = SCHEMA; \
    struct Holder {                                     \
      T get(const IValue& v) { return EXPR; }           \
    };                                                  \
  };

WICK_SIMPLE_FROM(const Tensor&, "Tensor", v.toTensor())
WICK_SIMPLE_FROM(int64_t, "int", v.toInt())
WICK_SIMPLE_FROM(bool, "bool", v.toBool())
WICK_SIMPLE_FROM(double, "float", v.isInt() ? static_cast<double>(v.toInt()) : v.toDouble())
WICK_SIMPLE_FROM(std::string_view, "str", v.toStringView())
WICK_SIMPLE_FROM(DType, "ScalarType", v.toDType())
WICK_SIMPLE_FROM(Device, "Device", v.isString() ? Device(v.toStringView()) : v.toDevice())
WICK_SIMPLE_FROM(MemoryFormat, "MemoryFormat", static_cast<MemoryFormat>(v.toInt()))
WICK_SIMPLE_FROM(const IValue&, "", v)
#undef WICK_SIMPLE_FROM

template <>
struct FromIValue<const Scalar&> {
  static constexpr std::string_view kSchema = "Scalar";
  struct Holder {
    Scalar s;
    const Scalar& get(const IValue& v) {
      s = v.toScalar();
      return s;
    }
  };
};

template <>
struct FromIValue<IntArrayRef> {
  static constexpr std::string_view kSchema = "int[]";
  struct Holder {
    DimVector values;
    IntArrayRef get(const IValue& v) {
      const auto& elems = v.toList().elems;
      values.resize(elems.size());
      for (size_t i = 0; i < elems.size(); ++i) values[i] = elems[i].toInt();
      return values;
    }
  };
};

template <>
struct FromIValue<ArrayRef<double>> {
  static constexpr std::string_view kSchema = "float[]";
  struct Holder {
    std::vector<double> values;
    ArrayRef<double> get(const IValue& v) {
      values.clear();
      for (const IValue& e : v.toList().elems)
        values.push_back(e.isInt() ? static_cast<double>(e.toInt()) : e.toDouble());
      return values;
    }
  };
};

template <>
struct FromIValue<TensorList> {
  static constexpr std::string_view kSchema = "Tensor[]";
  struct Holder {
    std::vector<Tensor> values;
    TensorList get(const IValue& v) {
      values.clear();
      for (const IValue& e : v.toList().elems) values.push_back(e.toTensor());
      return values;
    }
  };
};

template <>
struct FromIValue<const std::vector<std::optional<Tensor>>&> {
  static constexpr std::string_view kSchema = "Tensor?[]";
  struct Holder {
    std::vector<std::optional<Tensor>> values;
    const std::vector<std::optional<Tensor>>& get(const IValue& v) {
      values.clear();
      for (const IValue& e : v.toList().elems) {
        values.push_back(e.isNone() ? std::nullopt : std::optional<Tensor>(e.toTensor()));
      }
      return values;
    }
  };
};

// Optionals of the above: None or the value.
template <class T>
struct OptionalFrom {
  using Inner = FromIValue<T>;
  struct Holder {
    typename Inner::Holder inner;
    std::optional<std::decay_t<T>> value;
    const std::optional<std::decay_t<T>>& get(const IValue& v) {
      if (v.isNone()) {
        value.reset();
      } else {
        value.emplace(inner.get(v));
      }
      return value;
    }
  };
};

#define WICK_OPTIONAL_FROM(OPT_T, INNER_T, SCHEMA)         \
  template <>                                              \
  struct FromIValue<OPT_T> {                               \
    static constexpr std::string_view kSchema = SCHEMA;    \
    using Holder = typename OptionalFrom<INNER_T>::Holder; \
  };
WICK_OPTIONAL_FROM(const std::optional<Tensor>&, const Tensor&, "Tensor?")
WICK_OPTIONAL_FROM(std::optional<int64_t>, int64_t, "int?")
WICK_OPTIONAL_FROM(std::optional<double>, double, "float?")
WICK_OPTIONAL_FROM(std::optional<bool>, bool, "bool?")
WICK_OPTIONAL_FROM(std::optional<std::string_view>, std::string_view, "str?")
WICK_OPTIONAL_FROM(std::optional<DType>, DType, "ScalarType?")
WICK_OPTIONAL_FROM(std::optional<Device>, Device, "Device?")
WICK_OPTIONAL_FROM(std::optional<MemoryFormat>, MemoryFormat, "MemoryFormat?")
WICK_OPTIONAL_FROM(const std::optional<Scalar>&, const Scalar&, "Scalar?")
WICK_OPTIONAL_FROM(std::optional<IntArrayRef>, IntArrayRef, "int[]?")
WICK_OPTIONAL_FROM(std::optional<ArrayRef<double>>, ArrayRef<double>, "float[]?")
#undef WICK_OPTIONAL_FROM

template <>
struct FromIValue<std::optional<Layout>> {
  static constexpr std::string_view kSchema = "Layout?";
  struct Holder {
    std::optional<Layout> get(const IValue& v) {
      return v.isNone() ? std::nullopt : std::optional<Layout>(static_cast<Layout>(v.toInt()));
    }
  };
};
template <>
struct FromIValue<const std::optional<Generator>&> {
  static constexpr std::string_view kSchema = "Generator?";
  struct Holder {
    std::optional<Generator> g;
    const std::optional<Generator>& get(const IValue& v) {
      if (v.isNone()) {
        g.reset();
      } else {
        g.emplace(v.toGenerator());
      }
      return g;
    }
  };
};

// Pushing results.
inline void pushResult(Stack& s, Tensor&& t) { s.emplace_back(std::move(t)); }
inline void pushResult(Stack& s, int64_t v) { s.emplace_back(v); }
inline void pushResult(Stack& s, double v) { s.emplace_back(v); }
inline void pushResult(Stack& s, bool v) { s.emplace_back(v); }
inline void pushResult(Stack& s, std::string&& v) { s.emplace_back(std::move(v)); }
inline void pushResult(Stack& s, IValue&& v) { s.emplace_back(std::move(v)); }
inline void pushResult(Stack& s, std::vector<Tensor>&& v) { s.emplace_back(v); }
template <class... T>
void pushResult(Stack& s, std::tuple<T...>&& t) {
  std::apply([&](auto&&... e) { (pushResult(s, std::move(e)), ...); }, std::move(t));
}

template <class R>
constexpr std::string_view returnSchema() {
  if constexpr (std::is_same_v<R, Tensor>)
    return "Tensor";
  else if constexpr (std::is_same_v<R, int64_t>)
    return "int";
  else if constexpr (std::is_same_v<R, double>)
    return "float";
  else if constexpr (std::is_same_v<R, bool>)
    return "bool";
  else if constexpr (std::is_same_v<R, std::string>)
    return "str";
  else if constexpr (std::is_same_v<R, std::vector<Tensor>>)
    return "Tensor[]";
  else if constexpr (std::is_same_v<R, void> || std::is_same_v<R, IValue>)
    return "";
  else
    return "?";
}

// Whether a kernel argument of C++ type P holds a nested tensor (wick/core/nested.h).
template <class P>
bool holdsNested(const IValue& v) {
  using D = std::decay_t<P>;
  auto nested = [](const IValue& e) {
    return e.isTensor() && e.toTensor().defined() && e.toTensor().impl()->isNested();
  };
  if constexpr (std::is_same_v<D, Tensor> || std::is_same_v<D, std::optional<Tensor>>) {
    return nested(v);
  } else if constexpr (std::is_same_v<D, TensorList> ||
                       std::is_same_v<D, std::vector<std::optional<Tensor>>>) {
    if (!v.isList()) return false;
    for (const IValue& e : v.toList().elems)
      if (nested(e)) return true;
    return false;
  } else {
    return false;
  }
}

template <class F>
struct KernelTraits;
template <class R, class... P>
struct KernelTraits<R (*)(P...)> {
  using Return = R;
  static constexpr size_t kArity = sizeof...(P);
  static constexpr std::string_view kParams[sizeof...(P) + 1] = {FromIValue<P>::kSchema..., ""};
  // The boxed kernel of ops.def row `Id`; a nested tensor argument is rejected unless the
  // row's traits accept it.
  template <auto Fn, OpId Id, uint32_t Traits>
  static void boxed(Stack& s, size_t) {
    IValue* args = s.data() + (s.size() - sizeof...(P));
    if constexpr ((Traits & kNestedInputs) == 0) {
      if (WICK_UNLIKELY(anyNested(args, std::index_sequence_for<P...>{}))) {
        dispatch::rejectNestedInput(Id);
      }
    }
    std::tuple<typename FromIValue<P>::Holder...> holders;
    call<Fn>(s, args, holders, std::index_sequence_for<P...>{});
  }

 private:
  template <size_t... I>
  static bool anyNested(const IValue* args, std::index_sequence<I...>) {
    return (holdsNested<P>(args[I]) || ...);
  }

  template <auto Fn, class H, size_t... I>
  static void call(Stack& s, IValue* args, H& holders, std::index_sequence<I...>) {
    if constexpr (std::is_void_v<R>) {
      Fn(std::get<I>(holders).get(args[I])...);
      s.resize(s.size() - sizeof...(P));
    } else {
      R r = Fn(std::get<I>(holders).get(args[I])...);
      s.resize(s.size() - sizeof...(P));
      pushResult(s, std::move(r));
    }
  }
};

template <class R>
struct ReturnSchemas {
  static std::vector<std::string_view> get() {
    if constexpr (std::is_void_v<R>) {
      return {};
    } else {
      return {returnSchema<R>()};
    }
  }
};
template <class... T>
struct ReturnSchemas<std::tuple<T...>> {
  static std::vector<std::string_view> get() { return {returnSchema<T>()...}; }
};

}  // namespace wick::boxing
