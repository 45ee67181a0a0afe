// The single dispatch point for eager calls (DESIGN decision 3). ops::<id>(args...) runs the
// kernel of ops.def row <id>; when the calling thread is tracing it also hands the call to the
// TraceRecorder, with tracing switched off while the kernel runs so that ops the kernel uses
// internally are not recorded. Sizes pass through as SymInt so traced sizes stay symbolic.
#pragma once

#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "wick/core/grad_mode.h"
#include "wick/core/ivalue.h"
#include "wick/ops/kernels.h"
#include "wick/ops/op_id.h"
#include "wick/ops/op_traits.h"
#include "wick/ops/trace_recorder.h"

namespace wick::dispatch {

template <OpId Id>
struct KernelOf;
#define WICK_OP(id, schema, traits, R, P)             \
  template <>                                         \
  struct KernelOf<OpId::id> {                         \
    static constexpr R(*fn) P = &::wick::kernels::id; \
    static constexpr uint32_t kTraits = traits;       \
  };
#define WICK_BOXED_OP(id, schema, traits)
#include "wick/ops/ops.def"
#undef WICK_OP
#undef WICK_BOXED_OP

// How a kernel parameter type appears in the public call, and how the call's argument is
// turned back into the kernel's (Holder keeps temporaries alive for the call).
template <class P>
struct ArgMap {
  using Api = P;
  struct Holder {
    P get(P a) { return a; }
  };
};
template <>
struct ArgMap<int64_t> {
  using Api = const SymInt&;
  struct Holder {
    int64_t get(const SymInt& s) { return s.value(); }
  };
};
template <>
struct ArgMap<std::optional<int64_t>> {
  using Api = const std::optional<SymInt>&;
  struct Holder {
    std::optional<int64_t> get(const std::optional<SymInt>& s) {
      return s ? std::optional<int64_t>(s->value()) : std::nullopt;
    }
  };
};
template <>
struct ArgMap<IntArrayRef> {
  using Api = SymIntList;
  struct Holder {
    DimVector scratch;
    IntArrayRef get(const SymIntList& l) { return l.values(scratch); }
  };
};

// ---- tracing support: arguments to TraceArgs, results to IValues ----

inline TraceArg traceArg(const SymInt& s) {
  TraceArg a{IValue(s.value()), {}};
  if (s.isTraced()) a.symbolic.push_back(s.traced());
  return a;
}
inline TraceArg traceArg(const std::optional<SymInt>& s) {
  if (!s) return TraceArg{IValue(), {}};
  return traceArg(*s);
}
inline TraceArg traceArg(const SymIntList& l) {
  std::vector<IValue> elems;
  elems.reserve(l.size());
  TraceArg a;
  bool any = false;
  std::vector<IntrusivePtr<TensorImpl>> sym(l.size());
  for (size_t i = 0; i < l.size(); ++i) {
    SymInt s = l.at(i);
    elems.emplace_back(s.value());
    if (s.isTraced()) {
      sym[i] = s.traced();
      any = true;
    }
  }
  a.value = IValue(makeList(IntType::get(), std::move(elems)));
  if (any) a.symbolic = std::move(sym);
  return a;
}
inline TraceArg traceArg(const Scalar& s) {
  TraceArg a{IValue(s), {}};
  if (s.traced()) a.symbolic.push_back(s.traced());
  return a;
}
inline TraceArg traceArg(const std::optional<Scalar>& s) {
  if (!s) return TraceArg{IValue(), {}};
  return traceArg(*s);
}
inline TraceArg traceArg(TensorList l) { return TraceArg{IValue(l.vec()), {}}; }
inline TraceArg traceArg(const std::vector<std::optional<Tensor>>& l) {
  std::vector<IValue> elems(l.begin(), l.end());
  return TraceArg{IValue(makeList(OptionalType::create(TensorType::get()), std::move(elems))), {}};
}
inline TraceArg traceArg(ArrayRef<double> l) { return TraceArg{IValue(l.vec()), {}}; }
inline TraceArg traceArg(const std::optional<ArrayRef<double>>& l) {
  return l ? TraceArg{IValue(l->vec()), {}} : TraceArg{IValue(), {}};
}
inline TraceArg traceArg(const std::optional<IntArrayRef>& l) {
  return l ? TraceArg{IValue(*l), {}} : TraceArg{IValue(), {}};
}
inline TraceArg traceArg(std::string_view s) { return TraceArg{IValue(s), {}}; }
inline TraceArg traceArg(const std::optional<std::string_view>& s) {
  return s ? TraceArg{IValue(*s), {}} : TraceArg{IValue(), {}};
}
inline TraceArg traceArg(const std::optional<Generator>&) {
  // Generators are not part of a graph; the trace records None, as PyTorch's does.
  return TraceArg{IValue(), {}};
}
template <class T>
TraceArg traceArg(const T& v) {
  return TraceArg{IValue(v), {}};
}

template <class R>
void collectOutputs(std::vector<IValue>& out, const R& r) {
  if constexpr (std::is_same_v<R, Tensor> || std::is_same_v<R, int64_t> ||
                std::is_same_v<R, double> || std::is_same_v<R, bool> || std::is_same_v<R, IValue> ||
                std::is_same_v<R, std::vector<Tensor>> || std::is_same_v<R, std::string>) {
    out.emplace_back(r);
  } else {
    std::apply([&](const auto&... e) { (out.emplace_back(e), ...); }, r);
  }
}

// ---- requires_grad propagation (no autograd; the flag is kept right for graph types) ----

inline bool needsGrad(const Tensor& t) { return t.defined() && t.requires_grad(); }
inline bool needsGrad(const std::optional<Tensor>& t) { return t && needsGrad(*t); }
inline bool needsGrad(TensorList l) {
  for (const Tensor& t : l)
    if (needsGrad(t)) return true;
  return false;
}
template <class T>
bool needsGrad(const T&) {
  return false;
}
inline void markGrad(const Tensor& t) {
  if (t.defined() && isFloatingType(t.dtype())) t.impl()->setRequiresGrad(true);
}
template <class R>
void markOutputsGrad(const R& r) {
  if constexpr (std::is_same_v<R, Tensor>) {
    markGrad(r);
  } else if constexpr (std::is_same_v<R, std::vector<Tensor>>) {
    for (const Tensor& t : r) markGrad(t);
  } else if constexpr (requires { std::tuple_size<R>::value; }) {
    std::apply([](const auto&... e) { (markOutputsGrad(e), ...); }, r);
  }
}

// ---- nested tensors reach only the ops with kNestedInputs (wick/core/nested.h) ----

// Raises "<op>: not supported for nested tensors".
[[noreturn]] void rejectNestedInput(OpId id);
inline bool isNestedArg(const Tensor& t) { return t.defined() && t.impl()->isNested(); }
inline bool isNestedArg(const std::optional<Tensor>& t) { return t && isNestedArg(*t); }
inline bool isNestedArg(TensorList l) {
  for (const Tensor& t : l)
    if (isNestedArg(t)) return true;
  return false;
}
inline bool isNestedArg(const std::vector<std::optional<Tensor>>& l) {
  for (const std::optional<Tensor>& t : l)
    if (isNestedArg(t)) return true;
  return false;
}
template <class T>
bool isNestedArg(const T&) {
  return false;
}

template <OpId Id, class Sig>
struct Op;

template <OpId Id, class R, class... P>
struct Op<Id, R(P...)> {
  static R call(typename ArgMap<P>::Api... args) {
    if (TraceRecorder* rec = currentRecorder(); WICK_UNLIKELY(rec != nullptr)) {
      return traced(rec, args...);
    }
    return run(args...);
  }

