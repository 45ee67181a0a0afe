// Grid sampling (F.grid_sample: aten::grid_sampler, aten::grid_sampler_2d/3d and their .out
// forms) and affine sampling grids (F.affine_grid: aten::affine_grid_generator and .out).
//
// Note [Two grid samplers]
// PyTorch 1.13 samples 4-d inputs with a vectorised kernel and 5-d inputs with a scalar one,
// and the two turn grid values into source coordinates differently, which decides which pixel
// a coordinate near a border or a rounding boundary picks:
//  - 2-d (vectorised): unnormalising is (g + 1) * (size - 1) / 2 with align_corners, else
//    (g + 1) * (size / 2) - 0.5 with the multiply-add fused (its AVX2 build fuses it; measured);
//    reflection works on |x - low| with a truncated division and a NaN-propagating minimum;
//    clipping sends NaN to 0; coordinates become integers by truncation, and values an int
//    cannot hold (NaN, inf) land out of bounds; interpolation weights multiply the gathered
//    values even when a corner is out of bounds (its value is 0), so NaN weights give NaN.
//  - 3-d (scalar): ((g + 1) / 2) * (size - 1) or ((g + 1) * size - 1) / 2; reflection uses fmod
//    and the parity of floor(x / span) as an int; clipping sends NaN to size - 1; afterwards
//    any coordinate that is not finite or beyond int range becomes -100 (out of bounds), and
//    out-of-bounds corners are skipped.
// Each is reproduced with its own operation order (std::fma where PyTorch's build fuses).
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "ops/dnnl/dense_util.h"
#include "ops/kernels/iter.h"
#include "ops/kernels/linalg_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

enum class Interp : int64_t { Bilinear = 0, Nearest = 1, Bicubic = 2 };
enum class Padding : int64_t { Zeros = 0, Border = 1, Reflection = 2 };

// An out-of-bounds index for coordinates PyTorch's truncating conversion cannot represent
// (x86 gives the most negative integer); far enough from int64's limits to add to safely.
constexpr int64_t kBadIndex = std::numeric_limits<int64_t>::min() / 4;

// Truncating float -> index conversion of the 2-d kernel: int32 lanes for float, int64 lanes
// for double.
template <class T>
int64_t toIndex(T v) {
  constexpr double kLimit = std::is_same_v<T, float> ? 2147483648.0 : 9223372036854775808.0;
  if (!(v > -kLimit && v < kLimit)) return kBadIndex;
  return static_cast<int64_t>(v);
}

// The vectorised minimum: NaN when either operand is NaN.
template <class T>
T nanMin(T a, T b) {
  if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<T>::quiet_NaN();
  return std::min(a, b);
}

// ---- 2-d: the vectorised kernel's coordinate arithmetic (Note [Two grid samplers]) ----

template <class T>
struct Axis2d {
  Padding padding;
  bool align;
  T max_val, scale, low, twice_span;
  bool empty;  // align_corners over a single pixel: reflection maps everything to 0

  Axis2d(int64_t size, Padding p, bool align_corners)
      : padding(p),
        align(align_corners),
        max_val(static_cast<T>(size - 1)),
        scale(align_corners ? static_cast<T>(size - 1) / 2 : static_cast<T>(size) / 2),
        low(align_corners ? T(0) : T(-0.5)),
        twice_span(align_corners ? static_cast<T>(size - 1) * 2 : static_cast<T>(size) * 2),
        empty(align_corners && size <= 1) {}

  T unnormalize(T g) const {
    return align ? (g + T(1)) * scale : std::fma(g + T(1), scale, T(-0.5));
  }
  T clip(T x) const {
    if (std::isnan(x)) return T(0);
    return std::min(max_val, std::max(x, T(0)));
  }
  T reflect(T x) const {
    if (empty) return T(0);
    T a = std::abs(x - low);
    T flips = std::trunc(a / twice_span);
    T extra = std::fma(-flips, twice_span, a);
    return nanMin(extra, twice_span - extra) + low;
  }
  // The padding mode applied to an unnormalised coordinate.
  T pad(T x) const {
    if (padding == Padding::Border) return clip(x);
    if (padding == Padding::Reflection) return clip(reflect(x));
    return x;
  }
};

