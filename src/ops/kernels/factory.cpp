// Factory kernels that make tensors from sizes and a fill value: empty, zeros, ones, full, eye,
// scalar_tensor, the *_like and new_* variants, and TorchScript's aten::tensor for numbers.
#include "ops/kernels/shape_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// The dtype torch.* factories use when none is given (torch.get_default_dtype()).
constexpr DType kDefaultFloat = kFloat;

// The channels-last layouts need 4-d (channels_last_3d: 5-d) sizes.
void checkFormatRank(const char* op, IntArrayRef size, std::optional<MemoryFormat> format) {
  bool cl = format == MemoryFormat::ChannelsLast, cl3d = format == MemoryFormat::ChannelsLast3d;
  WICK_CHECK(!cl || size.size() == 4, op, ": required rank 4 tensor to use channels_last format");
  WICK_CHECK(!cl3d || size.size() == 5, op,
             ": required rank 5 tensor to use channels_last_3d format");
}

Tensor sized(const char* op, IntArrayRef size, DType dtype, std::optional<MemoryFormat> format) {
  checkFactorySizes(op, size);
  checkFormatRank(op, size, format);
  MemoryFormat f = format.value_or(MemoryFormat::Contiguous);
  WICK_CHECK(f != MemoryFormat::Preserve, op,
             ": preserve memory format is unsupported by the contiguous operator");
  return emptyWithStrides(size, stridesForFormat(size, f), dtype);
}

Tensor filled(const char* op, IntArrayRef size, DType dtype, const Scalar& value) {
  Tensor out = sized(op, size, dtype, std::nullopt);
  fillTensorChecked(op, out, value);
  return out;
}

Tensor like(const char* op, const Tensor& self, std::optional<DType> dtype,
            std::optional<Layout> layout, std::optional<Device> device,
            std::optional<bool> pin_memory, std::optional<MemoryFormat> memory_format) {
  DType dt = factoryDType(op, dtype, self.dtype(), layout, device, pin_memory);
  checkFormatRank(op, self.impl()->sizes(), memory_format);
  return emptyWithStrides(self.impl()->sizes(), likeStrides(self, memory_format), dt);
}

// The dtype torch.full picks from its fill value when none is given.
DType fillValueDType(const Scalar& s) {
  if (s.isBoolean()) return kBool;
  if (s.isIntegral(false)) return kLong;
  return kDefaultFloat;
}

}  // namespace

Tensor empty_memory_format(IntArrayRef size, std::optional<DType> dtype,
                           std::optional<Layout> layout, std::optional<Device> device,
                           std::optional<bool> pin_memory,
                           std::optional<MemoryFormat> memory_format) {
  DType dt = factoryDType("aten::empty", dtype, kDefaultFloat, layout, device, pin_memory);
  return sized("aten::empty", size, dt, memory_format);
}

Tensor empty_like(const Tensor& self, std::optional<DType> dtype, std::optional<Layout> layout,
                  std::optional<Device> device, std::optional<bool> pin_memory,
                  std::optional<MemoryFormat> memory_format) {
  return like("aten::empty_like", self, dtype, layout, device, pin_memory, memory_format);
}

Tensor empty_strided(IntArrayRef size, IntArrayRef stride, std::optional<DType> dtype,
                     std::optional<Layout> layout, std::optional<Device> device,
                     std::optional<bool> pin_memory) {
  DType dt = factoryDType("aten::empty_strided", dtype, kDefaultFloat, layout, device, pin_memory);
  WICK_CHECK(size.size() == stride.size(), "aten::empty_strided: dimensionality of sizes (",
             size.size(), ") must match dimensionality of strides (", stride.size(), ")");
  checkFactorySizes("aten::empty_strided", size);
  for (int64_t s : stride)
    WICK_CHECK(s >= 0, "aten::empty_strided: Storage size calculation overflowed with sizes=", size,
               " and strides=", stride);
  return emptyWithStrides(size, stride, dt);
}