  static R run(typename ArgMap<P>::Api... args) {
    if constexpr ((KernelOf<Id>::kTraits & kNestedInputs) == 0) {
      if (WICK_UNLIKELY((isNestedArg(args) || ...))) rejectNestedInput(Id);
    }
    std::tuple<typename ArgMap<P>::Holder...> holders;
    return runWith(holders, std::index_sequence_for<P...>{}, args...);
  }

 private:
  template <class H, size_t... I>
  static R runWith(H& holders, std::index_sequence<I...>, typename ArgMap<P>::Api... args) {
    if constexpr (std::is_void_v<R>) {
      KernelOf<Id>::fn(std::get<I>(holders).get(args)...);
    } else {
      R r = KernelOf<Id>::fn(std::get<I>(holders).get(args)...);
      if constexpr ((KernelOf<Id>::kTraits & kNoGrad) == 0) {
        if ((needsGrad(args) || ...) && GradMode::isEnabled()) markOutputsGrad(r);
      }
      return r;
    }
  }

  static R traced(TraceRecorder* rec, typename ArgMap<P>::Api... args) {
    std::vector<TraceArg> targs;
    targs.reserve(sizeof...(P));
    (targs.push_back(traceArg(args)), ...);
    std::vector<IValue> outs;
    if constexpr (std::is_void_v<R>) {
      {
        detail::NoTracerGuard g;
        run(args...);
      }
      rec->recordOp(Id, targs, outs);
    } else {
      std::optional<R> r;
      {
        detail::NoTracerGuard g;
        r.emplace(run(args...));
      }
      collectOutputs(outs, *r);
      rec->recordOp(Id, targs, outs);
      return std::move(*r);
    }
  }
};

}  // namespace wick::dispatch
