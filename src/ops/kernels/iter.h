// Elementwise iteration: the shared machinery behind every pointwise kernel (PyTorch's
// TensorIterator, reduced to what wick's kernels need).
//
// An Iter is configured with one output and its inputs, then build() broadcasts the inputs
// (PyTorch's error wording), works out the compute dtype (type_promotion.h), checks that the
// result fits the output, allocates or resizes the output in the layout PyTorch would give it,
// converts inputs to the compute dtype where needed, and plans an N-d loop: dimensions are
// ordered by stride and coalesced, so contiguous and broadcast operands cost one inner loop.
// Kernels then run an inner function over that plan (iter_loops.h has the typed loops) and
// call finish(), which writes back through a temporary when the output's dtype differs from
// the result dtype and bumps the version counter of written tensors.
//
//   Iter it("aten::add");
//   it.output(out).input(self).input(other).promote().build();
//   WICK_DISPATCH_NUMERIC(it.computeDType(), "aten::add", pointwise<scalar_t, scalar_t,
//                         scalar_t>(it, [](auto a, auto b) { return a + b; }));
//   return it.finish();
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "ops/parallel.h"
#include "ops/type_promotion.h"
#include "wick/core/tensor.h"

namespace wick::iter {

// Above this many elements a loop is split across threads (cheap ops are memory-bound, so
// smaller loops do not gain from a second thread).
inline constexpr int64_t kGrainSize = 32768;
// Output plus up to five inputs (clamp.Tensor, where, addcmul and lerp use four).
inline constexpr int kMaxOperands = 6;

// ---- broadcasting ----

// The broadcast shape of a and b. Raises "<op>: The size of tensor a (3) must match the size
// of tensor b (4) at non-singleton dimension 1".
DimVector broadcastShapes(const char* op, IntArrayRef a, IntArrayRef b);
// Strides (in elements) that view t at the broadcast `shape`: 0 on new and expanded dims.
DimVector broadcastStrides(const TensorImpl* t, IntArrayRef shape);
// t viewed at `shape` with zero strides on broadcast dims (shares t's storage).
Tensor expandTo(const Tensor& t, IntArrayRef shape);

// ---- layouts and aliasing ----

// True when every element of t sits in a dense block, visited once, in some dim order.
bool isNonOverlappingAndDense(const TensorImpl* t);
// True for a 4-d tensor laid out NHWC (PyTorch's is_contiguous(channels_last)).
bool isChannelsLastContiguous(const TensorImpl* t);
// NHWC / NDHWC strides for NCHW / NCDHW sizes.
DimVector channelsLastStrides(IntArrayRef sizes);
// PyTorch's suggest_memory_format: ChannelsLast(3d) when t's strides look NHWC (NDHWC),
// else Contiguous.
MemoryFormat suggestMemoryFormat(const TensorImpl* t);
// True when t is laid out densely in `format` (Contiguous, ChannelsLast or ChannelsLast3d).
bool isContiguousIn(const TensorImpl* t, MemoryFormat format);
// Allocates an uninitialised tensor with the given strides (a dense layout of sizes).
Tensor emptyStrided(IntArrayRef sizes, IntArrayRef strides, DType dtype);
// A new tensor like t: same strides when t is dense (PyTorch's MemoryFormat::Preserve),
// otherwise channels-last or contiguous, as PyTorch's empty_like picks.
Tensor emptyLike(const Tensor& t, DType dtype);
Tensor emptyLike(const Tensor& t, DType dtype, MemoryFormat format);
// Raises when writing `out` from `in` would read elements already overwritten (the two
// overlap without being the same view), and when out has elements that share memory.
void checkNoInternalOverlap(const char* op, const Tensor& out);
void checkNoPartialOverlap(const char* op, const Tensor& out, const Tensor& in);

// Resizes an out= tensor to `sizes` (PyTorch's resize_output: warns when a non-empty tensor
// changes shape), reallocating its storage when it is too small. Strides become `strides`,
// or contiguous when empty.
void resizeOutput(const char* op, const Tensor& out, IntArrayRef sizes, IntArrayRef strides = {});
// Marks a tensor as written by an op (in-place and out= results).
inline void bumpVersion(const Tensor& t) { t.impl()->storage()->bumpVersion(); }

// ---- dtype conversion ----

// Copies src into dst, broadcasting src to dst's shape and converting to dst's dtype as
// PyTorch's copy_ does. `op` names the caller in errors. dst and src may not partially overlap.
void copyInto(const char* op, const Tensor& dst, const Tensor& src);
// t in `dtype`: t itself when it already has that dtype, else a converted copy (same layout).
Tensor convertTo(const Tensor& t, DType dtype);
// Writes the single element of `src` (numel 1) converted to `dtype` into `out`, with the same
// conversion as copyInto. Lets elementwise loops read a 0-dim operand of another dtype from a
// small buffer instead of a converted tensor allocated per call.
void convertElement(const TensorImpl* src, DType dtype, void* out);

// ---- the iterator ----

// Where an op's result goes: a fresh tensor, an out= tensor (resized to the result's shape
// when needed) or self of an in-place op (which must already have that shape).
struct Dest {
  Tensor tensor;
  bool resizable = true;
  static Dest fresh() { return {}; }
  static Dest out(const Tensor& t) { return {t, true}; }
  static Dest self(const Tensor& t) { return {t, false}; }
};

class Iter {
 public:
  explicit Iter(const char* op) : op_(op) {}

