// Recurrent cells shared by the sequence ops (rnn.cpp) and the single-step cell ops
// (rnn_cell.cpp). Everything runs in a compute dtype (float32 for float32/bfloat16/float16
// tensors, float64 for float64) on contiguous buffers; gates are GEMMs plus fused
// elementwise updates.
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

}  // namespace wick::rnn
