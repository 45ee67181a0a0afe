#include "frontend/emitter.h"

#include <cstring>

#include "frontend/builtins.h"
#include "frontend/cleanup.h"
#include "frontend/diagnostics.h"
#include "frontend/schema_matching.h"
#include "frontend/ssa.h"
#include "frontend/unit.h"
#include "ir/printer.h"

namespace wick::jit::frontend {

FunctionEmitter::FunctionEmitter(UnitCompiler& unit, Function& fn,
                                 std::shared_ptr<const DefStmt> def, ClassTypePtr self_type)
    : unit_(unit),
      fn_(fn),
      def_(std::move(def)),
      self_type_(std::move(self_type)),
      graph_(fn.graph()),
      type_parser_([&unit](const std::string& name, const SourceRange& loc) {
        return unit.resolveType(name, loc);
      }) {}

void FunctionEmitter::run() {
  pushFrame(graph_->block());
  FunctionSchema schema = emitDef();
  popFrame();
  convertToSSA(*graph_);
  canonicalizeModifiedLoops(*this);
  runCleanupPasses(*graph_);
  fn_.setSchema(std::move(schema));
}

void FunctionEmitter::pushFrame(Block* b) { env_ = std::make_shared<Environment>(*this, b, env_); }

std::shared_ptr<Environment> FunctionEmitter::popFrame() {
  auto old = env_;
  env_ = env_->next();
  return old;
}

// ---- node helpers ----

Node* FunctionEmitter::insertNode(Node* n, const SourceRange& loc) {
  graph_->insertNode(n);
  if (loc.valid()) n->setSourceRange(loc.nodeLocation());
  return n;
}

Value* FunctionEmitter::insertConstant(const IValue& v, const SourceRange& loc, TypePtr type) {
  return insertNode(graph_->createConstant(v, std::move(type)), loc)->output();
}

Value* FunctionEmitter::materializeConstant(const IValue& v, const SourceRange& loc) {
  std::string key;
  if (v.isDouble()) {
    double d = v.toDouble();
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof(bits));
    key = "f" + std::to_string(bits);
  } else {
    key = "i" + std::to_string(v.toInt());
  }
  auto it = literal_constants_.find(key);
  if (it != literal_constants_.end()) return it->second;
  InsertPoint saved = graph_->insertPoint();
  graph_->setInsertPoint(*graph_->block()->begin());
  Value* c = insertConstant(v, loc);
  graph_->restoreInsertPoint(saved);
  literal_constants_[key] = c;
  return c;
}

Value* FunctionEmitter::insertUncheckedCast(Value* v, const TypePtr& type, const SourceRange&) {
  Node* n = graph_->create(prim::kunchecked_cast, {v}, 1);
  n->output()->setType(type);
  return graph_->insertNode(n)->output();
}

Value* FunctionEmitter::insertUninitialized(const TypePtr& type, const SourceRange& loc) {
  Node* n = graph_->create(prim::kUninitialized, 1);
  n->output()->setType(type);
  return insertNode(n, loc)->output();
}

Value* FunctionEmitter::emitToBool(const SourceRange& loc, Value* v) {
  Value* out = nullptr;
  try {
    out = lookupBuiltin("bool")->call(loc, *this, {NamedValue(loc, v)}, {}, 1)->asValue(loc, *this);
  } catch (const CompileError&) {
    failAt(loc, "could not cast value of type ", typeName(v->type()), " to bool");
  }
  if (out->type()->kind() != TypeKind::Bool) {
    failAt(loc, "expected a bool expression for condition but found ", typeName(out->type()));
  }
  return out;
}

Value* FunctionEmitter::emitBuiltin(const SourceRange& loc, const std::string& name,
                                    const std::vector<NamedValue>& args,
                                    const std::vector<NamedValue>& kwargs,
                                    const std::optional<NamedValue>& self) {
  return emitBuiltinCall(loc, *this, name, args, kwargs, self);
}

// ---- the function ----

namespace {

// A default parameter value written in the source: literals, negated numbers, None, and
// lists or tuples of those.
IValue evalDefault(const Expr& e, const TypePtr& type) {
  TypePtr t = type;
  if (const auto* o = t->cast<OptionalType>()) {
    if (e.kind == ExprKind::None) return IValue();
    t = o->elem();
  }
  switch (e.kind) {
    case ExprKind::None: return IValue();
    case ExprKind::True: return IValue(true);
    case ExprKind::False: return IValue(false);
    case ExprKind::String: return IValue(e.as<StringExpr>().value);
    case ExprKind::Number: {
      const auto& n = e.as<NumberExpr>();
      if (n.is_float || t->kind() == TypeKind::Float) {
        return IValue(n.is_float ? n.float_value : static_cast<double>(n.int_value));
      }
      return IValue(n.int_value);
    }
    case ExprKind::Unary: {
      const auto& u = e.as<UnaryExpr>();
      if (u.op == UnaryOp::Neg) {
        IValue v = evalDefault(*u.operand, t);
        if (v.isInt()) return IValue(-v.toInt());
        if (v.isDouble()) return IValue(-v.toDouble());
      }
      break;
    }
    case ExprKind::List:
    case ExprKind::Tuple: {
      const auto& elts = e.as<SequenceExpr>().elts;
      std::vector<IValue> values;
      const auto* lt = t->cast<ListType>();
      const auto* tt = t->cast<TupleType>();
      for (size_t i = 0; i < elts.size(); ++i) {
        TypePtr et = lt                                  ? lt->elem()
                     : (tt && i < tt->elements().size()) ? tt->elements()[i]
                                                         : AnyType::get();
        values.push_back(evalDefault(*elts[i], et));
      }
      if (lt) return IValue(makeList(lt->elem(), std::move(values)));
      if (tt) return IValue(makeTuple(std::move(values)));
      break;
    }
    case ExprKind::Attribute: {
      // A member of the parameter's enum class: Color.RED, or __torch__.Color.RED in archives.
      const auto& a = e.as<AttributeExpr>();
      if (auto et = std::dynamic_pointer_cast<EnumType>(t)) {
        std::string cls = TypeParser::dottedName(*a.value);
        bool names_class =
            cls == et->name() || cls == et->baseName() ||
            (cls.size() > et->baseName().size() && cls.ends_with("." + et->baseName()));
        if (names_class && et->findMember(a.attr.name)) return enumMember(et, a.attr.name);
      }
      break;
    }
    default: break;
  }
  failAt(e.range, "default values of parameters must be constants");
}

// A default value as schema text spells it: 2, 1.5, None, True, "s", [1, 2].
std::string defaultText(const IValue& v) {
  if (v.isNone()) return "None";
  if (v.isBool()) return v.toBool() ? "True" : "False";
  if (v.isInt()) return std::to_string(v.toInt());
  if (v.isDouble()) return doubleRepr(v.toDouble());
  if (v.isString()) return quotedString(v.toStringRef());
  if (v.isEnum()) return v.toEnum().type->name() + "." + v.toEnum().name();
  if (v.isList() || v.isTuple()) {
    const auto& elems = v.isList() ? v.toList().elems : v.toTuple().elems;
    std::string out = v.isList() ? "[" : "(";
    for (size_t i = 0; i < elems.size(); ++i) out += (i ? ", " : "") + defaultText(elems[i]);
    return out + (v.isList() ? "]" : ")");
  }
  return "?";
}

}  // namespace

