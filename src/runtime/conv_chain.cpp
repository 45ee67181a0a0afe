#include "runtime/conv_chain.h"

#include <unordered_map>
#include <unordered_set>

#include "wick/ops/registry.h"

namespace wick::jit {

namespace {

bool isOp(const Node* n, OpId id) { return n->op() && n->op()->id == id; }

bool isConv(const Node* n) { return isOp(n, OpId::_convolution) || isOp(n, OpId::conv2d); }

// The node that uses v, when v has exactly one use, in the same block, at input `offset`
// (any offset when offset is -1); null otherwise.
const Node* soleUser(const Value* v, int offset = 0) {
  if (v->uses().size() != 1) return nullptr;
  const Use& u = v->uses()[0];
  if (u.user->owningBlock() != v->node()->owningBlock()) return nullptr;
  if (u.user == u.user->owningBlock()->returnNode()) return nullptr;
  if (offset >= 0 && u.offset != static_cast<size_t>(offset)) return nullptr;
  return u.user;
}

bool isConstantOne(const Value* v) {
  if (v->node()->kind() != prim::kConstant) return false;
  const IValue* c = v->node()->findAttr("value");
  if (!c) return false;
  if (c->isInt()) return c->toInt() == 1;
  if (c->isDouble()) return c->toDouble() == 1.0;
  return false;
}

// Walks the nodes strictly between `from` and `to` (same block, from before to). Returns
// false when one of them could change what a chain node reads if the chain ran at `to`:
// anything with blocks or side effects, unless it is an op that writes only values created
// after `from` by ops whose results alias nothing older.
bool canDeferAcross(const Node* from, const Node* to) {
  std::unordered_set<const Value*> fresh;
  for (const Node* n = from->next(); n != to; n = n->next()) {
    if (n == n->owningBlock()->returnNode()) return false;
    Symbol k = n->kind();
    if (k == prim::kConstant || k == prim::kGetAttr || k == prim::kListConstruct ||
        k == prim::kTupleConstruct || k == prim::kListUnpack || k == prim::kTupleUnpack ||
        k == prim::kTupleIndex) {
      // Reads only, and makes fresh containers or passes values along.
      for (const Value* o : n->outputs()) fresh.insert(o);
      continue;
    }
    if (!n->op() || !n->blocks().empty()) return false;
    const FunctionSchema& s = n->op()->schema;
    if (s.is_vararg || s.arguments.size() != n->inputs().size()) return false;
    for (size_t i = 0; i < s.arguments.size(); ++i) {
      if (s.arguments[i].is_write && !fresh.count(n->input(i))) return false;
    }
    if (s.is_varret || s.returns.size() != n->outputs().size()) return false;
    for (size_t r = 0; r < s.returns.size(); ++r) {
      const std::string& set = s.returns[r].alias_set;
      bool aliases_old = false;
      if (!set.empty()) {
        // The result aliases the inputs of the same alias set: fresh only if they all are.
        for (size_t i = 0; i < s.arguments.size(); ++i) {
          if (s.arguments[i].alias_set == set && !fresh.count(n->input(i))) aliases_old = true;
        }
      }
      if (!aliases_old) fresh.insert(n->output(r));
    }
  }
  return true;
}

// Extends a chain from its convolution as far as the pattern and canDeferAcross allow. A node
// an earlier chain took is not taken again: when both inputs of a residual add come from
// convolutions (RegNet's projection shortcut and its main branch), only the first chain in
// graph order fuses the add.
ConvChain growChain(const Node* conv, const std::unordered_set<const Node*>& taken) {
  ConvChain c;
  c.conv = conv;
  const Node* last = conv;
  const Value* cur = conv->output();
  auto accept = [&](const Node* next) {
    if (!next || taken.count(next) || !canDeferAcross(last, next)) return false;
    last = next;
    cur = next->output();
    return true;
  };
  const Node* next = soleUser(cur, 0);
  if (next && isOp(next, OpId::batch_norm) && accept(next)) c.bn = next;
  next = soleUser(cur, -1);
  if (next && (isOp(next, OpId::add__Tensor) || isOp(next, OpId::add_Tensor)) &&
      isConstantOne(next->input(2))) {
    size_t self = next->input(0) == cur ? 0 : 1;
    bool ok = next->input(self) == cur && next->input(1 - self) != cur;
    if (isOp(next, OpId::add__Tensor)) ok = ok && self == 0;  // add_ writes its self
    if (ok && accept(next)) {
      c.add = next;
      c.residual_index = 1 - self;
    }
  }
  next = soleUser(cur, 0);
  if (next && (isOp(next, OpId::relu) || isOp(next, OpId::relu_)) && accept(next)) {
    c.relu = next;
  }
  return c;
}

void collectChains(const Block* b, std::vector<ConvChain>& out,
                   std::unordered_set<const Node*>& taken) {
  for (const Node* n : *b) {
    for (const Block* inner : n->blocks()) collectChains(inner, out, taken);
    if (!isConv(n) || taken.count(n)) continue;
    ConvChain c = growChain(n, taken);
    for (const Node* m : c.nodes()) taken.insert(m);
    out.push_back(c);
  }
}

bool isConstantInt(const Value* v, int64_t expected) {
  if (v->node()->kind() != prim::kConstant) return false;
  const IValue* c = v->node()->findAttr("value");
  return c && c->isInt() && c->toInt() == expected;
}

// A constant int list, or a prim::ListConstruct of int constants, equal to `expected`.
bool isConstantIntList(const Value* v, std::initializer_list<int64_t> expected) {
  const Node* n = v->node();
  if (n->kind() == prim::kListConstruct) {
    if (n->inputs().size() != expected.size()) return false;
    size_t i = 0;
    for (int64_t e : expected) {
      if (!isConstantInt(n->input(i++), e)) return false;
    }
    return true;
  }
  if (n->kind() != prim::kConstant) return false;
  const IValue* c = n->findAttr("value");
  if (!c || !c->isList()) return false;
  const auto& elems = c->toList().elems;
  if (elems.size() != expected.size()) return false;
  size_t i = 0;
  for (int64_t e : expected) {
    if (!elems[i].isInt() || elems[i].toInt() != e) return false;
    ++i;
  }
  return true;
}

class LayoutAnalysis {
 public:
  explicit LayoutAnalysis(std::vector<ConvChain>& chains) : chains_(chains) {
    for (size_t i = 0; i < chains_.size(); ++i) {
      chains_[i].channels_last = true;
      starts_[chains_[i].conv] = i;
      if (chains_[i].add) adds_[chains_[i].add] = i;
    }
  }

