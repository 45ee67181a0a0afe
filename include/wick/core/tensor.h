// Tensor: the handle users hold (LibTorch's at::Tensor). Copying a Tensor shares the same
// TensorImpl; views share storage. The op methods declared here run through the operator
// table's single dispatch point (see wick/ops/dispatch.h), so they are traced like any op;
// their definitions live in wick/ops/tensor_methods.h.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>
#include "wick/core/source_location.h"

#include "wick/core/device.h"
#include "wick/core/error.h"
#include "wick/core/generator.h"
#include "wick/core/scalar.h"
#include "wick/core/sym_int.h"
#include "wick/core/tensor_impl.h"

namespace wick {

class Tensor;
class TensorIndex;
using TensorList = ArrayRef<Tensor>;

class Tensor {
 public:
  Tensor() = default;
  explicit Tensor(IntrusivePtr<TensorImpl> impl) : impl_(std::move(impl)) {}

  bool defined() const { return static_cast<bool>(impl_); }
  TensorImpl* impl() const { return impl_.get(); }
  const IntrusivePtr<TensorImpl>& implPtr() const { return impl_; }
  bool is_same(const Tensor& o) const { return impl_ == o.impl_; }
  void reset() { impl_.reset(); }

  // ---- metadata (never recorded, except sizes read as SymInt while tracing) ----
  int64_t dim() const { return checkedImpl()->dim(); }
  int64_t ndimension() const { return dim(); }
  SizesRef sizes() const { return SizesRef(checkedImpl()); }
  SizesRef shape() const { return sizes(); }
  IntArrayRef strides() const { return checkedImpl()->strides(); }
  // Size of one dimension (negative dims count from the end); a SymInt while tracing.
  SymInt size(int64_t dim, SourceLocation loc = SourceLocation::current()) const;
  int64_t stride(int64_t dim) const;
  // Element count; recorded (aten::numel) while tracing.
  SymInt numel(SourceLocation loc = SourceLocation::current()) const;
  int64_t storage_offset() const { return checkedImpl()->offset(); }
  DType dtype() const { return checkedImpl()->dtype(); }
  DType scalar_type() const { return dtype(); }
  Device device() const { return kCPU; }
  Layout layout() const { return Layout::Strided; }
  bool is_contiguous() const { return checkedImpl()->isContiguous(); }
  bool is_floating_point() const { return isFloatingType(dtype()); }
  bool is_cpu() const { return true; }
  // A nested tensor (wick/core/nested.h); dim() counts its components' dims plus one.
  bool is_nested() const { return checkedImpl()->isNested(); }
  size_t element_size() const { return checkedImpl()->itemSize(); }
  size_t nbytes() const { return static_cast<size_t>(checkedImpl()->numel()) * element_size(); }
  // "CPUFloatType", as LibTorch's toString().
  std::string toString() const;

  void* data_ptr() const { return checkedImpl()->data(); }
  template <class T>
  T* data_ptr() const {
    WICK_CHECK(dtypeOf<T> == dtype(), "data_ptr: expected a tensor of dtype ", dtypeOf<T>,
               " but it has dtype ", dtype());
    return static_cast<T*>(checkedImpl()->data());
  }

  bool requires_grad() const { return checkedImpl()->requiresGrad(); }
  Tensor& requires_grad_(bool r = true);
  Tensor& set_requires_grad(bool r) { return requires_grad_(r); }
  // The version counter of the storage, bumped by in-place ops.
  uint32_t _version() const { return checkedImpl()->storage()->version(); }

  // ---- conversion to C++ numbers: bakes the value into a trace, so it warns there ----
  Scalar item(SourceLocation loc = SourceLocation::current()) const;
  template <class T>
  T item(SourceLocation loc = SourceLocation::current()) const {
    return item(loc).to<T>();
  }
  bool is_nonzero(SourceLocation loc = SourceLocation::current()) const;
  // Copies the elements out as a flat vector (warns while tracing, like tolist()).
  template <class T>
  std::vector<T> to_vector(SourceLocation loc = SourceLocation::current()) const;

