// Sugared values: what a name or expression denotes before it becomes a graph value. A
// variable is a SimpleValue (a Value*); `torch`, `math.sqrt`, `x.view`, `range`, a function of
// the unit, a method of `self`, a NamedTuple constructor or `CONSTANTS` are sugared values
// whose attribute lookups, calls and iteration emit the right nodes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "frontend/environment.h"
#include "frontend/source.h"
#include "ir/function.h"
#include "ir/ir.h"

namespace wick::jit::frontend {

class FunctionEmitter;

// A call argument: positional (empty name) or keyword; a default value not yet in the graph
// is kept as a constant and materialized when used.
struct NamedValue {
  NamedValue() = default;
  NamedValue(SourceRange l, Value* v) : loc(std::move(l)), value(v) {}
  NamedValue(SourceRange l, std::string n, Value* v)
      : loc(std::move(l)), name(std::move(n)), value(v) {}
  explicit NamedValue(Value* v) : value(v) {}

  static NamedValue ofConstant(IValue c) {
    NamedValue nv;
    nv.constant = std::move(c);
    return nv;
  }

  Value* get(FunctionEmitter& e) const;
  TypePtr type() const;

  SourceRange loc;
  std::string name;
  Value* value = nullptr;
  std::optional<IValue> constant;
};

class SugaredValue : public std::enable_shared_from_this<SugaredValue> {
 public:
  virtual ~SugaredValue() = default;
  // What this is, for messages: "builtin function", "module 'torch'", "value of type 'int'".
  virtual std::string kind() const = 0;

  virtual Value* asValue(const SourceRange& loc, FunctionEmitter& e);
  virtual SugaredPtr attr(const SourceRange& loc, FunctionEmitter& e, const std::string& name);
  virtual void setAttr(const SourceRange& loc, FunctionEmitter& e, const std::string& name,
                       Value* v);
  virtual SugaredPtr call(const SourceRange& loc, FunctionEmitter& e,
                          const std::vector<NamedValue>& args,
                          const std::vector<NamedValue>& kwargs, size_t n_binders);
  // The elements when unpacked (`a, b = v`, star arguments).
  virtual std::vector<SugaredPtr> asTuple(const SourceRange& loc, FunctionEmitter& e,
                                          std::optional<size_t> size_hint);
  // The iterable for a `for` loop over this value.
  virtual SugaredPtr iter(const SourceRange& loc, FunctionEmitter& e);
  virtual Value* len(const SourceRange& loc, FunctionEmitter& e);
  virtual SugaredPtr getitem(const SourceRange& loc, FunctionEmitter& e, Value* index,
                             const TypePtr& hint);
  // Iterables of known length (tuples) are unrolled instead of emitted as a prim::Loop.
  virtual std::optional<int64_t> staticLen() const { return std::nullopt; }
};

// A graph value.
class SimpleValue : public SugaredValue {
 public:
  explicit SimpleValue(Value* v) : value_(v) {}
  std::string kind() const override;
  Value* asValue(const SourceRange&, FunctionEmitter&) override { return value_; }
  SugaredPtr attr(const SourceRange& loc, FunctionEmitter& e, const std::string& name) override;
  void setAttr(const SourceRange& loc, FunctionEmitter& e, const std::string& name,
               Value* v) override;
  SugaredPtr call(const SourceRange& loc, FunctionEmitter& e, const std::vector<NamedValue>& args,
                  const std::vector<NamedValue>& kwargs, size_t n_binders) override;
  std::vector<SugaredPtr> asTuple(const SourceRange& loc, FunctionEmitter& e,
                                  std::optional<size_t> size_hint) override;
  SugaredPtr iter(const SourceRange& loc, FunctionEmitter& e) override;
  Value* len(const SourceRange& loc, FunctionEmitter& e) override;
  SugaredPtr getitem(const SourceRange& loc, FunctionEmitter& e, Value* index,
                     const TypePtr& hint) override;
  Value* value() const { return value_; }

 private:
  Value* value_;
};

// x.tolist: the call is emitted with the type the result is annotated with
// (FunctionEmitter::emitToList); without an annotation it is an error, as in TorchScript.
class TensorToListValue : public SugaredValue {
 public:
  explicit TensorToListValue(Value* self) : self_(self) {}
  std::string kind() const override { return "builtin method"; }
  SugaredPtr call(const SourceRange& loc, FunctionEmitter& e, const std::vector<NamedValue>& args,
                  const std::vector<NamedValue>& kwargs, size_t n_binders) override;
  Value* self() const { return self_; }

