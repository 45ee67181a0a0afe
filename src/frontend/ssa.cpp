#include "frontend/ssa.h"

#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "frontend/environment.h"

namespace wick::jit::frontend {

void cloneBlockInto(Block* dst, const Block* src) {
  Graph& g = *dst->owningGraph();
  std::unordered_map<Value*, Value*> map;
  for (Value* in : src->inputs()) {
    Value* v = dst->addInput();
    v->setType(in->type());
    map[in] = v;
  }
  auto lookup = [&](Value* v) {
    auto it = map.find(v);
    return it == map.end() ? v : it->second;
  };
  for (Node* n : *src) {
    Node* c = cloneNode(g, n, lookup);
    dst->appendNode(c);
    for (size_t i = 0; i < n->outputs().size(); ++i) map[n->output(i)] = c->output(i);
  }
  for (Value* out : src->outputs()) dst->registerOutput(lookup(out));
}

void inlineBlockBefore(Node* before, Block* block) {
  for (Node* n : block->nodeList()) n->moveBefore(before);
}

namespace {

Node* createLoad(Graph& g, std::string_view name, const TypePtr& type) {
  Node* n = g.create(fe_kind::load(), 1);
  n->setAttr("name", IValue(name));
  n->output()->setType(type);
  return n;
}

Node* createStore(Graph& g, std::string_view name, Value* v) {
  Node* n = g.create(fe_kind::store(), {v}, 0);
  n->setAttr("name", IValue(name));
  return n;
}

// A chain of scopes mapping variable names to T (types, then values). Names view the name
// attributes of the load and store nodes, which outlive the frames that mention them. The
// tables are ordered: control-flow outputs are added in name order, as PyTorch does.
template <class T>
struct Frames {
  struct Frame {
    std::map<std::string_view, T> table;
    std::shared_ptr<Frame> next;
  };
  std::shared_ptr<Frame> top;

  void push() { top = std::make_shared<Frame>(Frame{{}, top}); }
  std::shared_ptr<Frame> pop() {
    auto f = top;
    top = top->next;
    return f;
  }
  static T find(const std::shared_ptr<Frame>& from, std::string_view name) {
    for (Frame* f = from.get(); f; f = f->next.get()) {
      auto it = f->table.find(name);
      if (it != f->table.end()) return it->second;
    }
    return T();
  }
};

class ControlFlowLoadStores {
 public:
  void run(Graph& g) {
    graph_ = &g;
    addLoadStores(g.block());
  }

 private:
  using TypeFrames = Frames<TypePtr>;
  using Frame = TypeFrames::Frame;

  void addBlockInput(Block* b, const TypePtr& type, std::string_view name) {
    Value* in = b->addInput();
    in->setType(type);
    if (meaningfulName(name)) in->setDebugName(std::string(name));
    createStore(*graph_, name, in)->insertAfter(b->param());
  }

  void addBlockOutput(Block* b, const TypePtr& type, std::string_view name) {
    Node* load = createLoad(*graph_, name, type);
    b->appendNode(load);
    b->registerOutput(load->output());
  }

  void addNodeOutput(Node* n, const TypePtr& type, std::string_view name) {
    Value* out = n->addOutput()->setType(type);
    if (meaningfulName(name)) out->setDebugName(std::string(name));
    createStore(*graph_, name, out)->insertAfter(n);
  }

  void addNodeInput(Node* n, const TypePtr& type, std::string_view name) {
    Node* load = createLoad(*graph_, name, type);
    load->insertBefore(n);
    n->addInput(load->output());
  }

  void addIfLoadStores(Node* n) {
    Block* true_block = n->blocks()[0];
    Block* false_block = n->blocks()[1];
    auto true_vars = addLoadStores(true_block);
    auto false_vars = addLoadStores(false_block);
    std::set<std::string_view> mutated;
    for (const auto& kv : true_vars->table) {
      if (TypeFrames::find(false_vars, kv.first)) mutated.insert(kv.first);
    }
    for (const auto& kv : false_vars->table) {
      if (TypeFrames::find(true_vars, kv.first)) mutated.insert(kv.first);
    }
    for (std::string_view x : mutated) {
      TypePtr tt = TypeFrames::find(true_vars, x);
      TypePtr ft = TypeFrames::find(false_vars, x);
      // Different types on the two sides leave the if as their union (PyTorch's
      // default_to_union): a refinement to one member in each branch, for instance.
      TypePtr unified = unifyTypesOrUnion(tt, ft);
      addBlockOutput(true_block, tt, x);
      addBlockOutput(false_block, ft, x);
      addNodeOutput(n, unified, x);
    }
  }

  void addLoopLoadStores(Node* n) {
    Block* body = n->blocks()[0];
    auto loop_vars = addLoadStores(body);
    for (const auto& kv : loop_vars->table) {
      std::string_view name = kv.first;
      // Variables local to the body are not carried.
      TypePtr parent = TypeFrames::find(frames_.top, name);
      if (!parent) continue;
      TypePtr block_type = kv.second;
      TypePtr unified = unifyTypes(parent, block_type).value_or(parent);
      addNodeInput(n, parent, name);
      addBlockInput(body, unified, name);
      addBlockOutput(body, block_type, name);
      addNodeOutput(n, unified, name);
    }
  }

