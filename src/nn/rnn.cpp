// RNN, LSTM and GRU, following PyTorch 1.13's RNNBase and its subclasses.
#include "wick/nn/modules/rnn.h"

#include <cmath>
#include <sstream>

#include "nn/functional_util.h"
#include "nn/py_format.h"
#include "wick/core/warning.h"
#include "wick/nn/init.h"
#include "wick/ops/functions.h"

namespace wick::nn {

namespace {

int64_t gateSize(const std::string& mode, int64_t hidden) {
  if (mode == "LSTM") return 4 * hidden;
  if (mode == "GRU") return 3 * hidden;
  return hidden;
}

std::string pyTuple3(const std::vector<int64_t>& v) { return impl::pyTuple(v); }

}  // namespace

RNNImplBase::RNNImplBase(std::string class_name, Spec spec)
    : Module(std::move(class_name)), spec_(std::move(spec)) {
  set_torch_module_path("torch.nn.modules.rnn");
  const Spec& s = spec_;
  WICK_CHECK(s.dropout >= 0 && s.dropout <= 1,
             "dropout should be a number in range [0, 1] representing the probability of an "
             "element being zeroed");
  if (s.dropout > 0 && s.num_layers == 1) {
    warn(Warning::Kind::User,
         "dropout option adds dropout after all but last recurrent layer, so non-zero dropout "
         "expects num_layers greater than 1, but got dropout=" +
             impl::pyFloat(s.dropout) + " and num_layers=" + std::to_string(s.num_layers));
  }
  WICK_CHECK(s.proj_size >= 0,
             "proj_size should be a positive integer or zero to disable projections");
  WICK_CHECK(s.proj_size < s.hidden_size, "proj_size has to be smaller than hidden_size");
  WICK_CHECK(s.num_layers >= 1, name(), ": num_layers must be at least 1, got ", s.num_layers);
  int64_t gate = gateSize(s.mode, s.hidden_size);
  int64_t real_hidden = s.proj_size > 0 ? s.proj_size : s.hidden_size;
  for (int64_t layer = 0; layer < s.num_layers; ++layer) {
    for (int64_t dir = 0; dir < num_directions(); ++dir) {
      int64_t layer_input = layer == 0 ? s.input_size : real_hidden * num_directions();
      std::string suffix = std::to_string(layer) + (dir == 1 ? "_reverse" : "");
      std::vector<std::string> names{"weight_ih_l" + suffix, "weight_hh_l" + suffix};
      register_parameter(names[0], emptyTensor({gate, layer_input}, kFloat));
      register_parameter(names[1], emptyTensor({gate, real_hidden}, kFloat));
      if (s.bias) {
        names.push_back("bias_ih_l" + suffix);
        names.push_back("bias_hh_l" + suffix);
        register_parameter(names[2], emptyTensor({gate}, kFloat));
        register_parameter(names[3], emptyTensor({gate}, kFloat));
      }
      if (s.proj_size > 0) {
        names.push_back("weight_hr_l" + suffix);
        register_parameter(names.back(), emptyTensor({s.proj_size, s.hidden_size}, kFloat));
      }
      names_.push_back(std::move(names));
    }
  }
  reset_parameters();
}

void RNNImplBase::reset_parameters() {
  double h = static_cast<double>(spec_.hidden_size);
  double stdv = h > 0 ? 1.0 / std::sqrt(h) : 0.0;
  for (const Tensor& w : parameters()) init::uniform_(w, -stdv, stdv);
}

std::vector<Tensor> RNNImplBase::flat_weights() const {
  std::vector<Tensor> out;
  const auto& params = direct_parameters();
  for (const auto& layer : names_)
    for (const auto& n : layer) out.push_back(params[n]);
  return out;
}

std::string RNNImplBase::extra_repr() const {
  const Spec& s = spec_;
  std::ostringstream os;
  os << s.input_size << ", " << s.hidden_size;
  if (s.proj_size != 0) os << ", proj_size=" << s.proj_size;
  if (s.num_layers != 1) os << ", num_layers=" << s.num_layers;
  if (!s.bias) os << ", bias=False";
  if (s.batch_first) os << ", batch_first=True";
  if (s.dropout != 0) os << ", dropout=" << impl::pyFloat(s.dropout);
  if (s.bidirectional) os << ", bidirectional=True";
  return os.str();
}

bool RNNImplBase::batchify(Tensor& input, std::optional<Tensor>& hx) const {
  bool is_batched = input.dim() == 3;
  if (!is_batched) input = input.unsqueeze(spec_.batch_first ? 0 : 1);
  if (hx) {
    WICK_CHECK(hx->dim() == (is_batched ? 3 : 2), "For ",
               is_batched ? "batched 3-D" : "unbatched 2-D", " input, hx should also be ",
               is_batched ? 3 : 2, "-D but got ", hx->dim(), "-D tensor");
    if (!is_batched) hx = hx->unsqueeze(1);
  }
  return is_batched;
}

void RNNImplBase::check_input(const Tensor& input) const {
  WICK_CHECK(input.dim() == 3, "input must have 3 dimensions, got ", input.dim());
  int64_t last = input.sizes().raw().back();
  WICK_CHECK(last == spec_.input_size, "input.size(-1) must be equal to input_size. Expected ",
             spec_.input_size, ", got ", last);
}

std::vector<int64_t> RNNImplBase::expected_hidden_size(const Tensor& input, int64_t size) const {
  int64_t batch = input.sizes().raw()[spec_.batch_first ? 0 : 1];
  return {spec_.num_layers * num_directions(), batch, size};
}

void RNNImplBase::check_hidden_size(const Tensor& hx, const std::vector<int64_t>& expected,
                                    const char* what) const {
  WICK_CHECK(hx.sizes() == IntArrayRef(expected), "Expected ", what, " size ", pyTuple3(expected),
             ", got ", impl::sizesText(hx.sizes()));
}

SymInt RNNImplBase::max_batch_size(const Tensor& input) const {
  return input.size(spec_.batch_first ? 0 : 1);
}

Tensor RNNImplBase::zero_state(const Tensor& input, const SymInt& batch, int64_t size) const {
  return ops::zeros({spec_.num_layers * num_directions(), batch, size}, input.dtype(), std::nullopt,
                    kCPU, false);
}

std::tuple<Tensor, Tensor> RNNImplBase::forward_single(const Tensor& input_,
                                                       const std::optional<Tensor>& hx_) {
  Tensor input = input_;
  std::optional<Tensor> hx = impl::optionalTensor(hx_);
  bool is_batched = batchify(input, hx);
  Tensor h = hx ? *hx : zero_state(input, max_batch_size(input), spec_.hidden_size);
  check_input(input);
  check_hidden_size(h, expected_hidden_size(input, spec_.hidden_size), "hidden");
  auto op = spec_.mode == "GRU"        ? ops::gru_input
            : spec_.mode == "RNN_TANH" ? ops::rnn_tanh_input
                                       : ops::rnn_relu_input;
  auto [output, hidden] = op(input, h, flat_weights(), spec_.bias, spec_.num_layers, spec_.dropout,
                             is_training(), spec_.bidirectional, spec_.batch_first);
  if (!is_batched) {
    output = output.squeeze(spec_.batch_first ? 0 : 1);
    hidden = hidden.squeeze(1);
  }
  return std::make_tuple(output, hidden);
}

RNNImpl::RNNImpl(const RNNOptions& o)
    : RNNImplBase("RNN", specOf(o.nonlinearity() == "relu" ? "RNN_RELU" : "RNN_TANH", o, 0)),
      options(o) {
  WICK_CHECK(o.nonlinearity() == "tanh" || o.nonlinearity() == "relu", "Unknown nonlinearity '",
             o.nonlinearity(), "'");
}

std::tuple<Tensor, Tensor> RNNImpl::forward(const Tensor& input, const std::optional<Tensor>& hx) {
  return forward_single(input, hx);
}

GRUImpl::GRUImpl(const GRUOptions& o) : RNNImplBase("GRU", specOf("GRU", o, 0)), options(o) {}

std::tuple<Tensor, Tensor> GRUImpl::forward(const Tensor& input, const std::optional<Tensor>& hx) {
  return forward_single(input, hx);
}

LSTMImpl::LSTMImpl(const LSTMOptions& o)
    : RNNImplBase("LSTM", specOf("LSTM", o, o.proj_size())), options(o) {}

std::tuple<Tensor, std::tuple<Tensor, Tensor>> LSTMImpl::forward(
    const Tensor& input_, const std::optional<std::tuple<Tensor, Tensor>>& hx) {
  Tensor input = input_;
  std::optional<Tensor> no_state;
  bool is_batched = batchify(input, no_state);
  int64_t real_hidden = spec_.proj_size > 0 ? spec_.proj_size : spec_.hidden_size;
  Tensor h, c;
  if (hx) {
    std::tie(h, c) = *hx;
    int64_t want = is_batched ? 3 : 2;
    WICK_CHECK(h.dim() == want && c.dim() == want, "For ",
               is_batched ? "batched 3-D" : "unbatched 2-D", " input, hx and cx should also be ",
               want, "-D but got (", h.dim(), "-D, ", c.dim(), "-D) tensors");
    if (!is_batched) {
      h = h.unsqueeze(1);
      c = c.unsqueeze(1);
    }
  } else {
    SymInt batch = max_batch_size(input);
    h = zero_state(input, batch, real_hidden);
    c = zero_state(input, batch, spec_.hidden_size);
  }
  check_input(input);
  check_hidden_size(h, expected_hidden_size(input, real_hidden), "hidden[0]");
  check_hidden_size(c, expected_hidden_size(input, spec_.hidden_size), "hidden[1]");
  auto [output, h_n, c_n] = ops::lstm_input(input, std::vector<Tensor>{h, c}, flat_weights(),
                                            spec_.bias, spec_.num_layers, spec_.dropout,
                                            is_training(), spec_.bidirectional, spec_.batch_first);
  if (!is_batched) {
    output = output.squeeze(spec_.batch_first ? 0 : 1);
    h_n = h_n.squeeze(1);
    c_n = c_n.squeeze(1);
  }
  return std::make_tuple(output, std::make_tuple(h_n, c_n));
}

}  // namespace wick::nn
