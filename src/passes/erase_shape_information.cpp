#include "passes/erase_shape_information.h"

namespace wick::jit {

namespace {

// The type with every tensor type made plain; `t` itself when it holds none.
TypePtr erased(const TypePtr& t) {
  switch (t->kind()) {
    case TypeKind::Tensor:
      return static_cast<const TensorType&>(*t).isUnspecialized() ? t : TensorType::get();
    case TypeKind::List: {
      TypePtr e = erased(static_cast<const ListType&>(*t).elem());
      return e == static_cast<const ListType&>(*t).elem() ? t : ListType::create(e);
    }
    case TypeKind::Optional: {
      TypePtr e = erased(static_cast<const OptionalType&>(*t).elem());
      return e == static_cast<const OptionalType&>(*t).elem() ? t : OptionalType::create(e);
    }
    case TypeKind::Dict: {
      const auto& d = static_cast<const DictType&>(*t);
      TypePtr v = erased(d.value());
      return v == d.value() ? t : DictType::create(d.key(), v);
    }
    case TypeKind::Tuple: {
      const auto& tt = static_cast<const TupleType&>(*t);
      std::vector<TypePtr> elems;
      bool same = true;
      for (const TypePtr& e : tt.elements()) {
        elems.push_back(erased(e));
        same &= elems.back() == e;
      }
      if (same) return t;
      return tt.isNamed() ? TupleType::createNamed(*tt.name(), tt.fieldNames(), std::move(elems))
                          : TupleType::create(std::move(elems));
    }
    default: return t;
  }
}

bool eraseValues(const std::vector<Value*>& values) {
  bool changed = false;
  for (Value* v : values) {
    TypePtr e = erased(v->type());
    if (e != v->type()) {
      v->setType(e);
      changed = true;
    }
  }
  return changed;
}

bool eraseBlock(Block* b) {
  bool changed = eraseValues(b->inputs());
  for (Node* n : *b) {
    changed |= eraseValues(n->outputs());
    for (Block* inner : n->blocks()) changed |= eraseBlock(inner);
  }
  return changed;
}

}  // namespace

bool eraseShapeInformation(Graph& g) { return eraseBlock(g.block()); }

}  // namespace wick::jit
