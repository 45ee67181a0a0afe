// The recurrent cells (LSTM with optional projection, GRU, tanh and ReLU RNN): the shared
// sequence loop, and the single-step ops lstm_cell, gru_cell, rnn_tanh_cell, rnn_relu_cell.
#include <cmath>
#include <string>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/dnnl/gemm.h"
#include "ops/kernels/rnn_util.h"
#include "ops/parallel.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace rnn {

using dense::sizeAt;

void projectInto(const Tensor& out, const Tensor& a, const Tensor& w,
                 const std::optional<Tensor>& bias) {
  int64_t m = sizeAt(a, 0), k = sizeAt(a, 1), n = sizeAt(w, 0);
  if (bias) dense::copyInto(out, dense::expanded(*bias, {m, n}));
  dense::gemm(out.dtype(), m, n, k, 1, dense::matOf(a), dense::MatRef{w.data_ptr(), 1, k},
              bias ? 1 : 0, out.data_ptr(), std::max<int64_t>(n, 1));
}

namespace {

template <class C>
inline C sigmoid(C x) {
  return C(1) / (C(1) + std::exp(-x));
}

// The elementwise part of a step. gx: input projection (with b_ih), gh: hidden projection
// (with b_hh), both [B, G*H]. Writes the raw new hidden state [B, H] and, for LSTMs, c.
template <class C>
void cellUpdate(CellKind kind, int64_t b_n, int64_t h_n, const C* gx, const C* gh, const C* h,
                const C* c, C* h_new, C* c_new) {
  int64_t g = gateCount(kind) * h_n;
  parallelFor(0, b_n, std::max<int64_t>(1, 4096 / std::max<int64_t>(g, 1)),
              [&](int64_t b0, int64_t b1) {
                for (int64_t b = b0; b < b1; ++b) {
                  const C* x = gx + b * g;
                  const C* y = gh + b * g;
                  C* hn = h_new + b * h_n;
                  for (int64_t j = 0; j < h_n; ++j) {
                    switch (kind) {
                      case CellKind::Lstm: {
                        C i = sigmoid(x[j] + y[j]), f = sigmoid(x[h_n + j] + y[h_n + j]);
                        C gg = std::tanh(x[2 * h_n + j] + y[2 * h_n + j]);
                        C o = sigmoid(x[3 * h_n + j] + y[3 * h_n + j]);
                        C cn = f * c[b * h_n + j] + i * gg;
                        c_new[b * h_n + j] = cn;
                        hn[j] = o * std::tanh(cn);
                        break;
                      }
                      case CellKind::Gru: {
                        C r = sigmoid(x[j] + y[j]), z = sigmoid(x[h_n + j] + y[h_n + j]);
                        C n = std::tanh(x[2 * h_n + j] + r * y[2 * h_n + j]);
                        hn[j] = (h[b * h_n + j] - n) * z + n;
                        break;
                      }
                      case CellKind::Tanh: hn[j] = std::tanh(x[j] + y[j]); break;
                      case CellKind::Relu: hn[j] = std::max(x[j] + y[j], C(0)); break;
                    }
                  }
                }
              });
}

}  // namespace

