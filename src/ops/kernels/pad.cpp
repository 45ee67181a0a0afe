// Padding: constant_pad_nd and aten::pad with its constant, reflect, replicate and circular
// modes. Pads are given innermost dimension first, as (left, right) pairs; negative pads crop.
#include "ops/kernels/index_util.h"
#include "ops/type_promotion.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// narrow for negative pads, with the checks and words of the narrow PyTorch crops with, under
// the padding op's name.
Tensor crop(const char* op, const Tensor& t, int64_t d, int64_t start, int64_t length) {
  int64_t n = t.impl()->sizes()[d];
  WICK_CHECK(start <= n, op, ": start out of range (expected to be in range of [", -n, ", ", n - 1,
             "], but got ", start, ")");
  WICK_CHECK(length >= 0 && start <= n - length, op, ": start (", start, ") + length (", length,
             ") exceeds dimension size (", n, ").");
  return narrow(t, d, start, length);
}

}  // namespace

Tensor constant_pad_nd(const Tensor& self, IntArrayRef pad, const Scalar& value) {
  const char* op = "aten::constant_pad_nd";
  WICK_CHECK(pad.size() % 2 == 0, op, ": Length of pad must be even but instead it equals ",
             pad.size());
  auto nd = self.dim();
  auto npad = static_cast<int64_t>(pad.size() / 2);
  WICK_CHECK(nd >= npad, op,
             ": Length of pad should be no more than twice the number of "
             "dimensions of the input. Pad length is ",
             pad.size(), " while the input has ", nd, " dimensions.");
  // Negative pads crop the input first; what remains is copied into the padded output.
  Tensor in = self;
  bool all_non_positive = true;
  for (int64_t i = 0; i < npad; ++i) {
    int64_t d = nd - 1 - i, l = pad[2 * i], r = pad[2 * i + 1];
    int64_t n = in.impl()->sizes()[d];
    if (l < 0) in = crop(op, in, d, -l, n + l);
    n = in.impl()->sizes()[d];
    if (r < 0) in = crop(op, in, d, 0, n + r);
    all_non_positive &= l <= 0 && r <= 0;
  }
  if (all_non_positive) {
    Tensor out = emptyWithStrides(in.impl()->sizes(), likeStrides(in, std::nullopt), in.dtype());
    copyStrided(out, in);
    return out;
  }
  DimVector shape(self.impl()->sizes());
  for (int64_t i = 0; i < npad; ++i) {
    int64_t d = nd - 1 - i, size = shape[d];
    shape[d] = size + pad[2 * i] + pad[2 * i + 1];
    WICK_CHECK(shape[d] > 0, op, ": The input size ", size, ", plus negative padding ", pad[2 * i],
               " and ", pad[2 * i + 1],
               " resulted in a negative output size, which is invalid. Check dimension ", d,
               " of your input.");
  }
  Tensor out =
      emptyWithStrides(shape, stridesForFormat(shape, suggestMemoryFormat(self)), self.dtype());
  fillTensorChecked(op, out, value);
  Tensor inner = out;
  for (int64_t i = 0; i < npad; ++i) {
    int64_t d = nd - 1 - i;
    inner = narrow(inner, d, std::max<int64_t>(pad[2 * i], 0), in.impl()->sizes()[d]);
  }
  copyStrided(inner, in);
  return out;
}