  // The output. Undefined: allocate one. Otherwise written in place; `resizable` lets an
  // out= tensor be resized to the broadcast shape, while self of an in-place op must already
  // have it ("output with shape [3] doesn't match the broadcast shape [2, 3]").
  Iter& output(const Tensor& out, bool resizable = true);
  Iter& inplace(const Tensor& self) { return output(self, false); }
  Iter& output(const Dest& d) { return output(d.tensor, d.resizable); }
  // An input converted to the compute dtype.
  Iter& input(const Tensor& t);
  // An input read in its own dtype (masks, conditions).
  Iter& rawInput(const Tensor& t);

  // The compute dtype is the result type of the (converted) inputs...
  Iter& promote() {
    promote_ = true;
    return *this;
  }
  // ... with integral results computed in the default float dtype (sin, true division).
  Iter& promoteToFloat() {
    promote_ = true;
    int_to_float_ = true;
    return *this;
  }
  // A fixed compute dtype for the converted inputs.
  Iter& computeDType(DType t) {
    compute_ = t;
    has_compute_ = true;
    return *this;
  }
  // The dtype the kernel writes (Bool for comparisons); defaults to the compute dtype.
  Iter& resultDType(DType t) {
    result_ = t;
    has_result_ = true;
    return *this;
  }
  // Lets any output dtype receive the result (comparisons into a float out=, copies).
  Iter& allowAnyOutputDType() {
    check_cast_ = false;
    return *this;
  }
  // An out= tensor must have exactly the result dtype ("Found dtype Double but expected
  // Float"), as PyTorch's unary ops that do not cast their output require.
  Iter& exactOutputDType() {
    exact_output_ = true;
    return *this;
  }
  // Lets the output have elements that share memory (fill_ of an expanded tensor).
  Iter& allowOutputOverlap() {
    check_overlap_ = false;
    return *this;
  }

  void build();

  const char* op() const { return op_; }
  DType computeDType() const { return compute_; }
  DType resultDType() const { return result_; }
  IntArrayRef shape() const { return shape_; }
  int64_t numel() const { return numel_; }
  // The tensor the op returns: the fresh output, out, or self.
  const Tensor& result() const { return out_; }

  // Runs inner(char** data, const int64_t* strides, int64_t n) over the plan: data[0] is the
  // output, data[1..] the inputs; strides are in bytes along the innermost dimension. Large
  // loops are split across threads; each call covers a run of at most one innermost row.
  template <class Inner>
  void forEach(const Inner& inner, int64_t grain = kGrainSize) const;

  // Writes back the temporary output (dtype conversion) and bumps versions; returns result().
  const Tensor& finish();

