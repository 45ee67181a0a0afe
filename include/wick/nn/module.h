// nn::Module: the base of every layer and user model (LibTorch's torch::nn::Module, with
// PyTorch's semantics). It keeps ordered parameters, buffers (persistent or not) and child
// modules, a training flag applied recursively, state_dict()/load_state_dict(), and a
// printed tree like PyTorch's module repr.
//
// Forward can have any C++ signature. Calls made through a ModuleHolder (nn::Linear,
// WICK_MODULE(...) types) or Module::call() report to the tracer, so a traced module records
// prim::CallMethod of the submodule as PyTorch does; calling ->forward() directly records the
// submodule's ops inline. The generic call path (IValues in, IValue out) runs methods
// registered with register_method (forward is registered automatically by jit::trace).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "wick/core/ivalue.h"
#include "wick/core/tracing_hooks.h"
#include "wick/nn/invoke.h"

namespace wick::nn {

class Module;

// An ordered name -> value list that keeps insertion order (PyTorch's OrderedDict).
template <class V>
class OrderedDict {
 public:
  using Item = std::pair<std::string, V>;
  V& insert(std::string key, V value);
  bool contains(const std::string& key) const { return find(key) != nullptr; }
  V* find(const std::string& key);
  const V* find(const std::string& key) const;
  V& operator[](const std::string& key);
  const V& operator[](const std::string& key) const;
  bool erase(const std::string& key);
  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  auto begin() { return items_.begin(); }
  auto end() { return items_.end(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }
  std::vector<std::string> keys() const;
  std::vector<V> values() const;
  const std::vector<Item>& items() const { return items_; }

 private:
  std::vector<Item> items_;
};

using StateDict = OrderedDict<Tensor>;

class Module : public std::enable_shared_from_this<Module> {
 public:
  // `name` is the class name used in messages, the printed tree and the TorchScript class
  // (Linear, Conv2d, or a user model's name); empty means the C++ type's name.
  explicit Module(std::string name = "");
  virtual ~Module() = default;
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  // The class name (without namespaces): "Linear", "Net".
  std::string name() const;
  // The TorchScript class for traces: "__torch__.torch.nn.modules.linear.Linear" for
  // built-in layers (set_torch_module_path), "__torch__.<name>" for user classes.
  std::string qualified_type_name() const;
  void set_torch_module_path(std::string python_module) {
    torch_module_ = std::move(python_module);
  }

  // ---- registration ----
  Tensor& register_parameter(std::string name, Tensor tensor, bool requires_grad = true);
  Tensor& register_buffer(std::string name, Tensor tensor, bool persistent = true);
  template <class M>
  std::shared_ptr<M> register_module(std::string name, std::shared_ptr<M> module) {
    registerChild(std::move(name), module);
    return module;
  }
  template <class H, class = decltype(std::declval<H>().ptr())>
  H register_module(std::string name, H holder) {
    registerChild(std::move(name), holder.ptr());
    return holder;
  }
  // Replaces a registered child (ModuleList/Sequential editing).
  void replace_module(const std::string& name, std::shared_ptr<Module> module);

  // ---- traversal (recursive names are dotted: layer1.0.conv1.weight) ----
  std::vector<Tensor> parameters(bool recurse = true) const;
  OrderedDict<Tensor> named_parameters(bool recurse = true) const;
  std::vector<Tensor> buffers(bool recurse = true) const;
  OrderedDict<Tensor> named_buffers(bool recurse = true) const;
  std::vector<std::shared_ptr<Module>> children() const;
  OrderedDict<std::shared_ptr<Module>> named_children() const;
  // This module and all descendants, depth first.
  std::vector<std::shared_ptr<Module>> modules(bool include_self = true);
  OrderedDict<std::shared_ptr<Module>> named_modules(const std::string& prefix = "",
                                                     bool include_self = true);
  // Direct members, for the tracer and serializers.
  const OrderedDict<Tensor>& direct_parameters() const { return parameters_; }
  const OrderedDict<Tensor>& direct_buffers() const { return buffers_; }
  bool is_persistent_buffer(const std::string& name) const;
  const OrderedDict<std::shared_ptr<Module>>& direct_children() const { return children_; }

  // ---- modes and conversions ----
  virtual void train(bool on = true);
  void eval() { train(false); }
  bool is_training() const { return training_; }
  // Sets this module's own flag only (train() recurses into children).
  void set_training_flag(bool on) { training_ = on; }
  // Converts floating point parameters and buffers to `dtype` (in place, as PyTorch).
  void to(DType dtype);
  void apply(const std::function<void(Module&)>& fn);
  void zero_grad() {}

  // ---- state ----
  // Parameters and persistent buffers, recursively, in PyTorch's order.
  StateDict state_dict() const;
  // Copies values in (no_grad); with strict, missing and unexpected keys are an error that
  // lists them all; shape mismatches are always an error that lists them all.
  void load_state_dict(const StateDict& dict, bool strict = true);

  // ---- printing ----
  // The text inside the module's parentheses, e.g. "in_features=10, out_features=5,
  // bias=True" (PyTorch's extra_repr); layers override it.
  virtual std::string extra_repr() const { return ""; }
  // The whole tree as PyTorch prints it.
  std::string repr() const;

