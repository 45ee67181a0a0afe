// Tensor and device queries of TorchScript code (prim::device, prim::dtype, prim::is_cuda,
// aten::is_floating_point, aten::len.Tensor, aten::item, ...), prim::tolist, the device
// constructor and aten::warn, which hands the message to wick's warning handler.
#include <cstring>
#include <type_traits>

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

// ---- prim::tolist(self, dim, elem_type) ----
// The front end passes the annotation as the number of list levels and an element code
// (0 int, 1 float, 2 bool, as PyTorch numbers them). The tensor must have exactly that many
// dimensions and a matching dtype: int64 for int, float32/float64 for float, bool for bool.
namespace {

TypePtr elementType(int64_t code) {
  switch (code) {
    case 0: return IntType::get();
    case 1: return FloatType::get();
    default: return BoolType::get();
  }
}

template <class T>
IValue scalarAt(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  if constexpr (std::is_same_v<T, bool>) {
    return IValue(v);
  } else if constexpr (std::is_integral_v<T>) {
    return IValue(static_cast<int64_t>(v));
  } else {
    return IValue(static_cast<double>(v));
  }
}

// Offsets stay integers until a leaf is read: an empty tensor may have no storage at all.
template <class T>
IValue listAt(const char* base, int64_t offset, IntArrayRef sizes, IntArrayRef strides, size_t d,
              const std::vector<TypePtr>& level_types) {
  if (d == sizes.size()) return scalarAt<T>(base + offset * static_cast<int64_t>(sizeof(T)));
  std::vector<IValue> elems;
  elems.reserve(static_cast<size_t>(sizes[d]));
  for (int64_t i = 0; i < sizes[d]; ++i) {
    elems.push_back(listAt<T>(base, offset + i * strides[d], sizes, strides, d + 1, level_types));
  }
  return IValue(makeList(level_types[d + 1], std::move(elems)));
}

}  // namespace

void prim_tolist(Stack& stack, size_t num_inputs) {
  WICK_CHECK(num_inputs == 3, "prim::tolist: expected 3 inputs (tensor, dim, element type), got ",
             num_inputs);
  int64_t elem_code = script::pop(stack).toInt();
  int64_t dims = script::pop(stack).toInt();
  Tensor self = script::pop(stack).toTensor();
  WICK_CHECK(elem_code >= 0 && elem_code <= 2, "prim::tolist: unsupported element type code ",
             elem_code);
  WICK_CHECK(dims == self.dim(),
             "prim::tolist: Output annotation list dimension and runtime tensor dimension must "
             "match for tolist()");
  DType dt = self.dtype();
  bool match = (elem_code == 0 && dt == DType::Long) ||
               (elem_code == 1 && (dt == DType::Float || dt == DType::Double)) ||
               (elem_code == 2 && dt == DType::Bool);
  WICK_CHECK(match,
             "prim::tolist: Output annotation element type and runtime tensor element type must "
             "match for tolist()");
  // level_types[d] is the type of the value d list levels down: level_types[dims] is the
  // element type, level_types[0] the annotation.
  std::vector<TypePtr> level_types(static_cast<size_t>(dims) + 1);
  level_types[static_cast<size_t>(dims)] = elementType(elem_code);
  for (int64_t d = dims - 1; d >= 0; --d) {
    level_types[static_cast<size_t>(d)] = ListType::create(level_types[static_cast<size_t>(d) + 1]);
  }
  const TensorImpl* impl = self.impl();
  const char* base = static_cast<const char*>(impl->data());
  IntArrayRef sizes = impl->sizes(), strides = impl->strides();
  IValue out;
  switch (dt) {
    case DType::Long: out = listAt<int64_t>(base, 0, sizes, strides, 0, level_types); break;
    case DType::Float: out = listAt<float>(base, 0, sizes, strides, 0, level_types); break;
    case DType::Double: out = listAt<double>(base, 0, sizes, strides, 0, level_types); break;
    default: out = listAt<bool>(base, 0, sizes, strides, 0, level_types); break;
  }
  stack.push_back(std::move(out));
}

}  // namespace wick::kernels
