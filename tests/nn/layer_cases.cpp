#include "layer_cases.h"

#include "test_models.h"

namespace wick::testing {

namespace {

// The module behind a holder, with its forward registered for generic calls.
template <class H>
std::shared_ptr<nn::Module> use(H holder) {
  nn::impl::ensureForward(*holder.ptr());
  return holder.ptr();
}

template <class H, class... A>
LayerBuilder make(A... args) {
  return [=] { return use(H(args...)); };
}

void activations(std::map<std::string, LayerBuilder>& m) {
  m["relu"] = make<nn::ReLU>();
  m["relu_inplace"] = make<nn::ReLU>(true);
  m["relu6"] = make<nn::ReLU6>();
  m["leaky_relu"] = make<nn::LeakyReLU>(nn::LeakyReLUOptions().negative_slope(0.2));
  m["elu"] = make<nn::ELU>(nn::ELUOptions().alpha(0.5));
  m["gelu"] = make<nn::GELU>();
  m["gelu_tanh"] = make<nn::GELU>("tanh");
  m["silu"] = make<nn::SiLU>();
  m["mish"] = make<nn::Mish>();
  m["sigmoid"] = make<nn::Sigmoid>();
  m["tanh"] = make<nn::Tanh>();
  m["softmax"] = make<nn::Softmax>(1);
  m["log_softmax"] = make<nn::LogSoftmax>(-1);
  m["hardswish"] = make<nn::Hardswish>();
  m["hardsigmoid"] = make<nn::Hardsigmoid>();
  m["hardtanh"] = make<nn::Hardtanh>(nn::HardtanhOptions().min_val(-2).max_val(2.5));
  m["softplus"] = make<nn::Softplus>(nn::SoftplusOptions().beta(2).threshold(10));
}

void linearConv(std::map<std::string, LayerBuilder>& m) {
  m["linear"] = make<nn::Linear>(10, 5);
  m["linear_nobias"] = make<nn::Linear>(nn::LinearOptions(10, 5).bias(false));
  m["bilinear"] = make<nn::Bilinear>(4, 3, 5);
  m["identity"] = make<nn::Identity>();
  m["flatten"] = make<nn::Flatten>();
  m["flatten_range"] = make<nn::Flatten>(0, 2);
  m["unflatten"] = make<nn::Unflatten>(1, std::vector<int64_t>{2, 3});
  m["conv1d"] = make<nn::Conv1d>(nn::Conv1dOptions(3, 4, 3).stride(2).padding(1));
  m["conv1d_unbatched"] = make<nn::Conv1d>(3, 4, 3);
  m["conv2d"] = make<nn::Conv2d>(nn::Conv2dOptions(3, 6, 3).stride(2).padding(1).groups(3));
  m["conv2d_same"] = make<nn::Conv2d>(
      nn::Conv2dOptions(3, 4, {3, 4}).padding("same").dilation({1, 2}).bias(false));
  m["conv2d_reflect"] =
      make<nn::Conv2d>(nn::Conv2dOptions(3, 4, 3).padding({1, 2}).padding_mode("reflect"));
  m["conv2d_replicate"] =
      make<nn::Conv2d>(nn::Conv2dOptions(3, 4, 3).padding(1).padding_mode("replicate"));
  m["conv2d_circular"] =
      make<nn::Conv2d>(nn::Conv2dOptions(3, 4, 3).padding(2).padding_mode("circular"));
  m["conv2d_same_reflect"] =
      make<nn::Conv2d>(nn::Conv2dOptions(2, 2, 4).padding("same").padding_mode("reflect"));
  m["conv_transpose2d"] = make<nn::ConvTranspose2d>(
      nn::ConvTranspose2dOptions(4, 3, 3).stride(2).padding(1).output_padding(1));
  m["conv_transpose2d_groups"] =
      make<nn::ConvTranspose2d>(nn::ConvTranspose2dOptions(4, 6, 3).groups(2).dilation(2));
  m["conv_transpose1d"] = make<nn::ConvTranspose1d>(nn::ConvTranspose1dOptions(3, 2, 4).stride(2));
}

void norms(std::map<std::string, LayerBuilder>& m) {
  m["batchnorm1d"] = make<nn::BatchNorm1d>(4);
  m["batchnorm1d_3d"] = make<nn::BatchNorm1d>(3);
  m["batchnorm2d"] = make<nn::BatchNorm2d>(nn::BatchNormOptions(3).eps(1e-3).momentum(0.3));
  m["batchnorm2d_cma"] = make<nn::BatchNorm2d>(nn::BatchNormOptions(3).momentum(std::nullopt));
  m["batchnorm2d_untracked"] =
      make<nn::BatchNorm2d>(nn::BatchNormOptions(3).affine(false).track_running_stats(false));
  m["layernorm"] = make<nn::LayerNorm>(8);
  m["layernorm_2d"] =
      make<nn::LayerNorm>(nn::LayerNormOptions({3, 8}).elementwise_affine(false).eps(1e-3));
  m["groupnorm"] = make<nn::GroupNorm>(2, 4);
  m["dropout"] = make<nn::Dropout>(0.3);
  m["dropout2d"] = make<nn::Dropout2d>(0.3);
  m["embedding"] = make<nn::Embedding>(nn::EmbeddingOptions(10, 4).padding_idx(0));
  m["embedding_negative_padding"] =
      make<nn::Embedding>(nn::EmbeddingOptions(10, 4).padding_idx(-2));
}

void pools(std::map<std::string, LayerBuilder>& m) {
  m["maxpool1d"] = make<nn::MaxPool1d>(nn::MaxPool1dOptions(3).stride(2).padding(1));
  m["maxpool2d"] = make<nn::MaxPool2d>(2);
  m["maxpool2d_ceil"] =
      make<nn::MaxPool2d>(nn::MaxPool2dOptions(3).stride(2).padding(1).ceil_mode(true));
  m["avgpool2d"] = make<nn::AvgPool2d>(2);
  m["avgpool2d_pad"] =
      make<nn::AvgPool2d>(nn::AvgPool2dOptions(3).stride(2).padding(1).count_include_pad(false));
  m["adaptive_avgpool1d"] = make<nn::AdaptiveAvgPool1d>(3);
  m["adaptive_avgpool2d"] = make<nn::AdaptiveAvgPool2d>(nn::AdaptiveAvgPool2dOptions({2, 3}));
  m["adaptive_avgpool2d_none"] =
      make<nn::AdaptiveAvgPool2d>(nn::AdaptiveAvgPool2dOptions({std::nullopt, 2}));
  m["upsample_nearest"] = make<nn::Upsample>(nn::UpsampleOptions().scale_factor(2.0));
  m["upsample_nearest_size"] =
      make<nn::Upsample>(nn::UpsampleOptions().size(std::vector<int64_t>{5, 7}));
  m["upsample_nearest1d"] = make<nn::Upsample>(nn::UpsampleOptions().scale_factor(3.0));
  m["upsample_bilinear"] =
      make<nn::Upsample>(nn::UpsampleOptions().scale_factor(1.5).mode("bilinear"));
  m["upsample_bilinear_corners"] = make<nn::Upsample>(
      nn::UpsampleOptions().size(std::vector<int64_t>{5, 6}).mode("bilinear").align_corners(true));
}

void recurrent(std::map<std::string, LayerBuilder>& m) {
  m["rnn_tanh"] = make<nn::RNN>(nn::RNNOptions(4, 5).num_layers(2));
  m["rnn_relu_bidir"] = make<nn::RNN>(
      nn::RNNOptions(4, 5).nonlinearity("relu").bidirectional(true).batch_first(true));
  m["lstm"] = make<nn::LSTM>(nn::LSTMOptions(4, 5).num_layers(2).bidirectional(true));
  m["lstm_batch_first"] = make<nn::LSTM>(nn::LSTMOptions(4, 5).batch_first(true));
  m["lstm_proj"] = make<nn::LSTM>(nn::LSTMOptions(4, 6).proj_size(3));
  m["lstm_unbatched"] = make<nn::LSTM>(4, 5);
  m["gru"] = make<nn::GRU>(nn::GRUOptions(4, 5).num_layers(2).batch_first(true));
  m["gru_nobias"] = make<nn::GRU>(nn::GRUOptions(4, 5).bias(false));
}

nn::TransformerEncoderLayerOptions tel() {
  return nn::TransformerEncoderLayerOptions(8, 2).dim_feedforward(16);
}

void attention(std::map<std::string, LayerBuilder>& m) {
  using MHA = nn::MultiheadAttentionOptions;
  m["mha"] = make<nn::MultiheadAttention>(8, 2);
  m["mha_masks"] = make<nn::MultiheadAttention>(8, 2);
  m["mha_bool_mask_no_weights"] = make<nn::MultiheadAttention>(8, 4);
  m["mha_bias_kv_zero_attn"] =
      make<nn::MultiheadAttention>(MHA(8, 2).add_bias_kv(true).add_zero_attn(true));
  m["mha_kdim_vdim"] = make<nn::MultiheadAttention>(MHA(8, 2).kdim(3).vdim(5));
  m["mha_batch_first"] = make<nn::MultiheadAttention>(MHA(8, 2).batch_first(true));
  m["mha_unbatched"] = make<nn::MultiheadAttention>(8, 2);
  m["mha_fused"] = make<nn::MultiheadAttention>(MHA(8, 2).batch_first(true));
  m["encoder_layer"] = make<nn::TransformerEncoderLayer>(tel().dropout(0.0));
  m["encoder_layer_norm_first_gelu"] = make<nn::TransformerEncoderLayer>(
      tel().dropout(0.0).activation("gelu").norm_first(true).batch_first(true));
  m["encoder_layer_mask"] = make<nn::TransformerEncoderLayer>(tel().dropout(0.0));
  m["encoder_layer_fused"] = make<nn::TransformerEncoderLayer>(tel().batch_first(true));
  m["encoder"] = [] {
    nn::TransformerEncoderLayer layer(tel().dropout(0.0));
    return use(
        nn::TransformerEncoder(nn::TransformerEncoderOptions(layer, 2).norm(nn::LayerNorm(8))));
  };
  m["encoder_nested"] = [] {
    return use(nn::TransformerEncoder(nn::TransformerEncoderLayer(tel().batch_first(true)), 2));
  };
  m["decoder_layer"] = make<nn::TransformerDecoderLayer>(
      nn::TransformerDecoderLayerOptions(8, 2).dim_feedforward(16).dropout(0.0));
  m["decoder_layer_norm_first"] =
      make<nn::TransformerDecoderLayer>(nn::TransformerDecoderLayerOptions(8, 2)
                                            .dim_feedforward(16)
                                            .dropout(0.0)
                                            .norm_first(true)
                                            .batch_first(true)
                                            .activation("gelu"));
}

void models(std::map<std::string, LayerBuilder>& m) {
  m["sequential"] = [] {
    return use(nn::Sequential(nn::Linear(4, 8), nn::ReLU(), nn::Linear(8, 2)));
  };
  m["cnn"] = make<Net>();
  m["transformer"] = make<TinyTransformer>();
}

}  // namespace

const std::map<std::string, LayerBuilder>& layerBuilders() {
  static const std::map<std::string, LayerBuilder> builders = [] {
    std::map<std::string, LayerBuilder> m;
    activations(m);
    linearConv(m);
    norms(m);
    pools(m);
    recurrent(m);
    attention(m);
    models(m);
    return m;
  }();
  return builders;
}

}  // namespace wick::testing
