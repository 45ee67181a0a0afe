// Exit transform: removes prim::LoopContinuation (break/continue) and prim::ReturnStmt nodes.
// After an exit nothing else in its block runs; a node that *might* have exited (an if with
// a return in one branch) makes the rest of its block conditional on a "has exited" flag,
// and the exit values travel to their target block (the loop body or the graph) as If and
// Loop outputs. Blocks that always raise need no flag. This is PyTorch's algorithm, so the
// graphs have the same shape.
#include <unordered_map>

#include "frontend/environment.h"
#include "frontend/ssa.h"

namespace wick::jit::frontend {

namespace {

enum class ExitStatus { Will, Might, Wont, Throws };

struct ExitPair {
  Value* has_exited;
  std::vector<Value*> values;
};

std::optional<bool> constantBool(Value* v) {
  if (v->node()->kind() != prim::kConstant) return std::nullopt;
  const IValue* c = v->node()->findAttr("value");
  if (!c || !c->isBool()) return std::nullopt;
  return c->toBool();
}

class ExitTransformer {
 public:
  explicit ExitTransformer(Graph& g) : graph_(g) {
    InsertPoint saved = g.insertPoint();
    g.setInsertPoint(*g.block()->begin());
    true_ = g.insertConstant(IValue(true));
    false_ = g.insertConstant(IValue(false));
    g.restoreInsertPoint(saved);
    throws_ = unitValue(BoolType::get());
  }

  void run(Symbol exit_kind) {
    exit_kind_ = exit_kind;
    transformExits(graph_.block());
  }

 private:
  ExitPair wont() { return {false_, {}}; }
  ExitPair throws() { return {throws_, {}}; }

  ExitStatus status(const ExitPair& p) const {
    if (p.has_exited == true_) return ExitStatus::Will;
    if (p.has_exited == false_) return ExitStatus::Wont;
    if (p.has_exited == throws_) return ExitStatus::Throws;
    return ExitStatus::Might;
  }

  // One placeholder value per type, defined at the start of the graph.
  Value* unitValue(const TypePtr& type) {
    auto it = units_.find(type.get());
    if (it != units_.end()) return it->second;
    Node* n = graph_.create(prim::kUninitialized, 1);
    n->output()->setType(type);
    n->insertAfter(graph_.block()->param());
    units_[type.get()] = n->output();
    keep_alive_.push_back(type);
    return n->output();
  }

  std::vector<Value*> unitsLike(const std::vector<Value*>& values) {
    std::vector<Value*> out;
    for (Value* v : values) out.push_back(unitValue(v->type()));
    return out;
  }

  static void replaceBlockOutputs(Block* b, const std::vector<Value*>& outs) {
    while (!b->outputs().empty()) b->eraseOutput(0);
    for (Value* v : outs) b->registerOutput(v);
  }

  static void addIfOutputs(Node* n, const std::vector<Value*>& then_outs,
                           const std::vector<Value*>& else_outs) {
    for (size_t i = 0; i < then_outs.size(); ++i) {
      n->blocks()[0]->registerOutput(then_outs[i]);
      n->blocks()[1]->registerOutput(else_outs[i]);
      // Returns already fit the declared return type; values of different members of a
      // union return type leave the if as the union of their types.
      n->addOutput()->setType(unifyTypesOrUnion(then_outs[i]->type(), else_outs[i]->type()));
    }
  }

  static std::vector<Value*> lastOutputs(Node* n, size_t count) {
    const auto& outs = n->outputs();
    return {outs.end() - static_cast<std::ptrdiff_t>(count), outs.end()};
  }

