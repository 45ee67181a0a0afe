// Generic calls of C++ methods: converts a vector of IValues into a method's parameters and
// its result back into an IValue. This is how the tracer, trace_module and the command line
// call module methods that have ordinary C++ signatures.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "wick/core/ivalue.h"

namespace wick::detail {

template <class T>
struct FromIValueArg;

template <>
struct FromIValueArg<Tensor> {
  static Tensor get(const IValue& v) { return v.toTensor(); }
};
template <>
struct FromIValueArg<IValue> {
  static IValue get(const IValue& v) { return v; }
};
template <>
struct FromIValueArg<int64_t> {
  static int64_t get(const IValue& v) { return v.toInt(); }
};
template <>
struct FromIValueArg<int> {
  static int get(const IValue& v) { return static_cast<int>(v.toInt()); }
};
template <>
struct FromIValueArg<double> {
  static double get(const IValue& v) { return v.isInt() ? double(v.toInt()) : v.toDouble(); }
};
template <>
struct FromIValueArg<bool> {
  static bool get(const IValue& v) { return v.toBool(); }
};
template <>
struct FromIValueArg<std::string> {
  static std::string get(const IValue& v) { return v.toStringRef(); }
};
template <class T>
struct FromIValueArg<std::optional<T>> {
  static std::optional<T> get(const IValue& v) {
    if (v.isNone()) return std::nullopt;
    return FromIValueArg<T>::get(v);
  }
};
template <class T>
struct FromIValueArg<std::vector<T>> {
  static std::vector<T> get(const IValue& v) {
    std::vector<T> out;
    const auto& elems = v.isTuple() ? v.toTuple().elems : v.toList().elems;
    for (const IValue& e : elems) out.push_back(FromIValueArg<T>::get(e));
    return out;
  }
};
template <class... T>
struct FromIValueArg<std::tuple<T...>> {
  static std::tuple<T...> get(const IValue& v) {
    const auto& elems = v.isTuple() ? v.toTuple().elems : v.toList().elems;
    WICK_CHECK(elems.size() == sizeof...(T), "expected a tuple of ", sizeof...(T),
               " elements, got ", elems.size());
    return unpack(elems, std::index_sequence_for<T...>{});
  }
  template <size_t... I>
  static std::tuple<T...> unpack(const std::vector<IValue>& e, std::index_sequence<I...>) {
    return std::tuple<T...>(FromIValueArg<T>::get(e[I])...);
  }
};
template <class A, class B>
struct FromIValueArg<std::pair<A, B>> {
  static std::pair<A, B> get(const IValue& v) {
    auto t = FromIValueArg<std::tuple<A, B>>::get(v);
    return {std::get<0>(t), std::get<1>(t)};
  }
};
template <class V>
struct FromIValueArg<std::map<std::string, V>> {
  static std::map<std::string, V> get(const IValue& v) {
    std::map<std::string, V> out;
    for (const auto& [k, val] : v.toDict().items())
      out[k.toStringRef()] = FromIValueArg<V>::get(val);
    return out;
  }
};

// C++ results as IValues.
inline IValue toIValue(const Tensor& t) { return IValue(t); }
inline IValue toIValue(const IValue& v) { return v; }
inline IValue toIValue(int64_t v) { return IValue(v); }
inline IValue toIValue(double v) { return IValue(v); }
inline IValue toIValue(bool v) { return IValue(v); }
inline IValue toIValue(const std::string& v) { return IValue(v); }
template <class T>
IValue toIValue(const std::optional<T>& v) {
  return v ? toIValue(*v) : IValue();
}
template <class T>
IValue toIValue(const std::vector<T>& v);
template <class... T>
IValue toIValue(const std::tuple<T...>& t);
template <class A, class B>
IValue toIValue(const std::pair<A, B>& p);
template <class V>
IValue toIValue(const std::map<std::string, V>& m);

template <class T>
TypePtr staticType() {
  if constexpr (std::is_same_v<T, Tensor>)
    return TensorType::get();
  else if constexpr (std::is_same_v<T, int64_t>)
    return IntType::get();
  else if constexpr (std::is_same_v<T, double>)
    return FloatType::get();
  else if constexpr (std::is_same_v<T, bool>)
    return BoolType::get();
  else if constexpr (std::is_same_v<T, std::string>)
    return StringType::get();
  else
    return AnyType::get();
}

template <class T>
IValue toIValue(const std::vector<T>& v) {
  std::vector<IValue> elems;
  for (const auto& e : v) elems.push_back(toIValue(e));
  return IValue(makeList(staticType<T>(), std::move(elems)));
}
template <class... T>
IValue toIValue(const std::tuple<T...>& t) {
  std::vector<IValue> elems;
  std::apply([&](const auto&... e) { (elems.push_back(toIValue(e)), ...); }, t);
  return IValue(makeTuple(std::move(elems)));
}
template <class A, class B>
IValue toIValue(const std::pair<A, B>& p) {
  return IValue(makeTuple({toIValue(p.first), toIValue(p.second)}));
}
template <class V>
IValue toIValue(const std::map<std::string, V>& m) {
  auto d = makeDict(StringType::get(), staticType<V>());
  for (const auto& [k, v] : m) d->insert(IValue(k), toIValue(v));
  return IValue(d);
}

template <class T>
using Bare = std::remove_cv_t<std::remove_reference_t<T>>;

// Calls obj.*fn(args...) with args converted from `inputs`. Missing trailing arguments are
// taken from `defaults` (aligned with the last parameters) or, for std::optional parameters,
// are None, as Python fills in a method's default arguments.
template <class C, class R, class... A>
IValue invokeMethod(C& obj, R (C::*fn)(A...), const std::vector<IValue>& inputs,
                    const std::string& name, const std::vector<IValue>& defaults = {});
template <class C, class R, class... A>
IValue invokeMethod(C& obj, R (C::*fn)(A...) const, const std::vector<IValue>& inputs,
                    const std::string& name, const std::vector<IValue>& defaults = {});

// F is given explicitly (with the parameter types A), so `f` is taken by const reference: a
// forwarding F&& would be an rvalue reference that the callers' lvalue lambdas cannot bind.
template <class F, class... A, size_t... I>
decltype(auto) applyConverted(const F& f, const std::vector<IValue>& in,
                              std::index_sequence<I...>) {
  return f(FromIValueArg<Bare<A>>::get(in[I])...);
}

template <class T>
struct IsOptionalArg : std::false_type {};
template <class T>
struct IsOptionalArg<std::optional<T>> : std::true_type {};

// `inputs` completed to `arity` values with the defaults (see invokeMethod).
inline std::vector<IValue> completeArguments(const std::vector<IValue>& inputs,
                                             const std::vector<bool>& optional_params,
                                             const std::vector<IValue>& defaults,
                                             const std::string& name) {
  size_t arity = optional_params.size();
  auto mismatch = [&] {
    WICK_FAIL(name, "() expected ", arity, " argument(s) but received ", inputs.size(),
              " argument(s)");
  };
  if (inputs.size() > arity) mismatch();
  std::vector<IValue> full = inputs;
  size_t first_default = arity - std::min(arity, defaults.size());
  for (size_t i = inputs.size(); i < arity; ++i) {
    if (i >= first_default) {
      full.push_back(defaults[i - first_default]);
    } else if (optional_params[i]) {
      full.emplace_back();
    } else {
      mismatch();
    }
  }
  return full;
}

template <class C, class R, class... A, class Fn>
IValue invokeImpl(C& obj, Fn fn, const std::vector<IValue>& inputs, const std::string& name,
                  const std::vector<IValue>& defaults) {
  std::vector<IValue> full =
      inputs.size() == sizeof...(A)
          ? inputs
          : completeArguments(inputs, {IsOptionalArg<Bare<A>>::value...}, defaults, name);
  auto call = [&](auto&&... args) -> decltype(auto) {
    return (obj.*fn)(std::forward<decltype(args)>(args)...);
  };
  if constexpr (std::is_void_v<R>) {
    applyConverted<decltype(call), A...>(call, full, std::index_sequence_for<A...>{});
    return IValue();
  } else {
    return toIValue(
        applyConverted<decltype(call), A...>(call, full, std::index_sequence_for<A...>{}));
  }
}

template <class C, class R, class... A>
IValue invokeMethod(C& obj, R (C::*fn)(A...), const std::vector<IValue>& inputs,
                    const std::string& name, const std::vector<IValue>& defaults) {
  return invokeImpl<C, R, A...>(obj, fn, inputs, name, defaults);
}
template <class C, class R, class... A>
IValue invokeMethod(C& obj, R (C::*fn)(A...) const, const std::vector<IValue>& inputs,
                    const std::string& name, const std::vector<IValue>& defaults) {
  return invokeImpl<C, R, A...>(obj, fn, inputs, name, defaults);
}

// Converts C++ call arguments to IValues (for the tracer's view of a module call).
template <class T>
IValue argToIValue(const T& v) {
  if constexpr (std::is_constructible_v<IValue, const T&>) {
    return IValue(v);
  } else {
    return toIValue(v);
  }
}
// (IValue's own std::optional constructor only handles types IValue takes directly.)
template <class T>
IValue argToIValue(const std::optional<T>& v) {
  return v ? argToIValue(*v) : IValue();
}
template <class T>
IValue resultToIValue(const T& v) {
  return toIValue(v);
}
inline IValue resultToIValue(const Tensor& v) { return IValue(v); }

}  // namespace wick::detail
