#include "ops/kernels/upsample_util.h"

#include <cmath>
#include <sstream>

#include "ops/dnnl/dense_util.h"

namespace wick::interp {

int64_t nearestIndex(int64_t o, int64_t in, int64_t out, std::optional<double> scale, bool exact) {
  float s = scaleValue<float>(scale, in, out);
  if (exact) {
    auto src = static_cast<float>((static_cast<double>(o) + 0.5) * static_cast<double>(s));
    return std::min(static_cast<int64_t>(std::floor(src)), in - 1);
  }
  if (out == in) return o;
  if (out == 2 * in) return o >> 1;
  return std::min(static_cast<int64_t>(std::floor(static_cast<float>(o) * s)), in - 1);
}

void checkSizes(const Tensor& x, IntArrayRef output_size, int64_t spatial, std::string_view op) {
  int64_t want = spatial + 2;
  WICK_CHECK(x.dim() == want, op, ": It is expected input_size equals to ", want, ", but got size ",
             x.dim());
  WICK_CHECK(output_size.size() == static_cast<size_t>(spatial), op,
             ": It is expected output_size equals to ", spatial, ", but got size ",
             output_size.size());
  bool ok = true;
  std::ostringstream in, out;
  static const char* kNames[] = {"D", "H", "W"};
  for (int64_t i = 0; i < spatial; ++i) {
    const char* name = kNames[3 - spatial + i];
    int64_t a = dense::sizeAt(x, 2 + i), b = output_size[static_cast<size_t>(i)];
    ok = ok && a > 0 && b > 0;
    in << (i ? ", " : "") << name << ": " << a;
    out << (i ? ", " : "") << name << ": " << b;
  }
  WICK_CHECK(ok, op, ": Input and output sizes should be greater than 0, but got input (", in.str(),
             ") output (", out.str(), ")");
}

DimVector vecOutputSize(const Tensor& x, std::optional<IntArrayRef> output_size,
                        std::optional<ArrayRef<double>> scale_factors, int64_t spatial,
                        std::string_view op) {
  WICK_CHECK(output_size.has_value() != scale_factors.has_value(), op,
             ": Must specify exactly one of output_size and scale_factors");
  if (output_size) return DimVector(*output_size);
  WICK_CHECK(scale_factors->size() == static_cast<size_t>(spatial), op, ": expected ", spatial,
             " scale factors, but got ", scale_factors->size());
  WICK_CHECK(x.dim() == spatial + 2, op, ": It is expected input_size equals to ", spatial + 2,
             ", but got size ", x.dim());
  DimVector out;
  for (int64_t i = 0; i < spatial; ++i) {
    out.push_back(static_cast<int64_t>(std::floor(static_cast<double>(dense::sizeAt(x, 2 + i)) *
                                                  (*scale_factors)[static_cast<size_t>(i)])));
  }
  return out;
}

}  // namespace wick::interp