  ExitPair transformLoop(Node* n) {
    Block* body = n->blocks()[0];
    ExitPair exit = transformExits(body);
    // Exits do not leave the loop, and a loop that may not run does not always throw.
    if (status(exit) == ExitStatus::Wont || status(exit) == ExitStatus::Throws) return wont();
    // The loop continues only while nothing has exited.
    Node* cont = graph_.create(prim::kIf, {exit.has_exited}, 0);
    body->appendNode(cont);
    cont->addBlock()->registerOutput(false_);
    cont->addBlock()->registerOutput(body->outputs()[0]);
    Value* new_cond = cont->addOutput()->setType(BoolType::get());
    body->eraseOutput(0);
    body->insertOutput(0, new_cond);
    n->addInput(false_);
    body->addInput()->setType(BoolType::get());
    body->registerOutput(exit.has_exited);
    Value* has_exited = n->addOutput()->setType(BoolType::get());
    for (Value* v : exit.values) {
      n->addInput(unitValue(v->type()));
      n->addOutput()->setType(v->type());
      body->addInput()->setType(v->type());
      body->registerOutput(v);
    }
    return {has_exited, lastOutputs(n, exit.values.size())};
  }

  static ExitStatus ifStatus(ExitStatus a, ExitStatus b) {
    if (a == ExitStatus::Throws) return b;
    if (b == ExitStatus::Throws) return a;
    if (a == ExitStatus::Wont && b == ExitStatus::Wont) return ExitStatus::Wont;
    if (a == ExitStatus::Will && b == ExitStatus::Will) return ExitStatus::Will;
    return ExitStatus::Might;
  }

  ExitPair transformIf(Node* n) {
    ExitPair then_pair = transformExits(n->blocks()[0]);
    ExitPair else_pair = transformExits(n->blocks()[1]);
    ExitStatus ts = status(then_pair), es = status(else_pair);
    ExitStatus s = ifStatus(ts, es);
    if (s == ExitStatus::Throws) return throws();
    if (s == ExitStatus::Wont) return wont();
    // The branch that does not exit provides placeholders for the exit values.
    if (ts == ExitStatus::Wont || ts == ExitStatus::Throws) {
      then_pair.values = unitsLike(else_pair.values);
    } else if (es == ExitStatus::Wont || es == ExitStatus::Throws) {
      else_pair.values = unitsLike(then_pair.values);
    }
    Value* has_exited;
    if (s == ExitStatus::Will) {
      has_exited = true_;
    } else {
      addIfOutputs(n, {then_pair.has_exited}, {else_pair.has_exited});
      has_exited = n->outputs().back();
    }
    addIfOutputs(n, then_pair.values, else_pair.values);
    return {has_exited, lastOutputs(n, then_pair.values.size())};
  }

  // Moves the nodes from `from` to the end of `block` into the else branch of an if on the
  // exit flag, whose then branch exits.
  ExitPair guardBlockNodes(Block* block, const ExitPair& exit, Node* from) {
    Node* guard = graph_.create(prim::kIf, {exit.has_exited}, 0);
    guard->insertBefore(from);
    Block* exit_block = guard->addBlock();
    Block* guard_block = guard->addBlock();
    for (Node* n = from; n != block->returnNode();) {
      Node* next = n->next();
      n->moveBefore(guard_block->returnNode());
      n = next;
    }
    std::vector<Value*> outputs(block->outputs().begin(), block->outputs().end());
    std::vector<Value*> placeholders = unitsLike(outputs);
    for (size_t i = 0; i < outputs.size(); ++i) {
      exit_block->registerOutput(placeholders[i]);
      guard_block->registerOutput(outputs[i]);
      guard->addOutput()->setType(outputs[i]->type());
    }
    replaceBlockOutputs(block, {guard->outputs().begin(), guard->outputs().end()});
    Node* exit_node = graph_.create(exit_kind_, exit.values, 0);
    exit_node->insertBefore(exit_block->returnNode());
    return transformIf(guard);
  }

  // Nodes after an exit never run; their uses (only block outputs) get placeholders.
  void deleteAfter(Block* block, Node* from) {
    std::vector<Node*> dead;
    for (Node* n = from; n != block->returnNode(); n = n->next()) dead.push_back(n);
    for (auto it = dead.rbegin(); it != dead.rend(); ++it) {
      for (Value* out : (*it)->outputs()) {
        if (out->hasUses()) out->replaceAllUsesWith(unitValue(out->type()));
      }
      (*it)->destroy();
    }
  }

