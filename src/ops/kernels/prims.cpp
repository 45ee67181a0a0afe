// Kernels for the size and scalar-conversion ops the tracer records (aten::size,
// prim::NumToTensor, aten::Int, ...).
#include "wick/core/tracing_hooks.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

int64_t size_int(const Tensor& self, int64_t dim) {
  return self.impl()->sizes()[wrapDim(dim, self.dim(), "aten::size")];
}

IValue size(const Tensor& self) { return IValue(self.impl()->sizes()); }

int64_t numel(const Tensor& self) { return self.impl()->numel(); }

int64_t dim(const Tensor& self) { return self.dim(); }

Tensor NumToTensor_Scalar(const Scalar& a) {
  Tensor t = scalarTensor(a, a.dtype());
  // A size turned into a tensor takes part in type promotion as a number.
  t.impl()->setWrappedNumber(true);
  return t;
}

namespace {
Scalar singleValue(const Tensor& a, const char* op) {
  WICK_CHECK(a.impl()->numel() == 1, op, ": a Tensor with ", a.impl()->numel(),
             " elements cannot be converted to Scalar");
  detail::NoTracerGuard no_trace;
  return a.item();
}
}  // namespace

int64_t Int_Tensor(const Tensor& a) { return singleValue(a, "aten::Int").toLong(); }
double Float_Tensor(const Tensor& a) { return singleValue(a, "aten::Float").toDouble(); }
bool Bool_Tensor(const Tensor& a) { return singleValue(a, "aten::Bool").toBool(); }
IValue ScalarImplicit(const Tensor& a) {
  WICK_CHECK(a.dim() == 0, "aten::ScalarImplicit: expected a 0-dim tensor, got ", a.dim(),
             " dimensions");
  return IValue(singleValue(a, "aten::ScalarImplicit"));
}

}  // namespace wick::kernels
