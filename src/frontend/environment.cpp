#include "frontend/environment.h"

#include <algorithm>
#include <cctype>

#include "frontend/diagnostics.h"
#include "frontend/emitter.h"
#include "frontend/schema_matching.h"
#include "frontend/sugared_value.h"

namespace wick::jit::frontend {

namespace fe_kind {
Symbol store() {
  static const Symbol s = Symbol::prim("Store");
  return s;
}
Symbol load() {
  static const Symbol s = Symbol::prim("Load");
  return s;
}
Symbol returnStmt() {
  static const Symbol s = Symbol::prim("ReturnStmt");
  return s;
}
Symbol breakStmt() {
  static const Symbol s = Symbol::prim("BreakStmt");
  return s;
}
Symbol continueStmt() {
  static const Symbol s = Symbol::prim("ContinueStmt");
  return s;
}
Symbol loopContinuation() {
  static const Symbol s = Symbol::prim("LoopContinuation");
  return s;
}
Symbol comprehensionScope() {
  static const Symbol s = Symbol::prim("ComprehensionScope");
  return s;
}
Symbol with() {
  static const Symbol s = Symbol::prim("With");
  return s;
}
}  // namespace fe_kind

bool meaningfulName(std::string_view name) {
  if (name.empty() || name[0] == '$') return false;
  if (name[0] != '_') return true;
  for (size_t i = 1; i < name.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return true;
  }
  return false;
}

namespace {
Value* asSimple(const SugaredPtr& v) {
  auto* s = dynamic_cast<SimpleValue*>(v.get());
  return s ? s->value() : nullptr;
}
}  // namespace

Environment& Environment::root() {
  Environment* e = this;
  while (e->next_) e = e->next_.get();
  return *e;
}

const Environment& Environment::root() const {
  const Environment* e = this;
  while (e->next_) e = e->next_.get();
  return *e;
}

SugaredPtr Environment::insertLoad(const std::string& name, const TypePtr& type) {
  Graph& g = emitter_.graph();
  Node* n = g.create(fe_kind::load(), 1);
  n->setAttr("name", IValue(name));
  n->output()->setType(type);
  g.insertNode(n);
  if (meaningfulName(name)) n->output()->setDebugName(name);
  return std::make_shared<SimpleValue>(n->output());
}

void Environment::insertStore(const SourceRange& loc, const std::string& name, Value* v,
                              TypePtr type) {
  Graph& g = emitter_.graph();
  Node* n = g.create(fe_kind::store(), {v}, 0);
  n->setAttr("name", IValue(name));
  emitter_.insertNode(n, loc);
  type_table_[name] = std::move(type);
}

SugaredPtr Environment::findInThisFrame(const std::string& name) {
  auto it = value_table_.find(name);
  if (it != value_table_.end()) return it->second;
  auto t = type_table_.find(name);
  if (t != type_table_.end()) return insertLoad(name, t->second);
  return nullptr;
}

SugaredPtr Environment::findInParentFrame(const std::string& name) {
  return next_ ? next_->findInAnyFrame(name) : nullptr;
}

SugaredPtr Environment::findInAnyFrame(const std::string& name) {
  for (Environment* e = this; e; e = e->next_.get()) {
    if (SugaredPtr v = e->findInThisFrame(name)) return v;
  }
  return nullptr;
}

TypePtr Environment::findTypeInAnyFrame(const std::string& name) const {
  for (const Environment* e = this; e; e = e->next_.get()) {
    auto t = e->type_table_.find(name);
    if (t != e->type_table_.end()) return t->second;
  }
  return nullptr;
}

void Environment::setVar(const SourceRange& loc, const std::string& name, Value* value) {
  setSugaredVar(loc, name, std::make_shared<SimpleValue>(value), nullptr);
}

void Environment::setSugaredVar(const SourceRange& loc, const std::string& name, SugaredPtr value,
                                const TypePtr& annotated) {
  Value* simple = asSimple(value);
  // Naming a value defined in an outer block after a variable of this block would only
  // confuse readers of the graph.
  if (simple && !simple->hasDebugName() && meaningfulName(name) &&
      simple->node()->owningBlock() == block_) {
    simple->setDebugName(name);
  }
  if (SugaredPtr parent = findInParentFrame(name)) {
    if (annotated) {
      failAt(loc, "attempting to declare and annotate the type of variable '", name,
             "' but it is already defined in an outer block");
    }
    if (!simple) {
      failAt(loc, "cannot re-assign '", name, "' to a value of type ", value->kind(), " because ",
             name,
             " is not a first-class value; only first-class values can be "
             "reassigned");
    }
    Value* parent_value = asSimple(parent);
    if (!parent_value) {
      failAt(loc, "cannot re-assign '", name, "' because it has type ", parent->kind(), " and ",
             name,
             " is not a first-class value; only first-class values can be "
             "reassigned");
    }
    TypePtr parent_type = parent_value->type();
    simple = tryConvertToType(loc, emitter_, parent_type, simple, /*allow_conversions=*/true);
    if (!simple->type()->isSubtypeOf(*parent_type)) {
      std::string hint;
      if (parent_type->kind() == TypeKind::List && simple->type()->kind() == TypeKind::List) {
        hint =
            "; empty lists default to List[Tensor], annotate the assignment (x : List[T] = [])"
            " to create an empty list of another type";
      }
      failAt(loc, "variable '", name, "' previously had type ", typeName(parent_type),
             " but is now being assigned to a value of type ", typeName(simple->type()), hint);
    }
  }
  if (!simple) {
    value_table_[name] = std::move(value);
    return;
  }
  if (annotated && !simple->type()->isSubtypeOf(*annotated)) {
    failAt(loc, "variable '", name, "' is annotated with type ", typeName(annotated),
           " but is being assigned to a value of type ", typeName(simple->type()));
  }
  insertStore(loc, name, simple, annotated ? annotated : simple->type());
}

void Environment::removeVar(const std::string& name) {
  for (Environment* e = this; e; e = e->next_.get()) {
    e->value_table_.erase(name);
    e->type_table_.erase(name);
  }
}

std::vector<std::string> Environment::definedVariables() const {
  std::vector<std::string> out;
  out.reserve(type_table_.size());
  for (const auto& kv : type_table_) out.push_back(kv.first);
  std::sort(out.begin(), out.end());
  return out;
}

void Environment::setVariableTypeError(const std::string& name,
                                       std::function<std::string()> message) {
  root().error_messages_[name] = std::move(message);
}

std::optional<std::string> Environment::findVariableTypeError(const std::string& name) const {
  const auto& msgs = root().error_messages_;
  auto it = msgs.find(name);
  if (it == msgs.end()) return std::nullopt;
  return it->second();
}

// ---- refinements ----

namespace {

std::vector<Refinement> unionRefinements(const std::vector<Refinement>& a,
                                         const std::vector<Refinement>& b) {
  std::vector<Refinement> out = a;
  for (const Refinement& r : b) {
    auto it =
        std::find_if(out.begin(), out.end(), [&](const Refinement& e) { return e.name == r.name; });
    if (it == out.end()) {
      out.push_back(r);
    } else if (*it->type != *r.type) {
      // Conflicting refinements of one variable (isinstance(x, int) and isinstance(x, float))
      // refine nothing.
      out.erase(it);
    }
  }
  return out;
}

std::vector<Refinement> intersectRefinements(const std::vector<Refinement>& a,
                                             const std::vector<Refinement>& b) {
  std::vector<Refinement> out;
  for (const Refinement& r : a) {
    auto it =
        std::find_if(b.begin(), b.end(), [&](const Refinement& e) { return e.name == r.name; });
    if (it != b.end() && *it->type == *r.type) out.push_back(r);
  }
  return out;
}

}  // namespace

RefinementSet RefinementSet::And(const RefinementSet& rhs) const {
  return RefinementSet(unionRefinements(true_, rhs.true_),
                       intersectRefinements(false_, rhs.false_));
}

RefinementSet RefinementSet::Or(const RefinementSet& rhs) const {
  return RefinementSet(intersectRefinements(true_, rhs.true_),
                       unionRefinements(false_, rhs.false_));
}

}  // namespace wick::jit::frontend
