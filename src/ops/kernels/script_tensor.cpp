// Tensor and device queries of TorchScript code (prim::device, prim::dtype, prim::is_cuda,
// aten::is_floating_point, aten::len.Tensor, aten::item, ...), the device constructor and
// aten::warn, which hands the message to wick's warning handler.
#include "ops/kernels/script_util.h"
#include "wick/core/warning.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

void warn(std::string_view message, int64_t stacklevel) {
  (void)stacklevel;  // there is no Python stack to walk
  ::wick::warn(Warning::Kind::User, std::string(message));
}

IValue device(std::string_view a) { return IValue(Device(a)); }

IValue prim_device(const Tensor& a) { return IValue(a.device()); }
int64_t prim_dtype(const Tensor& a) { return static_cast<int64_t>(a.dtype()); }
IValue prim_layout(const Tensor& a) { return IValue(a.layout()); }
bool prim_requires_grad(const Tensor& a) { return a.requires_grad(); }
bool prim_is_cpu(const Tensor&) { return true; }
// wick tensors are strided CPU tensors, dense or nested (wick/core/nested.h): every other
// kind query is false.
bool prim_is_cuda(const Tensor&) { return false; }
bool prim_is_nested(const Tensor& a) { return a.is_nested(); }
bool prim_is_sparse(const Tensor&) { return false; }
bool prim_is_sparse_csr(const Tensor&) { return false; }
bool prim_is_quantized(const Tensor&) { return false; }
bool prim_is_mkldnn(const Tensor&) { return false; }
bool prim_is_meta(const Tensor&) { return false; }
bool prim_is_xpu(const Tensor&) { return false; }
bool prim_is_vulkan(const Tensor&) { return false; }
bool prim_is_ipu(const Tensor&) { return false; }
bool prim_is_mps(const Tensor&) { return false; }
bool prim_is_ort(const Tensor&) { return false; }
IValue prim_name(const Tensor&) { return IValue(); }  // no named tensors

std::string prim_type(Device self) {
  std::string s = self.str();
  return s.substr(0, s.find(':'));
}
IValue prim_index(Device self) {
  return self.index < 0 ? IValue() : IValue(static_cast<int64_t>(self.index));
}

bool is_floating_point(const Tensor& self) { return isFloatingType(self.dtype()); }
bool is_complex(const Tensor&) { return false; }
bool is_signed(const Tensor& self) { return isSignedType(self.dtype()); }
int64_t element_size(const Tensor& self) { return static_cast<int64_t>(self.element_size()); }
int64_t get_device(const Tensor&) { return -1; }  // PyTorch's value for CPU tensors

int64_t len_Tensor(const Tensor& t) {
  WICK_CHECK(t.dim() > 0, "aten::len: len() of a 0-d tensor");
  return t.impl()->sizes()[0];
}

IValue item(const Tensor& self) {
  WICK_CHECK(self.impl()->numel() == 1, "aten::item: a Tensor with ", self.impl()->numel(),
             " elements cannot be converted to Scalar");
  return IValue(self.item());
}

IValue stride(const Tensor& self) { return IValue(self.impl()->strides()); }
int64_t stride_int(const Tensor& self, int64_t dim) {
  WICK_CHECK_INDEX(self.dim() > 0, "aten::stride: dimension specified as ", dim,
                   " but tensor has no dimensions");
  return self.impl()->strides()[static_cast<size_t>(wrapDim(dim, self.dim(), "aten::stride"))];
}

}  // namespace wick::kernels
