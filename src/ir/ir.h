// The graph IR (PyTorch JIT's vocabulary): a Graph owns Blocks, Nodes and Values. A Node has
// a kind (Symbol), input and output Values, attributes, and nested Blocks (prim::If,
// prim::Loop). A Value is produced by exactly one node output (or a block parameter) and
// records its Uses. Ops from ops.def carry their resolved OpInfo, so the executor, printer
// and passes read the schema and traits without string lookups.
//
// Printing and parsing follow PyTorch 1.13's graph text (ir/printer.h, ir/parser.h);
// ir/verifier.h checks the invariants below and names the bad node.
#pragma once

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ir/symbol.h"
#include "wick/core/ivalue.h"
#include "wick/core/type.h"
#include "wick/ops/registry.h"

namespace wick::jit {

class Graph;
class Block;
class Node;
class Value;
class Function;

struct Use {
  Node* user;
  size_t offset;  // index of the input in user->inputs()
  bool operator==(const Use& o) const { return user == o.user && offset == o.offset; }
};

class Value {
 public:
  Node* node() const { return node_; }
  size_t offset() const { return offset_; }
  const TypePtr& type() const { return type_; }
  Value* setType(TypePtr t);
  const std::vector<Use>& uses() const { return uses_; }
  bool hasUses() const { return !uses_.empty(); }
  size_t unique() const { return unique_; }
  Graph* owningGraph() const;

  bool hasDebugName() const { return !debug_name_.empty(); }
  const std::string& debugName() const { return debug_name_; }
  // Sets the name printed as %name. A name taken by another value moves that value to
  // name.N, as PyTorch does; names made of digits only are reserved for unique ids.
  Value* setDebugName(const std::string& name);
  // %name or %<unique>, without the '%'.
  std::string displayName() const;

  // Makes every use of this value use `v` instead.
  void replaceAllUsesWith(Value* v);
  // The same, only for uses in nodes after `after` (in the same block or nested in it).
  void replaceAllUsesAfterNodeWith(const Node* after, Value* v);

 private:
  friend class Node;
  friend class Graph;
  friend class Block;
  Value(Node* node, size_t offset, size_t unique) : node_(node), offset_(offset), unique_(unique) {}

  Node* node_;
  size_t offset_;
  size_t unique_;
  size_t slot_ = 0;  // index in the graph's value arena
  TypePtr type_;
  std::vector<Use> uses_;
  std::string debug_name_;
};

class Node {
 public:
  Symbol kind() const { return kind_; }
  Graph* owningGraph() const { return graph_; }
  Block* owningBlock() const { return owning_block_; }
  // The op of an ops.def kind once resolved (null for prims and unresolved kinds).
  const OpInfo* op() const { return op_; }
  void setOp(const OpInfo* op) { op_ = op; }
  const FunctionSchema* maybeSchema() const { return op_ ? &op_->schema : nullptr; }

  // ---- inputs ----
  const std::vector<Value*>& inputs() const { return inputs_; }
  Value* input(size_t i) const { return inputs_.at(i); }
  Value* input() const;  // the only input
  Value* addInput(Value* v);
  Value* insertInput(size_t i, Value* v);
  void replaceInput(size_t i, Value* v);
  // Replaces every use of `from` among this node's inputs.
  void replaceInputWith(Value* from, Value* to);
  void removeInput(size_t i);
  void removeAllInputs();

  // ---- outputs ----
  const std::vector<Value*>& outputs() const { return outputs_; }
  Value* output(size_t i) const { return outputs_.at(i); }
  Value* output() const;  // the only output
  Value* addOutput();
  Value* insertOutput(size_t i);
  // The output must have no uses.
  void eraseOutput(size_t i);
  bool hasUses() const;

  // ---- blocks ----
  const std::vector<Block*>& blocks() const { return blocks_; }
  Block* addBlock();
  void eraseBlock(size_t i);

  // ---- position ----
  Node* next() const { return next_; }
  Node* prev() const { return prev_; }
  bool inBlockList() const { return next_ != nullptr; }
  Node* insertBefore(Node* n);  // inserts this before n
  Node* insertAfter(Node* n);
  void moveBefore(Node* n);
  void moveAfter(Node* n);
  // True if this node comes before n in a walk of the graph (both in the same graph).
  bool isBefore(const Node* n) const;
  // Unlinks and frees the node; its outputs must have no uses.
  void destroy();

