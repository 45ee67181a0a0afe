// embedding: rows of a 2-d weight gathered by an index tensor. padding_idx and the gradient
// flags only affect backward, so the forward is a plain gather.
#include <cstring>

#include "ops/dnnl/dense_util.h"
#include "ops/parallel.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

Tensor embedding(const Tensor& weight, const Tensor& indices, int64_t, bool, bool) {
  constexpr std::string_view op = "aten::embedding";
  WICK_CHECK(weight.dim() == 2, op, ": 'weight' must be 2-D");
  WICK_CHECK(indices.dtype() == kLong || indices.dtype() == kInt, op,
             ": Expected tensor for argument #1 'indices' to have one of the following scalar "
             "types: Long, Int; but got ",
             dense::legacyTypeName(indices.dtype()),
             " instead (while checking arguments for embedding)");
  int64_t rows = dense::sizeAt(weight, 0), dim = dense::sizeAt(weight, 1);
  Tensor idx = dense::contiguousAs(indices, kLong);
  int64_t n = idx.impl()->numel();
  const int64_t* ip = static_cast<const int64_t*>(idx.data_ptr());
  for (int64_t i = 0; i < n; ++i) {
    WICK_CHECK_INDEX(ip[i] >= 0 && ip[i] < rows, op, ": index out of range in self");
  }
  DimVector shape(dense::shapeOf(indices));
  shape.push_back(dim);
  Tensor out = emptyTensor(shape, weight.dtype());
  if (n == 0 || dim == 0) return out;
  Tensor w = dense::contiguous(weight);
  size_t row_bytes = static_cast<size_t>(dim) * elementSize(weight.dtype());
  const char* src = static_cast<const char*>(w.data_ptr());
  char* dst = static_cast<char*>(out.data_ptr());
  parallelFor(0, n, std::max<int64_t>(1, 65536 / std::max<int64_t>(dim, 1)),
              [&](int64_t b, int64_t e) {
                for (int64_t i = b; i < e; ++i) {
                  std::memcpy(dst + i * row_bytes, src + ip[i] * row_bytes, row_bytes);
                }
              });
  return out;
}

}  // namespace wick::kernels
