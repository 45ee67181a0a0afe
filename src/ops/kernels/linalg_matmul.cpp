// matmul (every rank combination, with PyTorch 1.13's folding and broadcasting rules),
// linear, bilinear and the .out forms of mm, bmm and matmul.
#include <algorithm>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/dnnl/gemm.h"
#include "ops/kernels/linalg_util.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace linalg {

namespace {

Tensor lastTwoTransposed(const Tensor& t) { return dense::transposed(t, t.dim() - 2, t.dim() - 1); }

// Note [matmul folding]
// A batched operand times a matrix or vector is computed as one mm/mv by folding the batch
// dims into the rows, which is what PyTorch 1.13 does (and so its results and errors, e.g.
// "size mismatch, got 4, 4x3,4", come from the folded shapes). The exception is a 3-d left
// operand whose last two dims are transposed but whose batch dim is outermost: folding it
// would copy, so it goes through bmm.
bool shouldFold(const Tensor& t1, int64_t dim2) {
  int64_t dim1 = t1.dim();
  if (dim1 < 3 || (dim2 != 1 && dim2 != 2)) return false;
  IntArrayRef sz = t1.sizes(), st = t1.strides();
  bool permuted_3d = dim1 == 3 && dim2 == 2 && st.back() != 1 && st.front() == sz[1] * sz[2];
  return !permuted_3d;
}

// [d0, ..., dk, r, c] as [d0*...*dk, r, c] without copying when the batch strides allow it.
Tensor foldBatch(const Tensor& t, int64_t batch) {
  int64_t nb = t.dim() - 2;
  int64_t stride = 0;
  bool ok = true;
  int64_t expected = -1;
  for (int64_t d = nb - 1; d >= 0; --d) {
    int64_t sz = dense::sizeAt(t, d), st = t.strides()[d];
    if (sz == 1) continue;
    if (expected < 0) {
      stride = st;
    } else if (st != expected) {
      ok = false;
      break;
    }
    expected = st * sz;
  }
  IntArrayRef sz = t.sizes();
  if (ok) {
    return dense::asStrided(t, {batch, sz[nb], sz[nb + 1]},
                            {stride, t.strides()[nb], t.strides()[nb + 1]}, t.storage_offset());
  }
  return dense::viewAs(dense::cloneContiguous(t), {batch, sz[nb], sz[nb + 1]});
}

Tensor matmulFolded(const Tensor& tensor1, const Tensor& tensor2, std::string_view op) {
  int64_t dim1 = tensor1.dim(), dim2 = tensor2.dim();
  bool transpose = dim2 > dim1;
  Tensor t1 = transpose ? lastTwoTransposed(tensor2) : tensor1;
  Tensor t2 = !transpose ? tensor2 : dim1 == 2 ? dense::transposed(tensor1, 0, 1) : tensor1;
  IntArrayRef sizes1 = t1.sizes();
  DimVector output_shape(sizes1.slice(0, sizes1.size() - 1));
  int64_t folded = dense::product(output_shape);
  bool t2_matrix = t2.dim() == 2;
  if (t2_matrix) output_shape.push_back(dense::sizeAt(t2, 1));
  Tensor t1_folded = dense::reshape(t1, {folded, sizes1.back()});
  if (!t2_matrix) return dense::viewAs(mvImpl(t1_folded, t2, op), output_shape);
  Tensor out = dense::viewAs(mmImpl(t1_folded, t2, op), output_shape);
  return transpose ? dense::cloneContiguous(lastTwoTransposed(out)) : out;
}

Tensor matmulBatched(const Tensor& tensor1, const Tensor& tensor2, std::string_view op) {
  int64_t dim1 = tensor1.dim(), dim2 = tensor2.dim();
  IntArrayRef s1 = tensor1.sizes(), s2 = tensor2.sizes();
  int64_t n = dim1 > 1 ? s1[dim1 - 2] : 1, m1 = s1.back();
  int64_t m2 = dim2 > 1 ? s2[dim2 - 2] : s2.front(), p = dim2 > 1 ? s2.back() : 1;
  IntArrayRef batch_a = s1.slice(0, static_cast<size_t>(std::max<int64_t>(dim1 - 2, 0)));
  IntArrayRef batch_b = s2.slice(0, static_cast<size_t>(std::max<int64_t>(dim2 - 2, 0)));
  DimVector output_shape = dense::broadcastShapes(batch_a, batch_b, op);
  int64_t batch = dense::product(output_shape);
  DimVector e1(output_shape), e2(output_shape);
  e1.push_back(n);
  e1.push_back(m1);
  e2.push_back(m2);
  e2.push_back(p);
  Tensor a = foldBatch(dense::expanded(tensor1, e1), batch);
  Tensor b = foldBatch(dense::expanded(tensor2, e2), batch);
  if (dim1 > 1) output_shape.push_back(n);
  if (dim2 > 1) output_shape.push_back(p);
  return dense::viewAs(bmmImpl(a, b, op), output_shape);
}

// Resizes `out` to `sizes` (new storage when the old one is too small), as PyTorch's .out
// variants do, after checking its dtype.
void resizeOut(const Tensor& out, IntArrayRef sizes, DType dtype, std::string_view op) {
  WICK_CHECK(out.dtype() == dtype, op, ": Expected out tensor to have dtype ",
             dense::typeMetaName(dtype), ", but got ", dense::typeMetaName(out.dtype()),
             " instead");
  if (out.sizes() == sizes && out.is_contiguous()) return;
  TensorImpl* impl = out.impl();
  size_t need = static_cast<size_t>(dense::product(sizes) + impl->offset()) * impl->itemSize();
  if (impl->storage()->nbytes() < need) impl->setStorage(StorageImpl::allocate(need));
  DimVector strides = contiguousStrides(sizes);
  impl->setSizesAndStrides(sizes, strides, impl->offset());
}

Tensor writeOut(const Tensor& out, const Tensor& result, std::string_view op) {
  resizeOut(out, result.sizes(), result.dtype(), op);
  dense::copyInto(out, result);
  out.impl()->storage()->bumpVersion();
  return out;
}

// out += bias (bias broadcast to out's shape, cast to out's dtype).
void addBiasInPlace(const Tensor& out, const Tensor& bias, std::string_view op) {
  DimVector shape = dense::broadcastShapes(out.sizes(), bias.sizes(), op);
  WICK_CHECK(shape == out.sizes(), op, ": output with shape ", out.sizes(),
             " doesn't match the broadcast shape ", IntArrayRef(shape));
  Tensor b = emptyTensor(out.sizes(), out.dtype());
  dense::copyInto(b, dense::expanded(bias, out.sizes()));
  dense::visitDType(out.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    using C = dense::compute_t<T>;
    T* o = static_cast<T*>(out.data_ptr());
    const T* bp = static_cast<const T*>(b.data_ptr());
    int64_t n = out.impl()->numel();
    for (int64_t i = 0; i < n; ++i) {
      if constexpr (std::is_same_v<T, bool>) {
        o[i] = o[i] || bp[i];
      } else {
        o[i] = T(C(o[i]) + C(bp[i]));
      }
    }
  });
}