  // ---- attributes (IValue-valued; names are plain strings like "value", "name") ----
  bool hasAttribute(std::string_view name) const;
  const IValue& attr(std::string_view name) const;  // raises if missing
  const IValue* findAttr(std::string_view name) const;
  Node* setAttr(std::string_view name, IValue v);
  void removeAttr(std::string_view name);
  const std::vector<std::pair<std::string, IValue>>& attributes() const { return attrs_; }
  // Shorthands for the common string and int attributes.
  const std::string& s(std::string_view name) const { return attr(name).toStringRef(); }
  int64_t i(std::string_view name) const { return attr(name).toInt(); }

  // ---- source information (printed as "# file:line:col" / ", scope: ...") ----
  const std::string& sourceRange() const { return source_range_; }
  void setSourceRange(std::string s) { source_range_ = std::move(s); }
  const std::string& scope() const { return scope_; }
  void setScope(std::string s) { scope_ = std::move(s); }

  // The function a prim::CallFunction node calls (its "name" attribute names it).
  const std::shared_ptr<Function>& callee() const { return callee_; }
  void setCallee(std::shared_ptr<Function> f) { callee_ = std::move(f); }

  // Inputs matched to schema argument names (null if the node has no op or no such arg).
  Value* namedInput(std::string_view arg_name) const;
  // Constant value of input i if it is produced by prim::Constant.
  std::optional<IValue> constantInput(size_t i) const;

 private:
  friend class Graph;
  friend class Block;
  Node(Graph* g, Symbol kind);
  void dropInput(size_t i);

  Symbol kind_;
  Graph* graph_;
  Block* owning_block_ = nullptr;
  const OpInfo* op_ = nullptr;
  std::vector<Value*> inputs_;
  std::vector<Value*> outputs_;
  std::vector<Block*> blocks_;
  std::vector<std::pair<std::string, IValue>> attrs_;
  std::string source_range_;
  std::string scope_;
  std::shared_ptr<Function> callee_;
  Node* next_ = nullptr;
  Node* prev_ = nullptr;
  size_t slot_ = 0;  // index in the graph's node arena
};

// A list of nodes with a Param node (its inputs are the block's inputs) and a Return node
// (its inputs are the block's outputs), linked in a circle through the Return node.
class Block {
 public:
  Graph* owningGraph() const { return graph_; }
  Node* owningNode() const { return owning_node_; }
  Node* param() const { return input_; }
  Node* returnNode() const { return output_; }

  const std::vector<Value*>& inputs() const { return input_->outputs(); }
  const std::vector<Value*>& outputs() const { return output_->inputs(); }
  Value* addInput(const std::string& name = "");
  Value* insertInput(size_t i, const std::string& name = "");
  void eraseInput(size_t i);
  size_t registerOutput(Value* v);
  void insertOutput(size_t i, Value* v);
  void eraseOutput(size_t i);

  Node* appendNode(Node* n);
  Node* prependNode(Node* n);

  // Iteration over the nodes between Param and Return.
  class iterator {
   public:
    explicit iterator(Node* n) : n_(n) {}
    Node* operator*() const { return n_; }
    iterator& operator++() {
      n_ = n_->next();
      return *this;
    }
    bool operator!=(const iterator& o) const { return n_ != o.n_; }
    bool operator==(const iterator& o) const { return n_ == o.n_; }

   private:
    Node* n_;
  };
  iterator begin() const { return iterator(input_->next()); }
  iterator end() const { return iterator(output_); }
  // Nodes in reverse order; safe against destroying the current node.
  std::vector<Node*> nodesReversed() const;
  std::vector<Node*> nodeList() const;