Tensor zeros(IntArrayRef size, std::optional<DType> dtype, std::optional<Layout> layout,
             std::optional<Device> device, std::optional<bool> pin_memory) {
  DType dt = factoryDType("aten::zeros", dtype, kDefaultFloat, layout, device, pin_memory);
  return filled("aten::zeros", size, dt, 0);
}

Tensor ones(IntArrayRef size, std::optional<DType> dtype, std::optional<Layout> layout,
            std::optional<Device> device, std::optional<bool> pin_memory) {
  DType dt = factoryDType("aten::ones", dtype, kDefaultFloat, layout, device, pin_memory);
  return filled("aten::ones", size, dt, 1);
}

Tensor full(IntArrayRef size, const Scalar& fill_value, std::optional<DType> dtype,
            std::optional<Layout> layout, std::optional<Device> device,
            std::optional<bool> pin_memory) {
  DType dt =
      factoryDType("aten::full", dtype, fillValueDType(fill_value), layout, device, pin_memory);
  return filled("aten::full", size, dt, fill_value);
}

Tensor zeros_like(const Tensor& self, std::optional<DType> dtype, std::optional<Layout> layout,
                  std::optional<Device> device, std::optional<bool> pin_memory,
                  std::optional<MemoryFormat> memory_format) {
  Tensor out = like("aten::zeros_like", self, dtype, layout, device, pin_memory, memory_format);
  fillTensor(out, 0);
  return out;
}

Tensor ones_like(const Tensor& self, std::optional<DType> dtype, std::optional<Layout> layout,
                 std::optional<Device> device, std::optional<bool> pin_memory,
                 std::optional<MemoryFormat> memory_format) {
  Tensor out = like("aten::ones_like", self, dtype, layout, device, pin_memory, memory_format);
  fillTensor(out, 1);
  return out;
}

Tensor full_like(const Tensor& self, const Scalar& fill_value, std::optional<DType> dtype,
                 std::optional<Layout> layout, std::optional<Device> device,
                 std::optional<bool> pin_memory, std::optional<MemoryFormat> memory_format) {
  Tensor out = like("aten::full_like", self, dtype, layout, device, pin_memory, memory_format);
  fillTensorChecked("aten::full_like", out, fill_value);
  return out;
}

Tensor new_empty(const Tensor& self, IntArrayRef size, std::optional<DType> dtype,
                 std::optional<Layout> layout, std::optional<Device> device,
                 std::optional<bool> pin_memory) {
  DType dt = factoryDType("aten::new_empty", dtype, self.dtype(), layout, device, pin_memory);
  return sized("aten::new_empty", size, dt, std::nullopt);
}

Tensor new_zeros(const Tensor& self, IntArrayRef size, std::optional<DType> dtype,
                 std::optional<Layout> layout, std::optional<Device> device,
                 std::optional<bool> pin_memory) {
  DType dt = factoryDType("aten::new_zeros", dtype, self.dtype(), layout, device, pin_memory);
  return filled("aten::new_zeros", size, dt, 0);
}

Tensor new_ones(const Tensor& self, IntArrayRef size, std::optional<DType> dtype,
                std::optional<Layout> layout, std::optional<Device> device,
                std::optional<bool> pin_memory) {
  DType dt = factoryDType("aten::new_ones", dtype, self.dtype(), layout, device, pin_memory);
  return filled("aten::new_ones", size, dt, 1);
}

Tensor new_full(const Tensor& self, IntArrayRef size, const Scalar& fill_value,
                std::optional<DType> dtype, std::optional<Layout> layout,
                std::optional<Device> device, std::optional<bool> pin_memory) {
  DType dt = factoryDType("aten::new_full", dtype, self.dtype(), layout, device, pin_memory);
  return filled("aten::new_full", size, dt, fill_value);
}

