// Casts, copies and fills: to (dtype, dtype_layout, device, other), type_as, clone,
// contiguous, detach, copy_, fill_ and zero_. `to` returns self itself when nothing
// would change and no copy was asked for, as PyTorch does.
#include "ops/kernels/iter_binary.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using iter::Iter;

// A new tensor in `format`; Preserve keeps a dense tensor's strides (PyTorch's empty_like).
Tensor emptyInFormat(const Tensor& self, DType dtype, MemoryFormat format) {
  return iter::emptyLike(self, dtype, format);
}

Tensor toImpl(const char* op, const Tensor& self, DType dtype, bool copy,
              std::optional<MemoryFormat> memory_format) {
  MemoryFormat format = memory_format.value_or(MemoryFormat::Preserve);
  bool same_format =
      format == MemoryFormat::Preserve || iter::suggestMemoryFormat(self.impl()) == format;
  if (self.dtype() == dtype && !copy && same_format) return self;
  Tensor result = emptyInFormat(self, dtype, format);
  iter::copyInto(op, result, self);
  return result;
}

void checkDevice(const char* op, const std::optional<Device>& device) {
  if (device) checkCpuDevice(*device, op);
}

// A new TensorImpl over the same storage and geometry (detach).
Tensor sameView(const Tensor& self) {
  const TensorImpl* t = self.impl();
  return makeTensor(t->storagePtr(), t->dtype(), t->sizes(), t->strides(), t->offset());
}

Tensor fillImpl(const char* op, const Tensor& self, const Scalar& value) {
  Iter it(op);
  // Writing one value to an element twice is harmless, so expanded tensors may be filled.
  it.inplace(self).computeDType(self.dtype()).allowOutputOverlap();
  it.build();
  iter::dispatchTypes<iter::Types::All>(self.dtype(), op, [&]<class T>() {
    iter::opmath_t<T> v = iter::scalarValue<T>(value, op);
    iter::pointwise<T>(it, [v]() { return v; });
  });
  return it.finish();
}

}  // namespace

Tensor to_dtype(const Tensor& self, DType dtype, bool non_blocking, bool copy,
                std::optional<MemoryFormat> memory_format) {
  (void)non_blocking;  // copies are synchronous on the CPU
  return toImpl("aten::to", self, dtype, copy, memory_format);
}

Tensor to_dtype_layout(const Tensor& self, std::optional<DType> dtype, std::optional<Layout> layout,
                       std::optional<Device> device, std::optional<bool> pin_memory,
                       bool non_blocking, bool copy, std::optional<MemoryFormat> memory_format) {
  (void)non_blocking;
  const char* op = "aten::to";
  WICK_CHECK(!layout || *layout == Layout::Strided, op, ": only strided tensors are supported");
  checkDevice(op, device);
  WICK_CHECK(!pin_memory.value_or(false), op,
             ": pin_memory=True is not supported (wick runs on the CPU only)");
  return toImpl(op, self, dtype.value_or(self.dtype()), copy, memory_format);
}

Tensor to_device(const Tensor& self, Device device, DType dtype, bool non_blocking, bool copy,
                 std::optional<MemoryFormat> memory_format) {
  (void)non_blocking;
  checkCpuDevice(device, "aten::to");
  return toImpl("aten::to", self, dtype, copy, memory_format);
}

Tensor to_other(const Tensor& self, const Tensor& other, bool non_blocking, bool copy,
                std::optional<MemoryFormat> memory_format) {
  (void)non_blocking;
  return toImpl("aten::to", self, other.dtype(), copy, memory_format);
}

// The TorchScript forms (dtype as an int, everything optional): without a dtype, device or
// copy they return `self` itself. With copy but neither a dtype nor a device, PyTorch 1.13
// reads an empty optional dtype (undefined behaviour); wick copies in self's dtype.
static DType scriptDType(const char* op, std::optional<int64_t> dtype, const Tensor& self) {
  if (!dtype) return self.dtype();
  WICK_CHECK(isValidDTypeNumber(*dtype), op, ": ", *dtype, " is not a dtype number");
  return static_cast<DType>(*dtype);
}

Tensor to_prim_Device(const Tensor& self, std::optional<Device> device,
                      std::optional<int64_t> dtype, bool non_blocking, bool copy) {
  (void)non_blocking;
  checkDevice("aten::to", device);
  return toImpl("aten::to", self, scriptDType("aten::to", dtype, self), copy, std::nullopt);
}

Tensor to_prim_dtype(const Tensor& self, std::optional<int64_t> dtype, bool non_blocking,
                     bool copy) {
  (void)non_blocking;
  return toImpl("aten::to", self, scriptDType("aten::to", dtype, self), copy, std::nullopt);
}

Tensor to_prim_other(const Tensor& self, bool non_blocking, bool copy) {
  (void)non_blocking;
  return toImpl("aten::to", self, self.dtype(), copy, std::nullopt);
}

Tensor type_as(const Tensor& self, const Tensor& other) {
  return toImpl("aten::type_as", self, other.dtype(), false, std::nullopt);
}

Tensor clone(const Tensor& self, std::optional<MemoryFormat> memory_format) {
  Tensor result = emptyInFormat(self, self.dtype(), memory_format.value_or(MemoryFormat::Preserve));
  iter::copyInto("aten::clone", result, self);
  return result;
}

Tensor clone_out(const Tensor& self, std::optional<MemoryFormat> memory_format, const Tensor& out) {
  const char* op = "aten::clone";
  MemoryFormat format = memory_format.value_or(MemoryFormat::Preserve);
  DimVector strides;
  if (format == MemoryFormat::ChannelsLast || format == MemoryFormat::ChannelsLast3d) {
    strides = iter::channelsLastStrides(self.impl()->sizes());
  }
  iter::resizeOutput(op, out, self.impl()->sizes(), strides);
  iter::copyInto(op, out, self);
  return out;
}

Tensor contiguous(const Tensor& self, MemoryFormat memory_format) {
  if (iter::isContiguousIn(self.impl(), memory_format)) return self;
  WICK_CHECK(memory_format != MemoryFormat::Preserve,
             "aten::contiguous: preserve memory format is unsupported by the contiguous operator");
  return clone(self, memory_format);
}

Tensor detach(const Tensor& self) { return sameView(self); }

Tensor detach_(const Tensor& self) {
  self.impl()->setRequiresGrad(false);
  return self;
}

Tensor copy_(const Tensor& self, const Tensor& src, bool non_blocking) {
  (void)non_blocking;
  iter::copyInto("aten::copy_", self, src);
  return self;
}

Tensor fill__Scalar(const Tensor& self, const Scalar& value) {
  return fillImpl("aten::fill_", self, value);
}

Tensor fill__Tensor(const Tensor& self, const Tensor& value) {
  WICK_CHECK(value.dim() == 0,
             "aten::fill_: fill_ only supports 0-dimension value tensor but got tensor with ",
             value.dim(), " dimensions.");
  return fillImpl("aten::fill_", self, value.item());
}

Tensor zero_(const Tensor& self) { return fillImpl("aten::zero_", self, Scalar(int64_t(0))); }

}  // namespace wick::kernels