  bool isTarget(Block* block) const {
    Node* owner = block->owningNode();
    if (exit_kind_ == fe_kind::loopContinuation()) return owner && owner->kind() == prim::kLoop;
    return owner == nullptr;
  }

  ExitPair transformExits(Block* block) {
    Block* prev_target = target_;
    if (isTarget(block)) target_ = block;
    ExitPair exit = wont();
    for (Node* n = block->param()->next(); n != block->returnNode();) {
      Node* next = n->next();
      if (n->kind() == prim::kRaiseException) {
        exit = throws();
      } else if (n->kind() == exit_kind_) {
        exit = {true_, {n->inputs().begin(), n->inputs().end()}};
        n->destroy();
      } else if (n->kind() == prim::kIf) {
        exit = transformIf(n);
      } else if (n->kind() == prim::kLoop) {
        exit = transformLoop(n);
      } else if (n->kind() == fe_kind::with()) {
        // The body's exits leave the with statement; its exit block runs either way.
        exit = transformExits(n->blocks()[0]);
      }
      ExitStatus s = status(exit);
      if (s == ExitStatus::Will || s == ExitStatus::Throws) {
        deleteAfter(block, next);
        break;
      }
      if (s == ExitStatus::Might) {
        if (next != block->returnNode()) exit = guardBlockNodes(block, exit, next);
        break;
      }
      n = next;
    }
    if (target_ == block) {
      if (status(exit) == ExitStatus::Might) {
        Node* merge = graph_.create(prim::kIf, {exit.has_exited}, 0);
        merge->insertBefore(block->returnNode());
        merge->addBlock();
        merge->addBlock();
        addIfOutputs(merge, exit.values, {block->outputs().begin(), block->outputs().end()});
        replaceBlockOutputs(block, {merge->outputs().begin(), merge->outputs().end()});
      } else if (status(exit) == ExitStatus::Will) {
        replaceBlockOutputs(block, exit.values);
      }
      // An exit reaches only its target block.
      exit = wont();
    }
    target_ = prev_target;
    return exit;
  }