  std::shared_ptr<Frame> addLoadStores(Block* block) {
    frames_.push();
    // Live iteration: the stores added after an If or Loop define variables of this frame.
    for (Node* n = block->param()->next(); n != block->returnNode(); n = n->next()) {
      if (n->kind() == prim::kIf) {
        addIfLoadStores(n);
      } else if (n->kind() == prim::kLoop) {
        addLoopLoadStores(n);
      } else if (n->kind() == fe_kind::store()) {
        frames_.top->table[n->s("name")] = n->input()->type();
      } else if (n->kind() == fe_kind::comprehensionScope()) {
        addLoadStores(n->blocks()[0]);
      }
    }
    return frames_.pop();
  }

  Graph* graph_ = nullptr;
  TypeFrames frames_;
};

class EraseLoadStores {
 public:
  void run(Graph& g) { erase(g.block()); }

 private:
  using ValueFrames = Frames<Value*>;

  void erase(Block* block) {
    frames_.push();
    // The frame's table views the stores' names: they go when the frame does.
    std::vector<Node*> stores;
    for (Node* n : block->nodeList()) {
      if (n->kind() == fe_kind::store()) {
        frames_.top->table[n->s("name")] = n->input();
        stores.push_back(n);
      } else if (n->kind() == fe_kind::load()) {
        Value* v = ValueFrames::find(frames_.top, n->s("name"));
        WICK_INTERNAL_ASSERT(v, "variable '", n->s("name"), "' is loaded before it is stored");
        n->output()->replaceAllUsesWith(v);
        n->destroy();
      } else if (n->kind() == fe_kind::comprehensionScope()) {
        // Writes inside a comprehension do not leak: erase them in its own frame, then
        // splice the body into the enclosing block.
        Block* body = n->blocks()[0];
        erase(body);
        inlineBlockBefore(n, body);
        n->destroy();
      } else {
        for (Block* b : n->blocks()) erase(b);
      }
    }
    frames_.pop();
    for (Node* n : stores) n->destroy();
  }

  ValueFrames frames_;
};

// break and continue become prim::LoopContinuation(continue_condition, carried values...).
class LoopContinuations {
 public:
  void run(Graph& g) {
    graph_ = &g;
    InsertPoint saved = g.insertPoint();
    g.setInsertPoint(*g.block()->begin());
    false_ = g.insertConstant(IValue(false));
    g.restoreInsertPoint(saved);
    assign(g.block());
  }

 private:
  void addCarriedOutputs(Node* continuation) {
    Block* body = loop_->blocks()[0];
    for (Value* out : body->outputs()) {
      Node* load = out->node();
      WICK_INTERNAL_ASSERT(load->kind() == fe_kind::load(), "loop-carried output is not a load");
      Node* copy = createLoad(*graph_, load->s("name"), load->output()->type());
      copy->insertBefore(continuation);
      continuation->addInput(copy->output());
    }
  }

  void assign(Block* block) {
    for (Node* n : block->nodeList()) {
      if (n->kind() == prim::kIf) {
        assign(n->blocks()[0]);
        assign(n->blocks()[1]);
      } else if (n->kind() == prim::kLoop) {
        Node* prev = loop_;
        loop_ = n;
        assign(n->blocks()[0]);
        loop_ = prev;
      } else if (n->kind() == fe_kind::continueStmt()) {
        // continue re-evaluates the loop condition.
        Node* c = graph_->create(fe_kind::loopContinuation(), 0);
        c->insertAfter(n);
        Block* header = c->addBlock();
        cloneBlockInto(header, loop_->blocks()[1]);
        inlineBlockBefore(n, header);
        c->addInput(header->outputs()[0]);
        c->eraseBlock(0);
        addCarriedOutputs(c);
        n->destroy();
      } else if (n->kind() == fe_kind::breakStmt()) {
        Node* c = graph_->create(fe_kind::loopContinuation(), {false_}, 0);
        c->insertAfter(n);
        addCarriedOutputs(c);
        n->destroy();
      }
    }
  }

  Graph* graph_ = nullptr;
  Value* false_ = nullptr;
  Node* loop_ = nullptr;
};

// Loop(max)[body(i) -> ()][cond -> (c)] becomes c0 = cond; Loop(max, c0)[body(i) -> (c)].
void inlineLoopCondition(Node* n) {
  Block* body = n->blocks()[0];
  Block* pre_header = n->blocks()[1];
  Block* temp = n->addBlock();
  cloneBlockInto(temp, pre_header);
  inlineBlockBefore(n, temp);
  n->insertInput(1, temp->outputs()[0]);
  n->eraseBlock(2);
  inlineBlockBefore(body->returnNode(), pre_header);
  body->insertOutput(0, pre_header->outputs()[0]);
  n->eraseBlock(1);
}

void inlineLoopConditions(Block* block) {
  for (Node* n : block->nodeList()) {
    for (Block* b : n->blocks()) inlineLoopConditions(b);
    if (n->kind() == prim::kLoop) inlineLoopCondition(n);
  }
}

}  // namespace

void convertToSSA(Graph& graph) {
  ControlFlowLoadStores().run(graph);
  LoopContinuations().run(graph);
  inlineLoopConditions(graph.block());
  EraseLoadStores().run(graph);
  transformExits(graph);
}

}  // namespace wick::jit::frontend