Tensor eye_m(int64_t n, int64_t m, std::optional<DType> dtype, std::optional<Layout> layout,
             std::optional<Device> device, std::optional<bool> pin_memory) {
  DType dt = factoryDType("aten::eye", dtype, kDefaultFloat, layout, device, pin_memory);
  WICK_CHECK(n >= 0, "aten::eye: n must be greater or equal to 0, got ", n);
  WICK_CHECK(m >= 0, "aten::eye: m must be greater or equal to 0, got ", m);
  int64_t sizes[2] = {n, m};
  Tensor out = filled("aten::eye", IntArrayRef(sizes, 2), dt, 0);
  WICK_DISPATCH_ALL(dt, "aten::eye", {
    scalar_t* p = static_cast<scalar_t*>(out.data_ptr());
    scalar_t one = scalarAs<scalar_t>(Scalar(1));
    for (int64_t i = 0; i < std::min(n, m); ++i) p[i * m + i] = one;
  });
  return out;
}

Tensor eye(int64_t n, std::optional<DType> dtype, std::optional<Layout> layout,
           std::optional<Device> device, std::optional<bool> pin_memory) {
  return eye_m(n, n, dtype, layout, device, pin_memory);
}

Tensor scalar_tensor(const Scalar& s, std::optional<DType> dtype, std::optional<Layout> layout,
                     std::optional<Device> device, std::optional<bool> pin_memory) {
  DType dt = factoryDType("aten::scalar_tensor", dtype, kDefaultFloat, layout, device, pin_memory);
  return filled("aten::scalar_tensor", {}, dt, s);
}

namespace {
Tensor numberTensor(const char* op, const Scalar& value, DType natural, std::optional<DType> dtype,
                    std::optional<Device> device, bool requires_grad) {
  DType dt = factoryDType(op, dtype, natural, std::nullopt, device, std::nullopt);
  // Unlike full, aten::tensor converts unchecked: torch.tensor(300, dtype=torch.uint8) is 44.
  Tensor out = sized(op, {}, dt, std::nullopt);
  fillTensor(out, value);
  WICK_CHECK(!requires_grad || isFloatingType(dt), op,
             ": Only Tensors of floating point and complex dtype can require gradients");
  if (requires_grad) out.impl()->setRequiresGrad(true);
  return out;
}
}  // namespace

Tensor tensor_int(int64_t t, std::optional<DType> dtype, std::optional<Device> device,
                  bool requires_grad) {
  return numberTensor("aten::tensor", t, kLong, dtype, device, requires_grad);
}

Tensor tensor_float(double t, std::optional<DType> dtype, std::optional<Device> device,
                    bool requires_grad) {
  return numberTensor("aten::tensor", t, kDefaultFloat, dtype, device, requires_grad);
}

Tensor tensor_bool(bool t, std::optional<DType> dtype, std::optional<Device> device,
                   bool requires_grad) {
  return numberTensor("aten::tensor", t, kBool, dtype, device, requires_grad);
}

Tensor as_tensor_int(int64_t t, std::optional<DType> dtype, std::optional<Device> device) {
  return numberTensor("aten::as_tensor", t, kLong, dtype, device, false);
}

Tensor as_tensor_float(double t, std::optional<DType> dtype, std::optional<Device> device) {
  return numberTensor("aten::as_tensor", t, kDefaultFloat, dtype, device, false);
}

Tensor as_tensor_bool(bool t, std::optional<DType> dtype, std::optional<Device> device) {
  return numberTensor("aten::as_tensor", t, kBool, dtype, device, false);
}

// The tensor itself when it already has the dtype (and, on CPU, the device); else a copy.
Tensor as_tensor(const Tensor& data, std::optional<DType> dtype, std::optional<Device> device) {
  if (device) WICK_CHECK(device->is_cpu(), "aten::as_tensor: only the CPU device is supported");
  if (!dtype || *dtype == data.dtype()) return data;
  return to_dtype(data, *dtype, false, false, std::nullopt);
}

}  // namespace wick::kernels
