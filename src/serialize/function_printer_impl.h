// The printer of one function (see function_printer.h), shared by function_printer.cpp
// (names, statements, control flow) and node_expressions.cpp (one node's expression).
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "serialize/function_printer.h"

namespace wick::archive::detail {

using jit::Block;
using jit::Node;
using jit::Value;

// A node's printed form: an expression assigned to its outputs, or a statement of its own
// (attribute assignment) when `statement` is set.
struct NodeText {
  std::string text;
  bool statement = false;
};

class FunctionPrinter {
 public:
  FunctionPrinter(PrintContext& ctx, std::string& out) : ctx_(ctx), out_(out) {}
  void print(const jit::Function& fn, const std::string& name, const ClassType* self_type,
             int indent);

  // ---- values (function_printer.cpp) ----
  // The variable of a value, or its literal when it is a constant.
  std::string expr(const Value* v);
  std::string literal(const IValue& v, const TypePtr& type);

  // ---- expressions (node_expressions.cpp) ----
  NodeText nodeText(const Node* n);

 private:
  std::string fresh(const std::string& base);
  std::string assign(const Value* v);
  void bind(const Value* v, const std::string& name) { names_[v] = name; }
  void line(int indent, const std::string& text);
  std::string header(const jit::Function& fn, const std::string& name, const ClassType* self_type);
  void printBlock(const Block* b, int indent);
  void printNode(const Node* n, int indent);
  void printIf(const Node* n, int indent);
  void printBranch(const Block* b, const std::vector<std::string>& targets, const Node* n,
                   bool annotate, int indent);
  void printLoop(const Node* n, int indent);
  void printCarriedUpdate(const std::vector<std::string>& targets,
                          const std::vector<std::string>& sources, int indent);

  std::string opText(const Node* n);
  std::string primText(const Node* n);
  std::string listText(const Node* n);
  std::string dictText(const Node* n);
  std::string tupleText(const Node* n);
  std::string callArgs(const Node* n, size_t first);
  bool isDefaultArgument(const Node* n, size_t i) const;

  PrintContext& ctx_;
  std::string& out_;
  std::unordered_map<const Value*, std::string> names_;
  std::unordered_set<std::string> used_;
  std::unordered_map<std::string, size_t> next_suffix_;
  size_t next_temp_ = 0;
};

// The value of a prim::Constant node (None when it has no `value`).
IValue constantValue(const Node* n);
bool isIdentifier(const std::string& s);

}  // namespace wick::archive::detail
