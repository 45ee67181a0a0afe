// Multi-layer, optionally bidirectional recurrent ops over padded sequences: lstm.input,
// gru.input, rnn_tanh.input, rnn_relu.input. Parameters come as PyTorch's flat list
// (per layer and direction: w_ih, w_hh, [b_ih, b_hh], [w_hr]); dropout between layers in
// training mode draws from the default generator.
#include <algorithm>
#include <mutex>
#include <string>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/kernels/rnn_util.h"
#include "wick/core/generator.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace rnn {

using dense::shapeOf;
using dense::sizeAt;

void dropoutInPlace(const Tensor& t, double p, std::string_view op) {
  WICK_CHECK(p >= 0 && p <= 1, op, ": dropout probability has to be between 0 and 1, but got ", p);
  int64_t n = t.impl()->numel();
  GeneratorImpl* gen = defaultGenerator().impl();
  std::lock_guard<std::mutex> lock(gen->mutex());
  dense::visitFloatDouble(t.dtype(), "dropout", [&](auto tag) {
    using C = typename decltype(tag)::type;
    C* d = static_cast<C*>(t.data_ptr());
    C scale = p < 1 ? C(1.0 / (1.0 - p)) : C(0);
    for (int64_t i = 0; i < n; ++i) {
      bool keep = gen->uniformDouble() >= p;
      d[i] = keep ? d[i] * scale : C(0);
    }
  });
}

ParamLayout paramLayout(CellKind kind, TensorList params, bool has_biases, int64_t num_layers,
                        bool bidirectional, DType dtype, std::string_view op) {
  ParamLayout l;
  l.dirs = bidirectional ? 2 : 1;
  l.total = num_layers * l.dirs;
  size_t base = has_biases ? 4 : 2, total = static_cast<size_t>(std::max<int64_t>(l.total, 0));
  l.has_proj = kind == CellKind::Lstm && params.size() == total * (base + 1);
  l.per = base + (l.has_proj ? 1 : 0);
  WICK_CHECK(num_layers >= 1 && params.size() == total * l.per, op,
             ": got an incorrect number of RNN parameters");
  for (const Tensor& p : params) {
    WICK_CHECK(p.dtype() == dtype, op, ": expected all parameters to have dtype ", dtype,
               " like the input, but got ", p.dtype());
  }
  return l;
}

Weights layerWeights(TensorList params, const ParamLayout& layout, int64_t index, bool has_biases,
                     CellKind kind, DType cd, std::string_view op) {
  size_t first = static_cast<size_t>(index) * layout.per;
  for (size_t k = 0; k < layout.per; ++k) {
    const Tensor& p = params[first + k];
    bool bias = has_biases && (k == 2 || k == 3);
    WICK_CHECK(p.dim() == (bias ? 1 : 2), op, ": expected RNN parameter ", first + k, " to be ",
               bias ? "a 1-D bias" : "a 2-D weight", ", got shape ", shapeOf(p));
  }
  Weights w;
  size_t i = first;
  w.w_ih = dense::contiguousAs(params[i++], cd);
  w.w_hh = dense::contiguousAs(params[i++], cd);
  if (has_biases) {
    w.b_ih = dense::contiguousAs(params[i++], cd);
    w.b_hh = dense::contiguousAs(params[i++], cd);
  }
  if (layout.has_proj) w.w_hr = dense::contiguousAs(params[i++], cd);
  w.hidden = sizeAt(w.w_ih, 0) / gateCount(kind);
  w.output = layout.has_proj ? sizeAt(*w.w_hr, 0) : w.hidden;
  return w;
}

void checkHidden(const Tensor& h, int64_t states, int64_t batch, int64_t size, const char* what,
                 std::string_view op) {
  WICK_CHECK(h.dim() == 3 && sizeAt(h, 0) >= states, op,
             ": Expected more hidden states in stacked_rnn (", what, " has shape ", shapeOf(h),
             ", need ", states, " states)");
  WICK_CHECK(sizeAt(h, 0) == states && sizeAt(h, 1) == batch && sizeAt(h, 2) == size, op,
             ": Expected ", what, " size (", states, ", ", batch, ", ", size, "), got ",
             shapeOf(h));
}

void checkWeights(const Weights& w, int64_t in, CellKind kind, std::string_view op, int64_t layer) {
  int64_t gates = gateCount(kind);
  WICK_CHECK(sizeAt(w.w_ih, 1) == in, op, ": input has inconsistent input_size: got ", in,
             " expected ", sizeAt(w.w_ih, 1), " (layer ", layer, ")");
  WICK_CHECK(sizeAt(w.w_ih, 0) == gates * w.hidden && sizeAt(w.w_hh, 0) == gates * w.hidden &&
                 sizeAt(w.w_hh, 1) == w.output,
             op, ": weight_hh of layer ", layer, " has shape ", shapeOf(w.w_hh), ", expected [",
             gates * w.hidden, ", ", w.output, "]");
}

}  // namespace rnn