Tensor stepFromProjection(CellKind kind, const Weights& w, const Tensor& gx, const Tensor& h,
                          const std::optional<Tensor>& c, Tensor* c_next) {
  int64_t b_n = sizeAt(h, 0), h_n = w.hidden;
  DType dt = gx.dtype();
  Tensor gh = emptyTensor({b_n, gateCount(kind) * h_n}, dt);
  projectInto(gh, h, w.w_hh, w.b_hh);
  Tensor h_raw = emptyTensor({b_n, h_n}, dt);
  Tensor c_new = kind == CellKind::Lstm ? emptyTensor({b_n, h_n}, dt) : Tensor();
  dense::visitFloatDouble(dt, "rnn", [&](auto tag) {
    using C = typename decltype(tag)::type;
    cellUpdate<C>(kind, b_n, h_n, static_cast<const C*>(gx.data_ptr()),
                  static_cast<const C*>(gh.data_ptr()), static_cast<const C*>(h.data_ptr()),
                  c ? static_cast<const C*>(c->data_ptr()) : nullptr,
                  static_cast<C*>(h_raw.data_ptr()),
                  c_new.defined() ? static_cast<C*>(c_new.data_ptr()) : nullptr);
  });
  if (c_next) *c_next = c_new;
  if (!w.w_hr) return h_raw;
  Tensor h_proj = emptyTensor({b_n, w.output}, dt);
  projectInto(h_proj, h_raw, *w.w_hr, std::nullopt);
  return h_proj;
}

int64_t gateCount(CellKind k) {
  switch (k) {
    case CellKind::Lstm: return 4;
    case CellKind::Gru: return 3;
    default: return 1;
  }
}

DType computeDType(DType t) { return t == kDouble ? kDouble : kFloat; }

Tensor step(CellKind kind, const Weights& w, const Tensor& x, const Tensor& h,
            const std::optional<Tensor>& c, Tensor* c_next) {
  Tensor gx = emptyTensor({sizeAt(x, 0), gateCount(kind) * w.hidden}, x.dtype());
  projectInto(gx, x, w.w_ih, w.b_ih);
  return stepFromProjection(kind, w, gx, h, c, c_next);
}

void runSequence(CellKind kind, const Weights& w, const Tensor& x, const Tensor& h0,
                 const std::optional<Tensor>& c0, bool reverse, const Tensor& out,
                 const Tensor& h_last, const std::optional<Tensor>& c_last) {
  int64_t t_n = sizeAt(x, 0), b_n = sizeAt(x, 1), i_n = sizeAt(x, 2);
  int64_t g = gateCount(kind) * w.hidden;
  // All input projections in one GEMM: [T*B, I] @ W_ih^T.
  Tensor gx_all = emptyTensor({t_n * b_n, g}, x.dtype());
  projectInto(gx_all, dense::viewAs(x, {t_n * b_n, i_n}), w.w_ih, w.b_ih);
  Tensor h = dense::cloneContiguous(h0);
  std::optional<Tensor> c;
  if (c0) c = dense::cloneContiguous(*c0);
  for (int64_t s = 0; s < t_n; ++s) {
    int64_t t = reverse ? t_n - 1 - s : s;
    Tensor gx = dense::narrowed(gx_all, 0, t * b_n, b_n);
    Tensor c_next;
    h = stepFromProjection(kind, w, gx, h, c, &c_next);
    if (kind == CellKind::Lstm) c = c_next;
    dense::copyInto(dense::selected(out, 0, t), h);
  }
  dense::copyInto(h_last, h);
  if (c_last) dense::copyInto(*c_last, *c);
}

}  // namespace rnn

