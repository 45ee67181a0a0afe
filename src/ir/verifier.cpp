#include "ir/verifier.h"

#include <algorithm>
#include <unordered_set>

#include "ir/op_resolution.h"
#include "ir/printer.h"

namespace wick::jit {

namespace {

// Builds the message only when the check fails.
#define WICK_VERIFY(cond, node, ...)                                          \
  do {                                                                        \
    if (WICK_UNLIKELY(!(cond))) fail(node, ::wick::detail::str(__VA_ARGS__)); \
  } while (0)

bool isIntLike(TypeKind k) {
  return k == TypeKind::Int || k == TypeKind::ScalarType || k == TypeKind::Layout ||
         k == TypeKind::MemoryFormat;
}

// Can a value typed `actual` flow where `expected` is declared? Tensor types may differ in
// their details (passes refine them), and dtype/layout spellings of int are ints.
bool compatible(const TypePtr& actual, const TypePtr& expected) {
  if (!actual || !expected) return false;
  if (actual->isSubtypeOf(*expected)) return true;
  // A union fits where each of its members fits; a value fits a union that has a fitting member.
  if (const auto* u = actual->cast<UnionType>()) {
    for (const TypePtr& m : u->members())
      if (!compatible(m, expected)) return false;
    return true;
  }
  if (const auto* u = expected->cast<UnionType>()) {
    for (const TypePtr& m : u->members())
      if (compatible(actual, m)) return true;
    return false;
  }
  TypeKind a = actual->kind(), e = expected->kind();
  if (a == TypeKind::Tensor && e == TypeKind::Tensor) return true;
  if (isIntLike(a) && isIntLike(e)) return true;
  if (e == TypeKind::Number)
    return a == TypeKind::Int || a == TypeKind::Float || a == TypeKind::Bool;
  if (e == TypeKind::Optional) {
    return a == TypeKind::None ||
           compatible(actual, static_cast<const OptionalType&>(*expected).elem()) ||
           (a == TypeKind::Optional &&
            compatible(static_cast<const OptionalType&>(*actual).elem(),
                       static_cast<const OptionalType&>(*expected).elem()));
  }
  if (a == TypeKind::List && e == TypeKind::List) {
    return compatible(static_cast<const ListType&>(*actual).elem(),
                      static_cast<const ListType&>(*expected).elem());
  }
  if (a == TypeKind::Tuple && e == TypeKind::Tuple) {
    const auto& x = static_cast<const TupleType&>(*actual).elements();
    const auto& y = static_cast<const TupleType&>(*expected).elements();
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i)
      if (!compatible(x[i], y[i])) return false;
    return true;
  }
  return false;
}

bool hasTypeVars(const Type& t) {
  if (t.kind() == TypeKind::Var || t.kind() == TypeKind::Any) return true;
  for (const TypePtr& c : t.containedTypes())
    if (hasTypeVars(*c)) return true;
  return false;
}

class Verifier {
 public:
  Verifier(const Graph& g, const VerifyOptions& options) : g_(g), options_(options) {}

  void run() {
    collectNodes(g_.block());
    checkParams(g_.block(), nullptr);
    checkBlock(g_.block());
    for (size_t i = 0; i < g_.outputs().size(); ++i) {
      Value* v = g_.outputs()[i];
      WICK_VERIFY(v && visible_.count(v), nullptr, "graph output ", i,
                  " is not defined in the graph");
      checkUse(v, g_.returnNode(), i, nullptr);
    }
  }

 private:
  [[noreturn]] void fail(const Node* n, const std::string& msg) {
    PrintOptions options;
    options.highlight = n;
    WICK_FAIL("graph verification failed: ", msg, "\n", printGraph(g_, options));
  }

  std::string name(const Value* v) { return "%" + v->displayName(); }

  void collectNodes(const Block* b) {
    nodes_.insert(b->param());
    nodes_.insert(b->returnNode());
    for (const Node* n : *b) {
      nodes_.insert(n);
      for (const Block* nb : n->blocks()) collectNodes(nb);
    }
  }

  void checkParams(const Block* b, const Node* owner) {
    for (size_t i = 0; i < b->inputs().size(); ++i) {
      Value* v = b->inputs()[i];
      WICK_VERIFY(v->node() == b->param() && v->offset() == i, owner, "block input ", name(v),
                  " does not point back to its block");
      WICK_VERIFY(v->type() != nullptr, owner, "block input ", name(v), " has no type");
      checkUsers(v, owner);
      visible_.insert(v);
    }
  }