Tensor weightT(const Tensor& w, std::string_view op) {
  WICK_CHECK(w.dim() <= 2, op, ": t() expects a tensor with <= 2 dimensions, but self is ", w.dim(),
             "D");
  return w.dim() == 2 ? dense::transposed(w, 0, 1) : w;
}

}  // namespace

Tensor matmulImpl(const Tensor& tensor1, const Tensor& tensor2, std::string_view op) {
  int64_t dim1 = tensor1.dim(), dim2 = tensor2.dim();
  WICK_CHECK(dim1 != 0 && dim2 != 0, op,
             ": both arguments to matmul need to be at least 1D, but they are ", dim1, "D and ",
             dim2, "D");
  if (dim1 == 1 && dim2 == 1) return dotImpl(tensor1, tensor2, op);
  if (dim1 == 2 && dim2 == 1) return mvImpl(tensor1, tensor2, op);
  if (dim1 == 1 && dim2 == 2) {
    return dense::squeezed(mmImpl(dense::unsqueezed(tensor1, 0), tensor2, op), 0);
  }
  if (dim1 == 2 && dim2 == 2) return mmImpl(tensor1, tensor2, op);
  if (shouldFold(tensor1, dim2) || shouldFold(tensor2, dim1)) {
    return matmulFolded(tensor1, tensor2, op);
  }
  return matmulBatched(tensor1, tensor2, op);
}

Tensor linearImpl(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                  std::string_view op) {
  bool has_bias = bias.has_value() && bias->defined();
  if (has_bias && input.dim() == 2) {
    return kernels::addmm(*bias, input, weightT(weight, op), 1, 1);
  }
  if (has_bias && input.dim() == 3 && input.is_contiguous()) {
    IntArrayRef s = input.sizes();
    Tensor flat = dense::viewAs(input, {s[0] * s[1], s[2]});
    Tensor r = kernels::addmm(*bias, flat, weightT(weight, op), 1, 1);
    return dense::viewAs(r, {s[0], s[1], dense::sizeAt(r, 1)});
  }
  Tensor out = matmulImpl(input, weightT(weight, op), op);
  if (has_bias) addBiasInPlace(out, *bias, op);
  return out;
}

}  // namespace linalg

