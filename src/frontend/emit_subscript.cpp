// Indexing and slicing: x[i], x[a:b:c], x[0, 1:3, None, ...], tuple indexing and slicing,
// list/str/dict subscripts. Tensor indexing is desugared into select/slice/unsqueeze and an
// aten::index for tensor indices, as TorchScript does.
#include <limits>

#include "frontend/diagnostics.h"
#include "frontend/emitter.h"
#include "frontend/schema_matching.h"

namespace wick::jit::frontend {

namespace {

std::optional<int64_t> constantInt(Value* v) {
  if (v->node()->kind() != prim::kConstant) return std::nullopt;
  const IValue* c = v->node()->findAttr("value");
  if (!c || !c->isInt()) return std::nullopt;
  return c->toInt();
}

// Python's slice.indices(): clamps start/stop for a sequence of `length`; returns the count.
int64_t adjustSliceIndices(int64_t length, std::optional<int64_t> start,
                           std::optional<int64_t> stop, int64_t step, int64_t* out_start) {
  auto clamp = [&](std::optional<int64_t> v, int64_t dflt) {
    if (!v) return dflt;
    int64_t x = *v;
    if (x < 0) {
      x += length;
      if (x < 0) x = step < 0 ? -1 : 0;
    } else if (x >= length) {
      x = step < 0 ? length - 1 : length;
    }
    return x;
  };
  int64_t b = clamp(start, step < 0 ? length - 1 : 0);
  int64_t e = clamp(stop, step < 0 ? -1 : length);
  *out_start = b;
  if (step < 0) return e < b ? (b - e - 1) / (-step) + 1 : 0;
  return b < e ? (e - b - 1) / step + 1 : 0;
}

}  // namespace

SugaredPtr FunctionEmitter::emitSubscript(const SubscriptExpr& e, const TypePtr& hint) {
  SugaredPtr sv = emitSugaredExpr(e.value, 1);
  const SourceRange& val_range = e.value->range;
  if (e.indices.size() != 1) {
    return std::make_shared<SimpleValue>(
        emitMultidimSlicing(e.range, sv->asValue(val_range, *this), e.indices));
  }
  if (e.indices[0]->kind == ExprKind::Slice) {
    Value* sliceable = sv->asValue(val_range, *this);
    Value* dim = sliceable->type()->kind() == TypeKind::Tensor
                     ? insertConstant(IValue(int64_t{0}), e.range)
                     : nullptr;
    return std::make_shared<SimpleValue>(
        emitSlice(e.range, sliceable, dim, e.indices[0]->as<SliceExpr>()));
  }
  Value* sliceable = sv->asValue(val_range, *this);
  TypeKind k = sliceable->type()->kind();
  if (k == TypeKind::Tensor) {
    return std::make_shared<SimpleValue>(emitMultidimSlicing(e.range, sliceable, e.indices));
  }
  Value* index = emitSugaredExpr(e.indices[0], 1)->asValue(val_range, *this);
  if (k == TypeKind::Tuple)
    return std::make_shared<SimpleValue>(emitTupleIndex(e.range, sliceable, index));
  return sv->getitem(e.range, *this, index, hint);
}

Value* FunctionEmitter::emitMultidimSlicing(const SourceRange& loc, Value* sliceable,
                                            const std::vector<ExprPtr>& indices) {
  if (sliceable->type()->kind() != TypeKind::Tensor) {
    failAt(
        loc,
        "unsupported operation: attempted to use multidimensional indexing on a non-tensor type");
  }
  auto [sliced, tensor_indices] = emitIntAndSliceIndexing(loc, sliceable, indices);
  if (tensor_indices.empty()) return sliced;
  Value* list = insertNode(graph_->createListConstruct(tensor_indices,
                                                       OptionalType::create(TensorType::get())),
                           SourceRange())
                    ->output();
  return emitBuiltin(loc, "aten::index", {NamedValue(loc, sliced), NamedValue(loc, list)});
}

// Ints, slices and None index dimensions left to right up to an ellipsis, and right to left
// after it; tensor (and list) indices are collected for one aten::index at the end.
std::pair<Value*, std::vector<Value*>> FunctionEmitter::emitIntAndSliceIndexing(
    const SourceRange& loc, Value* sliceable, const std::vector<ExprPtr>& indices) {
  std::vector<int64_t> dims(indices.size());
  std::vector<Value*> exprs(indices.size(), nullptr);
  auto handle = [&](const ExprPtr& index, size_t i, int64_t dim, bool reverse) -> int64_t {
    dims[i] = dim;
    if (index->kind == ExprKind::Slice) return reverse ? dim - 1 : dim + 1;
    TypePtr hint = index->kind == ExprKind::None ? NoneType::get() : nullptr;
    Value* v = emitExpr(index, hint);
    if (v->type()->kind() == TypeKind::List) {
      // x[[0, 2]] indexes with a tensor made from the list (always int64).
      Value* dtype = insertConstant(IValue(static_cast<int64_t>(kLong)), SourceRange());
      v = emitBuiltin(SourceRange(), "aten::tensor", {NamedValue(loc, v)},
                      {NamedValue(SourceRange(), "dtype", dtype)});
    }
    exprs[i] = v;
    TypeKind k = v->type()->kind();
    if (k == TypeKind::None) return reverse ? dim : dim + 1;
    if (k == TypeKind::Int) return reverse ? dim - 1 : dim;
    if (k == TypeKind::Tensor ||
        (k == TypeKind::Optional &&
         v->type()->isSubtypeOf(*OptionalType::create(TensorType::get())))) {
      if (reverse) failAt(loc, "ellipses followed by tensor indexing is currently not supported");
      return dim + 1;
    }
    failAt(loc, "unsupported operation: indexing tensor with unsupported index type '",
           typeName(v->type()), "'; only ints, slices, lists and tensors are supported");
  };
  size_t idx = 0;
  int64_t dim = 0;
  for (; idx < indices.size(); ++idx) {
    if (indices[idx]->kind == ExprKind::Ellipsis) break;
    dim = handle(indices[idx], idx, dim, false);
  }
  int64_t rdim = -1;
  for (size_t r = indices.size(); r-- > idx + 1;) {
    if (indices[r]->kind == ExprKind::Ellipsis)
      failAt(loc, "an index can only have a single ellipsis ('...')");
    rdim = handle(indices[r], r, rdim, true);
  }
  std::vector<Value*> tensor_indices;
  for (size_t i = 0; i < indices.size(); ++i) {
    if (!exprs[i]) {
      if (indices[i]->kind == ExprKind::Slice) {
        sliceable = emitSlice(loc, sliceable, insertConstant(IValue(dims[i]), loc),
                              indices[i]->as<SliceExpr>());
      }
      continue;
    }
    Value* v = exprs[i];
    TypeKind k = v->type()->kind();
    if (k == TypeKind::None) {
      sliceable = emitBuiltin(
          loc, "aten::unsqueeze",
          {NamedValue(loc, sliceable), NamedValue(loc, insertConstant(IValue(dims[i]), loc))});
    } else if (k == TypeKind::Int) {
      sliceable =
          emitBuiltin(loc, "aten::select",
                      {NamedValue(loc, sliceable),
                       NamedValue(loc, insertConstant(IValue(dims[i]), loc)), NamedValue(loc, v)});
    } else {
      if (tensor_indices.size() < static_cast<size_t>(dims[i] + 1))
        tensor_indices.resize(dims[i] + 1, nullptr);
      tensor_indices[dims[i]] = v;
    }
  }
  // aten::index takes Tensor?[]: dimensions not indexed by a tensor get None.
  for (Value*& t : tensor_indices) {
    if (!t) t = graph_->insertNode(graph_->createConstant(IValue()))->output();
  }
  return {sliceable, tensor_indices};
}

Value* FunctionEmitter::emitSlice(const SourceRange& loc, Value* input, Value* dim,
                                  const SliceExpr& slice) {
  Value* start = slice.start ? emitExpr(slice.start) : nullptr;
  Value* end = slice.stop ? emitExpr(slice.stop) : nullptr;
  Value* step = slice.step ? emitExpr(slice.step) : nullptr;
  return emitSliceOp(loc, input, dim, start, end, step);
}

Value* FunctionEmitter::emitSliceOp(const SourceRange& loc, Value* sliceable, Value* dim,
                                    Value* start, Value* end, Value* step) {
  if (sliceable->type()->kind() == TypeKind::Tuple)
    return emitTupleSlice(loc, sliceable, start, end, step);
  std::vector<NamedValue> args{NamedValue(loc, "self", sliceable)};
  if (dim) args.emplace_back(loc, dim);
  std::vector<NamedValue> kwargs;
  if (start) kwargs.emplace_back(loc, "start", start);
  if (end) kwargs.emplace_back(loc, "end", end);
  kwargs.emplace_back(loc, "step", step ? step : insertConstant(IValue(int64_t{1}), loc));
  return emitBuiltin(loc, "aten::slice", args, kwargs);
}

Value* FunctionEmitter::emitTupleIndex(const SourceRange& loc, Value* tuple, Value* index) {
  const auto& tt = *tuple->type()->cast<TupleType>();
  const auto& elems = tt.elements();
  if (index->type()->kind() != TypeKind::Int) failAt(loc, "tuple index must be an integer");
  TypePtr out;
  if (auto c = constantInt(index)) {
    int64_t n = static_cast<int64_t>(elems.size());
    int64_t adjusted = *c < 0 ? *c + n : *c;
    if (adjusted < 0 || adjusted >= n) {
      failAt(loc, "tuple index out of range: tuple is length ", n, " and index is ", *c);
    }
    out = elems[static_cast<size_t>(adjusted)];
  } else {
    bool homogeneous = !elems.empty();
    for (const TypePtr& t : elems) homogeneous = homogeneous && t->isSubtypeOf(*elems[0]);
    if (!homogeneous) {
      failAt(loc, "cannot index into a ", typeName(tuple->type()),
             " with a non-integer literal because we cannot resolve the output type");
    }
    out = elems[0];
  }
  Node* n = graph_->create(prim::kTupleIndex, {tuple, index}, 1);
  n->output()->setType(out);
  return graph_->insertNode(n)->output();
}

Value* FunctionEmitter::emitTupleSlice(const SourceRange& loc, Value* tuple, Value* start,
                                       Value* end, Value* step) {
  const auto& tt = *tuple->type()->cast<TupleType>();
  auto constantOrFail = [&](Value* v) -> std::optional<int64_t> {
    if (!v) return std::nullopt;
    auto c = constantInt(v);
    if (!c) failAt(loc, "tuple slice indices must be integer constants");
    return c;
  };
  std::optional<int64_t> b = constantOrFail(start), e = constantOrFail(end),
                         s = constantOrFail(step);
  int64_t step_size = s.value_or(1);
  if (step_size == 0) failAt(loc, "slice step cannot be zero");
  int64_t first = 0;
  int64_t count =
      adjustSliceIndices(static_cast<int64_t>(tt.elements().size()), b, e, step_size, &first);
  std::vector<Value*> values;
  for (int64_t i = 0, k = first; i < count; ++i, k += step_size) {
    Value* index = graph_->insertConstant(IValue(k));
    Node* n = graph_->create(prim::kTupleIndex, {tuple, index}, 1);
    n->output()->setType(tt.elements()[static_cast<size_t>(k)]);
    values.push_back(graph_->insertNode(n)->output());
  }
  return insertNode(graph_->createTupleConstruct(values), loc)->output();
}

}  // namespace wick::jit::frontend