// Reads one input plane at integer coordinates; out-of-bounds reads give 0 under zeros
// padding (border and reflection coordinates are always inside).
template <class T>
struct Plane2d {
  const T* data;
  int64_t sh, sw, h, w;
  bool zeros;
  bool inside(int64_t y, int64_t x) const { return !zeros || (y > -1 && y < h && x > -1 && x < w); }
  T at(int64_t y, int64_t x) const { return data[y * sh + x * sw]; }
};

// Bicubic convolution weights (A = -0.75) of the four taps around t in [0, 1). The fused
// multiply-adds here and in weightedSum4 are the combination closest to PyTorch's AVX2 build
// (measured: results agree to within a few ulps, most bit for bit).
template <class T>
void cubicCoefficients(T (&c)[4], T t) {
  const T a(-0.75);
  auto outer = [&](T x) { return ((a * x - T(5) * a) * x + T(8) * a) * x - T(4) * a; };
  auto inner = [&](T x) { return std::fma(std::fma(a + T(2), x, -(a + T(3))) * x, x, T(1)); };
  c[0] = outer(t + T(1));
  c[1] = inner(t);
  c[2] = inner(T(1) - t);
  c[3] = outer(T(2) - t);
}

// c0*v0 + c1*v1 + c2*v2 + c3*v3, fused as in cubicCoefficients.
template <class T>
T weightedSum4(const T (&c)[4], const T (&v)[4]) {
  T acc = std::fma(c[0], v[0], c[1] * v[1]);
  acc = std::fma(c[2], v[2], acc);
  return std::fma(c[3], v[3], acc);
}

// A strided array: the kernels below take these rather than tensors.
template <class T, int R>
struct View {
  T* data;
  int64_t size[R];
  int64_t stride[R];
};

template <class T, int R>
View<T, R> viewOf(const Tensor& t) {
  View<T, R> v{static_cast<T*>(t.data_ptr()), {}, {}};
  for (int i = 0; i < R; ++i) {
    v.size[i] = dense::sizeAt(t, i);
    v.stride[i] = t.strides()[i];
  }
  return v;
}

