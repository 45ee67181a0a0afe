#include "frontend/builtins.h"

#include <cmath>
#include <limits>
#include <mutex>
#include <numbers>
#include <shared_mutex>
#include <unordered_map>

#include "frontend/compiler.h"
#include "frontend/diagnostics.h"
#include "frontend/emitter.h"
#include "frontend/schema_matching.h"
#include "frontend/unit.h"
#include "ops/op_aliases.h"

namespace wick::jit::frontend {

namespace {

// The result of a call that produces nothing (print).
class NoneValue : public SugaredValue {
 public:
  std::string kind() const override { return "None"; }
};

class PrintValue : public SugaredValue {
 public:
  std::string kind() const override { return "builtin function"; }
  SugaredPtr call(const SourceRange& loc, FunctionEmitter& e, const std::vector<NamedValue>& args,
                  const std::vector<NamedValue>& kwargs, size_t) override {
    if (!kwargs.empty()) failAt(loc, "print doesn't accept any keyword arguments");
    std::vector<Value*> inputs;
    for (const NamedValue& a : args) inputs.push_back(a.get(e));
    e.insertNode(e.graph().create(prim::kPrint, inputs, 0), loc);
    return std::make_shared<NoneValue>();
  }
};

// int(x), float(x), bool(x), str(x).
class CastValue : public SugaredValue {
 public:
  CastValue(TypePtr type, std::string op) : type_(std::move(type)), op_(std::move(op)) {}
  std::string kind() const override { return "builtin function"; }
  SugaredPtr call(const SourceRange& loc, FunctionEmitter& e, const std::vector<NamedValue>& args,
                  const std::vector<NamedValue>& kwargs, size_t) override {
    if (args.size() == 1 && kwargs.empty()) {
      Value* v = args[0].get(e);
      Value* zero = e.insertConstant(IValue(int64_t{0}), SourceRange());
      if (v->type()->isSubtypeOf(*type_)) return std::make_shared<SimpleValue>(v);
      TypeKind k = v->type()->kind();
      if (type_->kind() == TypeKind::Bool &&
          (k == TypeKind::List || k == TypeKind::Str || k == TypeKind::Dict)) {
        Value* len = e.emitBuiltin(loc, "aten::len", {NamedValue(loc, v)});
        return std::make_shared<SimpleValue>(
            e.emitBuiltin(loc, "aten::gt", {NamedValue(loc, len), NamedValue(loc, zero)}));
      }
    }
    return std::make_shared<SimpleValue>(e.emitBuiltin(loc, op_, args, kwargs));
  }

 private:
  TypePtr type_;
  std::string op_;
};

// x.float(), x.long(), ...: aten::to with a dtype.
class TensorCastValue : public SugaredValue {
 public:
  TensorCastValue(DType dtype, NamedValue self) : dtype_(dtype), self_(std::move(self)) {}
  std::string kind() const override { return "builtin function"; }
  SugaredPtr call(const SourceRange& loc, FunctionEmitter& e, const std::vector<NamedValue>& args,
                  const std::vector<NamedValue>& kwargs, size_t) override {
    if (!args.empty() || !kwargs.empty()) failAt(loc, "tensor casts take no arguments");
    Value* dtype = e.insertConstant(IValue(static_cast<int64_t>(dtype_)), loc);
    NamedValue self(self_.loc, "self", self_.value);
    return std::make_shared<SimpleValue>(
        e.emitBuiltin(loc, "aten::to", {}, {self, NamedValue(loc, "dtype", dtype)}));
  }

