// Tensors made from data: TorchScript's aten::tensor on (nested) lists, the C++ tensor({...})
// literals and tensor(std::vector, sizes), and from_blob wrapping of external memory.
#include <functional>

#include "ops/kernels/shape_util.h"
#include "wick/ops/functions.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace {

// The sizes of a nested list, read along its first elements, then checked everywhere so that
// ragged lists raise PyTorch's message.
void checkNested(const IValue& v, size_t depth, const DimVector& sizes) {
  if (depth == sizes.size()) {
    WICK_CHECK(!v.isList(), "aten::tensor: Expected a number at dim ", depth, " (got a list)");
    return;
  }
  WICK_CHECK(v.isList(), "aten::tensor: Expected sequence of length ", sizes[depth], " at dim ",
             depth, " (got a number)");
  const auto& elems = v.toList().elems;
  WICK_CHECK(static_cast<int64_t>(elems.size()) == sizes[depth],
             "aten::tensor: Expected sequence of length ", sizes[depth], " at dim ", depth,
             " (got ", elems.size(), ")");
  for (const IValue& e : elems) checkNested(e, depth + 1, sizes);
}

DimVector nestedSizes(const IValue& data) {
  DimVector sizes;
  const IValue* v = &data;
  while (v->isList()) {
    const auto& elems = v->toList().elems;
    sizes.push_back(static_cast<int64_t>(elems.size()));
    if (elems.empty()) break;
    v = &elems[0];
  }
  checkNested(data, 0, sizes);
  return sizes;
}

// The innermost element type of a list type: List[List[float]] -> float.
const Type& innerType(const IValue& v) {
  const Type* t = v.toList().elem_type.get();
  while (const auto* l = t->cast<ListType>()) t = l->elem().get();
  return *t;
}

DType listDType(const IValue& data) {
  const Type& t = innerType(data);
  switch (t.kind()) {
    case TypeKind::Int: return kLong;
    case TypeKind::Float: return kFloat;
    case TypeKind::Bool: return kBool;
    default: WICK_FAIL("aten::tensor: expected a list of int, float or bool, got ", t.str());
  }
}

template <class T>
void writeNested(const IValue& v, T*& out) {
  for (const IValue& e : v.toList().elems) {
    if (e.isList()) {
      writeNested(e, out);
    } else {
      WICK_CHECK(e.isScalar(), "aten::tensor: expected a number, got ", e.typeName());
      *out++ = kernels::scalarAs<T>(e.toScalar());
    }
  }
}

}  // namespace

namespace kernels {

namespace {

// aten::tensor and aten::as_tensor.list: (data, dtype, device[, requires_grad]) on the stack.
void tensorFromList(Stack& stack, size_t num_inputs, const char* op) {
  WICK_INTERNAL_ASSERT((num_inputs == 3 || num_inputs == 4) && stack.size() >= num_inputs);
  const IValue* args = stack.data() + stack.size() - num_inputs;
  const IValue& data = args[0];
  std::optional<DType> dtype;
  if (!args[1].isNone()) dtype = args[1].toDType();
  std::optional<Device> device;
  if (args[2].isDevice()) device = args[2].toDevice();
  if (args[2].isString()) device = Device(args[2].toStringView());
  bool requires_grad = num_inputs == 4 && args[3].toBool();
  DType dt = factoryDType(op, dtype, listDType(data), std::nullopt, device, std::nullopt);
  DimVector sizes = nestedSizes(data);
  Tensor out = emptyTensor(sizes, dt);
  WICK_DISPATCH_ALL(dt, "aten::tensor", {
    scalar_t* p = static_cast<scalar_t*>(out.data_ptr());
    writeNested(data, p);
  });
  WICK_CHECK(
      !requires_grad || isFloatingType(dt),
      "aten::tensor: Only Tensors of floating point and complex dtype can require gradients");
  out.impl()->setRequiresGrad(requires_grad);
  stack.resize(stack.size() - num_inputs);
  stack.emplace_back(std::move(out));
}

}  // namespace

// aten::tensor(t[] data, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)
void tensor(Stack& stack, size_t num_inputs) { tensorFromList(stack, num_inputs, "aten::tensor"); }

// aten::as_tensor.list(t[] data, *, ScalarType? dtype=None, Device? device=None)
void as_tensor_list(Stack& stack, size_t num_inputs) {
  tensorFromList(stack, num_inputs, "aten::as_tensor");
}

}  // namespace kernels

// ---- C++ literals ----

DimVector TensorData::sizes() const {
  DimVector out;
  const TensorData* d = this;
  while (d->is_list_) {
    out.push_back(static_cast<int64_t>(d->elems_.size()));
    if (d->elems_.empty()) break;
    d = &d->elems_[0];
  }
  return out;
}