FunctionSchema FunctionEmitter::declaredSchema() {
  FunctionSchema schema;
  schema.name = def_->name.name;
  size_t first = self_type_ ? 1 : 0;
  if (self_type_ && def_->params.empty())
    failAt(def_->params_range, "methods must have a self argument");
  for (size_t i = first; i < def_->params.size(); ++i) {
    const Param& p = def_->params[i];
    SchemaArgument a;
    a.name = p.name.name;
    a.type = p.annotation ? type_parser_.parse(*p.annotation) : TensorType::get();
    a.type_text = a.type->str();
    a.kwarg_only = p.kwarg_only;
    if (p.default_value) {
      a.default_value = evalDefault(*p.default_value, a.type);
      a.default_text = defaultText(*a.default_value);
      if (!a.default_value->isNone() && !a.default_value->type()->isSubtypeOf(*a.type)) {
        failAt(p.default_value->range, "default value of type ", typeName(a.default_value->type()),
               " does not match the type ", typeName(a.type), " of parameter '", a.name, "'");
      }
    }
    schema.arguments.push_back(std::move(a));
  }
  if (def_->return_type) {
    SchemaArgument r;
    r.type = type_parser_.parse(*def_->return_type);
    r.type_text = r.type->str();
    schema.returns.push_back(std::move(r));
  }
  return schema;
}

std::vector<SchemaArgument> FunctionEmitter::emitFormalArguments(const FunctionSchema& declared) {
  std::vector<SchemaArgument> arguments;
  size_t i = 0;
  if (self_type_) {
    const Param& self = def_->params[0];
    Value* input = graph_->addInput();
    input->setType(self_type_);
    if (meaningfulName(self.name.name)) input->setDebugName(self.name.name);
    env_->setSugaredVar(self.name.range, self.name.name, std::make_shared<SimpleValue>(input),
                        nullptr);
    SchemaArgument a;
    a.name = self.name.name;
    a.type = self_type_;
    a.type_text = self_type_->str();
    arguments.push_back(std::move(a));
    i = 1;
  }
  for (const SchemaArgument& a : declared.arguments) {
    const Param& p = def_->params[i++];
    Value* input = graph_->addInput();
    if (meaningfulName(p.name.name)) input->setDebugName(p.name.name);
    input->setType(a.type);
    env_->setVar(p.name.range, p.name.name, input);
    arguments.push_back(a);
  }
  return arguments;
}

void FunctionEmitter::handleMaybeNoReturn() {
  if (!exit_blocks_.count(graph_->block())) {
    if (declared_return_type_ && declared_return_type_->kind() != TypeKind::None) {
      failAt(def_->range,
             "function was not annotated as having type None, but does not return "
             "along all paths");
    }
    // An implicit `return None` at the end of the body.
    graph_->setInsertPoint(graph_->block());
    auto none = std::make_shared<Expr>(ExprKind::None, def_->range);
    emitReturn(ValueStmt(StmtKind::Return, def_->range, none));
  } else if (!merged_return_type_) {
    // The body always raises: the declared type, or None.
    merged_return_type_ = declared_return_type_ ? declared_return_type_ : NoneType::get();
  }
}

FunctionSchema FunctionEmitter::emitDef() {
  FunctionSchema declared = declaredSchema();
  if (declared.returns.size() == 1) declared_return_type_ = declared.returns[0].type;
  std::vector<SchemaArgument> arguments = emitFormalArguments(declared);
  emitStatements(def_->body);
  handleMaybeNoReturn();
  // The return value is set by the exit transform; until then a typed placeholder.
  graph_->setInsertPoint(graph_->block());
  graph_->registerOutput(insertUninitialized(merged_return_type_, SourceRange()));
  FunctionSchema schema;
  schema.name = def_->name.name;
  schema.arguments = std::move(arguments);
  SchemaArgument ret;
  ret.type = merged_return_type_;
  ret.type_text = ret.type->str();
  schema.returns.push_back(std::move(ret));
  return schema;
}

}  // namespace wick::jit::frontend