 private:
  DType dtype_;
  NamedValue self_;
};

// ops.prim.RaiseException(msg, cls), as printed code raises. The node is structural (no
// ops.def row); the exit transform knows that nothing after it runs.
class RaiseExceptionValue : public SugaredValue {
 public:
  std::string kind() const override { return "builtin function"; }
  SugaredPtr call(const SourceRange& loc, FunctionEmitter& e, const std::vector<NamedValue>& args,
                  const std::vector<NamedValue>& kwargs, size_t) override {
    FunctionSchema schema = parseSchema("prim::RaiseException(str msg, str? cls=None) -> ()");
    MatchedSchema m = matchSchema(schema, loc, e, args, kwargs);
    e.insertNode(e.graph().create(prim::kRaiseException, m.inputs, 0), loc);
    return std::make_shared<NoneValue>();
  }
};

// `ops`: ops.aten.relu, ops.prim.NumToTensor.
class OpsValue : public SugaredValue {
 public:
  std::string kind() const override { return "module 'ops'"; }
  SugaredPtr attr(const SourceRange&, FunctionEmitter&, const std::string& ns) override {
    return std::make_shared<BuiltinModule>("ops." + ns, ns);
  }
};

// torch.jit: annotate, is_scripting, unchecked casts.
class JitModuleValue : public SugaredValue {
 public:
  std::string kind() const override { return "module 'torch.jit'"; }
  SugaredPtr attr(const SourceRange& loc, FunctionEmitter& e, const std::string& name) override {
    if (name == "annotate") return std::make_shared<SpecialFormValue>(SpecialForm::Annotate);
    if (name == "isinstance") return std::make_shared<SpecialFormValue>(SpecialForm::IsInstance);
    if (name == "is_scripting")
      return std::make_shared<BuiltinFunction>("aten::is_scripting", std::nullopt);
    return SugaredValue::attr(loc, e, name);
  }
};

class ConstantTableValue : public SugaredValue {
 public:
  std::string kind() const override { return "constant table"; }
  SugaredPtr attr(const SourceRange& loc, FunctionEmitter& e, const std::string& name) override {
    if (name.size() < 2 || name[0] != 'c' ||
        name.find_first_not_of("0123456789", 1) != std::string::npos) {
      failAt(loc, "invalid constant specifier: ", name);
    }
    size_t index = std::stoull(name.substr(1));
    const IValue& value = e.unit().constant(index, loc);
    // A constant's graph type keeps no sizes, as TorchScript's importer types it: a
    // specialized type would not unify with the plain Tensor of other paths.
    return std::make_shared<SimpleValue>(e.insertConstant(value, loc, unshaped(value.type())));
  }

 private:
  static TypePtr unshaped(const TypePtr& t) {
    switch (t->kind()) {
      case TypeKind::Tensor: return TensorType::get();
      case TypeKind::List: return ListType::create(unshaped(t->cast<ListType>()->elem()));
      case TypeKind::Optional:
        return OptionalType::create(unshaped(t->cast<OptionalType>()->elem()));
      case TypeKind::Dict: {
        const auto* d = t->cast<DictType>();
        return DictType::create(unshaped(d->key()), unshaped(d->value()));
      }
      case TypeKind::Tuple: {
        const auto* tt = t->cast<TupleType>();
        if (tt->isNamed()) return t;
        std::vector<TypePtr> elems;
        for (const TypePtr& x : tt->elements()) elems.push_back(unshaped(x));
        return TupleType::create(std::move(elems));
      }
      default: return t;
    }
  }
};

class NamespaceValue : public SugaredValue {
 public:
  explicit NamespaceValue(std::string prefix) : prefix_(std::move(prefix)) {}
  std::string kind() const override { return "namespace '" + prefix_ + "'"; }
  SugaredPtr attr(const SourceRange& loc, FunctionEmitter& e, const std::string& name) override {
    std::string qualified = prefix_ + "." + name;
    if (SugaredPtr v = e.unit().resolveValue(qualified, loc)) return v;
    return std::make_shared<NamespaceValue>(qualified);
  }
  SugaredPtr call(const SourceRange& loc, FunctionEmitter&, const std::vector<NamedValue>&,
                  const std::vector<NamedValue>&, size_t) override {
    failAt(loc, "unknown type name '", prefix_, "'");
  }

