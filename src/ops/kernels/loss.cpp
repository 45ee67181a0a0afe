// Loss functions and distances as PyTorch 1.13 composes them (Loss.cpp, LossNLL.cpp,
// Distance.cpp): the same elementwise steps in the same order, then the reduction
// (0 none, 1 mean, 2 sum). nll_loss is a direct loop with PyTorch's checks and messages.
#include <cmath>
#include <numbers>
#include <sstream>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

constexpr int64_t kNone = 0, kMean = 1, kSum = 2;

Tensor reduceLoss(const Tensor& loss, int64_t reduction, const char* op) {
  if (reduction == kMean) return mean(loss, std::nullopt);
  if (reduction == kSum) return sum(loss, std::nullopt);
  WICK_CHECK(reduction == kNone, op, ": ", reduction, " is not a valid value for reduction");
  return loss;
}

std::string shapeText(const Tensor& t) {
  std::ostringstream os;
  os << dense::shapeOf(t);
  return os.str();
}

// Per-position losses of nll over input [N, C, S] (flattened) and target [N, S]; returns the
// unreduced [N, S] losses and the matching weights (0 where the target is ignored).
std::pair<Tensor, Tensor> nllTerms(const Tensor& input3, const Tensor& target2,
                                   const std::optional<Tensor>& weight, int64_t ignore_index,
                                   const char* op) {
  Tensor x = dense::contiguous(input3);
  Tensor t = dense::contiguous(target2);
  int64_t n = dense::sizeAt(x, 0), c = dense::sizeAt(x, 1), s = dense::sizeAt(x, 2);
  Tensor w = weight ? dense::contiguousAs(*weight, x.dtype()) : Tensor();
  Tensor losses = dense::emptyWithFormat({n, s}, x.dtype(), false);
  Tensor weights = dense::emptyWithFormat({n, s}, x.dtype(), false);
  WICK_CHECK(t.dtype() == kLong, op, ": expected scalar type Long but found ",
             dense::scalarTypeName(t.dtype()));
  dense::visitFloatDouble(x.dtype(), op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* xs = static_cast<const T*>(x.data_ptr());
    const int64_t* ts = static_cast<const int64_t*>(t.data_ptr());
    const T* ws = w.defined() ? static_cast<const T*>(w.data_ptr()) : nullptr;
    T* ls = static_cast<T*>(losses.data_ptr());
    T* wo = static_cast<T*>(weights.data_ptr());
    for (int64_t i = 0; i < n; ++i) {
      for (int64_t j = 0; j < s; ++j) {
        int64_t k = ts[i * s + j];
        if (k == ignore_index) {
          ls[i * s + j] = T(0);
          wo[i * s + j] = T(0);
          continue;
        }
        WICK_CHECK(k >= 0 && k < c, op, ": Target ", k, " is out of bounds.");
        T cur = ws ? ws[k] : T(1);
        ls[i * s + j] = -xs[(i * c + k) * s + j] * cur;
        wo[i * s + j] = cur;
      }
    }
  });
  return {losses, weights};
}

void checkNllWeight(const Tensor& input, const std::optional<Tensor>& weight, int64_t classes,
                    const char* op) {
  if (!weight) return;
  WICK_CHECK(weight->dtype() == input.dtype(), op, ": expected scalar type ",
             dense::scalarTypeName(input.dtype()), " but found ",
             dense::scalarTypeName(weight->dtype()));
  WICK_CHECK(weight->dim() == 1 && dense::sizeAt(*weight, 0) == classes, op,
             ": weight tensor should be defined either for all ", classes,
             " classes or no classes but got weight tensor of shape: ", shapeText(*weight));
}

Tensor nllReduce(const Tensor& losses, const Tensor& weights, int64_t reduction,
                 IntArrayRef none_shape, const char* op) {
  if (reduction == kNone) return reshape(losses, none_shape);
  WICK_CHECK(reduction == kMean || reduction == kSum, op, ": ", reduction,
             " is not a valid value for reduction");
  Tensor total = sum(losses, std::nullopt);
  if (reduction == kSum) return total;
  return div_Tensor(total, sum(weights, std::nullopt));
}

}  // namespace

// ---- distances ----