namespace {

enum class PadMode { Reflect, Replicate, Circular };

// Output -> input index along one padded dimension of size n with pads (l, r).
std::vector<int64_t> padMap(PadMode mode, int64_t n, int64_t l, int64_t r) {
  int64_t out = n + l + r;
  std::vector<int64_t> map(static_cast<size_t>(std::max<int64_t>(out, 0)));
  // With negative pads the output starts inside the input.
  int64_t in_start = std::max<int64_t>(0, -l), out_start = std::max<int64_t>(0, l);
  // Circular padding wraps around what is left after cropping.
  int64_t kept = n - in_start - std::max<int64_t>(0, -r);
  for (int64_t j = 0; j < out; ++j) {
    int64_t k;
    if (mode == PadMode::Circular) {
      k = in_start + ((j - out_start) % kept + kept) % kept;
    } else if (mode == PadMode::Reflect) {
      k = j < l ? 2 * l - j : j < n + l ? j : 2 * (n + l - 1) - j;
      k = k - out_start + in_start;
    } else {
      k = j < l ? l : j < n + l ? j : n + l - 1;
      k = k - out_start + in_start;
    }
    map[j] = k;
  }
  return map;
}

// A new contiguous tensor whose last maps.size() dimensions read the input through the maps.
Tensor gatherByMaps(const Tensor& in, const std::vector<std::vector<int64_t>>& maps) {
  int64_t k = static_cast<int64_t>(maps.size()), lead = in.dim() - k;
  DimVector shape(in.impl()->sizes());
  for (int64_t i = 0; i < k; ++i) shape[lead + i] = static_cast<int64_t>(maps[i].size());
  Tensor out = emptyTensor(shape, in.dtype());
  int64_t inner = 1;
  for (int64_t i = lead; i < in.dim(); ++i) inner *= shape[i];
  if (out.impl()->numel() == 0) return out;
  IntArrayRef in_strides = in.strides();
  DimVector lead_sizes(shape.ref().slice(0, static_cast<size_t>(lead)));
  StridedWalk<1> walk(lead_sizes, {in_strides.slice(0, static_cast<size_t>(lead))});
  dispatchByItemSize(in.element_size(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = static_cast<const T*>(in.data_ptr());
    T* dst = static_cast<T*>(out.data_ptr());
    DimVector pos(static_cast<size_t>(k), 0);
    walk.run([&](const std::array<int64_t, 1>& base) {
      for (int64_t e = 0; e < inner; ++e) {
        int64_t off = base[0];
        for (int64_t i = 0; i < k; ++i) off += maps[i][pos[i]] * in_strides[lead + i];
        *dst++ = src[off];
        for (int64_t i = k - 1; i >= 0; --i) {
          if (++pos[i] < static_cast<int64_t>(maps[i].size())) break;
          pos[i] = 0;
        }
      }
    });
  });
  return out;
}

const char* modeName(PadMode m) {
  return m == PadMode::Reflect ? "reflect" : m == PadMode::Replicate ? "replicate" : "circular";
}

// Checks of the reflect / replicate kernels (1-3 padded dims, an optional batch dimension).
void checkReflectReplicate(PadMode mode, const Tensor& self, IntArrayRef pad, int64_t k) {
  const char* op = "aten::pad";
  IntArrayRef sizes = self.impl()->sizes();
  bool batched = self.dim() == k + 2;
  for (int64_t d = batched ? 1 : 0; d < self.dim(); ++d) {
    WICK_CHECK(sizes[d] != 0, op, ": Expected ", k + 1, "D or ", k + 2,
               "D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions "
               "for input, but got: ",
               sizes);
  }
  static const char* kAxis[] = {"W", "H", "D"};
  for (int64_t i = 0; i < k; ++i) {
    int64_t d = self.dim() - 1 - i, l = pad[2 * i], r = pad[2 * i + 1];
    if (mode == PadMode::Reflect) {
      WICK_CHECK(l < sizes[d] && r < sizes[d], op, ": Argument #", 4 + 2 * i,
                 ": Padding size should be less than the corresponding input dimension, but "
                 "got: padding (",
                 l, ", ", r, ") at dimension ", d, " of input ", sizes);
    }
    WICK_CHECK(sizes[d] + l + r >= 1, op, ": input (", kAxis[i], ": ", sizes[d],
               ") is too small. Calculated output ", kAxis[i], ": ", sizes[d] + l + r);
  }
}

// The reflect / replicate kernels PyTorch dispatches to take floating types only: float and
// double, and also half and bfloat16 for 3-d reflection.
void checkReflectReplicateDType(PadMode mode, DType dt, int64_t k) {
  bool reduced = dt == kHalf || dt == kBFloat16;
  bool ok = dt == kFloat || dt == kDouble || (reduced && mode == PadMode::Reflect && k == 3);
  std::string kernel =
      std::string(mode == PadMode::Reflect ? "reflection_pad" : "replication_pad") +
      std::to_string(k) + "d" + (mode == PadMode::Replicate || k == 3 ? "_cpu" : "");
  WICK_CHECK(ok, "aten::pad: \"", kernel, "\" not implemented for '", scalarTypeName(dt), "'");
}

void checkCircular(const Tensor& self, IntArrayRef pad) {
  const char* op = "aten::pad";
  int64_t spatial = self.dim() - 2;
  WICK_CHECK(static_cast<int64_t>(pad.size()) == 2 * spatial, op,
             ": Invalid padding size, expected ", 2 * spatial, " but got ", pad.size());
  for (int64_t i = 0; i < spatial; ++i) {
    int64_t d = self.dim() - 1 - i, n = self.impl()->sizes()[d];
    int64_t l = pad[2 * i], r = pad[2 * i + 1];
    WICK_CHECK(l <= n && r <= n, op, ": Padding value causes wrapping around more than once.");
    WICK_CHECK(n + l + r >= 0, op, ": Negative padding value is resulting in an empty dimension");
    int64_t kept = n - std::max<int64_t>(0, -l) - std::max<int64_t>(0, -r);
    WICK_CHECK(kept > 0 || n + l + r == 0, op, ": circular padding cannot wrap around dimension ",
               d, " once negative padding has removed all of it");
  }
}

}  // namespace

Tensor pad(const Tensor& self, IntArrayRef pad, std::string_view mode,
           std::optional<double> value) {
  const char* op = "aten::pad";
  PadMode m;
  if (mode == "constant") {
    WICK_CHECK(pad.size() % 2 == 0, op, ": Padding length must be divisible by 2");
    WICK_CHECK(static_cast<int64_t>(pad.size()) <= self.dim() * 2, op,
               ": Padding length too large");
    return constant_pad_nd(self, pad, value.value_or(0.0));
  } else if (mode == "reflect") {
    m = PadMode::Reflect;
  } else if (mode == "replicate") {
    m = PadMode::Replicate;
  } else if (mode == "circular") {
    m = PadMode::Circular;
  } else {
    WICK_FAIL(op, ": Unrecognised padding mode ", mode);
  }
  WICK_CHECK(pad.size() % 2 == 0, op, ": Padding length must be divisible by 2");
  WICK_CHECK(static_cast<int64_t>(pad.size()) <= self.dim() * 2, op, ": Padding length too large");
  WICK_CHECK(!value || *value == 0, op, ": Padding mode \"", modeName(m),
             "\" doesn't take in value argument");
  auto k = static_cast<int64_t>(pad.size() / 2);
  bool supported = k >= 1 && k <= 3 && (self.dim() == k + 1 || self.dim() == k + 2);
  WICK_CHECK(supported, op,
             ": Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now");
  if (m == PadMode::Circular) {
    checkCircular(self, pad);
  } else {
    checkReflectReplicate(m, self, pad, k);
    checkReflectReplicateDType(m, self.dtype(), k);
  }
  std::vector<std::vector<int64_t>> maps;
  for (int64_t i = k - 1; i >= 0; --i) {
    int64_t d = self.dim() - 1 - i;
    maps.push_back(padMap(m, self.impl()->sizes()[d], pad[2 * i], pad[2 * i + 1]));
  }
  return gatherByMaps(self, maps);
}

}  // namespace wick::kernels