 private:
  std::string prefix_;
};

bool parseTorchDType(const std::string& name, DType* out) {
  // torch.float, torch.long, ... spell dtypes too.
  if (name == "half") {
    *out = kHalf;
    return true;
  }
  if (name == "cfloat" || name == "cdouble" || name == "complex64" || name == "complex128") {
    return false;
  }
  return parseDType(name, out);
}

const std::unordered_map<std::string, DType>& tensorCastMethods() {
  static const std::unordered_map<std::string, DType> m = {
      {"byte", kByte}, {"char", kChar}, {"double", kDouble}, {"float", kFloat},
      {"int", kInt},   {"long", kLong}, {"short", kShort},   {"half", kHalf},
  };
  return m;
}

}  // namespace

std::shared_ptr<SugaredValue> makeTensorCast(const std::string& name, const NamedValue& self) {
  auto it = tensorCastMethods().find(name);
  if (it == tensorCastMethods().end()) return nullptr;
  return std::make_shared<TensorCastValue>(it->second, self);
}

SugaredPtr BuiltinModule::attr(const SourceRange& loc, FunctionEmitter& e,
                               const std::string& name) {
  if (display_ == "torch") {
    DType dt;
    if (parseTorchDType(name, &dt)) {
      return std::make_shared<SimpleValue>(e.insertConstant(IValue(static_cast<int64_t>(dt)), loc));
    }
    static const std::unordered_map<std::string, int64_t> int_constants = {
        {"strided", 0},       {"contiguous_format", 0}, {"preserve_format", 1},
        {"channels_last", 2}, {"channels_last_3d", 3},
    };
    if (auto it = int_constants.find(name); it != int_constants.end()) {
      return std::make_shared<SimpleValue>(e.insertConstant(IValue(it->second), loc));
    }
    if (name == "no_grad") {
      // PyTorch scripts the Python class; this is the code its archives carry for it.
      static constexpr std::string_view kNoGrad =
          "class no_grad:\n"
          "  prev : bool\n"
          "  def __init__(self) -> None:\n"
          "    self.prev = False\n"
          "  def __enter__(self) -> None:\n"
          "    self.prev = torch.is_grad_enabled()\n"
          "    torch.set_grad_enabled(False)\n"
          "  def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:\n"
          "    prev = self.prev\n"
          "    torch.set_grad_enabled(prev)\n";
      return std::make_shared<ClassValue>(
          e.unit().libraryClass("__torch__.torch.autograd.grad_mode.no_grad", kNoGrad, loc));
    }
    if (name == "jit") return std::make_shared<JitModuleValue>();
    if (name == "ops") return std::make_shared<OpsValue>();
    // torch.linalg.X, torch.special.X and torch.fft.X are aten::linalg_X, special_X, fft_X.
    if (name == "linalg" || name == "special" || name == "fft") {
      return std::make_shared<BuiltinModule>("torch." + name, "aten", name + "_");
    }
  }
  if (display_ == "math") {
    static const std::unordered_map<std::string, double> float_constants = {
        {"pi", std::numbers::pi},
        {"e", std::numbers::e},
        {"tau", 2 * std::numbers::pi},
        {"inf", std::numeric_limits<double>::infinity()},
        {"nan", std::numeric_limits<double>::quiet_NaN()},
    };
    if (auto it = float_constants.find(name); it != float_constants.end()) {
      return std::make_shared<SimpleValue>(e.insertConstant(IValue(it->second), loc));
    }
  }
  std::string op = ns_ + "::" + prefix_ + name;
  if (op == "prim::RaiseException") return std::make_shared<RaiseExceptionValue>();
  if (!hasBuiltin(op)) failAt(loc, "unknown builtin op: ", op);
  return std::make_shared<BuiltinFunction>(op, std::nullopt);
}

SugaredPtr ExceptionValue::call(const SourceRange& loc, FunctionEmitter& e,
                                const std::vector<NamedValue>& args,
                                const std::vector<NamedValue>& kwargs, size_t) {
  if (qualified_name_.empty()) {
    // AssertionError: the message is "AssertionError: " + str(arg) for each argument.
    Value* msg = e.insertConstant(IValue(name_ + ": "), loc);
    for (const NamedValue& a : args) {
      Value* s = a.get(e);
      if (s->type()->kind() != TypeKind::Str)
        s = e.emitBuiltin(loc, "aten::str", {NamedValue(loc, s)});
      msg = e.emitBuiltin(loc, "aten::add", {NamedValue(loc, msg), NamedValue(loc, s)});
    }
    return std::make_shared<ExceptionMessageValue>(msg, nullptr);
  }
  Value* msg;
  if (args.empty() && kwargs.empty()) {
    msg = e.insertConstant(IValue(std::string()), loc);
  } else if (args.size() == 1 && kwargs.empty()) {
    msg = args[0].get(e);
  } else {
    std::vector<Value*> parts;
    for (const NamedValue& a : args) parts.push_back(a.get(e));
    for (const NamedValue& a : kwargs) parts.push_back(a.get(e));
    msg = e.insertNode(e.graph().createTupleConstruct(parts), loc)->output();
  }
  Value* cls = e.insertConstant(IValue(qualified_name_), loc);
  return std::make_shared<ExceptionMessageValue>(msg, cls);
}

SugaredPtr NamedTupleConstructor::call(const SourceRange& loc, FunctionEmitter& e,
                                       const std::vector<NamedValue>& args,
                                       const std::vector<NamedValue>& kwargs, size_t) {
  const auto& tt = *type_->cast<TupleType>();
  FunctionSchema schema;
  schema.name = *tt.name();
  for (size_t i = 0; i < tt.elements().size(); ++i) {
    SchemaArgument a;
    a.name = tt.fieldNames()[i];
    a.type = tt.elements()[i];
    a.type_text = a.type->annotationStr();
    schema.arguments.push_back(std::move(a));
  }
  MatchedSchema m = matchSchema(schema, loc, e, args, kwargs);
  Node* n = e.insertNode(e.graph().createTupleConstruct(m.inputs, type_), loc);
  return std::make_shared<SimpleValue>(n->output());
}

SugaredPtr ClassValue::attr(const SourceRange& loc, FunctionEmitter& e, const std::string& name) {
  if (name == "__new__") return std::make_shared<ClassNewValue>(type_);
  return SugaredValue::attr(loc, e, name);
}

SugaredPtr ClassNewValue::createObject(const CallExpr& e, FunctionEmitter& emitter) {
  if (e.args.size() != 1 || !e.keywords.empty()) {
    failAt(e.range, "__new__ expected exactly 1 argument but found ", e.args.size());
  }
  SugaredPtr cls = emitter.emitSugaredExpr(e.args[0], 1);
  auto* c = dynamic_cast<ClassValue*>(cls.get());
  if (!c || c->type() != type_) {
    failAt(e.args[0]->range, "__new__ of class '", type_->name(),
           "' expects that class as its argument, got ", cls->kind());
  }
  Node* n = emitter.graph().create(prim::kCreateObject, 1);
  n->output()->setType(type_);
  return std::make_shared<SimpleValue>(emitter.insertNode(n, e.range)->output());
}

SugaredPtr ClassValue::call(const SourceRange& loc, FunctionEmitter& e,
                            const std::vector<NamedValue>& args,
                            const std::vector<NamedValue>& kwargs, size_t) {
  if (!type_->findMethod("__init__")) {
    failAt(loc, "class ", type_->name(), " does not have an __init__ function defined");
  }
  Node* n = e.graph().create(prim::kCreateObject, 1);
  n->output()->setType(type_);
  Value* self = e.insertNode(n, loc)->output();
  MethodValue(self, "__init__").call(loc, e, args, kwargs, 1);
  return std::make_shared<SimpleValue>(self);
}

SugaredPtr EnumClassValue::attr(const SourceRange& loc, FunctionEmitter& e,
                                const std::string& name) {
  if (!type_->findMember(name)) {
    failAt(loc, "'", type_->str(), "' has no attribute '", name, "'");
  }
  return std::make_shared<SimpleValue>(e.insertConstant(enumMember(type_, name), loc));
}

SugaredPtr EnumClassValue::call(const SourceRange& loc, FunctionEmitter&,
                                const std::vector<NamedValue>&, const std::vector<NamedValue>&,
                                size_t) {
  // TorchScript cannot look a member up by value (Color(1)); PyTorch's message.
  failAt(loc, "cannot call a EnumClass");
}

Value* EnumClassValue::membersList(const SourceRange& loc, FunctionEmitter& e) {
  std::vector<IValue> members;
  for (const EnumType::Member& m : type_->members()) members.push_back(enumMember(type_, m.name));
  return e.insertConstant(IValue(makeList(type_, std::move(members))), loc);
}

SugaredPtr EnumClassValue::iter(const SourceRange& loc, FunctionEmitter& e) {
  return std::make_shared<SimpleValue>(membersList(loc, e));
}

Value* EnumClassValue::len(const SourceRange& loc, FunctionEmitter& e) {
  return SimpleValue(membersList(loc, e)).len(loc, e);
}

SugaredPtr typeAsValue(const TypePtr& t) {
  if (!t) return nullptr;
  if (auto ct = std::dynamic_pointer_cast<ClassType>(t)) return std::make_shared<ClassValue>(ct);
  if (auto et = std::dynamic_pointer_cast<EnumType>(t)) return std::make_shared<EnumClassValue>(et);
  if (t->kind() == TypeKind::Tuple) return std::make_shared<NamedTupleConstructor>(t);
  return nullptr;
}

SugaredPtr makeNamespace(const std::string& prefix) {
  return std::make_shared<NamespaceValue>(prefix);
}

SugaredPtr lookupBuiltin(const std::string& name) {
  static const std::unordered_map<std::string, SugaredPtr> table = [] {
    std::unordered_map<std::string, SugaredPtr> t;
    auto fn = [](const char* op) { return std::make_shared<BuiltinFunction>(op, std::nullopt); };
    auto form = [](SpecialForm f) { return std::make_shared<SpecialFormValue>(f); };
    t["print"] = std::make_shared<PrintValue>();
    t["tuple"] = form(SpecialForm::Tuple);
    t["float"] = std::make_shared<CastValue>(FloatType::get(), "aten::Float");
    t["int"] = std::make_shared<CastValue>(IntType::get(), "aten::Int");
    t["bool"] = std::make_shared<CastValue>(BoolType::get(), "aten::Bool");
    t["str"] = std::make_shared<CastValue>(StringType::get(), "aten::str");
    t["getattr"] = form(SpecialForm::GetAttr);
    t["hasattr"] = form(SpecialForm::HasAttr);
    t["isinstance"] = form(SpecialForm::IsInstance);
    for (const char* name : {"len", "hex", "oct", "round", "hash", "all", "any", "divmod", "sum",
                             "ord", "chr", "bin", "pow", "sorted"}) {
      t[name] = fn((std::string("aten::") + name).c_str());
    }
    t["id"] = fn("prim::id");
    t["min"] = fn("prim::min");
    t["max"] = fn("prim::max");
    t["abs"] = fn("prim::abs");
    t["list"] = form(SpecialForm::List);
    t["dict"] = form(SpecialForm::Dict);
    t["range"] = form(SpecialForm::Range);
    t["zip"] = form(SpecialForm::Zip);
    t["enumerate"] = form(SpecialForm::Enumerate);
    t["AssertionError"] = std::make_shared<ExceptionValue>("AssertionError", "");
    return t;
  }();
  auto it = table.find(name);
  return it == table.end() ? nullptr : it->second;
}

namespace {

// `inf` and `nan` as archives print infinite and NaN floats.
class FloatConstantValue : public SugaredValue {
 public:
  explicit FloatConstantValue(double v) : v_(v) {}
  std::string kind() const override { return "float"; }
  Value* asValue(const SourceRange& loc, FunctionEmitter& e) override {
    return e.insertConstant(IValue(v_), loc);
  }

