// The recurrent ops over a PackedSequence: lstm.data, gru.data, rnn_tanh.data, rnn_relu.data.
// `data` holds the time steps one after the other (time-major), step t being the first
// batch_sizes[t] sequences of the batch: sequences are sorted by decreasing length (what
// pack_padded_sequence produces, permuting unsorted batches through sorted_indices, which
// the caller applies), so batch_sizes never increases. Forward directions run with a
// shrinking active batch and record each sequence's final state when it ends; reverse
// directions start from the shortest step and take in each sequence's initial state when it
// becomes active. The cell math is rnn_cell.cpp's, the parameter handling rnn.cpp's.
#include <optional>
#include <string>
#include <vector>

#include "ops/dnnl/dense_util.h"
#include "ops/kernels/rnn_util.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace {

using dense::narrowed;
using dense::shapeOf;
using dense::sizeAt;

struct PackedArgs {
  rnn::CellKind kind;
  bool has_biases;
  int64_t num_layers;
  double dropout;
  bool train, bidirectional;
  const char* op;
};

// The step sizes of a packed batch, checked against the data's rows.
std::vector<int64_t> readBatchSizes(const Tensor& data, const Tensor& batch_sizes,
                                    std::string_view op) {
  WICK_CHECK(data.dim() == 2, op,
             ": expected packed data of shape (sum of batch_sizes, input_size), got ",
             shapeOf(data));
  WICK_CHECK(batch_sizes.dim() == 1 && batch_sizes.dtype() == kLong, op,
             ": expected batch_sizes to be a 1-D int64 tensor, got ", batch_sizes.dtype(),
             " of shape ", shapeOf(batch_sizes));
  int64_t steps = sizeAt(batch_sizes, 0);
  WICK_CHECK(steps > 0, op, ": batch_sizes is empty (a PackedSequence has at least one step)");
  Tensor bs = dense::contiguous(batch_sizes);
  const int64_t* p = static_cast<const int64_t*>(bs.data_ptr());
  std::vector<int64_t> sizes(p, p + steps);
  int64_t rows = 0;
  for (int64_t t = 0; t < steps; ++t) {
    WICK_CHECK(sizes[t] >= 0 && (t == 0 || sizes[t] <= sizes[t - 1]), op,
               ": batch_sizes must be non-negative and non-increasing (sequences sorted by "
               "decreasing length), got ",
               IntArrayRef(sizes));
    rows += sizes[t];
  }
  WICK_CHECK(rows == sizeAt(data, 0), op, ": batch_sizes ", IntArrayRef(sizes), " add up to ", rows,
             " rows, but data has ", sizeAt(data, 0), " rows (shape ", shapeOf(data), ")");
  return sizes;
}

// Stacks the rows of a [n, k] and b [m, k] into a new contiguous [n + m, k] tensor.
Tensor stackRows(const Tensor& a, const Tensor& b) {
  int64_t n = sizeAt(a, 0), m = sizeAt(b, 0);
  Tensor out = emptyTensor({n + m, sizeAt(a, 1)}, a.dtype());
  dense::copyInto(narrowed(out, 0, 0, n), a);
  dense::copyInto(narrowed(out, 0, n, m), b);
  return out;
}

// The running state of one direction: h [active, P] and, for LSTMs, c [active, H].
struct State {
  Tensor h;
  std::optional<Tensor> c;
};

void advance(rnn::CellKind kind, const rnn::Weights& w, const Tensor& gx, State& s) {
  Tensor c_next;
  s.h = rnn::stepFromProjection(kind, w, gx, s.h, s.c, &c_next);
  if (s.c) s.c = c_next;
}

// One direction of one layer over packed x [N, I] (contiguous, compute dtype). h0 [B, P] and
// c0 [B, H] are the initial states of the B = bs[0] sequences; step outputs go to the rows of
// out [N, P] (a strided view), final states to h_last [B, P] and c_last [B, H].
void runPacked(rnn::CellKind kind, const rnn::Weights& w, const Tensor& x,
               const std::vector<int64_t>& bs, const State& init, bool reverse, const Tensor& out,
               const Tensor& h_last, const std::optional<Tensor>& c_last) {
  int64_t steps = static_cast<int64_t>(bs.size());
  Tensor gx_all = emptyTensor({sizeAt(x, 0), rnn::gateCount(kind) * w.hidden}, x.dtype());
  rnn::projectInto(gx_all, x, w.w_ih, w.b_ih);
  std::vector<int64_t> offsets(bs.size() + 1, 0);
  for (int64_t t = 0; t < steps; ++t) offsets[t + 1] = offsets[t] + bs[t];
  auto rows = [](const Tensor& t, int64_t from, int64_t to) {
    return narrowed(t, 0, from, to - from);
  };
  State s;
  int64_t active = reverse ? bs.back() : bs.front();
  s.h = dense::cloneContiguous(rows(init.h, 0, active));
  if (init.c) s.c = dense::cloneContiguous(rows(*init.c, 0, active));
  for (int64_t k = 0; k < steps; ++k) {
    int64_t t = reverse ? steps - 1 - k : k, b = bs[t];
    if (b < active) {
      // Sequences b..active ended at the previous step: their states are final.
      dense::copyInto(rows(h_last, b, active), rows(s.h, b, active));
      if (c_last) dense::copyInto(rows(*c_last, b, active), rows(*s.c, b, active));
      s.h = rows(s.h, 0, b);
      if (s.c) s.c = rows(*s.c, 0, b);
    } else if (b > active) {
      // Reverse direction: sequences active..b start here, from their initial states.
      s.h = stackRows(s.h, rows(init.h, active, b));
      if (s.c) s.c = stackRows(*s.c, rows(*init.c, active, b));
    }
    active = b;
    if (b == 0) continue;
    advance(kind, w, rows(gx_all, offsets[t], offsets[t] + b), s);
    dense::copyInto(rows(out, offsets[t], offsets[t] + b), s.h);
  }
  dense::copyInto(rows(h_last, 0, active), s.h);
  if (c_last) dense::copyInto(rows(*c_last, 0, active), *s.c);
}

