// jit::trace and jit::trace_module: run a C++ function or nn::Module once on example inputs
// and record every tensor op into a TorchScript graph (PyTorch's torch.jit.trace, R torch's
// jit_trace / jit_trace_module).
//
//   auto f = jit::trace([](const Tensor& a) { return relu(a); }, {x});
//   auto m = jit::trace(net, {x});                       // forward, train and eval
//   auto m2 = jit::trace_module(net, {{"forward", {x}}, {"encode", {y}}});
//
// Inputs are tensors or (nested) tuples, lists and dicts of tensors. Sizes read with
// x.size(d), x.sizes()[d] or x.numel() stay symbolic, so a trace generalises across shapes;
// turning a traced value into a C++ number (item(), a size as int64_t) warns. Modules are
// traced in train and eval mode by default (respect_mode): methods trainforward and
// evalforward plus a forward that dispatches on `training`.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "wick/jit/script.h"
#include "wick/nn/module.h"

namespace wick::jit {

struct TraceOptions {
  // Containers at the output: a list warns and a dict is an error unless strict is false.
  bool strict_ = true;
  // Re-trace on check_inputs (or the example inputs) and compare graphs, tensor constants
  // and outputs with check_tolerance.
  bool check_trace_ = true;
  std::vector<std::vector<IValue>> check_inputs_;
  double check_tolerance_ = 1e-5;
  // Modules: trace forward in train and in eval mode (see the header comment).
  bool respect_mode_ = true;
  // Example inputs by argument name (PyTorch's example_kwarg_inputs), with the argument
  // names in order; names also become the graph inputs' names.
  std::vector<std::string> arg_names_;
  std::map<std::string, IValue> example_kwarg_inputs_;

  TraceOptions& strict(bool v) {
    strict_ = v;
    return *this;
  }
  TraceOptions& check_trace(bool v) {
    check_trace_ = v;
    return *this;
  }
  TraceOptions& check_inputs(std::vector<std::vector<IValue>> v) {
    check_inputs_ = std::move(v);
    return *this;
  }
  TraceOptions& check_tolerance(double v) {
    check_tolerance_ = v;
    return *this;
  }
  TraceOptions& respect_mode(bool v) {
    respect_mode_ = v;
    return *this;
  }
  TraceOptions& arg_names(std::vector<std::string> v) {
    arg_names_ = std::move(v);
    return *this;
  }
  TraceOptions& example_kwarg_inputs(std::map<std::string, IValue> v) {
    example_kwarg_inputs_ = std::move(v);
    return *this;
  }
};

// A callable on IValues (what the tracer runs).
using TracedCallable = std::function<IValue(const std::vector<IValue>&)>;

// Traces a callable given on IValues. The templates below adapt ordinary C++ callables.
ScriptFunction trace_function(const TracedCallable& fn, std::vector<IValue> example_inputs,
                              const TraceOptions& options = {});

// Traces methods of a module: {{"forward", inputs}, {"encode", inputs2}, ...}. Methods other
// than forward must be registered on the module (Module::register_method).
ScriptModule trace_module(const std::shared_ptr<nn::Module>& module,
                          const std::vector<std::pair<std::string, std::vector<IValue>>>& methods,
                          const TraceOptions& options = {});

namespace detail {
template <class F>
struct CallableTraits : CallableTraits<decltype(&F::operator())> {};
template <class R, class... A>
struct CallableTraits<R (*)(A...)> {
  using Return = R;
  using Args = std::tuple<wick::detail::Bare<A>...>;
};
template <class R, class... A>
struct CallableTraits<R(A...)> : CallableTraits<R (*)(A...)> {};
template <class C, class R, class... A>
struct CallableTraits<R (C::*)(A...) const> : CallableTraits<R (*)(A...)> {};
template <class C, class R, class... A>
struct CallableTraits<R (C::*)(A...)> : CallableTraits<R (*)(A...)> {};

template <class F, class R, class... A>
TracedCallable adaptImpl(F fn, std::tuple<A...>*) {
  return [fn](const std::vector<IValue>& in) -> IValue {
    WICK_CHECK(in.size() == sizeof...(A), "the traced function takes ", sizeof...(A),
               " argument(s) but ", in.size(), " example input(s) were given");
    auto call = [&](auto&&... args) -> decltype(auto) {
      return fn(std::forward<decltype(args)>(args)...);
    };
    return wick::detail::toIValue(wick::detail::applyConverted<decltype(call), A...>(
        call, in, std::index_sequence_for<A...>{}));
  };
}

template <class F>
TracedCallable adapt(F fn) {
  if constexpr (std::is_convertible_v<F, TracedCallable> &&
                std::is_invocable_v<F, const std::vector<IValue>&>) {
    return TracedCallable(std::move(fn));
  } else {
    using Traits = CallableTraits<std::decay_t<F>>;
    return adaptImpl<F, typename Traits::Return>(std::move(fn),
                                                 static_cast<typename Traits::Args*>(nullptr));
  }
}

template <class T>
struct IsModuleHandle : std::is_base_of<nn::Module, T> {};
template <class T>
struct IsModuleHandle<std::shared_ptr<T>> : std::is_base_of<nn::Module, T> {};
template <class T>
struct IsModuleHandle<nn::ModuleHolder<T>> : std::true_type {};
template <class T, class = void>
struct IsHolderLike : std::false_type {};
template <class T>
struct IsHolderLike<T, std::void_t<typename T::ImplType>> : std::true_type {};

template <class M>
void registerForward(M& module) {
  if (module.has_method("forward")) return;
  if constexpr (requires { &M::forward; }) {
    module.register_method("forward", &M::forward);
  } else {
    WICK_FAIL(
        "the module's forward is overloaded or missing: register the one to trace with "
        "register_method(\"forward\", &Class::forward)");
  }
}
}  // namespace detail

// Traces a C++ callable (lambda, function pointer, functor) taking tensors and containers.
template <class F, std::enable_if_t<!detail::IsModuleHandle<std::decay_t<F>>::value &&
                                        !detail::IsHolderLike<std::decay_t<F>>::value,
                                    int> = 0>
ScriptFunction trace(F&& fn, std::vector<IValue> example_inputs, const TraceOptions& options = {}) {
  return trace_function(detail::adapt(std::forward<F>(fn)), std::move(example_inputs), options);
}

// Traces a module's forward (train and eval by default; see respect_mode).
template <class M>
ScriptModule trace(const std::shared_ptr<M>& module, std::vector<IValue> example_inputs,
                   const TraceOptions& options = {}) {
  static_assert(std::is_base_of_v<nn::Module, M>, "jit::trace takes a function or an nn::Module");
  detail::registerForward(*module);
  return trace_module(module, {{"forward", std::move(example_inputs)}}, options);
}
template <class Impl>
ScriptModule trace(const nn::ModuleHolder<Impl>& holder, std::vector<IValue> example_inputs,
                   const TraceOptions& options = {}) {
  return trace(holder.ptr(), std::move(example_inputs), options);
}

// Raised when check_trace finds that re-tracing gives a different graph or constants.
class TracingCheckError : public Error {
 public:
  using Error::Error;
};

}  // namespace wick::jit