namespace kernels {

namespace {

using dense::sizeAt;

std::optional<Tensor> defined(const std::optional<Tensor>& t) {
  return t && t->defined() ? t : std::nullopt;
}

Tensor cellCompute(rnn::CellKind kind, const Tensor& input, TensorList hx, const Tensor& w_ih,
                   const Tensor& w_hh, const std::optional<Tensor>& b_ih,
                   const std::optional<Tensor>& b_hh, Tensor* c_out, std::string_view op) {
  WICK_CHECK(input.dim() == 2, op, ": expected a 2-D input of shape (batch, input_size), got ",
             dense::shapeOf(input));
  int64_t gates = rnn::gateCount(kind);
  WICK_CHECK(w_ih.dim() == 2 && w_hh.dim() == 2 && sizeAt(w_ih, 0) % gates == 0, op,
             ": expected 2-D weights with ", gates, " gate blocks, got w_ih ", dense::shapeOf(w_ih),
             " and w_hh ", dense::shapeOf(w_hh));
  int64_t h_n = sizeAt(w_ih, 0) / gates;
  WICK_CHECK(sizeAt(input, 1) == sizeAt(w_ih, 1), op, ": input has inconsistent input_size: got ",
             sizeAt(input, 1), " expected ", sizeAt(w_ih, 1));
  for (size_t i = 0; i < hx.size(); ++i) {
    const Tensor& h = hx[i];
    WICK_CHECK(h.dim() == 2, op, ": expected hidden", i, " to be 2-D, got ", dense::shapeOf(h));
    WICK_CHECK(sizeAt(input, 0) == sizeAt(h, 0), op, ": Input batch size ", sizeAt(input, 0),
               " doesn't match hidden", i, " batch size ", sizeAt(h, 0));
    WICK_CHECK(sizeAt(h, 1) == h_n, op, ": hidden", i, " has inconsistent hidden_size: got ",
               sizeAt(h, 1), ", expected ", h_n);
  }
  WICK_CHECK(sizeAt(w_hh, 0) == gates * h_n && sizeAt(w_hh, 1) == h_n, op, ": w_hh has shape ",
             dense::shapeOf(w_hh), ", expected [", gates * h_n, ", ", h_n, "]");
  DType dt = input.dtype(), cd = rnn::computeDType(dt);
  for (const Tensor* t : {&w_ih, &w_hh}) dense::checkSameDType(input, *t, op);
  rnn::Weights w;
  w.w_ih = dense::contiguousAs(w_ih, cd);
  w.w_hh = dense::contiguousAs(w_hh, cd);
  if (b_ih) w.b_ih = dense::contiguousAs(*b_ih, cd);
  if (b_hh) w.b_hh = dense::contiguousAs(*b_hh, cd);
  w.hidden = w.output = h_n;
  std::optional<Tensor> c;
  if (hx.size() > 1) c = dense::contiguousAs(hx[1], cd);
  Tensor c_next;
  Tensor h = rnn::step(kind, w, dense::contiguousAs(input, cd), dense::contiguousAs(hx[0], cd), c,
                       &c_next);
  if (c_out) *c_out = dense::contiguousAs(c_next, dt);
  return dense::contiguousAs(h, dt);
}

}  // namespace

Tensor2 lstm_cell(const Tensor& input, TensorList hx, const Tensor& w_ih, const Tensor& w_hh,
                  const std::optional<Tensor>& b_ih, const std::optional<Tensor>& b_hh) {
  constexpr std::string_view op = "aten::lstm_cell";
  WICK_CHECK(hx.size() == 2, op, ": lstm_cell expects two hidden states");
  Tensor c;
  Tensor h =
      cellCompute(rnn::CellKind::Lstm, input, hx, w_ih, w_hh, defined(b_ih), defined(b_hh), &c, op);
  return {h, c};
}

Tensor gru_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                const std::optional<Tensor>& b_ih, const std::optional<Tensor>& b_hh) {
  return cellCompute(rnn::CellKind::Gru, input, TensorList(&hx, 1), w_ih, w_hh, defined(b_ih),
                     defined(b_hh), nullptr, "aten::gru_cell");
}

Tensor rnn_tanh_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                     const std::optional<Tensor>& b_ih, const std::optional<Tensor>& b_hh) {
  return cellCompute(rnn::CellKind::Tanh, input, TensorList(&hx, 1), w_ih, w_hh, defined(b_ih),
                     defined(b_hh), nullptr, "aten::rnn_tanh_cell");
}

Tensor rnn_relu_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                     const std::optional<Tensor>& b_ih, const std::optional<Tensor>& b_hh) {
  return cellCompute(rnn::CellKind::Relu, input, TensorList(&hx, 1), w_ih, w_hh, defined(b_ih),
                     defined(b_hh), nullptr, "aten::rnn_relu_cell");
}

}  // namespace kernels

}  // namespace wick