Tensor cosine_similarity(const Tensor& x1, const Tensor& x2, int64_t dim, double eps) {
  const char* op = "aten::cosine_similarity";
  DType common = promoteTypes(x1.dtype(), x2.dtype());
  WICK_CHECK(isFloatingType(common), op,
             ": expected common dtype to be floating point, yet common dtype is ",
             dense::scalarTypeName(common));
  Tensor a = x1.dtype() == common ? x1 : to_dtype(x1, common, false, false, std::nullopt);
  Tensor b = x2.dtype() == common ? x2 : to_dtype(x2, common, false, false, std::nullopt);
  DimVector shape = dense::broadcastShapes(dense::shapeOf(a), dense::shapeOf(b), op);
  a = expand(a, shape, false);
  b = expand(b, shape, false);
  std::vector<int64_t> d{dim};
  Tensor na = clone(linalg_vector_norm(a, 2, IntArrayRef(d), true, std::nullopt), std::nullopt);
  Tensor nb = clone(linalg_vector_norm(b, 2, IntArrayRef(d), true, std::nullopt), std::nullopt);
  clamp_min_(na, eps);
  clamp_min_(nb, eps);
  return sum_dim_IntList(mul_Tensor(div_Tensor(a, na), div_Tensor(b, nb)), IntArrayRef(d), false,
                         std::nullopt);
}

Tensor pairwise_distance(const Tensor& x1, const Tensor& x2, double p, double eps, bool keepdim) {
  int64_t innermost = std::max(x1.dim(), x2.dim()) - 1;
  std::vector<int64_t> d{innermost};
  return norm_ScalarOpt_dim(add_Scalar(sub_Tensor(x1, x2, 1), eps, 1), Scalar(p), IntArrayRef(d),
                            keepdim);
}

Tensor channel_shuffle(const Tensor& self, int64_t groups) {
  const char* op = "aten::channel_shuffle";
  WICK_CHECK(self.dim() > 2, op,
             ": channel_shuffle expects input to have at least 3 dimensions, but got input with ",
             self.dim(), " dimension(s)");
  WICK_CHECK(groups > 0, op,
             ": Number of groups to divide channels in must be positive. Value of groups:", groups);
  int64_t c = dense::sizeAt(self, 1);
  WICK_CHECK(c % groups == 0, op, ": Number of channels must be divisible by groups. Got ", c,
             " channels and ", groups, " groups.");
  int64_t b = dense::sizeAt(self, 0), oc = c / groups;
  std::vector<int64_t> split{b, groups, oc, -1};
  Tensor shuffled = contiguous(permute(reshape(self, split), std::vector<int64_t>{0, 2, 1, 3}),
                               MemoryFormat::Contiguous);
  Tensor out = reshape(shuffled, dense::shapeOf(self));
  return self.dim() == 4 && dense::suggestChannelsLast(self) ? dense::channelsLast(out) : out;
}

Tensor native_channel_shuffle(const Tensor& self, int64_t groups) {
  return channel_shuffle(self, groups);
}

// ---- regression losses ----

Tensor mse_loss(const Tensor& self, const Tensor& target, int64_t reduction) {
  Tensor d = sub_Tensor(self, target, 1);
  return reduceLoss(mul_Tensor(d, d), reduction, "aten::mse_loss");
}

Tensor l1_loss(const Tensor& self, const Tensor& target, int64_t reduction) {
  return reduceLoss(abs(sub_Tensor(self, target, 1)), reduction, "aten::l1_loss");
}

Tensor smooth_l1_loss(const Tensor& self, const Tensor& target, int64_t reduction, double beta) {
  const char* op = "aten::smooth_l1_loss";
  WICK_CHECK(beta >= 0, op, ": smooth_l1_loss does not support negative values for beta.");
  if (beta == 0) return l1_loss(self, target, reduction);
  Tensor z = abs(sub_Tensor(self, target, 1));
  Tensor quadratic = div_Scalar(mul_Tensor(mul_Scalar(z, 0.5), z), beta);
  Tensor linear = sub_Scalar(z, 0.5 * beta, 1);
  return reduceLoss(where_self(lt_Scalar(z, beta), quadratic, linear), reduction, op);
}

