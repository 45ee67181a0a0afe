// Connectionist temporal classification loss (aten::ctc_loss, aten::_ctc_loss): the forward
// recursion of Graves et al. over log_alpha in log space, in PyTorch 1.13's loop order and
// element type (LossCTC.cpp), so results round as PyTorch's do. Where PyTorch reads outside
// its buffers (negative lengths, a target label outside the classes, an empty input) wick
// raises an error or, for an empty input, gives the loss of the empty path.
#include <cmath>
#include <limits>
#include <vector>

#include "ops/dnnl/dense_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

constexpr int64_t kMean = 1, kSum = 2;
constexpr const char* kFrom = " (while checking arguments for ctc_loss_cpu)";

// The label of extended target position s (blanks between and around the labels).
inline int64_t targetPrime(const int64_t* targets, int64_t offset, int64_t s, int64_t blank) {
  return s % 2 == 0 ? blank : targets[offset + s / 2];
}

template <class T>
void alphaRecursion(const T* lp, int64_t batch, int64_t classes, const int64_t* targets,
                    int64_t tg_offset, int64_t input_length, int64_t target_length, int64_t blank,
                    T* alpha, int64_t width, T* nll) {
  const T neginf = -std::numeric_limits<T>::infinity();
  // log_probs element (t, class c) of this batch entry.
  auto logp = [&](int64_t t, int64_t c) { return lp[t * batch * classes + c]; };
  if (input_length == 0) {
    *nll = target_length == 0 ? T(0) : std::numeric_limits<T>::infinity();
    return;
  }
  alpha[0] = logp(0, blank);
  if (target_length > 0) alpha[1] = logp(0, targetPrime(targets, tg_offset, 1, blank));
  for (int64_t t = 1; t < input_length; ++t) {
    T* prev = alpha + (t - 1) * width;
    T* cur = alpha + t * width;
    for (int64_t s = 0; s < 2 * target_length + 1; ++s) {
      int64_t label = targetPrime(targets, tg_offset, s, blank);
      T la1 = prev[s], lamax = la1, la2 = neginf, la3 = neginf;
      if (s > 0) {
        la2 = prev[s - 1];
        if (la2 > lamax) lamax = la2;
      }
      if (s > 1 && targetPrime(targets, tg_offset, s - 2, blank) != label) {
        la3 = prev[s - 2];
        if (la3 > lamax) lamax = la3;
      }
      if (lamax == neginf) lamax = 0;  // avoids -inf - -inf
      cur[s] = std::log(std::exp(la1 - lamax) + std::exp(la2 - lamax) + std::exp(la3 - lamax)) +
               lamax + logp(t, label);
    }
  }
  const T* last = alpha + (input_length - 1) * width;
  if (target_length == 0) {
    *nll = -last[0];
  } else {
    T l1 = last[target_length * 2], l2 = last[target_length * 2 - 1];
    T m = std::max(l1, l2);
    m = m == neginf ? T(0) : m;
    *nll = -(std::log(std::exp(l1 - m) + std::exp(l2 - m)) + m);
  }
}