  // ---- ops (one line each in wick/ops/tensor_methods.h) ----
  // unary
  Tensor abs() const;
  Tensor& abs_();
  Tensor neg() const;
  Tensor& neg_();
  Tensor exp() const;
  Tensor& exp_();
  Tensor log() const;
  Tensor& log_();
  Tensor log2() const;
  Tensor log10() const;
  Tensor log1p() const;
  Tensor expm1() const;
  Tensor sqrt() const;
  Tensor& sqrt_();
  Tensor rsqrt() const;
  Tensor sin() const;
  Tensor cos() const;
  Tensor tan() const;
  Tensor asin() const;
  Tensor acos() const;
  Tensor atan() const;
  Tensor sinh() const;
  Tensor cosh() const;
  Tensor tanh() const;
  Tensor& tanh_();
  Tensor sigmoid() const;
  Tensor& sigmoid_();
  Tensor relu() const;
  Tensor& relu_();
  Tensor floor() const;
  Tensor ceil() const;
  Tensor round() const;
  Tensor trunc() const;
  Tensor frac() const;
  Tensor sign() const;
  Tensor reciprocal() const;
  Tensor erf() const;
  Tensor square() const;
  Tensor logical_not() const;
  Tensor bitwise_not() const;
  Tensor isnan() const;
  Tensor isinf() const;
  Tensor isfinite() const;
  // binary
  Tensor add(const Tensor& other, const Scalar& alpha = 1) const;
  Tensor add(const Scalar& other, const Scalar& alpha = 1) const;
  Tensor& add_(const Tensor& other, const Scalar& alpha = 1);
  Tensor& add_(const Scalar& other, const Scalar& alpha = 1);
  Tensor sub(const Tensor& other, const Scalar& alpha = 1) const;
  Tensor sub(const Scalar& other, const Scalar& alpha = 1) const;
  Tensor& sub_(const Tensor& other, const Scalar& alpha = 1);
  Tensor& sub_(const Scalar& other, const Scalar& alpha = 1);
  Tensor mul(const Tensor& other) const;
  Tensor mul(const Scalar& other) const;
  Tensor& mul_(const Tensor& other);
  Tensor& mul_(const Scalar& other);
  Tensor div(const Tensor& other) const;
  Tensor div(const Scalar& other) const;
  Tensor div(const Tensor& other, std::optional<std::string_view> rounding_mode) const;
  Tensor& div_(const Tensor& other);
  Tensor& div_(const Scalar& other);
  Tensor remainder(const Tensor& other) const;
  Tensor remainder(const Scalar& other) const;
  Tensor fmod(const Tensor& other) const;
  Tensor fmod(const Scalar& other) const;
  Tensor floor_divide(const Tensor& other) const;
  Tensor floor_divide(const Scalar& other) const;
  Tensor pow(const Tensor& exponent) const;
  Tensor pow(const Scalar& exponent) const;
  Tensor& pow_(const Scalar& exponent);
  Tensor atan2(const Tensor& other) const;
  Tensor maximum(const Tensor& other) const;
  Tensor minimum(const Tensor& other) const;
  Tensor eq(const Tensor& other) const;
  Tensor eq(const Scalar& other) const;
  Tensor ne(const Tensor& other) const;
  Tensor ne(const Scalar& other) const;
  Tensor lt(const Tensor& other) const;
  Tensor lt(const Scalar& other) const;
  Tensor le(const Tensor& other) const;
  Tensor le(const Scalar& other) const;
  Tensor gt(const Tensor& other) const;
  Tensor gt(const Scalar& other) const;
  Tensor ge(const Tensor& other) const;
  Tensor ge(const Scalar& other) const;
  Tensor logical_and(const Tensor& other) const;
  Tensor logical_or(const Tensor& other) const;
  Tensor logical_xor(const Tensor& other) const;
  Tensor bitwise_and(const Tensor& other) const;
  Tensor bitwise_or(const Tensor& other) const;
  Tensor bitwise_xor(const Tensor& other) const;
  Tensor clamp(const std::optional<Scalar>& min,
               const std::optional<Scalar>& max = std::nullopt) const;
  Tensor& clamp_(const std::optional<Scalar>& min, const std::optional<Scalar>& max = std::nullopt);
  Tensor clamp_min(const Scalar& min) const;
  Tensor clamp_max(const Scalar& max) const;
  Tensor masked_fill(const Tensor& mask, const Scalar& value) const;
  Tensor masked_fill(const Tensor& mask, const Tensor& value) const;
  Tensor& masked_fill_(const Tensor& mask, const Scalar& value);
  Tensor where(const Tensor& condition, const Tensor& other) const;
  // reductions
  Tensor sum(std::optional<DType> dtype = std::nullopt) const;
  Tensor sum(IntArrayRef dim, bool keepdim = false,
             std::optional<DType> dtype = std::nullopt) const;
  Tensor mean(std::optional<DType> dtype = std::nullopt) const;
  Tensor mean(IntArrayRef dim, bool keepdim = false,
              std::optional<DType> dtype = std::nullopt) const;
  Tensor prod(std::optional<DType> dtype = std::nullopt) const;
  Tensor prod(int64_t dim, bool keepdim = false, std::optional<DType> dtype = std::nullopt) const;
  Tensor max() const;
  std::tuple<Tensor, Tensor> max(int64_t dim, bool keepdim = false) const;
  Tensor min() const;
  std::tuple<Tensor, Tensor> min(int64_t dim, bool keepdim = false) const;
  Tensor amax(IntArrayRef dim = {}, bool keepdim = false) const;
  Tensor amin(IntArrayRef dim = {}, bool keepdim = false) const;
  Tensor argmax(std::optional<int64_t> dim = std::nullopt, bool keepdim = false) const;
  Tensor argmin(std::optional<int64_t> dim = std::nullopt, bool keepdim = false) const;
  // The unbiased-only forms take exactly a bool (a template without a default), so
  // x.var({1}) and x.var(1) pick the dim form instead of converting the dims to a bool.
  Tensor var() const;
  template <class B>
  requires std::is_same_v<B, bool> Tensor var(B unbiased)
  const;
  Tensor var(IntArrayRef dim, bool unbiased = true, bool keepdim = false) const;
  Tensor std() const;
  template <class B>
  requires std::is_same_v<B, bool> Tensor std(B unbiased)
  const;
  Tensor std(IntArrayRef dim, bool unbiased = true, bool keepdim = false) const;
  Tensor norm(const Scalar& p = 2) const;
  Tensor norm(const std::optional<Scalar>& p, IntArrayRef dim, bool keepdim = false) const;
  Tensor any() const;
  Tensor any(int64_t dim, bool keepdim = false) const;
  Tensor all() const;
  Tensor all(int64_t dim, bool keepdim = false) const;
  Tensor logsumexp(IntArrayRef dim, bool keepdim = false) const;
  Tensor cumsum(int64_t dim, std::optional<DType> dtype = std::nullopt) const;
  Tensor cumprod(int64_t dim, std::optional<DType> dtype = std::nullopt) const;
  Tensor softmax(int64_t dim, std::optional<DType> dtype = std::nullopt) const;
  Tensor log_softmax(int64_t dim, std::optional<DType> dtype = std::nullopt) const;
  std::tuple<Tensor, Tensor> topk(const SymInt& k, int64_t dim = -1, bool largest = true,
                                  bool sorted = true) const;
  std::tuple<Tensor, Tensor> sort(int64_t dim = -1, bool descending = false) const;
  // linear algebra
  Tensor matmul(const Tensor& other) const;
  Tensor mm(const Tensor& mat2) const;
  Tensor bmm(const Tensor& mat2) const;
  Tensor t() const;
  // shape and indexing
  Tensor view(SymIntList size) const;
  Tensor view(DType dtype) const;
  Tensor reshape(SymIntList shape) const;
  Tensor view_as(const Tensor& other) const;
  Tensor reshape_as(const Tensor& other) const;
  Tensor permute(IntArrayRef dims) const;
  Tensor transpose(int64_t dim0, int64_t dim1) const;
  Tensor flatten(int64_t start_dim = 0, int64_t end_dim = -1) const;
  Tensor unflatten(int64_t dim, SymIntList sizes) const;
  Tensor squeeze() const;
  Tensor squeeze(int64_t dim) const;
  Tensor unsqueeze(int64_t dim) const;
  Tensor expand(SymIntList size, bool implicit = false) const;
  Tensor expand_as(const Tensor& other) const;
  Tensor contiguous() const;
  Tensor clone() const;
  Tensor select(int64_t dim, const SymInt& index) const;
  Tensor slice(int64_t dim = 0, std::optional<SymInt> start = std::nullopt,
               std::optional<SymInt> end = std::nullopt, const SymInt& step = 1) const;
  Tensor narrow(int64_t dim, const SymInt& start, const SymInt& length) const;
  Tensor index(const std::vector<std::optional<Tensor>>& indices) const;
  // x.index({Slice(1, None), 0, "..."}): Python-style indexing (see tensor_index.h).
  Tensor index(std::initializer_list<TensorIndex> indices) const;
  Tensor& index_put_(std::initializer_list<TensorIndex> indices, const Tensor& value);
  Tensor& index_put_(std::initializer_list<TensorIndex> indices, const Scalar& value);
  Tensor& index_put_(const std::vector<std::optional<Tensor>>& indices, const Tensor& values,
                     bool accumulate = false);
  Tensor index_select(int64_t dim, const Tensor& index) const;
  Tensor gather(int64_t dim, const Tensor& index) const;
  Tensor scatter(int64_t dim, const Tensor& index, const Tensor& src) const;
  Tensor scatter(int64_t dim, const Tensor& index, const Scalar& value) const;
  Tensor roll(IntArrayRef shifts, IntArrayRef dims = {}) const;
  Tensor repeat(SymIntList repeats) const;
  Tensor flip(IntArrayRef dims) const;
  std::vector<Tensor> chunk(int64_t chunks, int64_t dim = 0) const;
  std::vector<Tensor> split(const SymInt& split_size, int64_t dim = 0) const;
  std::vector<Tensor> split(IntArrayRef split_sizes, int64_t dim = 0) const;
  // x.split(2): a plain integer is a split size (it would also convert to a list of sizes).
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  std::vector<Tensor> split(I split_size, int64_t dim = 0) const {
    return split(SymInt(split_size), dim);
  }
  std::vector<Tensor> unbind(int64_t dim = 0) const;
  Tensor tril(int64_t diagonal = 0) const;
  Tensor triu(int64_t diagonal = 0) const;
  Tensor operator[](int64_t index) const;
  Tensor operator[](const Tensor& index) const;
  // autograd flags, copies and casts
  Tensor detach() const;
  Tensor& detach_();
  Tensor to(DType dtype, bool non_blocking = false, bool copy = false) const;
  Tensor to(const Tensor& other, bool non_blocking = false, bool copy = false) const;
  Tensor to(Device device, std::optional<DType> dtype = std::nullopt, bool non_blocking = false,
            bool copy = false) const;
  Tensor type_as(const Tensor& other) const;
  Tensor toType(DType dtype) const { return to(dtype); }
  Tensor to_float() const { return to(kFloat); }
  Tensor to_double() const { return to(kDouble); }
  Tensor to_long() const { return to(kLong); }
  Tensor to_int() const { return to(kInt); }
  Tensor to_bool() const { return to(kBool); }
  Tensor to_half() const { return to(kHalf); }
  Tensor& copy_(const Tensor& src, bool non_blocking = false);
  Tensor& fill_(const Scalar& value);
  Tensor& fill_(const Tensor& value);
  Tensor& zero_();
  Tensor& uniform_(double from = 0, double to = 1,
                   std::optional<Generator> generator = std::nullopt);
  Tensor& normal_(double mean = 0, double std = 1,
                  std::optional<Generator> generator = std::nullopt);
  Tensor& bernoulli_(double p = 0.5, std::optional<Generator> generator = std::nullopt);
  Tensor new_zeros(SymIntList size) const;
  Tensor new_ones(SymIntList size) const;
  Tensor new_empty(SymIntList size) const;
  Tensor new_full(SymIntList size, const Scalar& fill_value) const;

 private:
  const TensorImpl* checkedImpl() const {
    WICK_CHECK(impl_, "the tensor is undefined (a default-constructed Tensor)");
    return impl_.get();
  }
  IntrusivePtr<TensorImpl> impl_;
};

// LibTorch's printing: values, then "[ CPUFloatType{2,3} ]".
std::ostream& operator<<(std::ostream& os, const Tensor& t);

// Wraps an existing storage region as a tensor (no copy).
Tensor makeTensor(IntrusivePtr<StorageImpl> storage, DType dtype, IntArrayRef sizes,
                  IntArrayRef strides, int64_t offset = 0);
// Allocates an uninitialised contiguous tensor.
Tensor emptyTensor(IntArrayRef sizes, DType dtype);
// A 0-dim tensor holding `s` as a wrapped number (dtype Long, Double or Bool).
Tensor wrappedScalarTensor(const Scalar& s);
// A 0-dim tensor of the given dtype holding s.
Tensor scalarTensor(const Scalar& s, DType dtype);

// Normalises a possibly negative dimension index; raises naming `op` when out of range.
int64_t wrapDim(int64_t dim, int64_t ndim, const char* op);

}  // namespace wick