Tensor huber_loss(const Tensor& self, const Tensor& target, int64_t reduction, double delta) {
  const char* op = "aten::huber_loss";
  WICK_CHECK(delta > 0, op, ": huber_loss does not support non-positive values for delta.");
  Tensor z = abs(sub_Tensor(self, target, 1));
  Tensor quadratic = mul_Tensor(mul_Scalar(z, 0.5), z);
  Tensor linear = mul_Scalar(sub_Scalar(z, 0.5 * delta, 1), delta);
  Tensor loss = where_self(lt_Scalar(z, delta), quadratic, linear);
  // PyTorch computes into a tensor like `self`, so the result has self's dtype.
  if (loss.dtype() != self.dtype()) loss = to_dtype(loss, self.dtype(), false, false, std::nullopt);
  return reduceLoss(loss, reduction, op);
}

// ---- probabilistic losses ----

Tensor kl_div(const Tensor& self, const Tensor& target, int64_t reduction, bool log_target) {
  const char* op = "aten::kl_div";
  WICK_CHECK(!isIntegralType(self.dtype(), true) && !isIntegralType(target.dtype(), true), op,
             ": kl_div: Integral inputs not supported.");
  Tensor out;
  if (log_target) {
    out = mul_Tensor(exp(target), sub_Tensor(target, self, 1));
  } else {
    // xlogy(target, target): 0 where target is 0.
    Tensor xlogy = where_ScalarOther(ne_Scalar(target, 0), mul_Tensor(target, log(target)), 0);
    out = sub_Tensor(xlogy, mul_Tensor(target, self), 1);
  }
  return reduceLoss(out, reduction, op);
}

Tensor binary_cross_entropy(const Tensor& self, const Tensor& target,
                            const std::optional<Tensor>& weight, int64_t reduction) {
  const char* op = "aten::binary_cross_entropy";
  WICK_CHECK(dense::shapeOf(self) == dense::shapeOf(target), op, ": Using a target size (",
             shapeText(target), ") that is different to the input size (", shapeText(self),
             ") is deprecated. Please ensure they have the same size.");
  Tensor lo = sum(logical_or(lt_Scalar(self, 0), gt_Scalar(self, 1)), std::nullopt);
  WICK_CHECK(lo.item().toLong() == 0, op, ": all elements of input should be between 0 and 1");
  Tensor bad = sum(logical_or(lt_Scalar(target, 0), gt_Scalar(target, 1)), std::nullopt);
  WICK_CHECK(bad.item().toLong() == 0, op, ": all elements of target should be between 0 and 1");
  Tensor log1m = clamp_min(log(rsub_Scalar(self, 1, 1)), -100);
  Tensor logx = clamp_min(log(self), -100);
  Tensor loss =
      sub_Tensor(mul_Tensor(sub_Scalar(target, 1, 1), log1m), mul_Tensor(target, logx), 1);
  if (weight) loss = mul_Tensor(loss, *weight);
  return reduceLoss(loss, reduction, op);
}

Tensor binary_cross_entropy_with_logits(const Tensor& self, const Tensor& target,
                                        const std::optional<Tensor>& weight,
                                        const std::optional<Tensor>& pos_weight,
                                        int64_t reduction) {
  const char* op = "aten::binary_cross_entropy_with_logits";
  Tensor max_val = clamp_min(neg(self), 0);
  // log(exp(-max_val) + exp(-self - max_val))
  Tensor log_term = log(add_Tensor(exp(neg(max_val)), exp(sub_Tensor(neg(self), max_val, 1)), 1));
  Tensor base = mul_Tensor(rsub_Scalar(target, 1, 1), self);
  Tensor loss;
  if (pos_weight) {
    Tensor log_weight = add_Scalar(mul_Tensor(sub_Scalar(*pos_weight, 1, 1), target), 1, 1);
    loss = add_Tensor(base, mul_Tensor(log_weight, add_Tensor(log_term, max_val, 1)), 1);
  } else {
    loss = add_Tensor(add_Tensor(base, max_val, 1), log_term, 1);
  }
  if (weight) loss = mul_Tensor(loss, *weight);
  return reduceLoss(loss, reduction, op);
}

