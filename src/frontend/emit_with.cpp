// `with` statements: each item's object gets a prim::Enter (its __enter__ result is the `as`
// target) before the body and a prim::Exit after it, innermost first, in the current block
// as PyTorch emits them. The exit transform treats the span between them as one unit so an
// early return or break inside the body still runs __exit__ (exit_transform.cpp).
#include "frontend/diagnostics.h"
#include "frontend/emitter.h"
#include "frontend/schema_matching.h"
#include "frontend/unit.h"

namespace wick::jit::frontend {

namespace {

// The method `name` of the class of a with item, compiled so its schema is known.
Function* contextMethod(FunctionEmitter& e, const ClassType& cls, const char* name,
                        const SourceRange& loc) {
  auto* fn = dynamic_cast<Function*>(cls.findMethod(name));
  if (!fn) return nullptr;
  e.unit().ensureDefined(*fn, loc);
  return fn;
}

}  // namespace

void FunctionEmitter::emitWith(const WithStmt& s) {
  std::vector<Value*> entered;
  for (const WithItem& item : s.items) {
    Value* object = emitExpr(item.value);
    const SourceRange& loc = item.value->range;
    const auto* cls = object->type()->cast<ClassType>();
    if (!cls) failAt(loc, "With item expression must return an object");
    Function* enter = contextMethod(*this, *cls, "__enter__", loc);
    Function* exit = contextMethod(*this, *cls, "__exit__", loc);
    if (!enter || !exit) {
      failAt(loc,
             "Object returned by with item expression does not define __enter__ and __exit__ "
             "methods");
    }
    const FunctionSchema& enter_schema = enter->schema();
    if (enter_schema.arguments.size() != 1 || enter_schema.returns.size() != 1) {
      failAt(loc, "__enter__ must have only one argument and one return value");
    }
    const FunctionSchema& exit_schema = exit->schema();
    if (exit_schema.arguments.size() != 4) failAt(loc, "__exit__ must have four arguments");
    for (size_t i = 1; i < 4; ++i) {
      const TypePtr& t = exit_schema.arguments[i].type;
      if (t->kind() != TypeKind::Any) {
        failAt(loc, "argument ", i, " of __exit__ must have Any type; found ", typeName(t));
      }
    }
    Node* n = insertNode(graph_->create(prim::kEnter, {object}, 1), loc);
    n->output()->setType(enter_schema.returns[0].type);
    entered.push_back(object);
    if (!item.target) continue;
    if (item.target->kind != ExprKind::Name) {
      failAt(item.target->range, "the target of 'with ... as' must be a plain name");
    }
    env_->setVar(item.target->range, item.target->as<NameExpr>().id, n->output());
  }
  emitStatements(s.body);
  for (auto it = entered.rbegin(); it != entered.rend(); ++it) {
    // PyTorch gives the exit node one (unused) output of type Tensor.
    insertNode(graph_->create(prim::kExit, {*it}, 1), s.range)
        ->output()
        ->setType(TensorType::get());
  }
}

}  // namespace wick::jit::frontend