  // Every use recorded on v is a real input of a node of the graph.
  void checkUsers(const Value* v, const Node* at) {
    for (const Use& u : v->uses()) {
      WICK_VERIFY(nodes_.count(u.user), at, name(v),
                  " has a use by a node that is not in the graph");
      WICK_VERIFY(u.offset < u.user->inputs().size() && u.user->inputs()[u.offset] == v, at,
                  name(v), " has a stale use (", u.user->kind(), " input ", u.offset, ")");
    }
  }

  // Input `i` of `user` is v, and v records that use once.
  void checkUse(const Value* v, const Node* user, size_t i, const Node* at) {
    auto count = std::count(v->uses().begin(), v->uses().end(), Use{const_cast<Node*>(user), i});
    WICK_VERIFY(count == 1, at, "the use list of ", name(v), " records input ", i, " of ",
                user->kind(), " ", count, " times");
  }

  void checkBlock(const Block* b) {
    std::vector<const Value*> defined;
    const Node* prev = b->param();
    for (const Node* n : *b) {
      WICK_VERIFY(n->owningBlock() == b && n->prev() == prev, n, "node list links are broken");
      WICK_VERIFY(n->kind() != prim::kParam && n->kind() != prim::kReturn, n, "stray ", n->kind(),
                  " node");
      prev = n;
      checkInputs(n);
      for (const Value* v : n->outputs())
        WICK_VERIFY(v->type() != nullptr, n, "output ", name(v), " has no type");
      checkKind(n);
      for (const Block* nb : n->blocks()) {
        WICK_VERIFY(nb->owningNode() == n, n, "block does not point back to its node");
        std::vector<const Value*> saved(visible_.begin(), visible_.end());
        checkParams(nb, n);
        checkBlock(nb);
        for (size_t i = 0; i < nb->outputs().size(); ++i) {
          Value* v = nb->outputs()[i];
          WICK_VERIFY(visible_.count(v), n, "block output ", name(v), " is not defined in scope");
          checkUse(v, nb->returnNode(), i, n);
        }
        visible_ = std::unordered_set<const Value*>(saved.begin(), saved.end());
      }
      for (size_t i = 0; i < n->outputs().size(); ++i) {
        Value* v = n->outputs()[i];
        WICK_VERIFY(v->node() == n && v->offset() == i, n, "output ", name(v),
                    " does not point back to its node");
        WICK_VERIFY(!visible_.count(v), n, name(v), " is defined twice");
        checkUsers(v, n);
        visible_.insert(v);
      }
    }
  }

  void checkInputs(const Node* n) {
    for (size_t i = 0; i < n->inputs().size(); ++i) {
      Value* v = n->inputs()[i];
      WICK_VERIFY(v != nullptr, n, "input ", i, " is null");
      WICK_VERIFY(visible_.count(v), n, "input ", name(v), " of ", n->kind(),
                  " is not defined before this node or not in scope");
      checkUse(v, n, i, n);
    }
  }

  void checkKind(const Node* n) {
    Symbol k = n->kind();
    if (k == prim::kIf) return checkIf(n);
    if (k == prim::kLoop) return checkLoop(n);
    WICK_VERIFY(n->blocks().empty(), n, n->kind(), " cannot have blocks");
    if (k == prim::kConstant) return checkConstant(n);
    if (k == prim::kListConstruct || k == prim::kListUnpack || k == prim::kTupleConstruct ||
        k == prim::kTupleUnpack || k == prim::kDictConstruct)
      return checkContainer(n);
    if (k == prim::kGetAttr || k == prim::kSetAttr || k == prim::kCallMethod)
      return checkObjectOp(n);
    if (k == prim::kCallFunction) {
      const IValue* fn = n->findAttr("name");
      WICK_VERIFY(fn && fn->isString(), n,
                  "prim::CallFunction needs a name=\"<qualified name>\" attribute");
      return;
    }
    if (isStructuralPrim(k)) return;
    checkOp(n);
  }