Tensor2 ctcLoss(const char* op, const Tensor& log_probs, const Tensor& targets,
                IntArrayRef input_lengths, IntArrayRef target_lengths, int64_t blank) {
  WICK_CHECK_TYPE(targets.dtype() == kLong || targets.dtype() == kInt, op,
                  ": Expected tensor for argument #2 'targets' to have scalar type Long; but got ",
                  dense::legacyTypeName(targets.dtype()), " instead", kFrom);
  WICK_CHECK(log_probs.dim() == 3, op, ": Expected 3-dimensional tensor, but got ", log_probs.dim(),
             "-dimensional tensor for argument #1 'log_probs'", kFrom);
  WICK_CHECK(targets.dim() >= 1 && targets.dim() <= 2, op, ": Expected 1 to 2 dimensions, but got ",
             targets.dim(), "-dimensional tensor for argument #2 'targets'", kFrom);
  DType dt = log_probs.dtype();
  WICK_CHECK_TYPE(dt == kFloat || dt == kDouble, op, ": \"ctc_loss_cpu\" not implemented for '",
                  graphName(dt), "'");
  int64_t max_input = dense::sizeAt(log_probs, 0), batch = dense::sizeAt(log_probs, 1),
          classes = dense::sizeAt(log_probs, 2);
  WICK_CHECK(0 <= blank && blank < classes, op, ": blank must be in label range");
  WICK_CHECK(static_cast<int64_t>(input_lengths.size()) == batch, op,
             ": input_lengths must be of size batch_size");
  WICK_CHECK(static_cast<int64_t>(target_lengths.size()) == batch, op,
             ": target_lengths must be of size batch_size");
  for (int64_t b = 0; b < batch; ++b) {
    WICK_CHECK(input_lengths[b] >= 0, op, ": input_lengths must be non-negative, but got ",
               input_lengths[b]);
    WICK_CHECK(target_lengths[b] >= 0, op, ": target_lengths must be non-negative, but got ",
               target_lengths[b]);
  }
  Tensor tg = dense::contiguousAs(targets, kLong);
  std::vector<int64_t> tg_offsets(static_cast<size_t>(batch));
  int64_t max_target = 0;
  if (targets.dim() == 1) {
    int64_t pos = 0;
    for (int64_t b = 0; b < batch; ++b) {
      tg_offsets[b] = pos;
      pos += target_lengths[b];
      max_target = std::max(max_target, target_lengths[b]);
    }
    WICK_CHECK(dense::sizeAt(targets, 0) == pos, op, ": Expected tensor to have size ", pos,
               " at dimension 0, but got size ", dense::sizeAt(targets, 0),
               " for argument #2 'targets'", kFrom);
  } else {
    for (int64_t b = 0; b < batch; ++b) {
      tg_offsets[b] = b * dense::sizeAt(targets, 1);
      max_target = std::max(max_target, target_lengths[b]);
    }
    WICK_CHECK(dense::sizeAt(targets, 0) == batch, op, ": Expected tensor to have size ", batch,
               " at dimension 0, but got size ", dense::sizeAt(targets, 0),
               " for argument #2 'targets'", kFrom);
    WICK_CHECK(dense::sizeAt(targets, 1) >= max_target, op,
               ": Expected tensor to have size at least ", max_target,
               " at dimension 1, but got size ", dense::sizeAt(targets, 1),
               " for argument #2 'targets'", kFrom);
  }
  for (int64_t b = 0; b < batch; ++b) {
    WICK_CHECK(input_lengths[b] <= max_input, op, ": Expected input_lengths to have value at most ",
               max_input, ", but got value ", input_lengths[b], kFrom);
  }
  const int64_t* tp = static_cast<const int64_t*>(tg.data_ptr());
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t i = 0; i < target_lengths[b]; ++i) {
      int64_t label = tp[tg_offsets[b] + i];
      WICK_CHECK_INDEX(label >= 0 && label < classes, op, ": target label ", label,
                       " is out of range for ", classes, " classes");
    }
  }
  int64_t width = 2 * max_target + 1;
  Tensor lp = dense::contiguous(log_probs);
  Tensor nll = emptyTensor(DimVector{batch}, dt);
  Tensor alpha = emptyTensor(DimVector{batch, max_input, width}, dt);
  WICK_DISPATCH_FLOATING(dt, "ctc_loss_cpu", {
    if constexpr (std::is_same_v<scalar_t, float> || std::is_same_v<scalar_t, double>) {
      const scalar_t* lpp = static_cast<const scalar_t*>(lp.data_ptr());
      scalar_t* ap = static_cast<scalar_t*>(alpha.data_ptr());
      scalar_t* np = static_cast<scalar_t*>(nll.data_ptr());
      std::fill(ap, ap + batch * max_input * width, -std::numeric_limits<scalar_t>::infinity());
      for (int64_t b = 0; b < batch; ++b) {
        alphaRecursion<scalar_t>(lpp + b * classes, batch, classes, tp, tg_offsets[b],
                                 input_lengths[b], target_lengths[b], blank,
                                 ap + b * max_input * width, width, np + b);
      }
    }
  });
  return {nll, alpha};
}