 private:
  double v_;
};

}  // namespace

SugaredPtr lookupGlobal(const std::string& name, UnitCompiler& unit) {
  (void)unit;
  if (SugaredPtr b = lookupBuiltin(name)) return b;
  // The globals are immutable, so one instance of each serves every compilation.
  static const std::unordered_map<std::string, SugaredPtr> table = [] {
    std::unordered_map<std::string, SugaredPtr> t;
    t["inf"] = std::make_shared<FloatConstantValue>(std::numeric_limits<double>::infinity());
    t["nan"] = std::make_shared<FloatConstantValue>(std::numeric_limits<double>::quiet_NaN());
    for (const char* ex :
         {"Exception", "RuntimeError", "ValueError", "TypeError", "KeyError", "IndexError",
          "NotImplementedError", "ZeroDivisionError", "AttributeError", "StopIteration",
          "ArithmeticError", "OverflowError", "LookupError", "ImportError"}) {
      t[ex] = std::make_shared<ExceptionValue>(ex, std::string("builtins.") + ex);
    }
    t["torch"] = std::make_shared<BuiltinModule>("torch", "aten");
    t["math"] = std::make_shared<BuiltinModule>("math", "aten");
    t["ops"] = std::make_shared<OpsValue>();
    t["annotate"] = std::make_shared<SpecialFormValue>(SpecialForm::Annotate);
    t["unchecked_cast"] = std::make_shared<SpecialFormValue>(SpecialForm::UncheckedCast);
    t["uninitialized"] = std::make_shared<SpecialFormValue>(SpecialForm::Uninitialized);
    t["CONSTANTS"] = std::make_shared<ConstantTableValue>();
    t["__torch__"] = makeNamespace("__torch__");
    return t;
  }();
  auto it = table.find(name);
  return it == table.end() ? nullptr : it->second;
}

// ---- TorchScript builtin functions ----

namespace {

// Scalar-first arithmetic and comparisons (`2 * x`) and a few tensor properties, defined in
// TorchScript as PyTorch defines them. Each entry: namespace, source of one function.
struct BuiltinSource {
  const char* ns;
  std::string source;
};

std::vector<BuiltinSource> builtinSources() {
  std::vector<BuiltinSource> out;
  const char* const scalar_ops[][2] = {
      {"mul", "b * a"},
      {"add", "b + a"},
      {"ne", "b != a"},
      {"eq", "b == a"},
      {"sub", "torch.neg(b) + a"},
      {"div", "torch.reciprocal(b) * a"},
      {"lt", "b > a"},
      {"le", "b >= a"},
      {"gt", "b < a"},
      {"ge", "b <= a"},
  };
  for (const char* scalar : {"float", "int"}) {
    for (const auto& op : scalar_ops) {
      out.push_back({"aten", std::string("def ") + op[0] + "(a : " + scalar +
                                 ", b : Tensor) -> Tensor:\n  return " + op[1] + "\n"});
    }
  }
  for (const char* rhs : {"number", "Tensor"}) {
    out.push_back({"aten", std::string("def floordiv(self : Tensor, other : ") + rhs +
                               ") -> Tensor:\n  return torch.floor_divide(self, other)\n"});
  }
  out.push_back({"aten",
                 "def __contains__(self: str, key: str):\n"
                 "  return self.find(key, 0, len(self)) != -1\n"});
  out.push_back({"prim", "def ndim(a : Tensor) -> int:\n  return a.dim()\n"});
  out.push_back({"prim", "def shape(a : Tensor) -> List[int]:\n  return a.size()\n"});
  out.push_back({"prim", "def T(a : Tensor):\n  return a.numpy_T()\n"});
  out.push_back({"aten",
                 "def _assert(condition : Tensor, message : str):\n"
                 "  assert bool(condition), message\n"});
  out.push_back({"aten",
                 "def _assert(condition : bool, message : str):\n"
                 "  assert condition, message\n"});
  out.push_back({"aten",
                 "def type(self: Tensor, dtype: int, non_blocking: bool=False, "
                 "copy: bool=False) -> Tensor:\n  return self.to(dtype, non_blocking, copy)\n"});
  return out;
}

thread_local bool t_compiling_builtins = false;

struct BuiltinRegistry {
  CompilationUnit cu;
  std::unordered_map<std::string, std::vector<std::shared_ptr<Function>>> by_name;