// input [N, C, H, W], grid [N, OH, OW, 2], out contiguous [N, C, OH, OW].
template <class T>
void sample2d(View<const T, 4> input, View<const T, 4> grid, T* o, Interp interp, Padding padding,
              bool align) {
  const int64_t* is = input.stride;
  const int64_t* gs = grid.stride;
  int64_t N = input.size[0], C = input.size[1], H = input.size[2], W = input.size[3];
  int64_t OH = grid.size[1], OW = grid.size[2];
  const T* in = input.data;
  const T* gp = grid.data;
  Axis2d<T> ax(W, padding, align), ay(H, padding, align);
  bool zeros = padding == Padding::Zeros;
  int64_t plane = OH * OW;
  for (int64_t n = 0; n < N; ++n) {
    for (int64_t h = 0; h < OH; ++h) {
      for (int64_t w = 0; w < OW; ++w) {
        const T* g = gp + n * gs[0] + h * gs[1] + w * gs[2];
        T gx = g[0], gy = g[gs[3]];
        T* dst = o + n * C * plane + h * OW + w;
        auto planeOf = [&](int64_t c) {
          return Plane2d<T>{in + n * is[0] + c * is[1], is[2], is[3], H, W, zeros};
        };
        if (interp == Interp::Bilinear) {
          T x = ax.pad(ax.unnormalize(gx)), y = ay.pad(ay.unnormalize(gy));
          T xw = std::floor(x), yn = std::floor(y);
          T dw = x - xw, de = T(1) - dw, dn = y - yn, ds = T(1) - dn;
          T nw = ds * de, ne = ds * dw, sw = dn * de, se = dn * dw;
          int64_t ix = toIndex(xw), iy = toIndex(yn);
          // Border and reflection keep x, y inside, so only the east/south corners can fall
          // off the input; PyTorch still reads the west/north ones unconditionally.
          bool w_ok = !zeros || (ix > -1 && ix < W), n_ok = !zeros || (iy > -1 && iy < H);
          bool e_ok = (zeros ? ix + 1 > -1 : true) && ix + 1 < W;
          bool s_ok = (zeros ? iy + 1 > -1 : true) && iy + 1 < H;
          for (int64_t c = 0; c < C; ++c) {
            Plane2d<T> p = planeOf(c);
            T vnw = w_ok && n_ok ? p.at(iy, ix) : T(0);
            T vne = e_ok && n_ok ? p.at(iy, ix + 1) : T(0);
            T vsw = w_ok && s_ok ? p.at(iy + 1, ix) : T(0);
            T vse = e_ok && s_ok ? p.at(iy + 1, ix + 1) : T(0);
            T acc = std::fma(vne, ne, vnw * nw);
            acc = std::fma(vsw, sw, acc);
            dst[c * plane] = std::fma(vse, se, acc);
          }
        } else if (interp == Interp::Nearest) {
          T x = ax.pad(ax.unnormalize(gx)), y = ay.pad(ay.unnormalize(gy));
          int64_t ix = toIndex(std::nearbyint(x)), iy = toIndex(std::nearbyint(y));
          for (int64_t c = 0; c < C; ++c) {
            Plane2d<T> p = planeOf(c);
            dst[c * plane] = p.inside(iy, ix) ? p.at(iy, ix) : T(0);
          }
        } else {
          // Bicubic: the taps around the unpadded coordinate are padded one by one.
          T x = ax.unnormalize(gx), y = ay.unnormalize(gy);
          T fx = std::floor(x), fy = std::floor(y);
          T cx[4], cy[4];
          cubicCoefficients(cx, x - fx);
          cubicCoefficients(cy, y - fy);
          int64_t tx[4], ty[4];
          for (int k = 0; k < 4; ++k) {
            tx[k] = toIndex(ax.pad(fx + T(k - 1)));
            ty[k] = toIndex(ay.pad(fy + T(k - 1)));
          }
          for (int64_t c = 0; c < C; ++c) {
            Plane2d<T> p = planeOf(c);
            T rows[4];
            for (int i = 0; i < 4; ++i) {
              T v[4];
              for (int j = 0; j < 4; ++j) {
                v[j] = p.inside(ty[i], tx[j]) ? p.at(ty[i], tx[j]) : T(0);
              }
              rows[i] = weightedSum4(cx, v);
            }
            dst[c * plane] = weightedSum4(cy, rows);
          }
        }
      }
    }
  }
}

// ---- 3-d: the scalar kernel's coordinate arithmetic (Note [Two grid samplers]) ----

// static_cast<int>(floor(v)) as x86 does it: INT_MIN when v does not fit (NaN included).
template <class T>
int floorToInt(T v) {
  T f = std::floor(v);
  if (!(f >= T(-2147483648.0) && f < T(2147483648.0))) return INT_MIN;
  return static_cast<int>(f);
}

template <class T>
struct Axis3d {
  int64_t size;
  Padding padding;
  bool align;

  T unnormalize(T g) const {
    if (align) return ((g + 1) / 2) * static_cast<T>(size - 1);
    return ((g + 1) * static_cast<T>(size) - 1) / 2;
  }
  // std::max(NaN, 0) is NaN and std::min(limit, NaN) is limit: NaN clips to size - 1.
  T clip(T x) const { return std::min(static_cast<T>(size - 1), std::max(x, T(0))); }
  T reflect(T x, int64_t twice_low, int64_t twice_high) const {
    if (twice_low == twice_high) return T(0);
    T mn = static_cast<T>(twice_low) / 2;
    T span = static_cast<T>(twice_high - twice_low) / 2;
    x = std::fabs(x - mn);
    T extra = std::fmod(x, span);
    int flips = floorToInt(x / span);
    return flips % 2 == 0 ? extra + mn : span - extra + mn;
  }
  T source(T g) const {
    T x = unnormalize(g);
    if (padding == Padding::Border) {
      x = clip(x);
    } else if (padding == Padding::Reflection) {
      x = align ? reflect(x, 0, 2 * (size - 1)) : reflect(x, -1, 2 * size - 1);
      x = clip(x);
    }
    // Keeps later int conversions defined: such coordinates become out of bounds.
    if (x > static_cast<T>(INT_MAX - 1) || x < static_cast<T>(INT_MIN) ||
        !std::isfinite(static_cast<double>(x))) {
      return T(-100);
    }
    return x;
  }
};