 private:
  friend class Graph;
  friend class Node;
  Block(Graph* g, Node* owning_node);
  Graph* graph_;
  Node* owning_node_;
  Node* input_;
  Node* output_;
  size_t slot_ = 0;  // index in the graph's block arena
};

// Where Graph::insertNode puts new nodes.
struct InsertPoint {
  Block* block = nullptr;
  Node* before = nullptr;  // insert before this node (a block's Return node = append)
};

class Graph : public std::enable_shared_from_this<Graph> {
 public:
  Graph();
  ~Graph();
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  Block* block() const { return block_; }
  const std::vector<Value*>& inputs() const { return block_->inputs(); }
  const std::vector<Value*>& outputs() const { return block_->outputs(); }
  Value* addInput(const std::string& name = "") { return block_->addInput(name); }
  Value* insertInput(size_t i, const std::string& name = "") {
    return block_->insertInput(i, name);
  }
  void eraseInput(size_t i) { block_->eraseInput(i); }
  size_t registerOutput(Value* v) { return block_->registerOutput(v); }
  void eraseOutput(size_t i) { block_->eraseOutput(i); }
  Node* returnNode() const { return block_->returnNode(); }
  Block::iterator begin() const { return block_->begin(); }
  Block::iterator end() const { return block_->end(); }

  // Creates a node that is not yet in any block, with `num_outputs` outputs (typed later).
  Node* create(Symbol kind, size_t num_outputs = 1);
  Node* create(Symbol kind, const std::vector<Value*>& inputs, size_t num_outputs = 1);
  // Creates an op node for an ops.def row: kind from the schema, outputs typed from the
  // schema's returns (generic types left for the caller).
  Node* createOp(const OpInfo& op, const std::vector<Value*>& inputs);

  // Insertion point for insertNode / insert helpers (default: end of the top block).
  void setInsertPoint(Block* b) { insert_ = InsertPoint{b, b->returnNode()}; }
  void setInsertPoint(Node* before) { insert_ = InsertPoint{before->owningBlock(), before}; }
  InsertPoint insertPoint() const { return insert_; }
  void restoreInsertPoint(InsertPoint p) { insert_ = p; }
  Node* insertNode(Node* n);

  // prim::Constant of `v`, typed from the value (complete tensor types for tensors),
  // inserted at the insert point.
  Value* insertConstant(const IValue& v, TypePtr type = nullptr);
  Node* createConstant(const IValue& v, TypePtr type = nullptr);
  Node* createListConstruct(const std::vector<Value*>& elems, TypePtr elem_type);
  Node* createTupleConstruct(const std::vector<Value*>& elems, TypePtr named_type = nullptr);
  Node* createTupleUnpack(Value* tuple);
  Node* createListUnpack(Value* list, size_t n);
  Node* createDictConstruct(const std::vector<Value*>& kvs, TypePtr key, TypePtr value);
  Node* createGetAttr(Value* obj, const std::string& name);

  // Deep copy (new values get fresh unique ids).
  std::shared_ptr<Graph> copy() const;
  // Copies the nodes of `src` into this graph at the insert point, mapping src's inputs to
  // `inputs`; returns the values that correspond to src's outputs.
  std::vector<Value*> insertGraph(const Graph& src, const std::vector<Value*>& inputs);

  // PyTorch's graph text (ir/printer.cpp).
  std::string toString(bool print_source_locations = true) const;

  size_t nextUnique() { return next_unique_++; }
  // For readers of graph text and renumbering passes: gives `v` the id printed as %<unique>
  // (the caller keeps ids distinct) and makes later values number after it.
  void setValueUnique(Value* v, size_t unique);
  // Later values get ids >= next.
  void reserveUniques(size_t next) { next_unique_ = std::max(next_unique_, next); }

 private:
  friend class Node;
  friend class Value;
  friend class Block;
  Value* newValue(Node* n, size_t offset);
  Block* newBlock(Node* owning_node);
  void freeNode(Node* n);
  void freeValue(Value* v);
  void freeBlock(Block* b);

  Block* block_;
  InsertPoint insert_;
  size_t next_unique_ = 0;
  std::unordered_map<std::string, Value*> unique_names_;
  std::unordered_map<std::string, size_t> name_base_suffix_;
  std::vector<std::unique_ptr<Node>> nodes_;  // owner; freed slots are null
  std::vector<std::unique_ptr<Value>> values_;
  std::vector<std::unique_ptr<Block>> blocks_;
};

std::ostream& operator<<(std::ostream& os, const Graph& g);

// Clones `n` (attributes, blocks, types) into graph `g` with inputs mapped by `map`;
// the clone is not inserted.
Node* cloneNode(Graph& g, const Node* n, const std::function<Value*(Value*)>& map);

}  // namespace wick::jit