  Graph& graph_;
  Symbol exit_kind_;
  Value* true_ = nullptr;
  Value* false_ = nullptr;
  Value* throws_ = nullptr;
  Block* target_ = nullptr;
  std::unordered_map<const Type*, Value*> units_;
  std::vector<TypePtr> keep_alive_;
};

// Appends the nodes and outputs of `src` to `dst`, mapping values through `map`.
void appendClone(Block* dst, const Block* src, const std::function<Value*(Value*)>& map) {
  Graph& g = *dst->owningGraph();
  std::unordered_map<Value*, Value*> local;
  auto env = [&](Value* v) {
    auto it = local.find(v);
    return it != local.end() ? it->second : map(v);
  };
  for (Node* n : *src) {
    Node* c = cloneNode(g, n, env);
    dst->appendNode(c);
    for (size_t i = 0; i < n->outputs().size(); ++i) local[n->output(i)] = c->output(i);
  }
  for (Value* out : src->outputs()) dst->registerOutput(env(out));
}

// `if c: return 1` followed by the guard `if has_exited: ... else: return 2` becomes one if.
bool inlineConsecutiveIfs(Node* first) {
  Node* second = first->next();
  if (first->kind() != prim::kIf || second->kind() != prim::kIf) return false;
  Value* cond = second->input(0);
  if (cond->node() != first) return false;
  size_t offset = cond->offset();
  auto then_value = constantBool(first->blocks()[0]->outputs().at(offset));
  auto else_value = constantBool(first->blocks()[1]->outputs().at(offset));
  // Equal constants: constant propagation removes the second if anyway.
  if (!then_value || !else_value || *then_value == *else_value) return false;
  for (size_t i = 0; i < 2; ++i) {
    Block* first_block = first->blocks()[i];
    bool value = i == 0 ? *then_value : *else_value;
    Block* second_block = second->blocks()[value ? 0 : 1];
    auto map = [&](Value* v) {
      return v->node() == first ? first_block->outputs().at(v->offset()) : v;
    };
    appendClone(first_block, second_block, map);
  }
  for (Value* out : second->outputs()) {
    Value* fresh = first->addOutput()->setType(out->type());
    if (out->hasDebugName()) {
      std::string name = out->debugName();
      out->setDebugName("");
      fresh->setDebugName(name);
    }
    out->replaceAllUsesWith(fresh);
  }
  second->destroy();
  return true;
}

void inlineConsecutiveIfs(Block* block) {
  for (Node* n = block->param()->next(); n != block->returnNode();) {
    for (Block* b : n->blocks()) inlineConsecutiveIfs(b);
    if (!inlineConsecutiveIfs(n)) n = n->next();
  }
}

bool isInside(const Node* n, const Block* b) {
  for (const Block* owner = n->owningBlock(); owner;
       owner = owner->owningNode() ? owner->owningNode()->owningBlock() : nullptr) {
    if (owner == b) return true;
  }
  return false;
}

// Each prim::Enter ... prim::Exit span of a block (innermost first) becomes a prim::With
// node after the Enter: the nodes between them move into its body block, the Exit into its
// exit block. Body values used after the span become outputs of the body and the With, so
// the exit transform can guard them like any other block's results.
void convertEnterExitToWithBlocks(Graph& g, Block* block) {
  std::vector<Node*> open;
  std::vector<std::pair<Node*, Node*>> spans;
  for (Node* n : *block) {
    for (Block* b : n->blocks()) convertEnterExitToWithBlocks(g, b);
    if (n->kind() == prim::kEnter) {
      open.push_back(n);
    } else if (n->kind() == prim::kExit) {
      WICK_INTERNAL_ASSERT(!open.empty() && open.back()->input(0) == n->input(0),
                           "prim::Exit without its prim::Enter");
      spans.emplace_back(open.back(), n);
      open.pop_back();
    }
  }
  WICK_INTERNAL_ASSERT(open.empty(), "prim::Enter without its prim::Exit");
  for (auto [enter, exit] : spans) {
    Node* with = g.create(fe_kind::with(), 0);
    Block* body = with->addBlock();
    Block* exit_block = with->addBlock();
    for (Node* n = enter->next(); n != exit;) {
      Node* next = n->next();
      n->moveBefore(body->returnNode());
      n = next;
    }
    exit->moveBefore(exit_block->returnNode());
    with->insertAfter(enter);
    for (Node* n : *body) {
      for (Value* v : n->outputs()) {
        std::vector<Use> outside;
        for (const Use& u : v->uses()) {
          if (!isInside(u.user, body)) outside.push_back(u);
        }
        if (outside.empty()) continue;
        body->registerOutput(v);
        Value* out = with->addOutput()->setType(v->type());
        for (const Use& u : outside) u.user->replaceInput(u.offset, out);
      }
    }
  }
}

// Undoes convertEnterExitToWithBlocks: the body and then the Exit are put back in place of
// each With node.
void convertWithBlocksToEnterExit(Block* block) {
  for (Node* n = block->param()->next(); n != block->returnNode();) {
    Node* next = n->next();
    for (Block* b : n->blocks()) convertWithBlocksToEnterExit(b);
    if (n->kind() == fe_kind::with()) {
      Block* body = n->blocks()[0];
      for (size_t i = 0; i < n->outputs().size(); ++i) {
        n->output(i)->replaceAllUsesWith(body->outputs()[i]);
      }
      for (Block* b : n->blocks()) {
        for (Node* inner = b->param()->next(); inner != b->returnNode();) {
          Node* following = inner->next();
          inner->moveBefore(n);
          inner = following;
        }
      }
      n->destroy();
    }
    n = next;
  }
}

}  // namespace

void transformExits(Graph& graph) {
  convertEnterExitToWithBlocks(graph, graph.block());
  ExitTransformer(graph).run(fe_kind::loopContinuation());
  ExitTransformer(graph).run(fe_kind::returnStmt());
  inlineConsecutiveIfs(graph.block());
  convertWithBlocksToEnterExit(graph.block());
}

}  // namespace wick::jit::frontend