 private:
  Value* self_;
};

// An operator name such as aten::add, optionally bound to `self` (x.add).
class BuiltinFunction : public SugaredValue {
 public:
  BuiltinFunction(std::string name, std::optional<NamedValue> self)
      : name_(std::move(name)), self_(std::move(self)) {}
  // A method of `self` named `name`, if some overload takes `self` of its type.
  static std::shared_ptr<BuiltinFunction> tryCreate(const std::string& name,
                                                    const NamedValue& self);
  std::string kind() const override { return "builtin function"; }
  SugaredPtr call(const SourceRange& loc, FunctionEmitter& e, const std::vector<NamedValue>& args,
                  const std::vector<NamedValue>& kwargs, size_t n_binders) override;

 private:
  std::string name_;
  std::optional<NamedValue> self_;
};

// `torch`, `math`, `ops.aten`: attributes are operators of a namespace (and a few constants).
class BuiltinModule : public SugaredValue {
 public:
  // `prefix` starts the op names of a submodule: torch.linalg.det is aten::linalg_det.
  BuiltinModule(std::string display, std::string ns, std::string prefix = "")
      : display_(std::move(display)), ns_(std::move(ns)), prefix_(std::move(prefix)) {}
  std::string kind() const override { return "module '" + display_ + "'"; }
  SugaredPtr attr(const SourceRange& loc, FunctionEmitter& e, const std::string& name) override;

 private:
  std::string display_;
  std::string ns_;
  std::string prefix_;
};

// A function of the compilation unit (or resolved from another file of an archive).
class FunctionValue : public SugaredValue {
 public:
  explicit FunctionValue(std::shared_ptr<Function> fn) : fn_(std::move(fn)) {}
  std::string kind() const override { return "function"; }
  SugaredPtr call(const SourceRange& loc, FunctionEmitter& e, const std::vector<NamedValue>& args,
                  const std::vector<NamedValue>& kwargs, size_t n_binders) override;

 private:
  std::shared_ptr<Function> fn_;
};

// A method of an object: (self).method(args) emits prim::CallMethod.
class MethodValue : public SugaredValue {
 public:
  MethodValue(Value* self, std::string name) : self_(self), name_(std::move(name)) {}
  std::string kind() const override { return "method"; }
  SugaredPtr call(const SourceRange& loc, FunctionEmitter& e, const std::vector<NamedValue>& args,
                  const std::vector<NamedValue>& kwargs, size_t n_binders) override;

 private:
  Value* self_;
  std::string name_;
};

// Unpackable, unrolled iterables: tuples and the pairs of zip/enumerate over them.
class SugaredTupleValue : public SugaredValue {
 public:
  explicit SugaredTupleValue(std::vector<SugaredPtr> elems) : elems_(std::move(elems)) {}
  std::string kind() const override { return "tuple"; }
  Value* asValue(const SourceRange& loc, FunctionEmitter& e) override;
  std::vector<SugaredPtr> asTuple(const SourceRange&, FunctionEmitter&,
                                  std::optional<size_t>) override {
    return elems_;
  }
  SugaredPtr iter(const SourceRange&, FunctionEmitter&) override { return shared_from_this(); }
  SugaredPtr getitem(const SourceRange& loc, FunctionEmitter& e, Value* index,
                     const TypePtr& hint) override;
  std::optional<int64_t> staticLen() const override { return static_cast<int64_t>(elems_.size()); }

 private:
  std::vector<SugaredPtr> elems_;
};

// range(end), range(start, end[, step]).
class RangeValue : public SugaredValue {
 public:
  RangeValue(const SourceRange& loc, FunctionEmitter& e, std::vector<Value*> inputs,
             std::optional<int64_t> static_len = std::nullopt);
  std::string kind() const override { return "range"; }
  SugaredPtr iter(const SourceRange&, FunctionEmitter&) override { return shared_from_this(); }
  Value* len(const SourceRange& loc, FunctionEmitter& e) override;
  SugaredPtr getitem(const SourceRange& loc, FunctionEmitter& e, Value* index,
                     const TypePtr& hint) override;
  std::optional<int64_t> staticLen() const override { return static_len_; }

 private:
  Value* start_ = nullptr;
  Value* end_ = nullptr;
  Value* step_ = nullptr;
  bool only_end_ = false;
  std::optional<int64_t> static_len_;
};

// zip(...) and enumerate(...): iterates its children in lock step.
class IterableTree : public SugaredValue {
 public:
  std::string kind() const override { return "iterable"; }
  void addChild(const SourceRange& loc, SugaredPtr child);
  SugaredPtr iter(const SourceRange&, FunctionEmitter&) override { return shared_from_this(); }
  Value* len(const SourceRange& loc, FunctionEmitter& e) override;
  SugaredPtr getitem(const SourceRange& loc, FunctionEmitter& e, Value* index,
                     const TypePtr& hint) override;
  std::optional<int64_t> staticLen() const override { return unroll_length_; }

 private:
  std::vector<SugaredPtr> children_;
  std::optional<int64_t> unroll_length_;
};

}  // namespace wick::jit::frontend