// input [N, C, D, H, W], grid [N, OD, OH, OW, 3], out contiguous [N, C, OD, OH, OW].
template <class T>
void sample3d(View<const T, 5> input, View<const T, 5> grid, T* o, Interp interp, Padding padding,
              bool align) {
  const int64_t* is = input.stride;
  const int64_t* gs = grid.stride;
  int64_t N = input.size[0], C = input.size[1];
  int64_t D = input.size[2], H = input.size[3], W = input.size[4];
  int64_t OD = grid.size[1], OH = grid.size[2], OW = grid.size[3];
  const T* in = input.data;
  const T* gp = grid.data;
  Axis3d<T> ax{W, padding, align}, ay{H, padding, align}, az{D, padding, align};
  int64_t plane = OD * OH * OW;
  auto inside = [&](int64_t z, int64_t y, int64_t x) {
    return z >= 0 && z < D && y >= 0 && y < H && x >= 0 && x < W;
  };
  for (int64_t n = 0; n < N; ++n) {
    const T* in_n = in + n * is[0];
    for (int64_t d = 0; d < OD; ++d) {
      for (int64_t h = 0; h < OH; ++h) {
        for (int64_t w = 0; w < OW; ++w) {
          const T* g = gp + n * gs[0] + d * gs[1] + h * gs[2] + w * gs[3];
          T x = ax.source(g[0]), y = ay.source(g[gs[4]]), z = az.source(g[2 * gs[4]]);
          T* dst = o + n * C * plane + (d * OH + h) * OW + w;
          auto at = [&](int64_t c, int64_t zz, int64_t yy, int64_t xx) {
            return in_n[c * is[1] + zz * is[2] + yy * is[3] + xx * is[4]];
          };
          if (interp == Interp::Bilinear) {
            int64_t xw = static_cast<int64_t>(std::floor(x));
            int64_t yn = static_cast<int64_t>(std::floor(y));
            int64_t zt = static_cast<int64_t>(std::floor(z));
            int64_t xe = xw + 1, ys = yn + 1, zb = zt + 1;
            // Distances to the opposite faces; int - T is computed in T.
            T tnw = (xe - x) * (ys - y) * (zb - z);
            T tne = (x - xw) * (ys - y) * (zb - z);
            T tsw = (xe - x) * (y - yn) * (zb - z);
            T tse = (x - xw) * (y - yn) * (zb - z);
            T bnw = (xe - x) * (ys - y) * (z - zt);
            T bne = (x - xw) * (ys - y) * (z - zt);
            T bsw = (xe - x) * (y - yn) * (z - zt);
            T bse = (x - xw) * (y - yn) * (z - zt);
            const int64_t corner[8][3] = {{zt, yn, xw}, {zt, yn, xe}, {zt, ys, xw}, {zt, ys, xe},
                                          {zb, yn, xw}, {zb, yn, xe}, {zb, ys, xw}, {zb, ys, xe}};
            const T weight[8] = {tnw, tne, tsw, tse, bnw, bne, bsw, bse};
            bool ok[8];
            for (int k = 0; k < 8; ++k) ok[k] = inside(corner[k][0], corner[k][1], corner[k][2]);
            for (int64_t c = 0; c < C; ++c) {
              T acc = T(0);
              for (int k = 0; k < 8; ++k) {
                if (ok[k]) acc += at(c, corner[k][0], corner[k][1], corner[k][2]) * weight[k];
              }
              dst[c * plane] = acc;
            }
          } else {
            int64_t xi = static_cast<int64_t>(std::round(x));
            int64_t yi = static_cast<int64_t>(std::round(y));
            int64_t zi = static_cast<int64_t>(std::round(z));
            bool ok = inside(zi, yi, xi);
            for (int64_t c = 0; c < C; ++c) dst[c * plane] = ok ? at(c, zi, yi, xi) : T(0);
          }
        }
      }
    }
  }
}

