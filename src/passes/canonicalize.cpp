#include "passes/canonicalize.h"

namespace wick::jit {

namespace {

void renumber(Graph& g, const std::vector<Value*>& values, size_t& next, bool& changed) {
  for (Value* v : values) {
    changed |= v->unique() != next;
    g.setValueUnique(v, next++);
  }
}

void renumberBlock(Graph& g, Block* b, size_t& next, bool& changed) {
  renumber(g, b->inputs(), next, changed);
  for (Node* n : *b) {
    renumber(g, n->outputs(), next, changed);
    for (Block* inner : n->blocks()) renumberBlock(g, inner, next, changed);
  }
}

}  // namespace

bool canonicalize(Graph& g) {
  size_t next = 0;
  bool changed = false;
  renumberBlock(g, g.block(), next, changed);
  return changed;
}

}  // namespace wick::jit
