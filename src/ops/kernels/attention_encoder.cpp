// _transformer_encoder_layer_fwd: the fused eval-mode nn.TransformerEncoderLayer of PyTorch
// 1.13 — self-attention, residual, layer norm, feed-forward (ReLU or exact GELU), residual,
// layer norm, with the norms before (norm_first) or after each block.
#include <cmath>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/kernels/nested_util.h"
#include "ops/parallel.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using dense::sizeAt;

// a += b for contiguous tensors of one dtype and shape.
void addInPlace(const Tensor& a, const Tensor& b) {
  dense::visitDType(a.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (isFloatingType(dtypeOf<T>)) {
      using C = dense::compute_t<T>;
      T* ap = static_cast<T*>(a.data_ptr());
      const T* bp = static_cast<const T*>(b.data_ptr());
      parallelFor(0, a.impl()->numel(), 32768, [&](int64_t i0, int64_t i1) {
        for (int64_t i = i0; i < i1; ++i) ap[i] = T(C(ap[i]) + C(bp[i]));
      });
    }
  });
}

// ReLU or exact (erf) GELU in place on a contiguous tensor.
void activateInPlace(const Tensor& t, bool gelu) {
  dense::visitDType(t.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (isFloatingType(dtypeOf<T>)) {
      using C = dense::compute_t<T>;
      T* p = static_cast<T*>(t.data_ptr());
      const C inv_sqrt2 = C(0.70710678118654752440);
      parallelFor(0, t.impl()->numel(), 16384, [&](int64_t i0, int64_t i1) {
        for (int64_t i = i0; i < i1; ++i) {
          C x = C(p[i]);
          p[i] = T(gelu ? C(0.5) * x * (C(1) + std::erf(x * inv_sqrt2)) : std::max(x, C(0)));
        }
      });
    }
  });
}

Tensor layerNorm(const Tensor& x, int64_t d, double eps, const Tensor& w, const Tensor& b) {
  return kernels::layer_norm(x, {d}, w, b, eps, true);
}

// [B, T, D] -> linear -> [B, T, N], optionally activated.
Tensor linear3d(const Tensor& x, const Tensor& w, const Tensor& b) {
  int64_t bt = sizeAt(x, 0) * sizeAt(x, 1);
  Tensor flat = dense::reshape(x, {bt, sizeAt(x, 2)});
  Tensor y = kernels::addmm(b, flat, dense::transposed(w, 0, 1), 1, 1);
  return dense::viewAs(y, {sizeAt(x, 0), sizeAt(x, 1), sizeAt(y, 1)});
}

}  // namespace

// A nested src (Note [Nested tensors]) of (length, embed_dim) sequences runs as its padded
// buffer with a key padding mask built from the lengths: real tokens attend only to their
// own sequence's real tokens, as in PyTorch's nested path; the padding rows compute values
// nobody reads, and the result has src's component sizes.
Tensor _transformer_encoder_layer_fwd(
    const Tensor& src, int64_t embed_dim, int64_t num_heads, const Tensor& qkv_weight,
    const Tensor& qkv_bias, const Tensor& proj_weight, const Tensor& proj_bias, bool use_gelu,
    bool norm_first, double eps, const Tensor& norm_weight_1, const Tensor& norm_bias_1,
    const Tensor& norm_weight_2, const Tensor& norm_bias_2, const Tensor& ffn_weight_1,
    const Tensor& ffn_bias_1, const Tensor& ffn_weight_2, const Tensor& ffn_bias_2,
    const std::optional<Tensor>& mask, std::optional<int64_t> mask_type) {
  constexpr std::string_view op = "aten::_transformer_encoder_layer_fwd";
  if (src.is_nested()) {
    const NestedSizes& sizes = *src.impl()->nestedSizes();
    WICK_CHECK(!mask || !mask->defined(), op,
               ": a mask is not supported with a nested src (its sequence lengths mask it)");
    WICK_CHECK(sizes.componentDim() == 2, op,
               ": expected a nested src of 2-D (sequence, embed_dim) components, got ",
               sizes.componentDim(), "-D components");
    Tensor buffer = nested::bufferOf(src);
    Tensor pad = nested::keyPaddingMask(sizes, sizeAt(buffer, 1));
    Tensor out = _transformer_encoder_layer_fwd(
        buffer, embed_dim, num_heads, qkv_weight, qkv_bias, proj_weight, proj_bias, use_gelu,
        norm_first, eps, norm_weight_1, norm_bias_1, norm_weight_2, norm_bias_2, ffn_weight_1,
        ffn_bias_1, ffn_weight_2, ffn_bias_2, pad, 1);
    return nested::wrap(out, src.impl()->nestedSizesPtr());
  }
  if (src.impl()->numel() == 0) return dense::cloneContiguous(src);
  WICK_CHECK(src.dim() == 3, op, ": expected a 3-D (batch, sequence, embed_dim) src, got ",
             dense::shapeOf(src));
  WICK_CHECK(ffn_weight_1.dim() == 2 && ffn_weight_2.dim() == 2, op, ": 2d weights expected");
  Tensor x = dense::contiguous(src);
  if (norm_first) x = layerNorm(x, embed_dim, eps, norm_weight_1, norm_bias_1);
  x = std::get<0>(_native_multi_head_attention(x, x, x, embed_dim, num_heads, qkv_weight, qkv_bias,
                                               proj_weight, proj_bias, mask, false, true,
                                               mask_type));
  addInPlace(x, dense::contiguous(src));
  if (!norm_first) x = layerNorm(x, embed_dim, eps, norm_weight_1, norm_bias_1);
  Tensor residual = x;
  if (norm_first) x = layerNorm(x, embed_dim, eps, norm_weight_2, norm_bias_2);
  Tensor h = linear3d(x, ffn_weight_1, ffn_bias_1);
  activateInPlace(h, use_gelu);
  x = linear3d(h, ffn_weight_2, ffn_bias_2);
  addInPlace(x, residual);
  if (!norm_first) x = layerNorm(x, embed_dim, eps, norm_weight_2, norm_bias_2);
  return x;
}

}  // namespace wick::kernels