Tensor poisson_nll_loss(const Tensor& input, const Tensor& target, bool log_input, bool full,
                        double eps, int64_t reduction) {
  Tensor loss = log_input
                    ? sub_Tensor(exp(input), mul_Tensor(target, input), 1)
                    : sub_Tensor(input, mul_Tensor(target, log(add_Scalar(input, eps, 1))), 1);
  if (full) {
    Tensor stirling = add_Tensor(sub_Tensor(mul_Tensor(target, log(target)), target, 1),
                                 mul_Scalar(log(mul_Scalar(target, 2 * std::numbers::pi)), 0.5), 1);
    loss = add_Tensor(loss, masked_fill_Scalar(stirling, le_Scalar(target, 1), 0), 1);
  }
  return reduceLoss(loss, reduction, "aten::poisson_nll_loss");
}

// ---- margin losses ----

Tensor soft_margin_loss(const Tensor& self, const Tensor& target, int64_t reduction) {
  return reduceLoss(log1p(exp(mul_Tensor(neg(self), target))), reduction, "aten::soft_margin_loss");
}

Tensor margin_ranking_loss(const Tensor& input1, const Tensor& input2, const Tensor& target,
                           double margin, int64_t reduction) {
  Tensor out =
      clamp_min(add_Scalar(mul_Tensor(neg(target), sub_Tensor(input1, input2, 1)), margin, 1), 0);
  return reduceLoss(out, reduction, "aten::margin_ranking_loss");
}

Tensor hinge_embedding_loss(const Tensor& self, const Tensor& target, double margin,
                            int64_t reduction) {
  Tensor margin_clamp = clamp_min(rsub_Scalar(self, margin, 1), 0);
  Tensor out_margin = where_ScalarOther(ne_Scalar(target, 1), margin_clamp, 0);
  Tensor out_self = where_ScalarOther(ne_Scalar(target, -1), self, 0);
  return reduceLoss(add_Tensor(out_margin, out_self, 1), reduction, "aten::hinge_embedding_loss");
}

Tensor cosine_embedding_loss(const Tensor& input1, const Tensor& input2, const Tensor& target,
                             double margin, int64_t reduction) {
  const char* op = "aten::cosine_embedding_loss";
  int64_t td = target.dim();
  WICK_CHECK(td == 1 || td == 0, op,
             ": 0D or 1D target tensor expected, multi-target not supported");
  WICK_CHECK(input1.dim() == input2.dim() && input1.dim() == td + 1, op, ": ",
             td == 1 ? "1D target tensor expects 2D input tensors"
                     : "0D target tensor expects 1D input tensors",
             ", but found inputs with sizes ", shapeText(input1), " and ", shapeText(input2), ".");
  std::vector<int64_t> d{td};
  constexpr double kEps = 1e-12;
  Tensor prod = sum_dim_IntList(mul_Tensor(input1, input2), IntArrayRef(d), false, std::nullopt);
  Tensor m1 = add_Scalar(
      sum_dim_IntList(mul_Tensor(input1, input1), IntArrayRef(d), false, std::nullopt), kEps, 1);
  Tensor m2 = add_Scalar(
      sum_dim_IntList(mul_Tensor(input2, input2), IntArrayRef(d), false, std::nullopt), kEps, 1);
  Tensor cos = div_Tensor(prod, sqrt(mul_Tensor(m1, m2)));
  Tensor pos = rsub_Scalar(cos, 1, 1);
  Tensor negative = clamp_min(sub_Scalar(cos, margin, 1), 0);
  Tensor out = add_Tensor(where_ScalarOther(eq_Scalar(target, 1), pos, 0),
                          where_ScalarOther(eq_Scalar(target, -1), negative, 0), 1);
  return reduceLoss(out, reduction, op);
}

Tensor triplet_margin_loss(const Tensor& anchor, const Tensor& positive, const Tensor& negative,
                           double margin, double p, double eps, bool swap, int64_t reduction) {
  const char* op = "aten::triplet_margin_loss";
  WICK_CHECK(anchor.dim() == positive.dim() && anchor.dim() == negative.dim(), op,
             ": The anchor, positive, and negative tensors are expected to have the same number "
             "of dimensions, but got: anchor ",
             anchor.dim(), "D, positive ", positive.dim(), "D, and negative ", negative.dim(),
             "D inputs");
  Tensor dist_pos = pairwise_distance(anchor, positive, p, eps, false);
  Tensor dist_neg = pairwise_distance(anchor, negative, p, eps, false);
  if (swap) dist_neg = minimum(dist_neg, pairwise_distance(positive, negative, p, eps, false));
  Tensor out = clamp_min(sub_Tensor(add_Scalar(dist_pos, margin, 1), dist_neg, 1), 0);
  return reduceLoss(out, reduction, op);
}

