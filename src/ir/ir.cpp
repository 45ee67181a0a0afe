#include "ir/ir.h"

#include <algorithm>
#include <sstream>
#include <unordered_map>

namespace wick::jit {

// ---- Value ----

Graph* Value::owningGraph() const { return node_->owningGraph(); }

Value* Value::setType(TypePtr t) {
  WICK_INTERNAL_ASSERT(t, "setType(null)");
  type_ = std::move(t);
  return this;
}

namespace {
bool isNumber(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}
}  // namespace

Value* Value::setDebugName(const std::string& name) {
  WICK_CHECK(!isNumber(name), "names made of digits only are reserved: '", name, "'");
  Graph* g = owningGraph();
  auto& names = g->unique_names_;
  if (hasDebugName()) {
    names.erase(debug_name_);
    debug_name_.clear();
  }
  if (name.empty()) return this;
  auto old = names.find(name);
  if (old != names.end()) {
    // Another value has the name: it moves to name.N.
    size_t suffix = 1;
    std::string base = name;
    auto dot = name.find_last_of('.');
    if (dot != std::string::npos && dot + 1 != name.size() && isNumber(name.substr(dot + 1))) {
      suffix = std::stoull(name.substr(dot + 1));
      base = name.substr(0, dot);
    }
    auto& suffixes = g->name_base_suffix_;
    if (auto it = suffixes.find(base); it != suffixes.end())
      suffix = std::max(suffix, it->second + 1);
    std::string replacement;
    do {
      replacement = base + "." + std::to_string(suffix++);
    } while (names.count(replacement) > 0);
    suffixes[base] = suffix;
    old->second->setDebugName(replacement);
  }
  names[name] = this;
  debug_name_ = name;
  return this;
}

std::string Value::displayName() const {
  return hasDebugName() ? debug_name_ : std::to_string(unique_);
}

void Value::replaceAllUsesWith(Value* v) {
  WICK_INTERNAL_ASSERT(v != this);
  std::vector<Use> uses = uses_;
  for (const Use& u : uses) u.user->replaceInput(u.offset, v);
}

void Value::replaceAllUsesAfterNodeWith(const Node* after, Value* v) {
  std::vector<Use> uses = uses_;
  for (const Use& u : uses) {
    if (after->isBefore(u.user)) u.user->replaceInput(u.offset, v);
  }
}

// ---- Node ----

Node::Node(Graph* g, Symbol kind) : kind_(kind), graph_(g) {}

Value* Node::input() const {
  WICK_INTERNAL_ASSERT(inputs_.size() == 1, kind_, " has ", inputs_.size(), " inputs");
  return inputs_[0];
}

Value* Node::output() const {
  WICK_INTERNAL_ASSERT(outputs_.size() == 1, kind_, " has ", outputs_.size(), " outputs");
  return outputs_[0];
}

Value* Node::addInput(Value* v) { return insertInput(inputs_.size(), v); }

Value* Node::insertInput(size_t i, Value* v) {
  WICK_INTERNAL_ASSERT(v && v->owningGraph() == graph_, "input from another graph");
  // Later inputs shift: their uses' offsets move up by one.
  for (size_t k = i; k < inputs_.size(); ++k) {
    for (Use& u : inputs_[k]->uses_)
      if (u.user == this && u.offset == k) ++u.offset;
  }
  inputs_.insert(inputs_.begin() + static_cast<std::ptrdiff_t>(i), v);
  v->uses_.push_back(Use{this, i});
  return v;
}

void Node::dropInput(size_t i) {
  Value* v = inputs_[i];
  auto& uses = v->uses_;
  auto it = std::find(uses.begin(), uses.end(), Use{this, i});
  WICK_INTERNAL_ASSERT(it != uses.end(), "use list out of sync");
  uses.erase(it);
}

void Node::replaceInput(size_t i, Value* v) {
  WICK_INTERNAL_ASSERT(v && v->owningGraph() == graph_, "input from another graph");
  dropInput(i);
  inputs_[i] = v;
  v->uses_.push_back(Use{this, i});
}

void Node::replaceInputWith(Value* from, Value* to) {
  for (size_t i = 0; i < inputs_.size(); ++i)
    if (inputs_[i] == from) replaceInput(i, to);
}

void Node::removeInput(size_t i) {
  dropInput(i);
  for (size_t k = i + 1; k < inputs_.size(); ++k) {
    for (Use& u : inputs_[k]->uses_)
      if (u.user == this && u.offset == k) --u.offset;
  }
  inputs_.erase(inputs_.begin() + static_cast<std::ptrdiff_t>(i));
}

void Node::removeAllInputs() {
  for (size_t i = 0; i < inputs_.size(); ++i) dropInput(i);
  inputs_.clear();
}

Value* Node::addOutput() { return insertOutput(outputs_.size()); }

Value* Node::insertOutput(size_t i) {
  Value* v = graph_->newValue(this, i);
  outputs_.insert(outputs_.begin() + static_cast<std::ptrdiff_t>(i), v);
  for (size_t k = i + 1; k < outputs_.size(); ++k) outputs_[k]->offset_ = k;
  return v;
}

void Node::eraseOutput(size_t i) {
  Value* v = outputs_.at(i);
  WICK_INTERNAL_ASSERT(!v->hasUses(), "erasing output %", v->displayName(), " of ", kind_,
                       " that still has uses");
  outputs_.erase(outputs_.begin() + static_cast<std::ptrdiff_t>(i));
  for (size_t k = i; k < outputs_.size(); ++k) outputs_[k]->offset_ = k;
  graph_->freeValue(v);
}

bool Node::hasUses() const {
  for (Value* v : outputs_)
    if (v->hasUses()) return true;
  return false;
}

Block* Node::addBlock() {
  Block* b = graph_->newBlock(this);
  blocks_.push_back(b);
  return b;
}

void Node::eraseBlock(size_t i) {
  Block* b = blocks_.at(i);
  blocks_.erase(blocks_.begin() + static_cast<std::ptrdiff_t>(i));
  graph_->freeBlock(b);
}

Node* Node::insertBefore(Node* n) {
  WICK_INTERNAL_ASSERT(!inBlockList() && n->inBlockList(), "insertBefore: bad node state");
  owning_block_ = n->owning_block_;
  Node* p = n->prev_;
  prev_ = p;
  next_ = n;
  p->next_ = this;
  n->prev_ = this;
  return this;
}

Node* Node::insertAfter(Node* n) {
  WICK_INTERNAL_ASSERT(!inBlockList() && n->inBlockList(), "insertAfter: bad node state");
  return insertBefore(n->next_);
}

void Node::moveBefore(Node* n) {
  if (n == this) return;
  prev_->next_ = next_;
  next_->prev_ = prev_;
  prev_ = next_ = nullptr;
  insertBefore(n);
}

void Node::moveAfter(Node* n) {
  if (n == this) return;
  prev_->next_ = next_;
  next_->prev_ = prev_;
  prev_ = next_ = nullptr;
  insertAfter(n);
}

bool Node::isBefore(const Node* n) const {
  // Walk up until both are in the same block, then compare positions in that block.
  auto depthChain = [](const Node* x) {
    std::vector<const Node*> chain;
    while (x) {
      chain.push_back(x);
      Block* b = x->owning_block_;
      x = b ? b->owningNode() : nullptr;
    }
    return chain;
  };
  std::vector<const Node*> a = depthChain(this), b = depthChain(n);
  // Find the deepest common block.
  for (const Node* x : a) {
    for (const Node* y : b) {
      if (x->owning_block_ == y->owning_block_) {
        if (x == y) return false;  // one contains the other
        for (const Node* k = x->next_; k; k = k->next_) {
          if (k == y) return true;
          if (k->kind_ == prim::kReturn) break;
        }
        return false;
      }
    }
  }
  return false;
}

void Node::destroy() {
  for (Value* v : outputs_) {
    WICK_INTERNAL_ASSERT(!v->hasUses(), "destroying ", kind_, " whose output %", v->displayName(),
                         " still has uses");
  }
  removeAllInputs();
  while (!blocks_.empty()) eraseBlock(blocks_.size() - 1);
  if (inBlockList()) {
    prev_->next_ = next_;
    next_->prev_ = prev_;
    prev_ = next_ = nullptr;
  }
  graph_->freeNode(this);
}

bool Node::hasAttribute(std::string_view name) const { return findAttr(name) != nullptr; }

const IValue* Node::findAttr(std::string_view name) const {
  for (const auto& [k, v] : attrs_)
    if (k == name) return &v;
  return nullptr;
}

const IValue& Node::attr(std::string_view name) const {
  const IValue* v = findAttr(name);
  WICK_CHECK(v, "node ", kind_, " has no attribute '", name, "'");
  return *v;
}

Node* Node::setAttr(std::string_view name, IValue v) {
  for (auto& [k, old] : attrs_) {
    if (k == name) {
      old = std::move(v);
      return this;
    }
  }
  attrs_.emplace_back(std::string(name), std::move(v));
  return this;
}

void Node::removeAttr(std::string_view name) {
  attrs_.erase(std::remove_if(attrs_.begin(), attrs_.end(),
                              [&](const auto& kv) { return kv.first == name; }),
               attrs_.end());
}

Value* Node::namedInput(std::string_view arg_name) const {
  const FunctionSchema* s = maybeSchema();
  if (!s) return nullptr;
  auto i = s->argumentIndex(arg_name);
  if (!i || *i >= inputs_.size()) return nullptr;
  return inputs_[*i];
}

std::optional<IValue> Node::constantInput(size_t i) const {
  const Node* p = inputs_.at(i)->node();
  if (p->kind() != prim::kConstant) return std::nullopt;
  const IValue* v = p->findAttr("value");
  return v ? *v : IValue();
}

// ---- Block ----

Block::Block(Graph* g, Node* owning_node) : graph_(g), owning_node_(owning_node) {
  input_ = g->create(prim::kParam, 0);
  output_ = g->create(prim::kReturn, 0);
  input_->owning_block_ = this;
  output_->owning_block_ = this;
  // A circular list through the Return node.
  input_->next_ = output_;
  input_->prev_ = output_;
  output_->next_ = input_;
  output_->prev_ = input_;
}

Value* Block::addInput(const std::string& name) {
  return insertInput(input_->outputs().size(), name);
}

Value* Block::insertInput(size_t i, const std::string& name) {
  Value* v = input_->insertOutput(i);
  if (!name.empty()) v->setDebugName(name);
  return v;
}

void Block::eraseInput(size_t i) { input_->eraseOutput(i); }

size_t Block::registerOutput(Value* v) {
  output_->addInput(v);
  return output_->inputs().size() - 1;
}

void Block::insertOutput(size_t i, Value* v) { output_->insertInput(i, v); }

void Block::eraseOutput(size_t i) { output_->removeInput(i); }

Node* Block::appendNode(Node* n) { return n->insertBefore(output_); }

Node* Block::prependNode(Node* n) { return n->insertAfter(input_); }

std::vector<Node*> Block::nodesReversed() const {
  std::vector<Node*> out;
  for (Node* n = output_->prev(); n != input_; n = n->prev()) out.push_back(n);
  return out;
}

std::vector<Node*> Block::nodeList() const {
  std::vector<Node*> out;
  for (Node* n : *this) out.push_back(n);
  return out;
}

// ---- Graph ----

Graph::Graph() {
  block_ = newBlock(nullptr);
  insert_ = InsertPoint{block_, block_->returnNode()};
}

Graph::~Graph() = default;

Value* Graph::newValue(Node* n, size_t offset) {
  values_.emplace_back(new Value(n, offset, next_unique_++));
  values_.back()->slot_ = values_.size() - 1;
  return values_.back().get();
}

void Graph::setValueUnique(Value* v, size_t unique) {
  WICK_INTERNAL_ASSERT(v->owningGraph() == this, "setValueUnique: value of another graph");
  v->unique_ = unique;
  reserveUniques(unique + 1);
}

Block* Graph::newBlock(Node* owning_node) {
  blocks_.emplace_back(new Block(this, owning_node));
  blocks_.back()->slot_ = blocks_.size() - 1;
  return blocks_.back().get();
}

void Graph::freeValue(Value* v) {
  if (v->hasDebugName()) unique_names_.erase(v->debugName());
  values_[v->slot_].reset();
}

void Graph::freeNode(Node* n) {
  for (Value* v : n->outputs_) freeValue(v);
  nodes_[n->slot_].reset();
}

void Graph::freeBlock(Block* b) {
  // Later nodes use earlier ones, so destroying in reverse leaves no dangling uses.
  b->output_->removeAllInputs();
  for (Node* n : b->nodesReversed()) n->destroy();
  freeNode(b->output_);
  freeNode(b->input_);
  blocks_[b->slot_].reset();
}

Node* Graph::create(Symbol kind, size_t num_outputs) {
  nodes_.emplace_back(new Node(this, kind));
  Node* n = nodes_.back().get();
  n->slot_ = nodes_.size() - 1;
  for (size_t i = 0; i < num_outputs; ++i) n->addOutput();
  return n;
}

Node* Graph::create(Symbol kind, const std::vector<Value*>& inputs, size_t num_outputs) {
  Node* n = create(kind, num_outputs);
  for (Value* v : inputs) n->addInput(v);
  return n;
}

Node* Graph::createOp(const OpInfo& op, const std::vector<Value*>& inputs) {
  const FunctionSchema& s = op.schema;
  Node* n = create(Symbol::fromQualString(s.name), inputs, s.returns.size());
  n->setOp(&op);
  for (size_t i = 0; i < s.returns.size(); ++i) n->output(i)->setType(s.returns[i].type);
  return n;
}

Node* Graph::insertNode(Node* n) {
  WICK_INTERNAL_ASSERT(insert_.block && insert_.before, "no insert point");
  return n->insertBefore(insert_.before);
}

Node* Graph::createConstant(const IValue& v, TypePtr type) {
  Node* n = create(prim::kConstant, 1);
  if (!v.isNone()) n->setAttr("value", v);
  n->output()->setType(type ? std::move(type) : v.type());
  return n;
}

Value* Graph::insertConstant(const IValue& v, TypePtr type) {
  return insertNode(createConstant(v, std::move(type)))->output();
}

Node* Graph::createListConstruct(const std::vector<Value*>& elems, TypePtr elem_type) {
  Node* n = create(prim::kListConstruct, elems, 1);
  n->output()->setType(ListType::create(std::move(elem_type)));
  return n;
}

Node* Graph::createTupleConstruct(const std::vector<Value*>& elems, TypePtr named_type) {
  Node* n = create(prim::kTupleConstruct, elems, 1);
  if (named_type) {
    n->output()->setType(std::move(named_type));
  } else {
    std::vector<TypePtr> types;
    for (Value* e : elems) types.push_back(e->type());
    n->output()->setType(TupleType::create(std::move(types)));
  }
  return n;
}

Node* Graph::createTupleUnpack(Value* tuple) {
  const auto* tt = tuple->type()->cast<TupleType>();
  WICK_INTERNAL_ASSERT(tt, "TupleUnpack of a non-tuple ", tuple->type()->str());
  Node* n = create(prim::kTupleUnpack, {tuple}, tt->elements().size());
  for (size_t i = 0; i < tt->elements().size(); ++i) n->output(i)->setType(tt->elements()[i]);
  return n;
}

Node* Graph::createListUnpack(Value* list, size_t count) {
  const auto* lt = list->type()->cast<ListType>();
  WICK_INTERNAL_ASSERT(lt, "ListUnpack of a non-list ", list->type()->str());
  Node* n = create(prim::kListUnpack, {list}, count);
  for (Value* o : n->outputs()) o->setType(lt->elem());
  return n;
}

Node* Graph::createDictConstruct(const std::vector<Value*>& kvs, TypePtr key, TypePtr value) {
  Node* n = create(prim::kDictConstruct, kvs, 1);
  n->output()->setType(DictType::create(std::move(key), std::move(value)));
  return n;
}

Node* Graph::createGetAttr(Value* obj, const std::string& name) {
  const auto* ct = obj->type()->cast<ClassType>();
  WICK_INTERNAL_ASSERT(ct, "GetAttr on a non-object ", obj->type()->str());
  Node* n = create(prim::kGetAttr, {obj}, 1);
  n->setAttr("name", IValue(name));
  n->output()->setType(ct->attributes()[ct->attributeSlot(name)].type);
  return n;
}

Node* cloneNode(Graph& g, const Node* n, const std::function<Value*(Value*)>& map) {
  Node* c = g.create(n->kind(), n->outputs().size());
  c->setOp(n->op());
  for (Value* in : n->inputs()) c->addInput(map(in));
  for (const auto& [k, v] : n->attributes()) c->setAttr(k, v);
  c->setSourceRange(n->sourceRange());
  c->setScope(n->scope());
  c->setCallee(n->callee());
  for (size_t i = 0; i < n->outputs().size(); ++i) {
    c->output(i)->setType(n->output(i)->type());
    if (n->output(i)->hasDebugName()) c->output(i)->setDebugName(n->output(i)->debugName());
  }
  for (const Block* b : n->blocks()) {
    Block* nb = c->addBlock();
    std::unordered_map<Value*, Value*> local;
    for (Value* in : b->inputs()) {
      Value* v = nb->addInput(in->hasDebugName() ? in->debugName() : "");
      v->setType(in->type());
      local[in] = v;
    }
    auto inner = [&](Value* v) -> Value* {
      auto it = local.find(v);
      return it != local.end() ? it->second : map(v);
    };
    for (const Node* bn : *b) {
      Node* cn = cloneNode(g, bn, inner);
      nb->appendNode(cn);
      for (size_t i = 0; i < bn->outputs().size(); ++i) local[bn->output(i)] = cn->output(i);
    }
    for (Value* o : b->outputs()) nb->registerOutput(inner(o));
  }
  return c;
}

std::vector<Value*> Graph::insertGraph(const Graph& src, const std::vector<Value*>& inputs) {
  WICK_INTERNAL_ASSERT(inputs.size() == src.inputs().size(), "insertGraph: ", inputs.size(),
                       " inputs for a graph taking ", src.inputs().size());
  std::unordered_map<Value*, Value*> map;
  for (size_t i = 0; i < inputs.size(); ++i) map[src.inputs()[i]] = inputs[i];
  auto lookup = [&](Value* v) -> Value* {
    auto it = map.find(v);
    WICK_INTERNAL_ASSERT(it != map.end(), "insertGraph: value %", v->displayName(),
                         " used before it is defined");
    return it->second;
  };
  for (const Node* n : src) {
    Node* c = insertNode(cloneNode(*this, n, lookup));
    for (size_t i = 0; i < n->outputs().size(); ++i) map[n->output(i)] = c->output(i);
  }
  std::vector<Value*> outs;
  for (Value* o : src.outputs()) outs.push_back(lookup(o));
  return outs;
}

std::shared_ptr<Graph> Graph::copy() const {
  auto g = std::make_shared<Graph>();
  std::vector<Value*> ins;
  for (Value* in : inputs()) {
    Value* v = g->addInput(in->hasDebugName() ? in->debugName() : "");
    v->setType(in->type());
    ins.push_back(v);
  }
  for (Value* o : g->insertGraph(*this, ins)) g->registerOutput(o);
  return g;
}

std::ostream& operator<<(std::ostream& os, const Graph& g) { return os << g.toString(); }

}  // namespace wick::jit