namespace kernels {

using namespace linalg;

Tensor matmul(const Tensor& self, const Tensor& other) {
  return matmulImpl(self, other, "aten::matmul");
}

Tensor matmul_out(const Tensor& self, const Tensor& other, const Tensor& out) {
  return writeOut(out, matmulImpl(self, other, "aten::matmul"), "aten::matmul");
}

Tensor mm_out(const Tensor& self, const Tensor& mat2, const Tensor& out) {
  return writeOut(out, mmImpl(self, mat2, "aten::mm"), "aten::mm");
}

Tensor bmm_out(const Tensor& self, const Tensor& mat2, const Tensor& out) {
  return writeOut(out, bmmImpl(self, mat2, "aten::bmm"), "aten::bmm");
}

Tensor linear(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias) {
  return linearImpl(input, weight, bias, "aten::linear");
}

Tensor bilinear(const Tensor& input1, const Tensor& input2, const Tensor& weight,
                const std::optional<Tensor>& bias) {
  constexpr std::string_view op = "aten::bilinear";
  WICK_CHECK(input1.dim() == input2.dim(), op, ": bilinear(): input dimensions do not match: got ",
             input1.dim(), " and ", input2.dim());
  WICK_CHECK(input1.dim() >= 1, op, ": bilinear(): expected inputs with at least 1 dimension");
  for (int64_t i = 0; i + 1 < input1.dim(); ++i) {
    WICK_CHECK(dense::sizeAt(input1, i) == dense::sizeAt(input2, i), op,
               ": bilinear(): input batch dimensions do not match: got ", dense::sizeAt(input1, i),
               " and ", dense::sizeAt(input2, i));
  }
  WICK_CHECK(weight.dim() == 3, op, ": bilinear(): expected a 3-D weight, got ", weight.dim(),
             "-D");
  int64_t in1 = dense::shapeOf(input1).back(), in2 = dense::shapeOf(input2).back();
  int64_t out_f = dense::sizeAt(weight, 0);
  WICK_CHECK(in1 == dense::sizeAt(weight, 1), op,
             ": bilinear(): input1 size does not match weight size: got ", in1, " but expected ",
             dense::sizeAt(weight, 1));
  WICK_CHECK(in2 == dense::sizeAt(weight, 2), op,
             ": bilinear(): input2 size does not match weight size: got ", in2, " but expected ",
             dense::sizeAt(weight, 2));
  bool has_bias = bias.has_value() && bias->defined();
  if (has_bias) {
    int64_t b0 = bias->dim() == 0 ? 1 : dense::sizeAt(*bias, 0);
    WICK_CHECK(b0 == out_f, op, ": bilinear(): bias size does not match weight size: got ", b0,
               " but expected ", out_f);
  }
  dense::checkSameDType(input1, weight, op);
  dense::checkSameDType(input2, weight, op);
  checkGemmDType(weight, op, "bmm");
  // y[b, o] = sum_i x1[b, i] * (sum_j W[o, i, j] * x2[b, j]): first T = x2 @ W^T as
  // [B, O*I] (one GEMM), then a dot product per (b, o).
  int64_t batch = dense::product(dense::shapeOf(input1).slice(0, input1.dim() - 1));
  Tensor x1 = dense::reshape(input1, {batch, in1});
  Tensor x2 = dense::reshape(input2, {batch, in2});
  Tensor w = dense::reshape(weight, {out_f * in1, in2});
  Tensor tmp = mmImpl(x2, dense::transposed(w, 0, 1), op);  // [B, O*I]
  Tensor y = emptyTensor({batch, out_f}, weight.dtype());
  for (int64_t b = 0; b < batch; ++b) {
    Tensor tb =
        dense::asStrided(tmp, {out_f, in1}, {in1, 1}, tmp.storage_offset() + b * out_f * in1);
    Tensor xb = dense::selected(x1, 0, b);
    Tensor yb = dense::selected(y, 0, b);
    dense::gemm(weight.dtype(), out_f, 1, in1, 1, dense::matOf(tb),
                dense::MatRef{xb.data_ptr(), xb.strides()[0], 1}, 0, yb.data_ptr(), 1);
  }
  if (has_bias) addBiasInPlace(y, *bias, op);
  DimVector shape(dense::shapeOf(input1).slice(0, input1.dim() - 1));
  shape.push_back(out_f);
  return dense::viewAs(y, shape);
}

}  // namespace kernels

}  // namespace wick
