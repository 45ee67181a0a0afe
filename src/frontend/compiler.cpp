#include "frontend/compiler.h"

#include <algorithm>
#include <limits>
#include <mutex>
#include <unordered_map>

#include "frontend/builtins.h"
#include "frontend/emitter.h"
#include "frontend/parser.h"
#include "frontend/schema_matching.h"
#include "frontend/type_parser.h"
#include "frontend/unit.h"

namespace wick::jit {

namespace {

// Final constants of compiled classes. ClassType keeps only their names (its header cannot
// hold IValues), so the values live here, keyed by class and checked for liveness.
struct ClassConstantTable {
  struct Entry {
    std::weak_ptr<ClassType> owner;
    std::vector<std::pair<std::string, IValue>> values;
  };
  std::mutex mutex;
  std::unordered_map<const ClassType*, Entry> entries;

  static ClassConstantTable& get() {
    static ClassConstantTable* t = new ClassConstantTable();
    return *t;
  }
  void set(const ClassTypePtr& cls, std::vector<std::pair<std::string, IValue>> values) {
    std::lock_guard<std::mutex> lock(mutex);
    entries[cls.get()] = Entry{cls, std::move(values)};
  }
  std::vector<std::pair<std::string, IValue>> lookup(const ClassType& cls) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = entries.find(&cls);
    if (it == entries.end()) return {};
    auto owner = it->second.owner.lock();
    if (owner.get() != &cls) {
      entries.erase(it);
      return {};
    }
    return it->second.values;
  }
};

}  // namespace

std::vector<std::pair<std::string, IValue>> classConstants(const ClassType& cls) {
  return ClassConstantTable::get().lookup(cls);
}

namespace frontend {

// Note [Compile sessions]
// A resolver may compile another source while this one is being declared (an archive file
// naming a class of another file). That source's function bodies may call methods of classes
// this source has not finished declaring, so nested compilations only declare; the outermost
// compileInto() compiles all bodies once every unit is declared. Bodies also compile on
// first call, from whichever unit calls them.
struct CompileSession {
  std::vector<std::unique_ptr<UnitCompiler>> units;
  std::unordered_map<const Function*, UnitCompiler*> owners;
};

namespace {
thread_local CompileSession* t_session = nullptr;
}  // namespace

IsolatedCompileSession::IsolatedCompileSession() : saved_(t_session) { t_session = nullptr; }
IsolatedCompileSession::~IsolatedCompileSession() {
  t_session = static_cast<CompileSession*>(saved_);
}

}  // namespace frontend

void compileInto(CompilationUnit& cu, std::string_view source, const CompileOptions& options) {
  using frontend::t_session;
  frontend::CompileSession local;
  bool outermost = t_session == nullptr;
  if (outermost) t_session = &local;
  struct Reset {
    bool active;
    ~Reset() {
      if (active) t_session = nullptr;
    }
  } reset{outermost};
  auto src = std::make_shared<frontend::Source>(std::string(source), options.filename);
  auto unit = std::make_unique<frontend::UnitCompiler>(cu, src, options);
  frontend::UnitCompiler* u = unit.get();
  t_session->units.push_back(std::move(unit));
  u->declareAll();
  for (const auto& f : u->declared()) t_session->owners[f.get()] = u;
  if (!outermost) return;
  // Units resolved while compiling bodies join the session: iterate by index.
  for (size_t i = 0; i < local.units.size(); ++i) local.units[i]->compileBodies();
}