// ---- classification losses ----

Tensor nll_loss(const Tensor& self, const Tensor& target, const std::optional<Tensor>& weight,
                int64_t reduction, int64_t ignore_index) {
  const char* op = "aten::nll_loss";
  WICK_CHECK(self.dim() > 0 && self.dim() <= 2, op, ": input tensor should be 1D or 2D");
  WICK_CHECK(target.dim() <= 1, op,
             ": 0D or 1D target tensor expected, multi-target not supported");
  bool batched = self.dim() == 2;
  int64_t n = batched ? dense::sizeAt(self, 0) : 1;
  WICK_CHECK(!batched || dense::sizeAt(target, 0) == n, op,
             ": size mismatch (got input: ", shapeText(self), ", target: ", shapeText(target), ")");
  int64_t c = dense::sizeAt(self, self.dim() - 1);
  checkNllWeight(self, weight, c, op);
  auto [losses, weights] =
      nllTerms(reshape(self, std::vector<int64_t>{n, c, 1}),
               reshape(target, std::vector<int64_t>{n, 1}), weight, ignore_index, op);
  std::vector<int64_t> none_shape;
  if (batched) none_shape.push_back(n);
  return nllReduce(losses, weights, reduction, none_shape, op);
}

Tensor nll_loss2d(const Tensor& self, const Tensor& target, const std::optional<Tensor>& weight,
                  int64_t reduction, int64_t ignore_index) {
  const char* op = "aten::nll_loss2d";
  WICK_CHECK(self.dim() == 4, op,
             ": only batches of spatial inputs supported (4D tensors), but "
             "got input of size: ",
             shapeText(self));
  WICK_CHECK(target.dim() == 3, op,
             ": only batches of spatial targets supported (3D tensors) "
             "but got targets of size: ",
             shapeText(target));
  int64_t n = dense::sizeAt(self, 0), c = dense::sizeAt(self, 1);
  int64_t h = dense::sizeAt(self, 2), w = dense::sizeAt(self, 3);
  WICK_CHECK(dense::sizeAt(target, 0) == n && dense::sizeAt(target, 1) == h &&
                 dense::sizeAt(target, 2) == w,
             op, ": input and target batch or spatial sizes don't match: target ",
             shapeText(target), ", input ", shapeText(self));
  checkNllWeight(self, weight, c, op);
  auto [losses, weights] =
      nllTerms(reshape(self, std::vector<int64_t>{n, c, h * w}),
               reshape(target, std::vector<int64_t>{n, h * w}), weight, ignore_index, op);
  return nllReduce(losses, weights, reduction, std::vector<int64_t>{n, h, w}, op);
}

Tensor nll_loss_nd(const Tensor& self, const Tensor& target, const std::optional<Tensor>& weight,
                   int64_t reduction, int64_t ignore_index) {
  const char* op = "aten::nll_loss_nd";
  WICK_CHECK(self.dim() >= 1, op, ": Expected 1 or more dimensions (got ", self.dim(), ")");
  WICK_CHECK(self.dim() == 1 || dense::sizeAt(self, 0) == dense::sizeAt(target, 0), op,
             ": Expected input batch_size (", dense::sizeAt(self, 0),
             ") to match target batch_size (", target.dim() ? dense::sizeAt(target, 0) : 0, ").");
  if (self.dim() <= 2) return nll_loss(self, target, weight, reduction, ignore_index);
  int64_t n = dense::sizeAt(self, 0), c = dense::sizeAt(self, 1);
  DimVector spatial(dense::shapeOf(self).slice(2));
  DimVector out_size{n};
  for (int64_t s : spatial) out_size.push_back(s);
  WICK_CHECK(IntArrayRef(dense::shapeOf(target)).slice(1) == IntArrayRef(spatial), op,
             ": Expected target size ", IntArrayRef(out_size), ", got ", shapeText(target));
  checkNllWeight(self, weight, c, op);
  int64_t s = 1;
  for (int64_t v : spatial) s *= v;
  auto [losses, weights] =
      nllTerms(reshape(self, std::vector<int64_t>{n, c, s}),
               reshape(target, std::vector<int64_t>{n, s}), weight, ignore_index, op);
  return nllReduce(losses, weights, reduction, out_size, op);
}

