// Recurrent layers (torch.nn.modules.rnn): RNN (tanh or relu), LSTM (optionally with
// projections) and GRU, multi-layer, bidirectional, batch_first, with dropout between layers
// in training. Parameters are named as PyTorch names them (weight_ih_l0, bias_hh_l1_reverse,
// weight_hr_l0, ...), all drawn from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)).
//
// forward takes the input ((L, N, H_in), (N, L, H_in) with batch_first, or unbatched
// (L, H_in)) and an optional initial state (zeros when absent) and returns (output, state).
#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

// The options every recurrent layer has.
#define WICK_RNN_OPTIONS(Name)                                           \
  Name(int64_t input_size, int64_t hidden_size)                          \
      : input_size_(input_size), hidden_size_(hidden_size) {}            \
  WICK_ARG(int64_t, input_size);                                         \
  WICK_ARG(int64_t, hidden_size);                                        \
  WICK_ARG(int64_t, num_layers) = 1;                                     \
  WICK_ARG(bool, bias) = true;                                           \
  WICK_ARG(bool, batch_first) = false;                                   \
  /* Dropout on the outputs of every layer but the last, in training. */ \
  WICK_ARG(double, dropout) = 0.0;                                       \
  WICK_ARG(bool, bidirectional) = false

struct RNNOptions {
  WICK_RNN_OPTIONS(RNNOptions);
  // "tanh" or "relu".
  WICK_ARG(std::string, nonlinearity) = "tanh";
};
struct LSTMOptions {
  WICK_RNN_OPTIONS(LSTMOptions);
  // Size of the projected hidden state (0: no projection).
  WICK_ARG(int64_t, proj_size) = 0;
};
struct GRUOptions {
  WICK_RNN_OPTIONS(GRUOptions);
};
#undef WICK_RNN_OPTIONS

// Parameters, checks and printing shared by RNN, LSTM and GRU (PyTorch's RNNBase).
class RNNImplBase : public Module {
 public:
  void reset_parameters();
  std::string extra_repr() const override;
  // The parameters in the order the recurrent ops take them (PyTorch's _flat_weights).
  std::vector<Tensor> flat_weights() const;
  // Parameter names per layer and direction (PyTorch's _all_weights).
  const std::vector<std::vector<std::string>>& all_weight_names() const { return names_; }

 protected:
  struct Spec {
    std::string mode;  // "RNN_TANH", "RNN_RELU", "LSTM" or "GRU"
    int64_t input_size, hidden_size, num_layers;
    bool bias, batch_first;
    double dropout;
    bool bidirectional;
    int64_t proj_size;
  };
  template <class Options>
  static Spec specOf(std::string mode, const Options& o, int64_t proj_size) {
    return {std::move(mode), o.input_size(), o.hidden_size(),   o.num_layers(), o.bias(),
            o.batch_first(), o.dropout(),    o.bidirectional(), proj_size};
  }
  RNNImplBase(std::string class_name, Spec spec);
  int64_t num_directions() const { return spec_.bidirectional ? 2 : 1; }
  // Shapes an unbatched input and state as batched ones (checking the state's rank);
  // returns whether the input was batched.
  bool batchify(Tensor& input, std::optional<Tensor>& hx) const;
  void check_input(const Tensor& input) const;
  // (num_layers * num_directions, batch, size), the expected state shape.
  std::vector<int64_t> expected_hidden_size(const Tensor& input, int64_t size) const;
  void check_hidden_size(const Tensor& hx, const std::vector<int64_t>& expected,
                         const char* what) const;
  // The batch size, read from the input as a traced size (PyTorch's max_batch_size).
  SymInt max_batch_size(const Tensor& input) const;
  // Zeros for a missing initial state (aten::zeros with the input's dtype).
  Tensor zero_state(const Tensor& input, const SymInt& batch, int64_t size) const;
  // The single-state forward of RNN and GRU.
  std::tuple<Tensor, Tensor> forward_single(const Tensor& input, const std::optional<Tensor>& hx);

  Spec spec_;

 private:
  std::vector<std::vector<std::string>> names_;
};

class RNNImpl : public RNNImplBase {
 public:
  RNNImpl(int64_t input_size, int64_t hidden_size) : RNNImpl(RNNOptions(input_size, hidden_size)) {}
  explicit RNNImpl(const RNNOptions& options);
  std::tuple<Tensor, Tensor> forward(const Tensor& input,
                                     const std::optional<Tensor>& hx = std::nullopt);
  RNNOptions options;
};
WICK_MODULE(RNN);

class LSTMImpl : public RNNImplBase {
 public:
  LSTMImpl(int64_t input_size, int64_t hidden_size)
      : LSTMImpl(LSTMOptions(input_size, hidden_size)) {}
  explicit LSTMImpl(const LSTMOptions& options);
  // Returns (output, (h_n, c_n)).
  std::tuple<Tensor, std::tuple<Tensor, Tensor>> forward(
      const Tensor& input, const std::optional<std::tuple<Tensor, Tensor>>& hx = std::nullopt);
  LSTMOptions options;
};
WICK_MODULE(LSTM);

class GRUImpl : public RNNImplBase {
 public:
  GRUImpl(int64_t input_size, int64_t hidden_size) : GRUImpl(GRUOptions(input_size, hidden_size)) {}
  explicit GRUImpl(const GRUOptions& options);
  std::tuple<Tensor, Tensor> forward(const Tensor& input,
                                     const std::optional<Tensor>& hx = std::nullopt);
  GRUOptions options;
};
WICK_MODULE(GRU);

}  // namespace wick::nn
