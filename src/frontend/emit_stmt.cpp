// Statements: assignments, control flow, returns, raise/assert, del.
#include <limits>
#include <set>

#include "frontend/builtins.h"
#include "frontend/diagnostics.h"
#include "frontend/emitter.h"
#include "frontend/schema_matching.h"
#include "frontend/unit.h"

namespace wick::jit::frontend {

namespace {

// Restores the graph's insert point when leaving a scope.
class InsertPointGuard {
 public:
  explicit InsertPointGuard(Graph& g) : g_(g), saved_(g.insertPoint()) {}
  ~InsertPointGuard() { g_.restoreInsertPoint(saved_); }
  InsertPointGuard(const InsertPointGuard&) = delete;
  InsertPointGuard& operator=(const InsertPointGuard&) = delete;

 private:
  Graph& g_;
  InsertPoint saved_;
};

class LoopStatusGuard {
 public:
  LoopStatusGuard(LoopStatus* status, LoopStatus value) : status_(status), saved_(*status) {
    *status = value;
  }
  ~LoopStatusGuard() { *status_ = saved_; }

 private:
  LoopStatus* status_;
  LoopStatus saved_;
};

Value* asSimpleValue(const SugaredPtr& v) {
  auto* s = dynamic_cast<SimpleValue*>(v.get());
  return s ? s->value() : nullptr;
}

// The operator of `x op= y`: in place for tensors and lists, as TorchScript does.
std::string augOpName(const AugAssignStmt& s, const TypePtr& type) {
  bool inplace = type->kind() == TypeKind::Tensor || type->kind() == TypeKind::List;
  switch (s.op) {
    case BinOp::Add: return inplace ? "aten::add_" : "aten::add";
    case BinOp::Sub: return inplace ? "aten::sub_" : "aten::sub";
    case BinOp::Div: return inplace ? "aten::div_" : "aten::div";
    case BinOp::Mul: return inplace ? "aten::mul_" : "aten::mul";
    case BinOp::Mod: return inplace ? "aten::fmod_" : "aten::fmod";
    case BinOp::FloorDiv: return "aten::floordiv";
    case BinOp::BitOr: return inplace ? "aten::bitwise_or" : "aten::__or__";
    case BinOp::BitAnd: return inplace ? "aten::bitwise_and" : "aten::__and__";
    case BinOp::BitXor: return inplace ? "aten::bitwise_xor" : "aten::__xor__";
    case BinOp::LShift: return "aten::__lshift__";
    case BinOp::RShift: return inplace ? "aten::__irshift__" : "aten::__rshift__";
    case BinOp::Pow: return "aten::pow";
    default: failAt(s.range, "unknown augmented assignment: ", binOpSpelling(s.op), "=");
  }
}

const char* augMagic(BinOp op, bool inplace) {
  switch (op) {
    case BinOp::Add: return inplace ? "__iadd__" : "__add__";
    case BinOp::Sub: return inplace ? "__isub__" : "__sub__";
    case BinOp::Div: return inplace ? "__itruediv__" : "__truediv__";
    case BinOp::Mul: return inplace ? "__imul__" : "__mul__";
    case BinOp::Mod: return inplace ? "__imod__" : "__mod__";
    default: return nullptr;
  }
}

}  // namespace

void FunctionEmitter::emitStatements(const StmtList& stmts) {
  for (const StmtPtr& s : stmts) {
    emitStatement(s);
    // After a return, raise, break or continue the rest of the block is unreachable.
    if (exit_blocks_.count(env_->block())) return;
  }
}

void FunctionEmitter::emitStatement(const StmtPtr& s) {
  switch (s->kind) {
    case StmtKind::If: return emitIf(s->as<IfStmt>());
    case StmtKind::While: return emitWhile(s->as<WhileStmt>());
    case StmtKind::For: {
      const auto& f = s->as<ForStmt>();
      return emitFor(f.targets, f.iter, f.range, [&] { emitStatements(f.body); });
    }
    case StmtKind::Assign: return emitAssignment(s->as<AssignStmt>());
    case StmtKind::AugAssign: return emitAugAssignment(s->as<AugAssignStmt>());
    case StmtKind::Expr: emitSugaredExpr(s->as<ValueStmt>().value, 0); return;
    case StmtKind::Raise: return emitRaise(s->as<ValueStmt>());
    case StmtKind::Assert: return emitAssert(s->as<AssertStmt>());
    case StmtKind::Return: return emitReturn(s->as<ValueStmt>());
    case StmtKind::Break: return emitBreakContinue(*s, true);
    case StmtKind::Continue: return emitBreakContinue(*s, false);
    case StmtKind::Pass: return;
    case StmtKind::Delete: return emitDelete(s->as<ValueStmt>());
    case StmtKind::With: return emitWith(s->as<WithStmt>());
    case StmtKind::Def: failAt(s->range, "nested function definitions are not supported");
    case StmtKind::Class: failAt(s->range, "class definitions are only allowed at the top level");
    default: failAt(s->range, "unsupported statement");
  }
}

// ---- assignments ----

void FunctionEmitter::emitAssignment(const AssignStmt& s) {
  if (!s.value) failAt(s.range, "for an assignment, expected an expression on the right-hand side");
  if (s.targets.size() == 1)
    return emitSingleAssignment(s.range, s.targets[0], s.value, s.annotation);
  // a = b = expr: expr is emitted once, then assigned from left to right.
  std::string tmp = "$tmp_assign_" + std::to_string(temp_count_++);
  env_->setSugaredVar(s.value->range, tmp, emitSugaredExpr(s.value, 1), nullptr);
  auto name = std::make_shared<NameExpr>(s.value->range, tmp);
  for (const ExprPtr& target : s.targets) emitSingleAssignment(s.range, target, name, nullptr);
}

void FunctionEmitter::emitSingleAssignment(const SourceRange& range, const ExprPtr& lhs,
                                           const ExprPtr& rhs, const ExprPtr& annotation) {
  switch (lhs->kind) {
    case ExprKind::Name: {
      TypePtr type = annotation ? type_parser_.parse(*annotation) : nullptr;
      SugaredPtr value = emitSugaredExpr(rhs, 1, type);
      env_->setSugaredVar(lhs->range, lhs->as<NameExpr>().id, value, type);
      return;
    }
    case ExprKind::Tuple:
      if (annotation) failAt(annotation->range, "tuple assignments cannot be annotated");
      return emitTupleAssign(lhs->as<SequenceExpr>(), rhs);
    case ExprKind::Attribute:
      return emitSelectAssign(range, lhs->as<AttributeExpr>(), rhs, annotation);
    case ExprKind::Subscript:
      emitSubscriptAssign(range, lhs->as<SubscriptExpr>(), NamedValue(rhs->range, emitExpr(rhs)));
      return;
    default: failAt(lhs->range, "unexpected expression on left-hand side of assignment");
  }
}

bool FunctionEmitter::validateAssignLhs(const std::vector<ExprPtr>& lhs, const SourceRange& range) {
  size_t normal = 0, starred = 0;
  for (const ExprPtr& e : lhs) {
    if (e->kind == ExprKind::Name || e->kind == ExprKind::Subscript || e->kind == ExprKind::Tuple) {
      ++normal;
    } else if (e->kind == ExprKind::Starred) {
      ++starred;
    } else {
      failAt(e->range, "lhs of assignment must be a variable, subscript, or starred expression");
    }
  }
  if (starred > 1) failAt(range, "only one starred expression is allowed on the lhs");
  if (starred > 0 && normal == 0) {
    failAt(range,
           "a starred expression may only appear on the lhs within the presence of another "
           "non-starred expression");
  }
  return starred > 0;
}

void FunctionEmitter::emitTupleAssign(const SequenceExpr& lhs, const ExprPtr& rhs) {
  size_t n_binders = lhs.elts.size();
  bool starred = validateAssignLhs(lhs.elts, lhs.range);
  if (starred) --n_binders;
  SugaredPtr output = emitSugaredExpr(rhs, n_binders);
  emitTupleAssign(lhs, output, rhs->range, n_binders, starred);
}

void FunctionEmitter::emitTupleAssign(const SequenceExpr& lhs, const SugaredPtr& rhs,
                                      const SourceRange& rhs_loc, size_t n_binders, bool starred) {
  std::vector<SugaredPtr> outputs =
      rhs->asTuple(rhs_loc, *this, starred ? std::nullopt : std::optional<size_t>(n_binders));
  if (outputs.size() < n_binders) {
    failAt(lhs.range, "need ", starred ? "at least " : "", n_binders,
           " values to unpack but found only ", outputs.size());
  }
  if (outputs.size() > n_binders && !starred) {
    failAt(lhs.range, "too many values to unpack: need ", n_binders, " but found ", outputs.size());
  }
  emitExprsAssign(lhs.elts, outputs, rhs_loc, n_binders);
}

void FunctionEmitter::emitExprsAssign(const std::vector<ExprPtr>& lhs,
                                      const std::vector<SugaredPtr>& values,
                                      const SourceRange& rhs_loc, size_t n_binders) {
  size_t i = 0;
  for (const ExprPtr& target : lhs) {
    switch (target->kind) {
      case ExprKind::Subscript:
        emitSubscriptAssign(rhs_loc, target->as<SubscriptExpr>(),
                            NamedValue(rhs_loc, values.at(i)->asValue(rhs_loc, *this)));
        ++i;
        break;
      case ExprKind::Name:
        env_->setSugaredVar(target->range, target->as<NameExpr>().id, values.at(i), nullptr);
        ++i;
        break;
      case ExprKind::Starred: {
        const ExprPtr& var = target->as<StarredExpr>().value;
        if (var->kind != ExprKind::Name)
          failAt(var->range, "cannot pack a tuple into a non-variable");
        size_t n_matched = values.size() - n_binders;
        std::vector<Value*> packed;
        for (size_t k = 0; k < n_matched; ++k)
          packed.push_back(values.at(i + k)->asValue(target->range, *this));
        Value* tuple = insertNode(graph_->createTupleConstruct(packed), SourceRange())->output();
        env_->setVar(var->range, var->as<NameExpr>().id, tuple);
        i += n_matched;
        break;
      }
      case ExprKind::Tuple: {
        const auto& sub = target->as<SequenceExpr>();
        size_t sub_binders = sub.elts.size();
        bool sub_starred = validateAssignLhs(sub.elts, sub.range);
        if (sub_starred) --sub_binders;
        emitTupleAssign(sub, values.at(i), rhs_loc, sub_binders, sub_starred);
        ++i;
        break;
      }
      default: failAt(target->range, "unexpected expression on the left-hand side");
    }
  }
}

void FunctionEmitter::emitSelectAssign(const SourceRange& range, const AttributeExpr& lhs,
                                       const ExprPtr& rhs, const ExprPtr& annotation) {
  TypePtr hint = annotation ? type_parser_.parse(*annotation) : nullptr;
  SugaredPtr object = emitSugaredExpr(lhs.value, 1);
  Value* value = emitSugaredExpr(rhs, 1, hint)->asValue(rhs->range, *this);
  object->setAttr(range, *this, lhs.attr.name, value);
}

void FunctionEmitter::emitSubscriptAssign(const SourceRange& range, const SubscriptExpr& lhs,
                                          NamedValue rhs) {
  Value* sliceable = emitExpr(lhs.value);
  if (sliceable->type()->kind() == TypeKind::Tensor) {
    auto [sliced, tensor_indices] = emitIntAndSliceIndexing(lhs.range, sliceable, lhs.indices);
    NamedValue target(lhs.range, sliced);
    // A number assigned into a tensor becomes a tensor of the target's dtype and device.
    TypeKind k = rhs.type()->kind();
    if (k == TypeKind::Number || k == TypeKind::Int || k == TypeKind::Bool ||
        k == TypeKind::Float) {
      Value* dtype = emitBuiltin(SourceRange(), "prim::dtype", {target});
      Value* device = emitBuiltin(SourceRange(), "prim::device", {target});
      rhs = NamedValue(rhs.loc, emitBuiltin(SourceRange(), "aten::tensor", {rhs},
                                            {NamedValue(SourceRange(), "dtype", dtype),
                                             NamedValue(SourceRange(), "device", device)}));
    }
    if (tensor_indices.empty()) {
      emitBuiltin(range, "aten::copy_", {target, rhs});
    } else {
      Value* indices = insertNode(graph_->createListConstruct(
                                      tensor_indices, OptionalType::create(TensorType::get())),
                                  SourceRange())
                           ->output();
      emitBuiltin(range, "aten::index_put_", {target, NamedValue(range, indices), rhs});
    }
    return;
  }
  if (lhs.indices.size() != 1 || lhs.indices[0]->kind == ExprKind::Slice) {
    failAt(lhs.range, "sliced expression not yet supported for subscripted assignment");
  }
  if (sliceable->type()->kind() == TypeKind::Tuple) {
    failAt(lhs.range, typeName(sliceable->type()), " does not support subscripted assignment");
  }
  Value* index = emitExpr(lhs.indices[0]);
  if (sliceable->type()->kind() == TypeKind::Class) {
    MethodValue(sliceable, "__setitem__")
        .call(range, *this, {NamedValue(range, index), rhs}, {}, 0);
    return;
  }
  emitBuiltin(range, "aten::_set_item",
              {NamedValue(lhs.value->range, "self", sliceable),
               NamedValue(lhs.indices[0]->range, "idx", index), rhs});
}

void FunctionEmitter::emitAugAssignment(const AugAssignStmt& s) {
  switch (s.target->kind) {
    case ExprKind::Name: {
      Value* lhs = emitExpr(s.target);
      Value* result = emitAugAssignmentHelper(s, lhs);
      env_->setVar(s.target->range, s.target->as<NameExpr>().id, result);
      return;
    }
    case ExprKind::Attribute: {
      const auto& a = s.target->as<AttributeExpr>();
      SugaredPtr object = emitSugaredExpr(a.value, 1);
      Value* lhs = object->attr(a.range, *this, a.attr.name)->asValue(a.range, *this);
      Value* result = emitAugAssignmentHelper(s, lhs);
      object->setAttr(s.range, *this, a.attr.name, result);
      return;
    }
    case ExprKind::Subscript: return emitAugAssignmentToSubscript(s);
    default:
      failAt(s.target->range, "unexpected expression on left-hand side of augmented assignment");
  }
}

Value* FunctionEmitter::emitAugAssignmentHelper(const AugAssignStmt& s, Value* lhs) {
  if (auto* ct = lhs->type()->cast<ClassType>()) {
    const char* inplace = augMagic(s.op, true);
    const char* outplace = augMagic(s.op, false);
    Value* rhs = emitExpr(s.value);
    const char* method = inplace && ct->findMethod(inplace)     ? inplace
                         : outplace && ct->findMethod(outplace) ? outplace
                                                                : nullptr;
    if (!method) {
      failAt(s.range, "cannot emit inplace op on ", ct->name(), " since it does not define an ",
             inplace ? inplace : "in-place", " or ", outplace ? outplace : "out-of-place",
             " method");
    }
    return MethodValue(lhs, method)
        .call(s.range, *this, {NamedValue(s.value->range, rhs)}, {}, 0)
        ->asValue(s.range, *this);
  }
  Value* rhs = emitExpr(s.value);
  return emitBuiltin(s.range, augOpName(s, lhs->type()),
                     {NamedValue(s.target->range, lhs), NamedValue(s.value->range, rhs)});
}

void FunctionEmitter::emitAugAssignmentToSubscript(const AugAssignStmt& s) {
  const auto& lhs = s.target->as<SubscriptExpr>();
  Value* sliceable = emitExpr(lhs.value);
  if (sliceable->type()->kind() == TypeKind::Tensor) {
    auto [sliced, tensor_indices] = emitIntAndSliceIndexing(lhs.range, sliceable, lhs.indices);
    NamedValue self(s.target->range, "self", sliced);
    NamedValue rhs(s.value->range, emitExpr(s.value));
    std::string op = augOpName(s, sliceable->type());
    if (tensor_indices.empty()) {
      emitBuiltin(s.range, op, {rhs}, {}, self);
      return;
    }
    Value* indices = insertNode(graph_->createListConstruct(
                                    tensor_indices, OptionalType::create(TensorType::get())),
                                SourceRange())
                         ->output();
    Value* indexed = emitBuiltin(s.range, "aten::index", {self, NamedValue(s.range, indices)});
    Value* augmented = emitBuiltin(s.range, op, {rhs}, {}, NamedValue(s.range, "self", indexed));
    emitBuiltin(s.range, "aten::index_put_",
                {self, NamedValue(s.range, indices), NamedValue(s.range, augmented)});
    return;
  }
  if (lhs.indices.size() != 1 || lhs.indices[0]->kind == ExprKind::Slice) {
    failAt(lhs.range, "sliced expression not yet supported for ", typeName(sliceable->type()),
           " augmented assignment");
  }
  TypePtr elem;
  if (const auto* l = sliceable->type()->cast<ListType>()) elem = l->elem();
  if (const auto* d = sliceable->type()->cast<DictType>()) elem = d->key();
  if (!elem)
    failAt(lhs.range, typeName(sliceable->type()), " does not support augmented assignment");
  Value* index = emitExpr(lhs.indices[0]);
  NamedValue container(lhs.value->range, sliceable);
  NamedValue idx(lhs.indices[0]->range, "idx", index);
  Value* value = emitExpr(s.value);
  Value* item = emitBuiltin(s.range, "aten::__getitem__", {container, idx});
  Value* augmented = emitBuiltin(s.range, augOpName(s, elem),
                                 {NamedValue(s.range, item), NamedValue(s.value->range, value)});
  emitBuiltin(s.range, "aten::_set_item", {container, idx, NamedValue(s.range, augmented)});
}

// ---- if ----

void FunctionEmitter::insertRefinements(const SourceRange& loc, const RefinementSet& refinements) {
  for (const Refinement& r : refinements.active()) {
    SugaredPtr v = env_->findInAnyFrame(r.name);
    Value* value = asSimpleValue(v);
    if (!value) continue;
    env_->setVar(loc, r.name, insertUncheckedCast(value, r.type, loc));
  }
}

std::shared_ptr<Environment> FunctionEmitter::emitSingleIfBranch(Block* b, const StmtList& body,
                                                                 const RefinementSet& refinements) {
  pushFrame(b);
  InsertPointGuard guard(*graph_);
  graph_->setInsertPoint(b);
  insertRefinements(SourceRange(), refinements);
  emitStatements(body);
  return popFrame();
}

void FunctionEmitter::emitIf(const IfStmt& s) {
  CondValue cond = emitCondExpr(s.cond);
  emitIfElseBlocks(s.range, cond, s.then_body, s.else_body);
}

void FunctionEmitter::emitIfElseBlocks(const SourceRange& loc, const CondValue& cond,
                                       const StmtList& then_body, const StmtList& else_body) {
  // A statically known condition (`x is None` on a non-Optional x) emits one branch only.
  if (cond.static_if) {
    if (*cond.static_if) {
      insertRefinements(loc, cond.refinements);
      emitStatements(then_body);
    } else {
      insertRefinements(loc, cond.refinements.Not());
      emitStatements(else_body);
    }
    return;
  }
  Node* n = insertNode(graph_->create(prim::kIf, {cond.value}, 0), loc);
  Block* true_block = n->addBlock();
  Block* false_block = n->addBlock();
  IfBranch t{true_block, emitSingleIfBranch(true_block, then_body, cond.refinements), false};
  IfBranch f{false_block, emitSingleIfBranch(false_block, else_body, cond.refinements.Not()),
             false};
  t.exits = exit_blocks_.count(true_block) > 0;
  f.exits = exit_blocks_.count(false_block) > 0;
  if (t.exits && f.exits) exit_blocks_.insert(n->owningBlock());
  mergeIfVariables(loc, t, f);
}

// A variable assigned in a branch stays defined after the if only when every path that
// continues past the if assigns it (a branch that exits does not continue).
void FunctionEmitter::mergeIfVariables(const SourceRange& loc, const IfBranch& t,
                                       const IfBranch& f) {
  std::set<std::string> mutated;
  size_t line = loc.valid() ? loc.line() : 0;
  auto collect = [&](const IfBranch& from, const IfBranch& other, const char* other_name) {
    for (const std::string& v : from.env->definedVariables()) {
      InsertPointGuard guard(*graph_);
      graph_->setInsertPoint(other.block);
      if (other.env->findInAnyFrame(v) || other.exits) {
        mutated.insert(v);
      } else {
        std::string msg = v + " is not defined in the " + other_name +
                          " branch of the if statement at line " + std::to_string(line);
        env_->setVariableTypeError(v, [msg] { return msg; });
      }
    }
  };
  collect(t, f, "false");
  collect(f, t, "true");
  if (t.exits && f.exits) return;
  for (const std::string& x : mutated) {
    Value* tv = t.exits ? nullptr : branchValue(t, x);
    Value* fv = f.exits ? nullptr : branchValue(f, x);
    if (!tv) tv = exitPlaceholder(t.block, x, fv->type());
    if (!fv) fv = exitPlaceholder(f.block, x, tv->type());
    auto unified = unifyTypes(tv->type(), fv->type());
    // A variable that already holds a union (or Optional, or number) before the if may take
    // a different member in each branch; it then holds their union (as PyTorch does).
    if (!unified) {
      TypePtr outer = env_->findTypeInAnyFrame(x);
      if (outer && (outer->kind() == TypeKind::Union || outer->kind() == TypeKind::Optional ||
                    outer->kind() == TypeKind::Number)) {
        unified = unifyTypesOrUnion(tv->type(), fv->type());
      }
    }
    if (!unified) {
      std::string msg = "type mismatch: " + x + " is set to type " + typeName(tv->type()) +
                        " in the true branch and type " + typeName(fv->type()) +
                        " in the false branch";
      if (env_->findTypeInAnyFrame(x)) failAt(loc, msg);
      env_->setVariableTypeError(
          x, [msg, line] { return msg + " of the if statement at line " + std::to_string(line); });
      continue;
    }
    env_->setType(x, *unified);
  }
}

Value* FunctionEmitter::branchValue(const IfBranch& b, const std::string& name) {
  InsertPointGuard guard(*graph_);
  graph_->setInsertPoint(b.block);
  SugaredPtr v = b.env->findInAnyFrame(name);
  auto* s = dynamic_cast<SimpleValue*>(v.get());
  return s ? s->value() : nullptr;
}

// The branch that exits never continues past the if; the variable gets a placeholder there.
Value* FunctionEmitter::exitPlaceholder(Block* b, const std::string& name, const TypePtr& type) {
  Node* u = graph_->create(prim::kUninitialized, 1);
  u->output()->setType(type);
  u->insertBefore(b->returnNode());
  Node* store = graph_->create(fe_kind::store(), {u->output()}, 0);
  store->setAttr("name", IValue(name));
  store->insertBefore(b->returnNode());
  return u->output();
}

// ---- loops ----

void FunctionEmitter::emitWhile(const WhileStmt& s) {
  emitLoopCommon(
      s.range, [&] { emitStatements(s.body); }, nullptr, nullptr, s.cond);
}

void FunctionEmitter::emitFor(const std::vector<ExprPtr>& targets, const ExprPtr& iter,
                              const SourceRange& loc, const std::function<void()>& body) {
  SugaredPtr iterable = emitSugaredExpr(iter, 1)->iter(loc, *this);
  // Tuples have a static length and heterogeneous elements: their loops are unrolled.
  if (iterable->staticLen()) {
    emitUnrolledLoop(loc, body, iterable, targets);
  } else {
    emitLoopCommon(loc, body, iterable, &targets, nullptr);
  }
}

void FunctionEmitter::emitLoopCommon(const SourceRange& loc, const std::function<void()>& body,
                                     const SugaredPtr& iterable,
                                     const std::vector<ExprPtr>* targets, const ExprPtr& cond) {
  Value* max_trip = iterable
                        ? iterable->len(loc, *this)
                        : materializeConstant(IValue(std::numeric_limits<int64_t>::max()), loc);
  Node* n = insertNode(graph_->create(prim::kLoop, 0), loc);
  Block* body_block = n->addBlock();
  {
    // The condition is emitted into a second block; the SSA conversion moves it into place.
    Block* cond_block = n->addBlock();
    pushFrame(cond_block);
    InsertPointGuard guard(*graph_);
    Value* out;
    if (cond) {
      graph_->setInsertPoint(cond_block);
      out = emitToBool(cond->range, emitExpr(cond));
    } else {
      graph_->setInsertPoint(n);
      out = insertConstant(IValue(true), loc);
    }
    cond_block->registerOutput(out);
    popFrame();
  }
  n->addInput(max_trip);
  LoopStatusGuard status(&loop_status_, LoopStatus::InLoop);
  Value* trip_count = body_block->addInput();
  trip_count->setType(IntType::get());
  pushFrame(body_block);
  {
    InsertPointGuard guard(*graph_);
    graph_->setInsertPoint(body_block);
    if (iterable && targets) {
      Value* element = iterable->getitem(loc, *this, trip_count, nullptr)->asValue(loc, *this);
      validateAssignLhs(*targets, loc);
      std::vector<ExprPtr> lhs = *targets;
      if (lhs.size() > 1) {
        lhs = {std::make_shared<SequenceExpr>(ExprKind::Tuple, loc, *targets)};
      }
      emitExprsAssign(lhs, {std::make_shared<SimpleValue>(element)}, loc, 1);
    }
    body();
  }
  popFrame();
}

void FunctionEmitter::emitUnrolledLoop(const SourceRange& loc, const std::function<void()>& body,
                                       const SugaredPtr& iterable,
                                       const std::vector<ExprPtr>& targets) {
  int64_t len = *iterable->staticLen();
  LoopStatusGuard status(&loop_status_, LoopStatus::InUnrolledLoop);
  std::vector<ExprPtr> lhs = targets;
  if (lhs.size() > 1) lhs = {std::make_shared<SequenceExpr>(ExprKind::Tuple, loc, targets)};
  // No new scope: the elements of a tuple may have different types.
  for (int64_t i = 0; i < len; ++i) {
    Value* index = materializeConstant(IValue(i), loc);
    SugaredPtr element = iterable->getitem(loc, *this, index, nullptr);
    emitExprsAssign(lhs, {element}, loc, 1);
    body();
  }
}

void FunctionEmitter::emitBreakContinue(const Stmt& s, bool is_break) {
  const char* what = is_break ? "break" : "continue";
  if (loop_status_ == LoopStatus::NotInLoop)
    failAt(s.range, "SyntaxError: '", what, "' outside loop");
  if (loop_status_ == LoopStatus::InUnrolledLoop) {
    failAt(s.range, "loops over tuples are unrolled, so '", what, "' is not supported inside them");
  }
  insertNode(graph_->create(is_break ? fe_kind::breakStmt() : fe_kind::continueStmt(), 0), s.range);
}

// ---- exits ----

void FunctionEmitter::emitReturn(const ValueStmt& s) {
  TypePtr result_type = declared_return_type_;
  ExprPtr expr = s.value ? s.value : std::make_shared<Expr>(ExprKind::None, s.range);
  Value* result = emitExpr(expr, result_type);
  if (result_type) {
    // No implicit None -> Tensor conversion: a forgotten return value must be an error.
    if (!(result_type->kind() == TypeKind::Tensor && result->type()->kind() == TypeKind::None)) {
      result = tryConvertToType(s.range, *this, result_type, result, true);
    }
    if (!result->type()->isSubtypeOf(*result_type)) {
      failAt(s.range, "return value was annotated as having type ", typeName(result_type),
             " but is actually of type ", typeName(result->type()));
    }
  } else {
    result_type = merged_return_type_ ? merged_return_type_ : result->type();
    auto merged = unifyTypes(result_type, result->type());
    if (!merged) {
      failAt(s.range, "previous return statement returned a value of type ", typeName(result_type),
             " but this return statement returns a value of type ", typeName(result->type()));
    }
    result_type = *merged;
  }
  merged_return_type_ = result_type;
  insertNode(graph_->create(fe_kind::returnStmt(), {result}, 0), s.range);
  exit_blocks_.insert(env_->block());
}

void FunctionEmitter::emitRaise(const ValueStmt& s) {
  if (!s.value) failAt(s.range, "a bare 'raise' (re-raising) is not supported");
  SugaredPtr sv = emitSugaredExpr(s.value, 1);
  Value* message = nullptr;
  Value* cls = nullptr;
  if (auto* m = dynamic_cast<ExceptionMessageValue*>(sv.get())) {
    message = m->message();
    cls = m->qualifiedClass();
  } else if (dynamic_cast<ExceptionValue*>(sv.get())) {
    // A bare exception class raises with an empty message and no class, as in TorchScript.
    message = insertConstant(IValue(std::string()), s.range);
  } else {
    failAt(s.range, "exceptions must derive from BaseException");
  }
  if (message->type()->kind() != TypeKind::Str) {
    message = emitBuiltin(s.range, "aten::str", {NamedValue(s.range, message)});
  }
  if (!cls) cls = insertConstant(IValue(), SourceRange());
  insertNode(graph_->create(prim::kRaiseException, {message, cls}, 0), s.range);
  exit_blocks_.insert(env_->block());
}

void FunctionEmitter::emitAssert(const AssertStmt& s) {
  CondValue cond = emitCondExpr(s.test);
  // `assert c, msg` is `if c: pass else: raise AssertionError(msg)`.
  ExprPtr msg = s.msg ? s.msg : std::make_shared<StringExpr>(s.range, "");
  auto callee = std::make_shared<NameExpr>(s.range, "AssertionError");
  auto call = std::make_shared<CallExpr>(s.range, callee, std::vector<ExprPtr>{msg},
                                         std::vector<Keyword>{});
  StmtList else_body{std::make_shared<ValueStmt>(StmtKind::Raise, s.range, call)};
  emitIfElseBlocks(s.range, cond, {}, else_body);
}

void FunctionEmitter::emitDelete(const ValueStmt& s) {
  std::vector<ExprPtr> targets;
  if (s.value->kind == ExprKind::Tuple) {
    targets = s.value->as<SequenceExpr>().elts;
  } else {
    targets = {s.value};
  }
  for (const ExprPtr& target : targets) {
    if (target->kind == ExprKind::Name) {
      const std::string& name = target->as<NameExpr>().id;
      if (!env_->findTypeInAnyFrame(name)) failAt(target->range, "undefined value ", name);
      env_->removeVar(name);
      continue;
    }
    if (target->kind != ExprKind::Subscript) {
      failAt(target->range,
             "del statements are only supported for deleting list and dict items and variables");
    }
    const auto& sub = target->as<SubscriptExpr>();
    if (sub.indices.size() != 1 || sub.indices[0]->kind == ExprKind::Slice) {
      failAt(target->range, "del statements only support deletion at a single index");
    }
    Value* container = emitExpr(sub.value);
    Value* index = emitExpr(sub.indices[0]);
    if (container->type()->kind() == TypeKind::Class) {
      MethodValue(container, "__delitem__")
          .call(s.range, *this, {NamedValue(s.range, index)}, {}, 0);
    } else {
      emitBuiltin(
          target->range, "aten::Delete",
          {NamedValue(sub.value->range, container), NamedValue(sub.indices[0]->range, index)});
    }
  }
}

}  // namespace wick::jit::frontend