namespace frontend {

namespace {

bool isNamedTupleBase(const std::string& name) {
  return name == "NamedTuple" || name == "typing.NamedTuple";
}

bool isEnumBase(const std::string& name) { return name == "Enum" || name == "enum.Enum"; }

bool isModuleBase(const std::string& name) {
  return name == "Module" || name == "nn.Module" || name == "torch.nn.Module";
}

// The value of `x : Final[T] = value` in a class body.
IValue evalClassConstant(const Expr& e) {
  switch (e.kind) {
    case ExprKind::None: return IValue();
    case ExprKind::True: return IValue(true);
    case ExprKind::False: return IValue(false);
    case ExprKind::String: return IValue(e.as<StringExpr>().value);
    case ExprKind::Number: {
      const auto& n = e.as<NumberExpr>();
      return n.is_float ? IValue(n.float_value) : IValue(n.int_value);
    }
    case ExprKind::Unary: {
      const auto& u = e.as<UnaryExpr>();
      IValue v = evalClassConstant(*u.operand);
      if (u.op == UnaryOp::Neg && v.isInt()) return IValue(-v.toInt());
      if (u.op == UnaryOp::Neg && v.isDouble()) return IValue(-v.toDouble());
      break;
    }
    case ExprKind::Name: {
      const std::string& id = e.as<NameExpr>().id;
      if (id == "inf") return IValue(std::numeric_limits<double>::infinity());
      if (id == "nan") return IValue(std::numeric_limits<double>::quiet_NaN());
      break;
    }
    case ExprKind::Tuple:
    case ExprKind::List: {
      std::vector<IValue> elems;
      for (const ExprPtr& x : e.as<SequenceExpr>().elts) elems.push_back(evalClassConstant(*x));
      return IValue(makeTuple(std::move(elems)));
    }
    default: break;
  }
  failAt(e.range, "class constants must be literals");
}

std::vector<std::string> stringList(const Expr& e) {
  if (e.kind != ExprKind::List && e.kind != ExprKind::Tuple)
    failAt(e.range, "expected a list of names");
  std::vector<std::string> out;
  for (const ExprPtr& x : e.as<SequenceExpr>().elts) {
    if (x->kind != ExprKind::String) failAt(x->range, "expected a string");
    out.push_back(x->as<StringExpr>().value);
  }
  return out;
}

}  // namespace

UnitCompiler::UnitCompiler(CompilationUnit& cu, SourcePtr source, CompileOptions options)
    : cu_(cu), source_(std::move(source)), options_(std::move(options)) {
  module_ = parseModule(source_);
}

std::string UnitCompiler::qualify(const std::string& name, bool is_class) const {
  if (!options_.qualifier.empty()) return options_.qualifier + "." + name;
  return is_class ? "__torch__." + name : name;
}

void UnitCompiler::declareAll() {
  std::vector<std::shared_ptr<const ClassDefStmt>> classes, named_tuples, enums;
  for (const auto& cls : module_.classes) {
    bool named_tuple = false, is_enum = false;
    for (const ExprPtr& b : cls->bases) {
      named_tuple |= isNamedTupleBase(TypeParser::dottedName(*b));
      is_enum |= isEnumBase(TypeParser::dottedName(*b));
    }
    (is_enum ? enums : named_tuple ? named_tuples : classes).push_back(cls);
  }
  // Enums and class types first, so that NamedTuple fields, attributes and signatures can
  // name any of them; then NamedTuples, class bodies and functions; then the bodies are
  // compiled.
  for (const auto& e : enums) declareEnum(*e, qualify(e->name.name, true));
  for (const auto& cls : classes) declareClass(cls);
  for (const auto& nt : named_tuples) declareNamedTuple(*nt, qualify(nt->name.name, true));
  for (const auto& cls : classes) {
    declareClassBody(*cls, std::static_pointer_cast<ClassType>(types_.at(cls->name.name)));
  }
  for (const auto& def : module_.functions) declareFunction(def);
}

void UnitCompiler::compileBodies() {
  // __init__ decides which attributes a class has: compile it before the other methods.
  for (const auto& fn : order_) {
    if (fn->name() == "__init__") ensureDefinedHere(*fn, SourceRange());
  }
  for (const auto& fn : order_) ensureDefinedHere(*fn, SourceRange());
}

void UnitCompiler::declareFunction(const std::shared_ptr<const DefStmt>& def) {
  if (functions_.count(def->name.name) || types_.count(def->name.name)) {
    failAt(def->name.range, "'", def->name.name, "' is already defined");
  }
  auto fn = std::make_shared<Function>(qualify(def->name.name, false), std::make_shared<Graph>());
  if (cu_.findFunction(fn->qualname()))
    failAt(def->name.range, "function '", fn->qualname(), "' is already defined");
  cu_.addFunction(fn);
  functions_[def->name.name] = fn;
  pending_[fn.get()] = PendingDef{def, nullptr};
  order_.push_back(fn);
}

void UnitCompiler::declareClass(const std::shared_ptr<const ClassDefStmt>& cls) {
  const std::string& name = cls->name.name;
  if (types_.count(name)) failAt(cls->name.range, "class '", name, "' is already defined");
  bool is_module = false;
  for (const ExprPtr& b : cls->bases) {
    std::string base = TypeParser::dottedName(*b);
    if (isModuleBase(base)) {
      is_module = true;
    } else if (base != "object") {
      failAt(b->range, "unsupported base class '",
             base.empty() ? std::string("<expression>") : base,
             "' (classes derive from Module, NamedTuple or object)");
    }
  }
  std::string qualname = qualify(name, true);
  if (cu_.findClass(qualname) || cu_.findNamedTuple(qualname)) {
    failAt(cls->name.range, "class '", qualname, "' is already defined");
  }
  auto type = ClassType::create(qualname, is_module);
  cu_.addClass(type);
  types_[name] = type;
}

void UnitCompiler::declareNamedTuple(const ClassDefStmt& cls, const std::string& qualname) {
  if (types_.count(cls.name.name))
    failAt(cls.name.range, "class '", cls.name.name, "' is already defined");
  TypeParser parser(
      [this](const std::string& n, const SourceRange& loc) { return resolveType(n, loc); });
  std::vector<std::string> names;
  std::vector<TypePtr> types;
  for (const StmtPtr& s : cls.body) {
    if (s->kind == StmtKind::Pass) continue;
    if (s->kind == StmtKind::Expr && s->as<ValueStmt>().value->kind == ExprKind::String) continue;
    if (s->kind != StmtKind::Assign || !s->as<AssignStmt>().annotation ||
        s->as<AssignStmt>().targets.size() != 1 ||
        s->as<AssignStmt>().targets[0]->kind != ExprKind::Name) {
      failAt(s->range, "NamedTuple bodies may only declare fields, as `name : Type`");
    }
    const auto& a = s->as<AssignStmt>();
    if (a.value) failAt(a.value->range, "NamedTuple fields with default values are not supported");
    names.push_back(a.targets[0]->as<NameExpr>().id);
    types.push_back(parser.parse(*a.annotation));
  }
  if (cu_.findNamedTuple(qualname) || cu_.findClass(qualname)) {
    failAt(cls.name.range, "class '", qualname, "' is already defined");
  }
  TypePtr t = TupleType::createNamed(qualname, std::move(names), std::move(types));
  cu_.addNamedTuple(t);
  types_[cls.name.name] = t;
}

void UnitCompiler::declareEnum(const ClassDefStmt& cls, const std::string& qualname) {
  if (types_.count(cls.name.name))
    failAt(cls.name.range, "class '", cls.name.name, "' is already defined");
  if (cls.bases.size() != 1)
    failAt(cls.name.range, "enum class '", cls.name.name, "' must derive from Enum alone");
  std::vector<EnumType::Member> members;
  TypePtr value_type;
  for (const StmtPtr& s : cls.body) {
    if (s->kind == StmtKind::Pass) continue;
    if (s->kind == StmtKind::Expr && s->as<ValueStmt>().value->kind == ExprKind::String) continue;
    const auto* a = s->kind == StmtKind::Assign ? &s->as<AssignStmt>() : nullptr;
    if (!a || a->annotation || !a->value || a->targets.size() != 1 ||
        a->targets[0]->kind != ExprKind::Name) {
      failAt(s->range, "enum class bodies may only assign values to members, as `NAME = value`");
    }
    EnumType::Member m;
    m.name = a->targets[0]->as<NameExpr>().id;
    for (const EnumType::Member& prev : members) {
      if (prev.name == m.name)
        failAt(a->targets[0]->range, "enum member '", m.name, "' is defined twice");
    }
    IValue v = evalClassConstant(*a->value);
    TypePtr t = v.type();
    if (!v.isInt() && !v.isDouble() && !v.isString()) {
      failAt(a->value->range, "Cannot create Enum with value type '", t->annotationStr(),
             "', only int, float and string are supported");
    }
    if (value_type && *value_type != *t) {
      failAt(a->value->range, "Could not unify type list since element ", members.size(),
             " of type ", t->annotationStr(), " did not match the types before it (",
             value_type->annotationStr(), ")");
    }
    value_type = t;
    if (v.isInt()) m.int_value = v.toInt();
    if (v.isDouble()) m.float_value = v.toDouble();
    if (v.isString()) m.str_value = v.toStringRef();
    members.push_back(std::move(m));
  }
  if (members.empty()) failAt(cls.name.range, "enum class '", cls.name.name, "' has no members");
  if (cu_.findEnum(qualname) || cu_.findClass(qualname) || cu_.findNamedTuple(qualname)) {
    failAt(cls.name.range, "class '", qualname, "' is already defined");
  }
  EnumTypePtr type = EnumType::create(qualname, value_type, std::move(members));
  cu_.addEnum(type);
  types_[cls.name.name] = type;
}

void UnitCompiler::declareAttribute(const AssignStmt& s, const ClassTypePtr& type,
                                    std::vector<std::string>* parameters,
                                    std::vector<std::string>* buffers) {
  TypeParser parser(
      [this](const std::string& n, const SourceRange& loc) { return resolveType(n, loc); });
  const ExprPtr& target = s.targets.at(0);
  if (target->kind == ExprKind::Name && !s.annotation) {
    const std::string& name = target->as<NameExpr>().id;
    if (name == "__parameters__") return void(*parameters = stringList(*s.value));
    if (name == "__buffers__") return void(*buffers = stringList(*s.value));
    if (name == "__constants__") return;  // the values come from the Final declarations
    failAt(s.range, "class attributes must be declared with a type, as `", name, " : Type`");
  }
  if (target->kind == ExprKind::Subscript) {
    // __annotations__["0"] = Type: an attribute whose name is not an identifier.
    const auto& sub = target->as<SubscriptExpr>();
    if (TypeParser::dottedName(*sub.value) != "__annotations__" || sub.indices.size() != 1 ||
        sub.indices[0]->kind != ExprKind::String || !s.value) {
      failAt(s.range, "unsupported statement in a class body");
    }
    type->addAttribute(sub.indices[0]->as<StringExpr>().value, parser.parse(*s.value));
    return;
  }
  if (target->kind != ExprKind::Name || !s.annotation)
    failAt(s.range, "unsupported statement in a class body");
  const std::string& name = target->as<NameExpr>().id;
  bool is_final = false;
  TypePtr t = parser.parseAttributeType(*s.annotation, &is_final);
  if (is_final) {
    if (!s.value) failAt(s.range, "the Final constant '", name, "' needs a value");
    constants_.emplace_back(name, evalClassConstant(*s.value));
    type->constantNames().push_back(name);
    return;
  }
  if (s.value)
    failAt(s.value->range, "class attributes cannot have values (only Final constants can)");
  if (type->hasAttribute(name)) failAt(target->range, "attribute '", name, "' is declared twice");
  type->addAttribute(name, t);
}

void UnitCompiler::declareClassBody(const ClassDefStmt& cls, const ClassTypePtr& type) {
  std::vector<std::string> parameters, buffers;
  constants_.clear();
  for (const StmtPtr& s : cls.body) {
    switch (s->kind) {
      case StmtKind::Pass: break;
      case StmtKind::Expr:
        if (s->as<ValueStmt>().value->kind != ExprKind::String)
          failAt(s->range, "unsupported statement in a class body");
        break;  // a docstring
      case StmtKind::Assign:
        declareAttribute(s->as<AssignStmt>(), type, &parameters, &buffers);
        break;
      case StmtKind::Def: {
        auto def = std::static_pointer_cast<const DefStmt>(s);
        if (type->findMethod(def->name.name))
          failAt(def->name.range, "method '", def->name.name, "' is already defined");
        auto fn = std::make_shared<Function>(type->name() + "." + def->name.name,
                                             std::make_shared<Graph>());
        type->addMethod(fn);
        if (!cu_.findFunction(fn->qualname())) cu_.addFunction(fn);
        pending_[fn.get()] = PendingDef{def, type};
        order_.push_back(fn);
        break;
      }
      default: failAt(s->range, "unsupported statement in a class body");
    }
  }
  auto mark = [&](const std::vector<std::string>& names, ClassType::AttrKind kind,
                  const char* what) {
    for (const std::string& n : names) {
      auto slot = type->findAttributeSlot(n);
      if (!slot)
        failAt(cls.name.range, what, " '", n, "' of class ", type->name(),
               " is not declared as an attribute");
      type->setAttributeKind(*slot, kind);
    }
  };
  mark(parameters, ClassType::AttrKind::Parameter, "parameter");
  mark(buffers, ClassType::AttrKind::Buffer, "buffer");
  if (!constants_.empty()) ClassConstantTable::get().set(type, constants_);
}

void UnitCompiler::compile(Function& fn, PendingDef& pending) {
  pending.state = PendingDef::State::Compiling;
  FunctionEmitter(*this, fn, pending.def, pending.self_type).run();
  pending.state = PendingDef::State::Done;
}

void UnitCompiler::ensureDefined(Function& fn, const SourceRange& call_site) {
  if (!t_session) return;
  auto owner = t_session->owners.find(&fn);
  if (owner != t_session->owners.end()) owner->second->ensureDefinedHere(fn, call_site);
}

void UnitCompiler::ensureDefinedHere(Function& fn, const SourceRange& call_site) {
  auto it = pending_.find(&fn);
  if (it == pending_.end() || it->second.state == PendingDef::State::Done) return;
  PendingDef& pending = it->second;
  if (pending.state == PendingDef::State::Compiling) {
    failAt(call_site, "recursive calls are not supported: '", fn.name(), "' calls itself");
  }
  if (!call_site.valid()) return compile(fn, pending);
  try {
    compile(fn, pending);
  } catch (const CompileError& e) {
    rethrowWithNote(e, call_site, "'" + fn.name() + "' is being compiled since it was called here");
  }
}

ResolvedName UnitCompiler::resolveExternal(const std::string& name) const {
  if (!options_.resolve) return {};
  return options_.resolve(name);
}

SugaredPtr UnitCompiler::resolveValue(const std::string& name, const SourceRange&) {
  auto byLocalName = [&](const std::string& local) -> SugaredPtr {
    if (auto f = functions_.find(local); f != functions_.end())
      return std::make_shared<FunctionValue>(f->second);
    if (auto t = types_.find(local); t != types_.end()) return typeAsValue(t->second);
    return nullptr;
  };
  if (SugaredPtr v = byLocalName(name)) return v;
  // Plain names are this unit's definitions or builtins; only qualified names are resolved
  // outside (the resolver is not asked about every `torch` or `math` in the source).
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return nullptr;
  // This unit's definitions under their qualified names (`__torch__.M` inside __torch__.py).
  std::string local = name.substr(dot + 1);
  // Printed code calls a function of an unqualified unit as __torch__.<name>, where
  // archives place it, so that name refers to it too.
  bool printed_name = options_.qualifier.empty() && name == "__torch__." + local;
  if (functions_.count(local) && (qualify(local, false) == name || printed_name))
    return byLocalName(local);
  if (types_.count(local) && qualify(local, true) == name) return byLocalName(local);
  ResolvedName r = resolveExternal(name);
  if (r.function) return std::make_shared<FunctionValue>(r.function);
  return typeAsValue(r.type);
}

TypePtr UnitCompiler::resolveType(const std::string& name, const SourceRange&) {
  if (auto t = types_.find(name); t != types_.end()) return t->second;
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return nullptr;
  std::string local = name.substr(dot + 1);
  if (auto t = types_.find(local); t != types_.end() && qualify(local, true) == name)
    return t->second;
  // Archive code names the same classes in every attribute line and signature.
  if (auto t = external_types_.find(name); t != external_types_.end()) return t->second;
  TypePtr t = resolveExternal(name).type;
  if (t) external_types_.emplace(name, t);
  return t;
}

ClassTypePtr UnitCompiler::libraryClass(const std::string& qualname, std::string_view source,
                                        const SourceRange& loc) {
  if (auto t = std::dynamic_pointer_cast<ClassType>(resolveType(qualname, loc))) return t;
  if (ClassTypePtr t = cu_.findClass(qualname)) return t;
  {
    IsolatedCompileSession isolated;
    CompileOptions options;
    options.filename = "<builtin>";
    options.qualifier = qualname.substr(0, qualname.rfind('.'));
    compileInto(cu_, source, options);
  }
  ClassTypePtr t = cu_.findClass(qualname);
  WICK_INTERNAL_ASSERT(t, "compiling the library class ", qualname, " did not define it");
  return t;
}

const IValue& UnitCompiler::constant(size_t index, const SourceRange& loc) const {
  if (index >= options_.constants.size()) {
    failAt(loc, "constant index ", index, " is out of bounds (constant table has ",
           options_.constants.size(), " entries)");
  }
  return options_.constants[index];
}

std::optional<IValue> UnitCompiler::classConstant(const ClassType& cls,
                                                  const std::string& name) const {
  for (auto& [n, v] : classConstants(cls)) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace frontend
}  // namespace wick::jit