  BuiltinRegistry() {
    // Builtins may be needed in the middle of another compilation; they compile on their own.
    IsolatedCompileSession isolated;
    t_compiling_builtins = true;
    for (const BuiltinSource& b : builtinSources()) {
      // Each definition is its own unit: one whose operators are not registered yet simply
      // does not exist, without hiding the others.
      CompilationUnit unit;
      try {
        CompileOptions options;
        options.filename = "<builtin>";
        compileInto(unit, b.source, options);
      } catch (const Error&) {
        continue;
      }
      for (const auto& f : unit.functions()) {
        by_name[std::string(b.ns) + "::" + f->name()].push_back(f);
      }
    }
    t_compiling_builtins = false;
  }
};

std::shared_ptr<BuiltinOverloads> makeOverloads(const std::string& alias_or_name) {
  std::string name = canonicalOpName(alias_or_name);
  auto out = std::make_shared<BuiltinOverloads>();
  for (const OpInfo* op : overloadsOf(name)) {
    if (op->schema.hasSupportedTypes()) {
      out->ops.push_back(op);
      out->schemas.push_back(&op->schema);
    }
  }
  out->functions = builtinFunctionsFor(name);
  for (const auto& f : out->functions) out->schemas.push_back(&f->schema());
  return out;
}

}  // namespace

std::shared_ptr<const BuiltinOverloads> builtinOverloads(const std::string& name) {
  // While the builtin functions compile, none of them is available yet: do not cache that.
  if (t_compiling_builtins) return makeOverloads(name);
  static auto* mutex = new std::shared_mutex();
  static auto* cache = new std::unordered_map<std::string, std::shared_ptr<BuiltinOverloads>>();
  {
    std::shared_lock lock(*mutex);
    if (auto it = cache->find(name); it != cache->end()) return it->second;
  }
  auto entry = makeOverloads(name);
  std::unique_lock lock(*mutex);
  return cache->emplace(name, std::move(entry)).first->second;
}

const std::vector<std::shared_ptr<Function>>& builtinFunctionsFor(const std::string& name) {
  static const std::vector<std::shared_ptr<Function>> none;
  // The builtins themselves are compiled without builtins.
  if (t_compiling_builtins) return none;
  static const BuiltinRegistry* registry = new BuiltinRegistry();
  auto it = registry->by_name.find(name);
  return it == registry->by_name.end() ? none : it->second;
}

}  // namespace wick::jit::frontend