Tensor3 runPackedRnn(const Tensor& data, const Tensor& batch_sizes, const Tensor& h0_in,
                     const std::optional<Tensor>& c0_in, TensorList params, const PackedArgs& a) {
  std::string_view op = a.op;
  std::vector<int64_t> bs = readBatchSizes(data, batch_sizes, op);
  rnn::ParamLayout layout = rnn::paramLayout(a.kind, params, a.has_biases, a.num_layers,
                                             a.bidirectional, data.dtype(), op);
  int64_t b_n = bs.front(), n = sizeAt(data, 0);
  DType dt = data.dtype(), cd = rnn::computeDType(dt);
  Tensor layer_in = dense::contiguousAs(data, cd);
  Tensor hy, cy;
  for (int64_t l = 0; l < a.num_layers; ++l) {
    Tensor out;
    for (int64_t d = 0; d < layout.dirs; ++d) {
      int64_t idx = l * layout.dirs + d;
      rnn::Weights w = rnn::layerWeights(params, layout, idx, a.has_biases, a.kind, cd, op);
      rnn::checkWeights(w, sizeAt(layer_in, 1), a.kind, op, l);
      if (idx == 0) {
        rnn::checkHidden(h0_in, layout.total, b_n, w.output, "hidden", op);
        if (c0_in) rnn::checkHidden(*c0_in, layout.total, b_n, w.hidden, "cell", op);
        hy = emptyTensor({layout.total, b_n, w.output}, cd);
        if (c0_in) cy = emptyTensor({layout.total, b_n, w.hidden}, cd);
      }
      if (!out.defined()) out = emptyTensor({n, layout.dirs * w.output}, cd);
      State init{dense::contiguousAs(dense::selected(h0_in, 0, idx), cd), std::nullopt};
      std::optional<Tensor> c_last;
      if (c0_in) {
        init.c = dense::contiguousAs(dense::selected(*c0_in, 0, idx), cd);
        c_last = dense::selected(cy, 0, idx);
      }
      runPacked(a.kind, w, layer_in, bs, init, d == 1, narrowed(out, 1, d * w.output, w.output),
                dense::selected(hy, 0, idx), c_last);
    }
    if (a.train && a.dropout > 0 && l + 1 < a.num_layers) rnn::dropoutInPlace(out, a.dropout, op);
    layer_in = out;
  }
  return {dense::contiguousAs(layer_in, dt), dense::contiguousAs(hy, dt),
          c0_in ? dense::contiguousAs(cy, dt) : Tensor()};
}

void checkStateDType(const Tensor& h, const Tensor& data, const char* what, std::string_view op) {
  WICK_CHECK(h.dtype() == data.dtype(), op, ": expected the ", what, " state to have dtype ",
             data.dtype(), " like the data, but got ", h.dtype());
}

Tensor2 singleStateRnn(rnn::CellKind kind, const char* op, const Tensor& data,
                       const Tensor& batch_sizes, const Tensor& hx, TensorList params,
                       bool has_biases, int64_t num_layers, double dropout, bool train,
                       bool bidirectional) {
  checkStateDType(hx, data, "hidden", op);
  auto [out, hy, cy] =
      runPackedRnn(data, batch_sizes, hx, std::nullopt, params,
                   PackedArgs{kind, has_biases, num_layers, dropout, train, bidirectional, op});
  return {out, hy};
}

}  // namespace

namespace kernels {

Tensor3 lstm_data(const Tensor& data, const Tensor& batch_sizes, TensorList hx, TensorList params,
                  bool has_biases, int64_t num_layers, double dropout, bool train,
                  bool bidirectional) {
  constexpr const char* op = "aten::lstm";
  WICK_CHECK(hx.size() == 2, op, ": lstm expects two hidden states (h0, c0), got ", hx.size());
  checkStateDType(hx[0], data, "hidden", op);
  checkStateDType(hx[1], data, "cell", op);
  return runPackedRnn(
      data, batch_sizes, hx[0], hx[1], params,
      PackedArgs{rnn::CellKind::Lstm, has_biases, num_layers, dropout, train, bidirectional, op});
}

Tensor2 gru_data(const Tensor& data, const Tensor& batch_sizes, const Tensor& hx, TensorList params,
                 bool has_biases, int64_t num_layers, double dropout, bool train,
                 bool bidirectional) {
  return singleStateRnn(rnn::CellKind::Gru, "aten::gru", data, batch_sizes, hx, params, has_biases,
                        num_layers, dropout, train, bidirectional);
}

Tensor2 rnn_tanh_data(const Tensor& data, const Tensor& batch_sizes, const Tensor& hx,
                      TensorList params, bool has_biases, int64_t num_layers, double dropout,
                      bool train, bool bidirectional) {
  return singleStateRnn(rnn::CellKind::Tanh, "aten::rnn_tanh", data, batch_sizes, hx, params,
                        has_biases, num_layers, dropout, train, bidirectional);
}

Tensor2 rnn_relu_data(const Tensor& data, const Tensor& batch_sizes, const Tensor& hx,
                      TensorList params, bool has_biases, int64_t num_layers, double dropout,
                      bool train, bool bidirectional) {
  return singleStateRnn(rnn::CellKind::Relu, "aten::rnn_relu", data, batch_sizes, hx, params,
                        has_biases, num_layers, dropout, train, bidirectional);
}

}  // namespace kernels

}  // namespace wick
