// The converting, broadcasting copy behind copy_, to() and the input conversions of every
// elementwise kernel.
#include <cstring>

#include "ops/kernels/iter_loops.h"

namespace wick::iter {

namespace {

template <class Out>
void copyFrom(const Iter& it, DType src) {
  WICK_ITER_DISPATCH_ALL(src, it.op(), {
    pointwise<Out, scalar_t>(it, [](opmath_t<scalar_t> v) {
      if constexpr (std::is_same_v<Out, scalar_t>) {
        return static_cast<Out>(v);
      } else {
        return convertValue<Out>(static_cast<scalar_t>(v));
      }
    });
  });
}

// One value as copyFrom converts it.
template <class Out, class In>
Out convertOne(In v) {
  if constexpr (std::is_same_v<Out, In>) {
    return v;
  } else {
    return convertValue<Out>(static_cast<In>(static_cast<opmath_t<In>>(v)));
  }
}

}  // namespace

void copyInto(const char* op, const Tensor& dst, const Tensor& src) {
  if (dst.is_same(src)) return;
  Iter it(op);
  it.inplace(dst).rawInput(src).computeDType(dst.dtype()).allowAnyOutputDType();
  it.build();
  WICK_ITER_DISPATCH_ALL(dst.dtype(), op, copyFrom<scalar_t>(it, src.dtype()));
  it.finish();
}

Tensor convertTo(const Tensor& t, DType dtype) {
  if (t.dtype() == dtype) return t;
  Tensor out = emptyLike(t, dtype);
  // A converted wrapped number still promotes as a number.
  out.impl()->setWrappedNumber(t.impl()->isWrappedNumber());
  copyInto("aten::to", out, t);
  return out;
}

void convertElement(const TensorImpl* src, DType dtype, void* out) {
  WICK_INTERNAL_ASSERT(src->numel() == 1, "convertElement of ", src->numel(), " elements");
  WICK_ITER_DISPATCH_ALL(dtype, "aten::to", {
    using Out = scalar_t;
    Out value{};
    WICK_ITER_DISPATCH_ALL(
        src->dtype(), "aten::to",
        value = convertOne<Out>(loadElement(static_cast<const scalar_t*>(src->data()))));
    std::memcpy(out, &value, sizeof(Out));
  });
}

}  // namespace wick::iter