  // Clears the flag of every chain with a consumer that needs PyTorch's layout, until
  // nothing changes (a chain feeding only cleared chains is cleared in turn).
  void run() {
    for (bool changed = true; changed;) {
      changed = false;
      for (ConvChain& c : chains_) {
        if (c.channels_last && !acceptsChannelsLast(c.last()->output())) {
          c.channels_last = false;
          changed = true;
        }
      }
    }
  }

 private:
  bool acceptsChannelsLast(const Value* v) const {
    for (const Use& u : v->uses()) {
      const Node* user = u.user;
      if (auto it = starts_.find(user); it != starts_.end()) {
        if (u.offset != 0 || !chains_[it->second].channels_last) return false;
      } else if (auto a = adds_.find(user); a != adds_.end()) {
        const ConvChain& c = chains_[a->second];
        if (u.offset != c.residual_index || !c.channels_last) return false;
      } else if (isOp(user, OpId::max_pool2d) && u.offset == 0) {
        if (!acceptsChannelsLast(user->output())) return false;
      } else if (isOp(user, OpId::adaptive_avg_pool2d) && u.offset == 0 &&
                 isConstantIntList(user->input(1), {1, 1})) {
        // [N, C, 1, 1] is laid out the same way in either format.
      } else {
        return false;
      }
    }
    return true;
  }

  std::vector<ConvChain>& chains_;
  std::unordered_map<const Node*, size_t> starts_;
  std::unordered_map<const Node*, size_t> adds_;
};

}  // namespace

std::vector<const Node*> ConvChain::nodes() const {
  std::vector<const Node*> out{conv};
  for (const Node* n : {bn, add, relu}) {
    if (n) out.push_back(n);
  }
  return out;
}

std::vector<ConvChain> findConvChains(const Graph& g) {
  std::vector<ConvChain> chains;
  std::unordered_set<const Node*> taken;
  collectChains(g.block(), chains, taken);
  LayoutAnalysis(chains).run();
  return chains;
}

}  // namespace wick::jit