 private:
  struct Operand {
    Tensor tensor;   // as given
    Tensor compute;  // in the dtype the loop reads (may be tensor itself); undefined when
                     // the loop reads `element` instead
    bool convert = true;
    // A 0-dim input converted to the compute dtype (large enough for any dtype).
    alignas(8) unsigned char element[8];
  };
  // The inputs, stored inline: an Iter is built for every elementwise op call, and a heap
  // block per call showed up in the per-op overhead of small tensors.
  class Operands {
   public:
    void push_back(Operand o) {
      WICK_CHECK(n_ < items_.size(), "an elementwise loop takes at most ", items_.size(),
                 " inputs");
      items_[n_++] = std::move(o);
    }
    size_t size() const { return n_; }
    bool empty() const { return n_ == 0; }
    Operand& operator[](size_t i) { return items_[i]; }
    Operand& back() { return items_[n_ - 1]; }
    const Operand& back() const { return items_[n_ - 1]; }
    Operand* begin() { return items_.data(); }
    Operand* end() { return items_.data() + n_; }
    const Operand* begin() const { return items_.data(); }
    const Operand* end() const { return items_.data() + n_; }

   private:
    std::array<Operand, kMaxOperands - 1> items_;
    size_t n_ = 0;
  };
  bool contiguousOperands() const;
  void computeShape();
  void computeDTypes();
  void checkOutput();
  void computePermutation();
  void allocateOutput();
  void convertInputs();
  void planLoop();
  void planContiguous();
  template <class Inner>
  void runRange(int64_t begin, int64_t end, const Inner& inner) const;

  const char* op_;
  Tensor out_;
  Tensor write_;  // what the loop writes: out_, or a temporary in the result dtype
  bool has_out_ = false;
  bool resizable_ = true;
  Operands inputs_;
  bool promote_ = false, int_to_float_ = false, has_compute_ = false, has_result_ = false;
  bool check_cast_ = true;
  bool check_overlap_ = true;
  bool exact_output_ = false;
  DType compute_ = kFloat, result_ = kFloat;
  DimVector shape_;
  bool all_same_shape_ = true;
  int64_t numel_ = 0;
  DimVector perm_;  // perm_[0] is the fastest-moving dimension

  // The loop plan: ndim_ coalesced dims, dim 0 innermost; strides in bytes per operand.
  int nops_ = 0;
  int ndim_ = 0;
  std::array<char*, kMaxOperands> data_{};
  DimVector sizes_;
  std::array<DimVector, kMaxOperands> strides_;
};

template <class Inner>
void Iter::forEach(const Inner& inner, int64_t grain) const {
  if (numel_ == 0) return;
  parallelFor(0, numel_, grain, [&](int64_t b, int64_t e) { runRange(b, e, inner); });
}

template <class Inner>
void Iter::runRange(int64_t begin, int64_t end, const Inner& inner) const {
  std::array<char*, kMaxOperands> ptrs;
  std::array<int64_t, kMaxOperands> inner_strides{};
  DimVector pos(static_cast<size_t>(ndim_), 0);
  // Position of `begin` in the plan, and the operands' pointers there.
  int64_t rest = begin;
  for (int k = 0; k < nops_; ++k) ptrs[k] = data_[k];
  for (int d = 0; d < ndim_; ++d) {
    pos[d] = rest % sizes_[d];
    rest /= sizes_[d];
    for (int k = 0; k < nops_; ++k) ptrs[k] += pos[d] * strides_[k][d];
  }
  for (int k = 0; k < nops_; ++k) inner_strides[k] = strides_[k][0];
  while (begin < end) {
    int64_t n = std::min(sizes_[0] - pos[0], end - begin);
    inner(ptrs.data(), inner_strides.data(), n);
    begin += n;
    if (begin >= end) break;
    // Step to the next row: the innermost dim wraps, carrying into outer dims.
    for (int k = 0; k < nops_; ++k) ptrs[k] -= pos[0] * strides_[k][0];
    pos[0] = 0;
    for (int d = 1; d < ndim_; ++d) {
      for (int k = 0; k < nops_; ++k) ptrs[k] += strides_[k][d];
      if (++pos[d] < sizes_[d]) break;
      for (int k = 0; k < nops_; ++k) ptrs[k] -= pos[d] * strides_[k][d];
      pos[d] = 0;
    }
  }
}

}  // namespace wick::iter