std::vector<int64_t> lengthsOf(const char* op, const Tensor& t, const char* name) {
  WICK_CHECK_TYPE(isIntegralType(t.dtype(), /*include_bool=*/false), op, ": ", name,
                  " must be integral");
  Tensor c = dense::contiguousAs(t, kLong);
  const int64_t* p = static_cast<const int64_t*>(c.data_ptr());
  return std::vector<int64_t>(p, p + c.impl()->numel());
}

}  // namespace

Tensor2 _ctc_loss(const Tensor& log_probs, const Tensor& targets, IntArrayRef input_lengths,
                  IntArrayRef target_lengths, int64_t blank, bool) {
  return ctcLoss("aten::_ctc_loss", log_probs, targets, input_lengths, target_lengths, blank);
}

Tensor2 _ctc_loss_Tensor(const Tensor& log_probs, const Tensor& targets,
                         const Tensor& input_lengths, const Tensor& target_lengths, int64_t blank,
                         bool zero_infinity) {
  std::vector<int64_t> il = lengthsOf("aten::_ctc_loss", input_lengths, "input_lengths");
  std::vector<int64_t> tl = lengthsOf("aten::_ctc_loss", target_lengths, "target_lengths");
  return _ctc_loss(log_probs, targets, il, tl, blank, zero_infinity);
}

Tensor ctc_loss_IntList(const Tensor& log_probs, const Tensor& targets, IntArrayRef input_lengths,
                        IntArrayRef target_lengths, int64_t blank, int64_t reduction,
                        bool zero_infinity) {
  // A 2-d log_probs is one unbatched sequence.
  bool batched = log_probs.dim() == 3;
  Tensor lp = batched ? log_probs : unsqueeze(log_probs, 1);
  // PyTorch converts the targets to int64 here, whatever their type.
  Tensor tg = dense::contiguousAs(targets, kLong);
  Tensor res = std::get<0>(ctcLoss("aten::ctc_loss", lp, tg, input_lengths, target_lengths, blank));
  if (zero_infinity) {
    WICK_DISPATCH_FLOATING(res.dtype(), "ctc_loss", {
      scalar_t* p = static_cast<scalar_t*>(res.data_ptr());
      for (int64_t i = 0; i < res.impl()->numel(); ++i) {
        if (p[i] == std::numeric_limits<scalar_t>::infinity()) p[i] = scalar_t(0);
      }
    });
  }
  if (reduction == kMean) {
    Tensor lengths =
        emptyTensor(DimVector{static_cast<int64_t>(target_lengths.size())}, res.dtype());
    WICK_DISPATCH_FLOATING(res.dtype(), "ctc_loss", {
      scalar_t* p = static_cast<scalar_t*>(lengths.data_ptr());
      for (size_t i = 0; i < target_lengths.size(); ++i) {
        p[i] = static_cast<scalar_t>(std::max<int64_t>(target_lengths[i], 1));
      }
    });
    return mean(div_Tensor(res, lengths), std::nullopt);
  }
  if (reduction == kSum) return sum(res, std::nullopt);
  return batched ? res : squeeze_dim(res, 0);
}

Tensor ctc_loss_Tensor(const Tensor& log_probs, const Tensor& targets, const Tensor& input_lengths,
                       const Tensor& target_lengths, int64_t blank, int64_t reduction,
                       bool zero_infinity) {
  std::vector<int64_t> il = lengthsOf("aten::ctc_loss", input_lengths, "input_lengths");
  std::vector<int64_t> tl = lengthsOf("aten::ctc_loss", target_lengths, "target_lengths");
  return ctc_loss_IntList(log_probs, targets, il, tl, blank, reduction, zero_infinity);
}

}  // namespace wick::kernels