// ---- checks (PyTorch's words, in its order) ----

// t.size(0) on a 0-d tensor raises IndexError in PyTorch.
int64_t batchSize(const char* op, const Tensor& t) {
  WICK_CHECK_INDEX(t.dim() > 0, op, ": Dimension specified as 0 but tensor has no dimensions");
  return dense::sizeAt(t, 0);
}

void checkCommon(const char* op, const Tensor& input, const Tensor& grid) {
  WICK_CHECK(batchSize(op, input) == batchSize(op, grid), op,
             ": grid_sampler(): expected grid and input to have same batch size, but got input "
             "with sizes ",
             dense::shapeOf(input), " and grid with sizes ", dense::shapeOf(grid));
  WICK_CHECK(dense::shapeOf(grid).back() == input.dim() - 2, op,
             ": grid_sampler(): expected grid to have size ", input.dim() - 2,
             " in last dimension, but got grid with sizes ", dense::shapeOf(grid));
  for (int64_t i = 2; i < input.dim(); ++i) {
    WICK_CHECK(dense::sizeAt(input, i) > 0, op,
               ": grid_sampler(): expected input to have non-empty spatial dimensions, but input "
               "has sizes ",
               dense::shapeOf(input), " with dimension ", i, " being empty");
  }
}

void checkRank(const char* op, const Tensor& input, const Tensor& grid, int64_t rank) {
  WICK_CHECK(input.dim() == rank && grid.dim() == rank, op, ": grid_sampler(): expected ", rank,
             "D input and grid with same number of dimensions, but got input with sizes ",
             dense::shapeOf(input), " and grid with sizes ", dense::shapeOf(grid));
}

// The kernels read grid as input's type; PyTorch's data access raises on a mismatch.
void checkGridDType(const char* op, const Tensor& input, const Tensor& grid) {
  WICK_CHECK(grid.dtype() == input.dtype(), op, ": expected scalar type ",
             dense::scalarTypeName(input.dtype()), " but found ",
             dense::scalarTypeName(grid.dtype()));
}

// PyTorch's switches have no case for other modes and leave the output uninitialised (the
// 3-d kernel treats an unknown padding mode as zeros); wick refuses them instead.
void checkModes(const char* op, int64_t interp, int64_t padding, bool three_d) {
  WICK_CHECK(interp >= 0 && interp <= (three_d ? 1 : 2), op,
             ": grid_sampler(): unknown interpolation_mode ", interp,
             " (PyTorch leaves the output uninitialised)");
  WICK_CHECK(three_d || (padding >= 0 && padding <= 2), op,
             ": grid_sampler(): unknown padding_mode ", padding,
             " (PyTorch leaves the output uninitialised)");
}

Tensor gridSample2d(const char* op, const Tensor& input, const Tensor& grid, int64_t interp,
                    int64_t padding, bool align) {
  checkCommon(op, input, grid);
  checkRank(op, input, grid, 4);
  DType dt = input.dtype();
  WICK_CHECK(dt == kFloat || dt == kDouble, op, ": grid_sampler_2d_cpu not implemented for ",
             dense::scalarTypeName(dt));
  checkGridDType(op, input, grid);
  checkModes(op, interp, padding, false);
  Tensor out = emptyTensor({dense::sizeAt(input, 0), dense::sizeAt(input, 1),
                            dense::sizeAt(grid, 1), dense::sizeAt(grid, 2)},
                           dt);
  if (out.numel() == 0) return out;
  auto run = [&]<class T>() {
    sample2d<T>(viewOf<const T, 4>(input), viewOf<const T, 4>(grid),
                static_cast<T*>(out.data_ptr()), static_cast<Interp>(interp),
                static_cast<Padding>(padding), align);
  };
  if (dt == kFloat) {
    run.template operator()<float>();
  } else {
    run.template operator()<double>();
  }
  return out;
}