Tensor cross_entropy_loss(const Tensor& self, const Tensor& target,
                          const std::optional<Tensor>& weight, int64_t reduction,
                          int64_t ignore_index, double label_smoothing) {
  const char* op = "aten::cross_entropy_loss";
  WICK_CHECK(label_smoothing >= 0.0 && label_smoothing <= 1.0, op,
             ": label_smoothing must be between 0.0 and 1.0. Got: ", label_smoothing);
  int64_t class_dim = self.dim() == 1 ? 0 : 1;
  int64_t classes = dense::sizeAt(self, class_dim);
  Tensor input = log_softmax_int(self, class_dim, self.dtype());
  std::vector<int64_t> cd{class_dim};
  auto weightView = [&]() {
    std::vector<int64_t> shape(static_cast<size_t>(input.dim()), 1);
    shape[static_cast<size_t>(class_dim)] = dense::sizeAt(*weight, 0);
    return view(*weight, shape);
  };
  if (isFloatingType(target.dtype())) {
    // Class probabilities.
    WICK_CHECK(ignore_index < 0, op, ": ignore_index is not supported for floating point target");
    WICK_CHECK(dense::shapeOf(self) == dense::shapeOf(target), op,
               ": Expected input and target to have the same size, got ", shapeText(self), " and ",
               shapeText(target));
    Tensor t = label_smoothing > 0 ? add_Scalar(mul_Scalar(target, 1 - label_smoothing),
                                                label_smoothing / classes, 1)
                                   : target;
    Tensor prod = mul_Tensor(input, t);
    if (weight) prod = mul_Tensor(prod, weightView());
    if (reduction == kNone) return neg(sum_dim_IntList(prod, IntArrayRef(cd), false, std::nullopt));
    Tensor total = neg(sum(prod, std::nullopt));
    if (reduction == kSum) return total;
    WICK_CHECK(reduction == kMean, op, ": ", reduction, " is not a valid value for reduction");
    return div_Scalar(total, input.impl()->numel() / classes);
  }
  if (self.dim() >= 2) {
    DimVector want{dense::sizeAt(self, 0)};
    for (int64_t d = 2; d < self.dim(); ++d) want.push_back(dense::sizeAt(self, d));
    WICK_CHECK(dense::shapeOf(target) == IntArrayRef(want), op, ": Expected target size ",
               IntArrayRef(want), ", got ", shapeText(target));
  }
  Tensor nll = nll_loss_nd(input, target, weight, reduction, ignore_index);
  if (label_smoothing <= 0) return nll;
  Tensor ignore_mask = eq_Scalar(target, ignore_index);
  Tensor smooth = weight ? neg(sum_dim_IntList(mul_Tensor(input, weightView()), IntArrayRef(cd),
                                               false, std::nullopt))
                         : neg(sum_dim_IntList(input, IntArrayRef(cd), false, std::nullopt));
  smooth = masked_fill_Scalar(smooth, ignore_mask, 0.0);
  Tensor ret;
  if (reduction == kMean) {
    if (weight) {
      Tensor picked = masked_select(target, logical_not(ignore_mask));
      ret = div_Tensor(
          sum(smooth, std::nullopt),
          sum(gather(*weight, 0, flatten_using_ints(picked, 0, -1), false), std::nullopt));
    } else {
      ret = div_Tensor(sum(smooth, std::nullopt), sum(logical_not(ignore_mask), std::nullopt));
    }
  } else if (reduction == kSum) {
    ret = sum(smooth, std::nullopt);
  } else {
    ret = smooth;
  }
  return add_Tensor(mul_Scalar(nll, 1 - label_smoothing),
                    mul_Scalar(ret, label_smoothing / classes), 1);
}

}  // namespace wick::kernels