namespace {

using dense::shapeOf;
using dense::sizeAt;

struct RnnArgs {
  rnn::CellKind kind;
  bool has_biases;
  int64_t num_layers;
  double dropout;
  bool train, bidirectional, batch_first;
  std::string op;
};

Tensor3 runRnn(const Tensor& input, const Tensor& h0_in, const std::optional<Tensor>& c0_in,
               TensorList params, const RnnArgs& a) {
  const std::string& op = a.op;
  WICK_CHECK(input.dim() == 3, op, ": expected a 3-D input (seq_len, batch, input_size), got ",
             shapeOf(input));
  Tensor seq = a.batch_first ? dense::transposed(input, 0, 1) : input;
  int64_t t_n = sizeAt(seq, 0), b_n = sizeAt(seq, 1);
  WICK_CHECK(t_n > 0, op, ": Expected sequence length to be larger than 0 in RNN");
  rnn::ParamLayout layout = rnn::paramLayout(a.kind, params, a.has_biases, a.num_layers,
                                             a.bidirectional, input.dtype(), op);
  int64_t dirs = layout.dirs, total = layout.total;
  DType cd = rnn::computeDType(input.dtype());
  Tensor layer_in = dense::contiguousAs(seq, cd);
  Tensor hy, cy;
  for (int64_t l = 0; l < a.num_layers; ++l) {
    Tensor out;
    for (int64_t d = 0; d < dirs; ++d) {
      int64_t idx = l * dirs + d;
      rnn::Weights w = rnn::layerWeights(params, layout, idx, a.has_biases, a.kind, cd, op);
      rnn::checkWeights(w, sizeAt(layer_in, 2), a.kind, op, l);
      if (l == 0 && d == 0) {
        rnn::checkHidden(h0_in, total, b_n, w.output, "hidden", op);
        if (c0_in) rnn::checkHidden(*c0_in, total, b_n, w.hidden, "cell", op);
        hy = emptyTensor({total, b_n, w.output}, cd);
        if (c0_in) cy = emptyTensor({total, b_n, w.hidden}, cd);
      }
      if (!out.defined()) out = emptyTensor({t_n, b_n, dirs * w.output}, cd);
      Tensor h0 = dense::contiguousAs(dense::selected(h0_in, 0, idx), cd);
      std::optional<Tensor> c0, c_last;
      if (c0_in) {
        c0 = dense::contiguousAs(dense::selected(*c0_in, 0, idx), cd);
        c_last = dense::selected(cy, 0, idx);
      }
      Tensor out_d = dense::narrowed(out, 2, d * w.output, w.output);
      rnn::runSequence(a.kind, w, layer_in, h0, c0, d == 1, out_d, dense::selected(hy, 0, idx),
                       c_last);
    }
    if (a.train && a.dropout > 0 && l + 1 < a.num_layers) rnn::dropoutInPlace(out, a.dropout, op);
    layer_in = out;
  }
  DType dt = input.dtype();
  Tensor output = dense::contiguousAs(layer_in, dt);
  if (a.batch_first) output = dense::transposed(output, 0, 1);
  return {output, dense::contiguousAs(hy, dt), c0_in ? dense::contiguousAs(cy, dt) : Tensor()};
}

RnnArgs args(rnn::CellKind kind, bool has_biases, int64_t num_layers, double dropout, bool train,
             bool bidirectional, bool batch_first, const char* op) {
  return RnnArgs{kind, has_biases, num_layers, dropout, train, bidirectional, batch_first, op};
}

}  // namespace

namespace kernels {

Tensor3 lstm_input(const Tensor& input, TensorList hx, TensorList params, bool has_biases,
                   int64_t num_layers, double dropout, bool train, bool bidirectional,
                   bool batch_first) {
  WICK_CHECK(hx.size() == 2, "aten::lstm: lstm expects two hidden states (h0, c0), got ",
             hx.size());
  return runRnn(input, hx[0], hx[1], params,
                args(rnn::CellKind::Lstm, has_biases, num_layers, dropout, train, bidirectional,
                     batch_first, "aten::lstm"));
}

Tensor2 gru_input(const Tensor& input, const Tensor& hx, TensorList params, bool has_biases,
                  int64_t num_layers, double dropout, bool train, bool bidirectional,
                  bool batch_first) {
  auto [out, hy, cy] = runRnn(input, hx, std::nullopt, params,
                              args(rnn::CellKind::Gru, has_biases, num_layers, dropout, train,
                                   bidirectional, batch_first, "aten::gru"));
  return {out, hy};
}

Tensor2 rnn_tanh_input(const Tensor& input, const Tensor& hx, TensorList params, bool has_biases,
                       int64_t num_layers, double dropout, bool train, bool bidirectional,
                       bool batch_first) {
  auto [out, hy, cy] = runRnn(input, hx, std::nullopt, params,
                              args(rnn::CellKind::Tanh, has_biases, num_layers, dropout, train,
                                   bidirectional, batch_first, "aten::rnn_tanh"));
  return {out, hy};
}

Tensor2 rnn_relu_input(const Tensor& input, const Tensor& hx, TensorList params, bool has_biases,
                       int64_t num_layers, double dropout, bool train, bool bidirectional,
                       bool batch_first) {
  auto [out, hy, cy] = runRnn(input, hx, std::nullopt, params,
                              args(rnn::CellKind::Relu, has_biases, num_layers, dropout, train,
                                   bidirectional, batch_first, "aten::rnn_relu"));
  return {out, hy};
}

}  // namespace kernels

}  // namespace wick
