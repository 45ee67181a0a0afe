// The names every TorchScript function can use without defining them: Python builtins
// (print, len, range, int, isinstance, ...), the modules torch, math and ops, annotate /
// unchecked_cast, exception classes, CONSTANTS and the __torch__ namespace of archives; plus
// the TorchScript builtin functions (`mul(int a, Tensor b)`, `shape(Tensor a)`), small
// TorchScript definitions that overload resolution may pick and the emitter inlines.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "frontend/ast.h"
#include "frontend/sugared_value.h"
#include "ir/function.h"
#include "wick/ops/registry.h"

namespace wick::jit::frontend {

class UnitCompiler;

// Special forms: calls whose arguments are not ordinary values (types, unevaluated names).
enum class SpecialForm {
  Annotate,
  UncheckedCast,
  Uninitialized,
  IsInstance,
  GetAttr,
  HasAttr,
  Range,
  Enumerate,
  Zip,
  List,
  Dict,
  Tuple,
};

class SpecialFormValue : public SugaredValue {
 public:
  explicit SpecialFormValue(SpecialForm f) : form_(f) {}
  std::string kind() const override { return "builtin"; }
  SpecialForm form() const { return form_; }

 private:
  SpecialForm form_;
};

// An exception class (`ValueError`) and its instance (`ValueError("msg")`).
class ExceptionValue : public SugaredValue {
 public:
  // `qualified_name` is "builtins.ValueError"; AssertionError (used by `assert`) has none and
  // prefixes its message with "AssertionError: " instead, as TorchScript does.
  ExceptionValue(std::string name, std::string qualified_name)
      : name_(std::move(name)), qualified_name_(std::move(qualified_name)) {}
  std::string kind() const override { return "exception"; }
  SugaredPtr call(const SourceRange& loc, FunctionEmitter& e, const std::vector<NamedValue>& args,
                  const std::vector<NamedValue>& kwargs, size_t n_binders) override;
  const std::string& qualifiedName() const { return qualified_name_; }

 private:
  std::string name_;
  std::string qualified_name_;
};

class ExceptionMessageValue : public SugaredValue {
 public:
  ExceptionMessageValue(Value* message, Value* qualified_class)
      : message_(message), qualified_class_(qualified_class) {}
  std::string kind() const override { return "exception message"; }
  Value* message() const { return message_; }
  Value* qualifiedClass() const { return qualified_class_; }

 private:
  Value* message_;
  Value* qualified_class_;  // null: none
};

// A NamedTuple type used as a constructor: Pt(x, y) or __torch__.Pt(x, y).
class NamedTupleConstructor : public SugaredValue {
 public:
  explicit NamedTupleConstructor(TypePtr type) : type_(std::move(type)) {}
  std::string kind() const override { return "NamedTuple constructor"; }
  SugaredPtr call(const SourceRange& loc, FunctionEmitter& e, const std::vector<NamedValue>& args,
                  const std::vector<NamedValue>& kwargs, size_t n_binders) override;

 private:
  TypePtr type_;
};

// A TorchScript class used as a constructor: Foo(x) creates the object and calls __init__.
class ClassValue : public SugaredValue {
 public:
  explicit ClassValue(ClassTypePtr type) : type_(std::move(type)) {}
  std::string kind() const override { return "class '" + type_->name() + "'"; }
  SugaredPtr attr(const SourceRange& loc, FunctionEmitter& e, const std::string& name) override;
  SugaredPtr call(const SourceRange& loc, FunctionEmitter& e, const std::vector<NamedValue>& args,
                  const std::vector<NamedValue>& kwargs, size_t n_binders) override;
  const ClassTypePtr& type() const { return type_; }

 private:
  ClassTypePtr type_;
};

// An enum class (class Color(Enum)): `Color.RED` is a constant member, `for c in Color`
// iterates a constant list of the members. Calling it is an error, as in TorchScript.
class EnumClassValue : public SugaredValue {
 public:
  explicit EnumClassValue(EnumTypePtr type) : type_(std::move(type)) {}
  std::string kind() const override { return "EnumClass"; }
  SugaredPtr attr(const SourceRange& loc, FunctionEmitter& e, const std::string& name) override;
  SugaredPtr call(const SourceRange& loc, FunctionEmitter& e, const std::vector<NamedValue>& args,
                  const std::vector<NamedValue>& kwargs, size_t n_binders) override;
  SugaredPtr iter(const SourceRange& loc, FunctionEmitter& e) override;
  Value* len(const SourceRange& loc, FunctionEmitter& e) override;
  const EnumTypePtr& type() const { return type_; }

 private:
  Value* membersList(const SourceRange& loc, FunctionEmitter& e);
  EnumTypePtr type_;
};

// A TorchScript value for the resolved type `t`: a class, NamedTuple or enum class, or null.
SugaredPtr typeAsValue(const TypePtr& t);

// `C.__new__(C)`, as archive code creates objects (followed by an explicit __init__ call): an
// uninitialised object. Its argument is a class, not a value, so emitCall hands it the call
// expression (createObject) instead of evaluated arguments.
class ClassNewValue : public SugaredValue {
 public:
  explicit ClassNewValue(ClassTypePtr type) : type_(std::move(type)) {}
  std::string kind() const override { return "method '__new__' of class '" + type_->name() + "'"; }
  SugaredPtr createObject(const CallExpr& e, FunctionEmitter& emitter);

 private:
  ClassTypePtr type_;
};

// x.float(), x.long(), ...: a cast method of a tensor, or null if `name` is not one.
SugaredPtr makeTensorCast(const std::string& name, const NamedValue& self);

// The builtin global `name`, or null.
SugaredPtr lookupBuiltin(const std::string& name);

// A name from the global environment of a source: builtins, modules, CONSTANTS, __torch__.
SugaredPtr lookupGlobal(const std::string& name, UnitCompiler& unit);

// A prefix of a qualified name (`__torch__.torch.nn`): attributes extend it until it names a
// class, NamedTuple or function.
SugaredPtr makeNamespace(const std::string& prefix);

// TorchScript builtin functions registered under an operator name ("aten::mul", "prim::shape").
const std::vector<std::shared_ptr<Function>>& builtinFunctionsFor(const std::string& name);

// Everything a call to an operator name may resolve to, in overload-resolution order: the
// registered overloads whose types wick supports, then the builtin functions.
struct BuiltinOverloads {
  std::vector<const OpInfo*> ops;
  std::vector<std::shared_ptr<Function>> functions;
  std::vector<const FunctionSchema*> schemas;  // of `ops`, then of `functions`
};
// Computed once per name (every call of an operator asks for its overloads). An alias resolves
// to its canonical op's overloads (canonicalOpName in ops/op_aliases.h).
std::shared_ptr<const BuiltinOverloads> builtinOverloads(const std::string& name);

}  // namespace wick::jit::frontend