  // ---- generic calls ----
  // Registers a method for the generic call path (jit::trace_module, the command line).
  // `defaults` are the values of the last parameters when a call leaves them out (as Python
  // default arguments); left-out std::optional parameters are None without one.
  template <class C, class F>
  void register_method(const std::string& name, F C::*fn, std::vector<IValue> defaults = {}) {
    methods_[name] = [fn, name, defaults = std::move(defaults)](Module& self,
                                                                const std::vector<IValue>& in) {
      return detail::invokeMethod(static_cast<C&>(self), fn, in, name, defaults);
    };
  }
  bool has_method(const std::string& name) const { return methods_.count(name) != 0; }
  std::vector<std::string> method_names() const;
  // Runs a registered method on IValues, reported to the tracer like any module call.
  IValue run_method(const std::string& name, const std::vector<IValue>& inputs);

  // Calls `f` (the module's forward) reporting the call to the tracer when one is active;
  // ModuleHolder::operator() uses this.
  template <class R, class F, class... Args>
  R call(F&& f, Args&&... args) {
    auto* tracer = wick::detail::tracer();
    if (!tracer) return f(std::forward<Args>(args)...);
    std::vector<IValue> inputs{detail::argToIValue(args)...};
    tracer->enterModule(this, inputs);
    R result = f(std::forward<Args>(args)...);
    tracer->exitModule(this, detail::resultToIValue(result));
    return result;
  }

 protected:
  bool training_ = true;

 private:
  void registerChild(std::string name, std::shared_ptr<Module> module);
  void collectParameters(const std::string& prefix, OrderedDict<Tensor>& out) const;
  void collectBuffers(const std::string& prefix, OrderedDict<Tensor>& out,
                      bool persistent_only) const;

  std::string name_;
  std::string torch_module_;
  OrderedDict<Tensor> parameters_;
  OrderedDict<Tensor> buffers_;
  std::vector<std::string> non_persistent_;
  OrderedDict<std::shared_ptr<Module>> children_;
  std::map<std::string, std::function<IValue(Module&, const std::vector<IValue>&)>> methods_;
};

std::ostream& operator<<(std::ostream& os, const Module& m);

// LibTorch-style holder: a shared_ptr to an Impl with operator() that calls forward through
// Module::call (so traces record the submodule call). `WICK_MODULE(Linear)` defines
// `Linear` as a holder of `LinearImpl`.
template <class Impl>
class ModuleHolder {
 public:
  using ImplType = Impl;
  ModuleHolder(std::nullptr_t) {}
  template <class... Args,
            class = std::enable_if_t<!(sizeof...(Args) == 1 &&
                                       (std::is_same_v<std::decay_t<Args>, ModuleHolder> && ...))>>
  explicit ModuleHolder(Args&&... args)
      : impl_(std::make_shared<Impl>(std::forward<Args>(args)...)) {}
  ModuleHolder(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

  Impl* operator->() const { return impl_.get(); }
  Impl& operator*() const { return *impl_; }
  const std::shared_ptr<Impl>& ptr() const { return impl_; }
  Impl* get() const { return impl_.get(); }
  bool is_empty() const { return impl_ == nullptr; }
  explicit operator bool() const { return impl_ != nullptr; }

  template <class... Args>
  auto operator()(Args&&... args) const {
    using R = decltype(impl_->forward(std::forward<Args>(args)...));
    return impl_->template call<R>(
        [this](auto&&... a) { return impl_->forward(std::forward<decltype(a)>(a)...); },
        std::forward<Args>(args)...);
  }

 private:
  std::shared_ptr<Impl> impl_;
};

// ---- OrderedDict ----
template <class V>
V& OrderedDict<V>::insert(std::string key, V value) {
  for (auto& [k, v] : items_) {
    if (k == key) {
      v = std::move(value);
      return v;
    }
  }
  items_.emplace_back(std::move(key), std::move(value));
  return items_.back().second;
}
template <class V>
V* OrderedDict<V>::find(const std::string& key) {
  for (auto& [k, v] : items_)
    if (k == key) return &v;
  return nullptr;
}
template <class V>
const V* OrderedDict<V>::find(const std::string& key) const {
  for (const auto& [k, v] : items_)
    if (k == key) return &v;
  return nullptr;
}
template <class V>
V& OrderedDict<V>::operator[](const std::string& key) {
  V* v = find(key);
  WICK_CHECK(v, "key '", key, "' not found");
  return *v;
}
template <class V>
const V& OrderedDict<V>::operator[](const std::string& key) const {
  const V* v = find(key);
  WICK_CHECK(v, "key '", key, "' not found");
  return *v;
}
template <class V>
bool OrderedDict<V>::erase(const std::string& key) {
  for (auto it = items_.begin(); it != items_.end(); ++it) {
    if (it->first == key) {
      items_.erase(it);
      return true;
    }
  }
  return false;
}
template <class V>
std::vector<std::string> OrderedDict<V>::keys() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : items_) out.push_back(k);
  return out;
}
template <class V>
std::vector<V> OrderedDict<V>::values() const {
  std::vector<V> out;
  for (const auto& [k, v] : items_) out.push_back(v);
  return out;
}

}  // namespace wick::nn

// Defines `Name` as a ModuleHolder of `NameImpl` (LibTorch's TORCH_MODULE).
#define WICK_MODULE(Name)                                     \
  class Name : public ::wick::nn::ModuleHolder<Name##Impl> {  \
   public:                                                    \
    using ::wick::nn::ModuleHolder<Name##Impl>::ModuleHolder; \
  }