void TensorData::check(const DimVector& sizes, size_t depth, std::optional<DType>& dtype) const {
  if (depth == sizes.size()) {
    WICK_CHECK(!is_list_, "tensor: Expected a number at dim ", depth, " (got a list)");
    dtype = dtype ? promoteTypes(*dtype, dtype_) : dtype_;
    return;
  }
  WICK_CHECK(is_list_, "tensor: Expected sequence of length ", sizes[depth], " at dim ", depth,
             " (got a number)");
  WICK_CHECK(static_cast<int64_t>(elems_.size()) == sizes[depth],
             "tensor: Expected sequence of length ", sizes[depth], " at dim ", depth, " (got ",
             elems_.size(), ")");
  for (const TensorData& e : elems_) e.check(sizes, depth + 1, dtype);
}

template <class T>
void TensorData::write(T*& out) const {
  if (!is_list_) {
    *out++ = kernels::scalarAs<T>(scalar_);
    return;
  }
  for (const TensorData& e : elems_) e.write(out);
}

Tensor tensor(const TensorData& data, const TensorOptions& options) {
  DimVector sizes = data.sizes();
  std::optional<DType> natural;
  data.check(sizes, 0, natural);
  // An empty list has no elements to take a dtype from; PyTorch makes it float.
  DType dt = kernels::factoryDType("tensor", options.dtype_opt(), natural.value_or(kFloat),
                                   options.layout_opt(), options.device_opt(),
                                   options.pinned_memory_opt());
  Tensor out = emptyTensor(sizes, dt);
  WICK_DISPATCH_ALL(dt, "tensor", {
    scalar_t* p = static_cast<scalar_t*>(out.data_ptr());
    data.write(p);
  });
  return detail::applyRequiresGrad(out, options);
}

Tensor detail::tensorFromBuffer(const void* data, DType src, size_t count, SymIntList sizes,
                                const TensorOptions& options) {
  DimVector scratch;
  IntArrayRef shape = sizes.values(scratch);
  kernels::checkFactorySizes("tensor", shape);
  int64_t n = checkedNumel(shape, "tensor");
  WICK_CHECK(static_cast<size_t>(n) == count, "tensor: ", count,
             " values cannot fill a tensor of size ", shape, " (", n, " elements)");
  DType dt =
      kernels::factoryDType("tensor", options.dtype_opt(), naturalDType(src), options.layout_opt(),
                            options.device_opt(), options.pinned_memory_opt());
  // Wrap the caller's buffer (read only here) and convert it into fresh memory.
  auto storage = StorageImpl::wrap(const_cast<void*>(data), count * elementSize(src), nullptr);
  Tensor view = makeTensor(std::move(storage), src, shape, contiguousStrides(shape), 0);
  Tensor out = emptyTensor(shape, dt);
  kernels::copyConverting(out, view);
  return applyRequiresGrad(out, options);
}

Tensor detail::applyRequiresGrad(Tensor t, const TensorOptions& options) {
  if (options.requires_grad()) t.requires_grad_(true);
  return t;
}

DType detail::naturalDType(DType t) {
  // Integer literals are int in C++ but int64 in Python; floating ones take the default dtype.
  if (t == kInt || t == kLong) return kLong;
  if (t == kDouble || t == kFloat) return kFloat;
  return t;
}

// ---- external memory ----

Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides,
                 std::function<void(void*)> deleter, const TensorOptions& options) {
  WICK_CHECK(sizes.size() == strides.size(), "from_blob: sizes ", sizes, " and strides ", strides,
             " have different lengths");
  kernels::checkFactorySizes("from_blob", sizes);
  for (int64_t s : strides)
    WICK_CHECK(s >= 0, "from_blob: negative strides are not supported, got ", strides);
  DType dt = kernels::factoryDType("from_blob", options.dtype_opt(), kFloat, options.layout_opt(),
                                   options.device_opt(), options.pinned_memory_opt());
  int64_t extent = checkedNumel(sizes, "from_blob") == 0 ? 0 : 1;
  if (extent)
    for (size_t d = 0; d < sizes.size(); ++d) extent += (sizes[d] - 1) * strides[d];
  std::shared_ptr<void> owner;
  if (deleter) owner = std::shared_ptr<void>(data, std::move(deleter));
  auto storage =
      StorageImpl::wrap(data, static_cast<size_t>(extent) * elementSize(dt), std::move(owner));
  Tensor out = makeTensor(std::move(storage), dt, sizes, strides, 0);
  return detail::applyRequiresGrad(out, options);
}

Tensor from_blob(void* data, IntArrayRef sizes, const TensorOptions& options) {
  return from_blob(data, sizes, contiguousStrides(sizes), {}, options);
}

Tensor from_blob(void* data, IntArrayRef sizes, std::function<void(void*)> deleter,
                 const TensorOptions& options) {
  return from_blob(data, sizes, contiguousStrides(sizes), std::move(deleter), options);
}

}  // namespace wick