Tensor gridSample3d(const char* op, const Tensor& input, const Tensor& grid, int64_t interp,
                    int64_t padding, bool align) {
  checkCommon(op, input, grid);
  checkRank(op, input, grid, 5);
  WICK_CHECK(interp != static_cast<int64_t>(Interp::Bicubic), op,
             ": grid_sampler(): bicubic interpolation only supports 4D input");
  DType dt = input.dtype();
  WICK_CHECK(dt == kFloat || dt == kDouble, op, ": \"grid_sampler3d_cpu\" not implemented for '",
             dense::scalarTypeName(dt), "'");
  checkGridDType(op, input, grid);
  checkModes(op, interp, padding, true);
  // Any padding mode other than border and reflection samples as zeros here.
  Padding pad = padding == 1   ? Padding::Border
                : padding == 2 ? Padding::Reflection
                               : Padding::Zeros;
  Tensor out = emptyTensor({dense::sizeAt(input, 0), dense::sizeAt(input, 1),
                            dense::sizeAt(grid, 1), dense::sizeAt(grid, 2), dense::sizeAt(grid, 3)},
                           dt);
  if (out.numel() == 0) return out;
  auto run = [&]<class T>() {
    sample3d<T>(viewOf<const T, 5>(input), viewOf<const T, 5>(grid),
                static_cast<T*>(out.data_ptr()), static_cast<Interp>(interp), pad, align);
  };
  if (dt == kFloat) {
    run.template operator()<float>();
  } else {
    run.template operator()<double>();
  }
  return out;
}

// The generated out= forms: compute, resize out (warning when it had elements), copy with
// conversion.
Tensor writeOut(const char* op, const Tensor& out, const Tensor& result) {
  iter::resizeOutput(op, out, dense::shapeOf(result));
  iter::copyInto(op, out, result);
  return out;
}

// ---- affine grids ----

// linspace(-1, 1, n) in theta's dtype, scaled by (n - 1) / n without align_corners (so the
// points are pixel centres); a 0-d zero for n <= 1. Built from wick's linspace, mul and div so
// that values and integer dtypes behave exactly as PyTorch's composite does.
Tensor linspaceFromNegOne(const char* op, DType dt, int64_t n, bool align) {
  if (n <= 1) {
    // PyTorch makes this zero with at::tensor, which has no half, bfloat16 or bool kernel.
    WICK_CHECK(dt != kHalf && dt != kBFloat16 && dt != kBool, op,
               ": \"tensor_cpu\" not implemented for '", dense::scalarTypeName(dt), "'");
    Tensor zero = emptyTensor({}, dt);
    dense::fill(zero, 0.0);
    return zero;
  }
  WICK_CHECK(dt != kBool, op, ": \"linspace_cpu\" not implemented for '", dense::scalarTypeName(dt),
             "'");
  Tensor range = linspace(Scalar(int64_t(-1)), Scalar(int64_t(1)), n, dt, std::nullopt,
                          std::nullopt, std::nullopt);
  if (!align) range = div_Scalar(mul_Scalar(range, Scalar(n - 1)), Scalar(n));
  return range;
}