  void checkIf(const Node* n) {
    WICK_VERIFY(n->inputs().size() == 1 && n->input(0)->type()->kind() == TypeKind::Bool, n,
                "prim::If takes one bool input");
    WICK_VERIFY(n->blocks().size() == 2, n, "prim::If needs 2 blocks, it has ", n->blocks().size());
    for (const Block* b : n->blocks()) {
      WICK_VERIFY(b->inputs().empty(), n, "prim::If blocks take no inputs");
      WICK_VERIFY(b->outputs().size() == n->outputs().size(), n, "prim::If has ",
                  n->outputs().size(), " outputs but a block returns ", b->outputs().size());
      for (size_t i = 0; i < b->outputs().size(); ++i) {
        WICK_VERIFY(compatible(b->outputs()[i]->type(), n->output(i)->type()), n, "block output ",
                    name(b->outputs()[i]), " of type ", graphTypeString(*b->outputs()[i]->type()),
                    " does not fit output ", name(n->output(i)), " of type ",
                    graphTypeString(*n->output(i)->type()));
      }
    }
  }

  void checkLoop(const Node* n) {
    WICK_VERIFY(n->inputs().size() >= 2, n, "prim::Loop takes (max_trip_count, cond, carried...)");
    WICK_VERIFY(isIntLike(n->input(0)->type()->kind()), n,
                "prim::Loop's max_trip_count must be an int");
    WICK_VERIFY(n->input(1)->type()->kind() == TypeKind::Bool, n,
                "prim::Loop's condition must be a bool");
    WICK_VERIFY(n->blocks().size() == 1, n, "prim::Loop needs 1 block, it has ",
                n->blocks().size());
    size_t carried = n->inputs().size() - 2;
    const Block* b = n->blocks()[0];
    WICK_VERIFY(n->outputs().size() == carried, n, "prim::Loop carries ", carried,
                " values but has ", n->outputs().size(), " outputs");
    WICK_VERIFY(b->inputs().size() == carried + 1, n,
                "prim::Loop's block must take (i, carried...): ", carried + 1, " inputs, it has ",
                b->inputs().size());
    WICK_VERIFY(b->outputs().size() == carried + 1, n,
                "prim::Loop's block must return (cond, carried...): ", carried + 1,
                " outputs, it has ", b->outputs().size());
    WICK_VERIFY(isIntLike(b->inputs()[0]->type()->kind()), n,
                "prim::Loop's iteration counter must be an int");
    WICK_VERIFY(b->outputs()[0]->type()->kind() == TypeKind::Bool, n,
                "prim::Loop's block must return a bool condition first");
    for (size_t i = 0; i < carried; ++i) {
      const TypePtr& t = n->output(i)->type();
      WICK_VERIFY(compatible(n->input(i + 2)->type(), t) &&
                      compatible(b->inputs()[i + 1]->type(), t) &&
                      compatible(b->outputs()[i + 1]->type(), t),
                  n, "prim::Loop's carried value ", i, " changes type");
    }
  }

  void checkConstant(const Node* n) {
    WICK_VERIFY(n->inputs().empty() && n->outputs().size() == 1, n,
                "prim::Constant takes no inputs and has one output");
    const IValue* v = n->findAttr("value");
    const TypePtr& t = n->output()->type();
    if (!v) {
      WICK_VERIFY(t->kind() == TypeKind::None || t->kind() == TypeKind::Optional, n,
                  "a prim::Constant without a value is None, but its type is ",
                  graphTypeString(*t));
      return;
    }
    WICK_VERIFY(compatible(v->type(), t), n, "constant value of type ", v->typeName(),
                " does not fit its type ", graphTypeString(*t));
  }

