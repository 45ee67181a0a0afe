// ScriptFunction and ScriptModule: what tracing, compiling and loading produce. A
// ScriptFunction runs one graph; a ScriptModule is an object of a TorchScript class with
// parameters, buffers, attributes, submodules and methods (PyTorch's torch.jit.ScriptModule).
// Both are cheap handles: copies share the same module. Calls are thread-safe: many threads
// may call the same module at once (writing attributes meanwhile is the caller's business).
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "wick/core/ivalue.h"
#include "wick/nn/module.h"

namespace wick::jit {

class Graph;
class Function;
class CompilationUnit;

// Printing a graph gives PyTorch's graph text.
std::ostream& operator<<(std::ostream& os, const Graph& g);
std::string toString(const Graph& g);

class ScriptFunction {
 public:
  ScriptFunction() = default;
  ScriptFunction(std::shared_ptr<Function> fn, std::shared_ptr<CompilationUnit> cu);

  // Calls the function; inputs are checked against its signature.
  IValue operator()(std::vector<IValue> inputs) const;
  const std::string& name() const;
  const Graph& graph() const;
  // The graph with submodule and function calls inlined.
  std::shared_ptr<Graph> inlined_graph() const;
  // The signature, e.g. "forward(Tensor argument_0) -> Tensor".
  std::string schema() const;
  // The function as TorchScript source, as archives and PyTorch's `fn.code` spell it.
  std::string code() const;

  const std::shared_ptr<Function>& function() const { return fn_; }
  const std::shared_ptr<CompilationUnit>& compilation_unit() const { return cu_; }
  bool defined() const { return fn_ != nullptr; }

 private:
  std::shared_ptr<Function> fn_;
  std::shared_ptr<CompilationUnit> cu_;  // keeps the unit alive
};

class ScriptModule {
 public:
  ScriptModule() = default;
  ScriptModule(IntrusivePtr<Object> object, std::shared_ptr<CompilationUnit> cu);

  // ---- calling ----
  IValue forward(std::vector<IValue> inputs) const {
    return run_method("forward", std::move(inputs));
  }
  IValue operator()(std::vector<IValue> inputs) const { return forward(std::move(inputs)); }
  IValue run_method(const std::string& name, std::vector<IValue> inputs) const;
  bool has_method(const std::string& name) const;
  std::vector<std::string> method_names() const;
  ScriptFunction get_method(const std::string& name) const;

  // ---- graphs ----
  // The graph of `forward`; for a module traced with respect_mode, the graph of the current
  // mode's method (trainforward or evalforward).
  const Graph& graph() const;
  const Graph& graph(const std::string& method) const;
  std::shared_ptr<Graph> inlined_graph(const std::string& method = "forward") const;

  // ---- state ----
  std::vector<Tensor> parameters(bool recurse = true) const;
  nn::OrderedDict<Tensor> named_parameters(bool recurse = true) const;
  std::vector<Tensor> buffers(bool recurse = true) const;
  nn::OrderedDict<Tensor> named_buffers(bool recurse = true) const;
  // Direct submodules, and this module with all descendants (depth first).
  std::vector<ScriptModule> children() const;
  nn::OrderedDict<ScriptModule> named_children() const;
  std::vector<ScriptModule> modules() const;
  nn::OrderedDict<ScriptModule> named_modules() const;
  // Attribute access: parameters, buffers, plain attributes and submodules.
  bool hasattr(const std::string& name) const;
  IValue attr(const std::string& name) const;
  void setattr(const std::string& name, IValue value);
  ScriptModule submodule(const std::string& name) const;

  void train(bool on = true);
  void eval() { train(false); }
  bool is_training() const;
  void register_parameter(const std::string& name, Tensor t, bool requires_grad = true);
  void register_buffer(const std::string& name, Tensor t);
  void register_module(const std::string& name, const ScriptModule& m);
  nn::StateDict state_dict() const;
  void load_state_dict(const nn::StateDict& dict, bool strict = true);
  void to(DType dtype);
  void apply(const std::function<void(ScriptModule&)>& fn);

  // "__torch__.Net"
  const std::string& type_name() const;
  const IntrusivePtr<Object>& object() const { return object_; }
  const std::shared_ptr<CompilationUnit>& compilation_unit() const { return cu_; }
  bool defined() const { return static_cast<bool>(object_); }

 private:
  IntrusivePtr<Object> object_;
  std::shared_ptr<CompilationUnit> cu_;
};

// Typed values for calls, as R torch's jit_scalar / jit_tuple.
inline IValue scalar(int64_t v) { return IValue(v); }
inline IValue scalar(int v) { return IValue(int64_t(v)); }
inline IValue scalar(double v) { return IValue(v); }
inline IValue scalar(bool v) { return IValue(v); }
inline IValue scalar(const std::string& v) { return IValue(v); }
inline IValue scalar(const char* v) { return IValue(std::string(v)); }
inline IValue tuple(std::vector<IValue> elems) { return wick::tuple(std::move(elems)); }
// A NamedTuple with the given field names (qualified type name __torch__.NamedTuple).
IValue named_tuple(const std::vector<std::pair<std::string, IValue>>& fields);
// A list of tensors (Tensor[]), a dict of str -> value.
IValue list(const std::vector<Tensor>& tensors);
IValue dict(const std::vector<std::pair<std::string, IValue>>& items);

}  // namespace wick::jit
