// Scans along one dim: aten::cumsum, cumprod (and their out= forms), cummax and cummin.
// Floating scans accumulate in double (PyTorch's CPU accumulate type); integer scans wrap in
// 64-bit two's complement. The input is viewed as (outer, n, inner); when inner > 1 a row of
// running states moves along the dim so the inner loop runs over contiguous memory.
#include <cmath>
#include <vector>

#include "ops/kernels/reduce_util.h"
#include "ops/type_promotion.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using reduce::compute_t;

struct Lines {
  int64_t outer = 1, n = 1, inner = 1;
};

Lines linesOf(IntArrayRef sizes, int64_t dim) {
  Lines l;
  if (sizes.empty()) return l;
  l.n = sizes[static_cast<size_t>(dim)];
  for (int64_t d = 0; d < dim; ++d) l.outer *= sizes[static_cast<size_t>(d)];
  for (size_t d = static_cast<size_t>(dim) + 1; d < sizes.size(); ++d) l.inner *= sizes[d];
  return l;
}

template <class T>
using scan_acc_t = std::conditional_t<std::is_integral_v<T>, uint64_t, double>;

template <bool kProd, class T, class Out>
void scan(const T* x, Out* y, const Lines& l) {
  using A = scan_acc_t<T>;
  parallelFor(0, l.outer,
              std::max<int64_t>(1, reduce::kGrain / std::max<int64_t>(1, l.n * l.inner)),
              [&](int64_t b, int64_t e) {
                std::vector<A> acc(static_cast<size_t>(l.inner));
                for (int64_t o = b; o < e; ++o) {
                  const T* xs = x + o * l.n * l.inner;
                  Out* ys = y + o * l.n * l.inner;
                  std::fill(acc.begin(), acc.end(), A(kProd ? 1 : 0));
                  for (int64_t d = 0; d < l.n; ++d) {
                    for (int64_t k = 0; k < l.inner; ++k) {
                      A v = static_cast<A>(static_cast<compute_t<T>>(xs[d * l.inner + k]));
                      acc[k] = kProd ? acc[k] * v : acc[k] + v;
                      if constexpr (std::is_integral_v<T>) {
                        ys[d * l.inner + k] = static_cast<Out>(static_cast<int64_t>(acc[k]));
                      } else {
                        ys[d * l.inner + k] = Out(static_cast<compute_t<Out>>(acc[k]));
                      }
                    }
                  }
                }
              });
}

template <bool kProd>
Tensor scanImpl(const Tensor& self, int64_t dim, std::optional<DType> dtype) {
  const char* op = kProd ? "aten::cumprod" : "aten::cumsum";
  int64_t d = wrapDim(dim, self.dim(), op);
  DType out_type = dtype ? *dtype : (isIntegralType(self.dtype(), true) ? kLong : self.dtype());
  // PyTorch's CPU scan kernels have no float16 or bool instantiation.
  WICK_CHECK(out_type != kHalf && out_type != kBool, op, ": \"",
             kProd ? "cumprod_out_cpu" : "cumsum_out_cpu", "\" not implemented for '",
             scalarTypeName(out_type), "'");
  // The input is converted to the result dtype first; integer scans accumulate in int64 and
  // store each partial result wrapped to the result's width.
  Tensor x = reduce::contiguousOf(self.dtype() == out_type ? self : reduce::castTo(self, out_type));
  Tensor out = emptyTensor(x.impl()->sizes(), out_type);
  Lines l = linesOf(x.impl()->sizes(), self.dim() == 0 ? 0 : d);
  if (x.impl()->numel() == 0) return out;
  WICK_DISPATCH_ALL(x.dtype(), op, {
    using T = scalar_t;
    scan<kProd>(static_cast<const T*>(x.data_ptr()), out.data_ptr<T>(), l);
  });
  return out;
}

// Running max (kMax) or min with the position it was last reached at; NaN sticks once seen.
template <bool kMax, class T>
void scanExtreme(const T* x, T* y, int64_t* idx, const Lines& l) {
  using C = compute_t<T>;
  parallelFor(0, l.outer, 1, [&](int64_t b, int64_t e) {
    std::vector<C> best(static_cast<size_t>(l.inner));
    std::vector<int64_t> at(static_cast<size_t>(l.inner));
    for (int64_t o = b; o < e; ++o) {
      const T* xs = x + o * l.n * l.inner;
      T* ys = y + o * l.n * l.inner;
      int64_t* is = idx + o * l.n * l.inner;
      for (int64_t d = 0; d < l.n; ++d) {
        for (int64_t k = 0; k < l.inner; ++k) {
          C v = static_cast<C>(xs[d * l.inner + k]);
          bool take = d == 0;
          if (!take) {
            C cur = best[static_cast<size_t>(k)];
            bool cur_nan = cur != cur, v_nan = v != v;
            take = v_nan || (!cur_nan && (kMax ? v >= cur : v <= cur));
          }
          if (take) best[static_cast<size_t>(k)] = v, at[static_cast<size_t>(k)] = d;
          ys[d * l.inner + k] = T(best[static_cast<size_t>(k)]);
          is[d * l.inner + k] = at[static_cast<size_t>(k)];
        }
      }
    }
  });
}

template <bool kMax>
std::tuple<Tensor, Tensor> cumExtremeImpl(const Tensor& self, int64_t dim) {
  const char* op = kMax ? "aten::cummax" : "aten::cummin";
  int64_t d = wrapDim(dim, self.dim(), op);
  Tensor x = reduce::contiguousOf(self);
  Tensor values = emptyTensor(x.impl()->sizes(), x.dtype());
  Tensor indices = emptyTensor(x.impl()->sizes(), kLong);
  if (x.impl()->numel() == 0) return {values, indices};
  Lines l = linesOf(x.impl()->sizes(), self.dim() == 0 ? 0 : d);
  WICK_DISPATCH_ALL(x.dtype(), op, {
    using T = scalar_t;
    scanExtreme<kMax>(static_cast<const T*>(x.data_ptr()), values.data_ptr<T>(),
                      indices.data_ptr<int64_t>(), l);
  });
  return {values, indices};
}

}  // namespace

Tensor cumsum(const Tensor& self, int64_t dim, std::optional<DType> dtype) {
  return scanImpl<false>(self, dim, dtype);
}
Tensor cumsum_out(const Tensor& self, int64_t dim, std::optional<DType> dtype, const Tensor& out) {
  reduce::copyToOut(scanImpl<false>(self, dim, dtype), out, "aten::cumsum");
  return out;
}
Tensor cumprod(const Tensor& self, int64_t dim, std::optional<DType> dtype) {
  return scanImpl<true>(self, dim, dtype);
}
Tensor cumprod_out(const Tensor& self, int64_t dim, std::optional<DType> dtype, const Tensor& out) {
  reduce::copyToOut(scanImpl<true>(self, dim, dtype), out, "aten::cumprod");
  return out;
}
std::tuple<Tensor, Tensor> cummax(const Tensor& self, int64_t dim) {
  return cumExtremeImpl<true>(self, dim);
}
std::tuple<Tensor, Tensor> cummin(const Tensor& self, int64_t dim) {
  return cumExtremeImpl<false>(self, dim);
}

}  // namespace wick::kernels