  void checkContainer(const Node* n) {
    Symbol k = n->kind();
    bool construct =
        k == prim::kListConstruct || k == prim::kTupleConstruct || k == prim::kDictConstruct;
    if (construct) {
      WICK_VERIFY(n->outputs().size() == 1, n, n->kind(), " has one output");
    } else {
      WICK_VERIFY(n->inputs().size() == 1, n, n->kind(), " takes one input");
    }
    const TypePtr& t = construct ? n->output()->type() : n->input(0)->type();
    if (k == prim::kListConstruct || k == prim::kListUnpack) {
      const auto* l = t->cast<ListType>();
      WICK_VERIFY(l, n, n->kind(), " needs a list type, not ", graphTypeString(*t));
      for (const Value* v : construct ? n->inputs() : n->outputs())
        WICK_VERIFY(
            compatible(construct ? v->type() : l->elem(), construct ? l->elem() : v->type()), n,
            name(v), " does not fit the list's element type ", graphTypeString(*l->elem()));
    } else if (k == prim::kDictConstruct) {
      WICK_VERIFY(t->kind() == TypeKind::Dict && n->inputs().size() % 2 == 0, n,
                  "prim::DictConstruct takes key, value pairs and makes a Dict");
    } else {
      const auto* tt = t->cast<TupleType>();
      WICK_VERIFY(tt, n, n->kind(), " needs a tuple type, not ", graphTypeString(*t));
      const auto& vals = construct ? n->inputs() : n->outputs();
      WICK_VERIFY(vals.size() == tt->elements().size(), n, n->kind(), " has ", vals.size(),
                  " elements but the tuple type has ", tt->elements().size());
      for (size_t i = 0; i < vals.size(); ++i)
        WICK_VERIFY(compatible(construct ? vals[i]->type() : tt->elements()[i],
                               construct ? tt->elements()[i] : vals[i]->type()),
                    n, "tuple element ", i, " has the wrong type");
    }
  }

  void checkObjectOp(const Node* n) {
    const IValue* attr = n->findAttr("name");
    WICK_VERIFY(attr && attr->isString(), n, n->kind(), " needs a name=\"...\" attribute");
    WICK_VERIFY(!n->inputs().empty(), n, n->kind(), " takes the object as its first input");
    const auto* cls = n->input(0)->type()->cast<ClassType>();
    WICK_VERIFY(cls, n, n->kind(), " needs an object, not ", graphTypeString(*n->input(0)->type()));
    if (n->kind() == prim::kGetAttr) {
      WICK_VERIFY(n->inputs().size() == 1 && n->outputs().size() == 1, n,
                  "prim::GetAttr takes one input and has one output");
      WICK_VERIFY(cls->hasAttribute(attr->toStringRef()), n, "class ", cls->name(),
                  " has no attribute '", attr->toStringRef(), "'");
    } else if (n->kind() == prim::kSetAttr) {
      WICK_VERIFY(n->inputs().size() == 2 && n->outputs().empty(), n,
                  "prim::SetAttr takes (object, value) and has no outputs");
    }
  }

  void checkOp(const Node* n) {
    const OpInfo* op = n->op();
    if (!op) {
      WICK_VERIFY(options_.allow_unresolved_ops, n, n->kind(), " is not resolved to an operator");
      return;
    }
    const FunctionSchema& s = op->schema;
    WICK_VERIFY(s.name == n->kind().toQualString(), n, "node kind ", n->kind(),
                " does not match its operator ", s.qualifiedName());
    size_t nargs = s.arguments.size();
    WICK_VERIFY(s.is_vararg ? n->inputs().size() >= nargs : n->inputs().size() == nargs, n,
                s.qualifiedName(), " takes ", nargs, " inputs, the node has ", n->inputs().size());
    TypeBindings bindings;
    for (size_t i = 0; i < nargs; ++i) {
      WICK_VERIFY(schemaTypeAccepts(s.arguments[i].type, n->input(i)->type(), bindings), n,
                  "input ", name(n->input(i)), " of type ", graphTypeString(*n->input(i)->type()),
                  " does not fit argument '", s.arguments[i].name, "' of ", s.qualifiedName(), " (",
                  s.arguments[i].type_text, ")");
    }
    WICK_VERIFY(s.is_varret || n->outputs().size() == s.returns.size(), n, s.qualifiedName(),
                " returns ", s.returns.size(), " values, the node has ", n->outputs().size());
    for (size_t i = 0; i < s.returns.size() && i < n->outputs().size(); ++i) {
      const TypePtr& r = s.returns[i].type;
      if (hasTypeVars(*r)) continue;
      const TypePtr& t = n->output(i)->type();
      WICK_VERIFY(compatible(t, r) || compatible(r, t), n, "output ", name(n->output(i)),
                  " of type ", graphTypeString(*t), " does not fit the return type ",
                  s.returns[i].type_text, " of ", s.qualifiedName());
    }
  }

  const Graph& g_;
  const VerifyOptions& options_;
  std::unordered_set<const Node*> nodes_;
  std::unordered_set<const Value*> visible_;
};

}  // namespace

#undef WICK_VERIFY

void verify(const Graph& g, const VerifyOptions& options) { Verifier(g, options).run(); }

}  // namespace wick::jit