Tensor affineGrid(const char* op, const Tensor& theta, IntArrayRef size, bool align) {
  WICK_CHECK(size.size() == 4 || size.size() == 5, op,
             ": AffineGridGenerator needs 4d (spatial) or 5d (volumetric) inputs.");
  int64_t spatial = static_cast<int64_t>(size.size()) - 2;
  int64_t N = size[0];
  // Base grid [N, (D,) H, W, spatial + 1]: x, y(, z) coordinates and a column of ones.
  DimVector base_shape{N};
  for (int64_t i = 0; i < spatial; ++i) base_shape.push_back(size[2 + i]);
  base_shape.push_back(spatial + 1);
  for (int64_t s : base_shape) {
    WICK_CHECK(s >= 0, op, ": Trying to create tensor with negative dimension ", s, ": ",
               base_shape.ref());
  }
  DType dt = theta.dtype();
  Tensor base = emptyTensor(base_shape, dt);
  DimVector points(base_shape.ref().slice(0, base_shape.size() - 1));
  int64_t nd = static_cast<int64_t>(points.size());
  // Coordinate k varies along spatial dimension nd - 1 - k (x along W, y along H, z along D).
  for (int64_t k = 0; k < spatial; ++k) {
    int64_t along = nd - 1 - k;
    Tensor range = linspaceFromNegOne(op, dt, base_shape[along], align);
    for (int64_t j = 0; j < k && range.dim() > 0; ++j)
      range = dense::unsqueezed(range, range.dim());
    dense::copyInto(dense::selected(base, nd, k), dense::expanded(range, points));
  }
  dense::fill(dense::selected(base, nd, spatial), 1.0);
  // grid = base @ theta^T per batch, as PyTorch's bmm with its checks.
  int64_t count = 1;
  for (int64_t i = 1; i < nd; ++i) count *= points[i];
  WICK_CHECK_INDEX(theta.dim() >= 2, op, ": Dimension out of range (expected to be in range of [",
                   -std::max<int64_t>(theta.dim(), 1), ", ", std::max<int64_t>(theta.dim(), 1) - 1,
                   "], but got ", theta.dim() == 0 ? 1 : theta.dim(), ")");
  WICK_CHECK_INDEX(theta.dim() >= 3, op,
                   ": Dimension out of range (expected to be in range of [-2, 1], but got 2)");
  Tensor lhs = dense::viewAs(base, {N, count, spatial + 1});
  Tensor rhs = dense::transposed(theta, 1, 2);
  linalg::checkBmmShapes(lhs, rhs, op);
  WICK_CHECK(dt != kHalf, op, ": \"bmm\" not implemented for 'Half'");
  Tensor grid = linalg::bmmImpl(lhs, rhs, op);
  DimVector grid_shape(points);
  grid_shape.push_back(spatial);
  int64_t want = dense::product(grid_shape), have = dense::product(dense::shapeOf(grid));
  WICK_CHECK(want == have, op, ": shape '", grid_shape.ref(), "' is invalid for input of size ",
             have);
  return dense::viewAs(grid, grid_shape);
}

}  // namespace

Tensor grid_sampler(const Tensor& input, const Tensor& grid, int64_t interpolation_mode,
                    int64_t padding_mode, bool align_corners) {
  // F.grid_sample's op: 4-d inputs go to the 2-d sampler, all others to the 3-d one.
  const char* op = "aten::grid_sampler";
  if (input.dim() == 4) {
    return gridSample2d(op, input, grid, interpolation_mode, padding_mode, align_corners);
  }
  return gridSample3d(op, input, grid, interpolation_mode, padding_mode, align_corners);
}

Tensor grid_sampler_2d(const Tensor& input, const Tensor& grid, int64_t interpolation_mode,
                       int64_t padding_mode, bool align_corners) {
  return gridSample2d("aten::grid_sampler_2d", input, grid, interpolation_mode, padding_mode,
                      align_corners);
}

Tensor grid_sampler_2d_out(const Tensor& input, const Tensor& grid, int64_t interpolation_mode,
                           int64_t padding_mode, bool align_corners, const Tensor& out) {
  const char* op = "aten::grid_sampler_2d.out";
  return writeOut(op, out,
                  gridSample2d(op, input, grid, interpolation_mode, padding_mode, align_corners));
}

Tensor grid_sampler_3d(const Tensor& input, const Tensor& grid, int64_t interpolation_mode,
                       int64_t padding_mode, bool align_corners) {
  return gridSample3d("aten::grid_sampler_3d", input, grid, interpolation_mode, padding_mode,
                      align_corners);
}

Tensor grid_sampler_3d_out(const Tensor& input, const Tensor& grid, int64_t interpolation_mode,
                           int64_t padding_mode, bool align_corners, const Tensor& out) {
  const char* op = "aten::grid_sampler_3d.out";
  return writeOut(op, out,
                  gridSample3d(op, input, grid, interpolation_mode, padding_mode, align_corners));
}

Tensor affine_grid_generator(const Tensor& theta, IntArrayRef size, bool align_corners) {
  return affineGrid("aten::affine_grid_generator", theta, size, align_corners);
}

Tensor affine_grid_generator_out(const Tensor& theta, IntArrayRef size, bool align_corners,
                                 const Tensor& out) {
  const char* op = "aten::affine_grid_generator.out";
  return writeOut(op, out, affineGrid(op, theta, size, align_corners));
}

}  // namespace wick::kernels
