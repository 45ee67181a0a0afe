// Recurrent cells shared by the sequence ops over padded (rnn.cpp) and packed
// (rnn_packed.cpp) sequences and the single-step cell ops (rnn_cell.cpp). Everything runs in
// a compute dtype (float32 for float32/bfloat16/float16 tensors, float64 for float64) on
// contiguous buffers; gates are GEMMs plus fused elementwise updates.
#pragma once

#include <optional>
#include <string_view>

#include "wick/core/tensor.h"

namespace wick::rnn {

enum class CellKind { Lstm, Gru, Tanh, Relu };

// Number of gate blocks in the weights: 4 (LSTM), 3 (GRU), 1 (plain RNN).
int64_t gateCount(CellKind k);

// One direction of one layer: W_ih [G*H, I], W_hh [G*H, P], biases [G*H], and for LSTMs
// with projections W_hr [P, H] (P = H without projections). All in the compute dtype,
// contiguous.
struct Weights {
  Tensor w_ih, w_hh;
  std::optional<Tensor> b_ih, b_hh, w_hr;
  int64_t hidden = 0;  // H
  int64_t output = 0;  // P: the size of h
};

// Runs a cell over a whole sequence. x: [T, B, I] contiguous; h0: [B, P]; c0: [B, H] (LSTM).
// Writes h_t into out[t] (a [T, B, P] strided view, e.g. one half of a bidirectional
// output), the last hidden state into h_last and, for LSTMs, the last cell state into c_last.
void runSequence(CellKind kind, const Weights& w, const Tensor& x, const Tensor& h0,
                 const std::optional<Tensor>& c0, bool reverse, const Tensor& out,
                 const Tensor& h_last, const std::optional<Tensor>& c_last);

// One step: returns h' (and c' for LSTMs in `c_next`). x: [B, I], h: [B, P], c: [B, H].
Tensor step(CellKind kind, const Weights& w, const Tensor& x, const Tensor& h,
            const std::optional<Tensor>& c, Tensor* c_next);

// The dtype the recurrent math runs in for tensors of dtype `t`.
DType computeDType(DType t);

// A step whose input projection gx [B, G*H] (x @ W_ih^T + b_ih) is already computed; h and c
// are contiguous [B, P] and [B, H]. Returns h' (and c' in `c_next` for LSTMs).
Tensor stepFromProjection(CellKind kind, const Weights& w, const Tensor& gx, const Tensor& h,
                          const std::optional<Tensor>& c, Tensor* c_next);
// out [M, N] (contiguous) = a [M, K] @ w^T (w [N, K] contiguous) + bias (or 0).
void projectInto(const Tensor& out, const Tensor& a, const Tensor& w,
                 const std::optional<Tensor>& bias);

// ---- the flat parameter list of the multi-layer sequence ops (rnn.cpp) ----

// How PyTorch's flat list (per layer and direction: w_ih, w_hh, [b_ih, b_hh], [w_hr]) splits.
struct ParamLayout {
  int64_t dirs = 1;       // 2 when bidirectional
  int64_t total = 1;      // layers * dirs: the number of hidden states
  size_t per = 2;         // tensors per layer and direction
  bool has_proj = false;  // LSTM projections (w_hr)
};
// Checks the list's length and dtypes (those of the input, `dtype`); raises naming op.
ParamLayout paramLayout(CellKind kind, TensorList params, bool has_biases, int64_t num_layers,
                        bool bidirectional, DType dtype, std::string_view op);
// The weights of hidden state `index` (layer * dirs + direction), in the compute dtype;
// raises naming op unless weights are 2-D and biases 1-D.
Weights layerWeights(TensorList params, const ParamLayout& layout, int64_t index, bool has_biases,
                     CellKind kind, DType cd, std::string_view op);
// Raises unless w takes inputs of size `in` and has consistent gate blocks.
void checkWeights(const Weights& w, int64_t in, CellKind kind, std::string_view op, int64_t layer);
// Raises unless h is [states, batch, size]; `what` is "hidden" or "cell".
void checkHidden(const Tensor& h, int64_t states, int64_t batch, int64_t size, const char* what,
                 std::string_view op);
// Zeroes each element with probability p and scales the rest by 1 / (1 - p), in place
// (draws from the default generator).
void dropoutInPlace(const Tensor& t, double p, std::string_view op);

}  // namespace wick::rnn
