// Bad input to layers and nn::functional raises wick::Error naming the layer and the shapes
// or values (PyTorch's wording where it has one).
#include "testing/testing.h"
#include "wick/wick.h"

namespace wick::testing {
namespace {

namespace F = nn::functional;

Tensor randn(std::vector<int64_t> sizes) { return emptyTensor(sizes, kFloat).normal_(); }

TEST(LayerErrors, ConvolutionRank) {
  nn::Conv1d conv(3, 4, 3);
  EXPECT_THROW_MSG(
      conv(randn({2})),
      "Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: [2]");
  nn::Conv2d conv2(3, 4, 3);
  EXPECT_THROW_MSG(
      conv2(randn({2, 3})),
      "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [2, 3]");
  nn::ConvTranspose2d convt(3, 4, 3);
  EXPECT_THROW_MSG(convt(randn({1, 2, 3, 4, 5})),
                   "input to conv_transpose2d, but got input of size: [1, 2, 3, 4, 5]");
}

TEST(LayerErrors, FeatureSizes) {
  nn::Linear lin(10, 5);
  EXPECT_THROW_MSG(lin(randn({4, 6})), "mat1 and mat2 shapes cannot be multiplied (4x6 and 10x5)");
  nn::Conv2d conv(3, 4, 3);
  EXPECT_THROW_MSG(
      conv(randn({2, 5, 8, 8})),
      "weight of size [4, 3, 3, 3], expected input[2, 5, 8, 8] to have 3 channels, but "
      "got 5 channels instead");
}

TEST(LayerErrors, ConvolutionOptions) {
  EXPECT_THROW_MSG(nn::Conv2d(nn::Conv2dOptions(3, 4, 3).groups(2)),
                   "in_channels must be divisible by groups");
  EXPECT_THROW_MSG(nn::Conv2d(nn::Conv2dOptions(4, 3, 3).groups(2)),
                   "out_channels must be divisible by groups");
  EXPECT_THROW_MSG(nn::Conv2d(nn::Conv2dOptions(4, 4, 3).padding_mode("mirror")),
                   "padding_mode must be one of");
  EXPECT_THROW_MSG(nn::Conv2d(nn::Conv2dOptions(4, 4, 3).padding("same").stride(2)),
                   "padding='same' is not supported for strided convolutions");
  EXPECT_THROW_MSG(nn::Conv2d(nn::Conv2dOptions(4, 4, 3).padding("full")),
                   "Invalid padding string 'full'");
  EXPECT_THROW_MSG(nn::ConvTranspose2d(nn::ConvTranspose2dOptions(4, 4, 3).padding_mode("reflect")),
                   "Only \"zeros\" padding mode is supported for ConvTranspose2d");
}

TEST(LayerErrors, ConvTransposeOutputSize) {
  nn::ConvTranspose2d convt(nn::ConvTranspose2dOptions(2, 2, 3).stride(2));
  Tensor x = randn({1, 2, 4, 4});
  EXPECT_EQ(convt(x, std::vector<int64_t>{10, 10}).sizes().vec(),
            (std::vector<int64_t>{1, 2, 10, 10}));
  EXPECT_THROW_MSG(convt(x, std::vector<int64_t>{12, 9}),
                   "requested an output size of [12, 9], but valid sizes range from [9, 9] to "
                   "[10, 10] (for an input of [4, 4])");
}

TEST(LayerErrors, NormalisationInputs) {
  nn::BatchNorm2d bn(3);
  EXPECT_THROW_MSG(bn(randn({2, 3, 4})), "expected 4D input (got 3D input)");
  nn::BatchNorm1d bn1(3);
  EXPECT_THROW_MSG(bn1(randn({1, 3})),
                   "Expected more than 1 value per channel when training, got input size "
                   "torch.Size([1, 3])");
  EXPECT_THROW_MSG(nn::GroupNorm(3, 4), "num_channels must be divisible by num_groups");
}

TEST(LayerErrors, DropoutAndEmbeddingOptions) {
  EXPECT_THROW_MSG(nn::Dropout(1.5), "dropout probability has to be between 0 and 1, but got 1.5");
  EXPECT_THROW_MSG(F::dropout(randn({2}), -0.1), "dropout probability has to be between 0 and 1");
  EXPECT_THROW_MSG(nn::Embedding(nn::EmbeddingOptions(5, 2).padding_idx(5)),
                   "Padding_idx must be within num_embeddings");
}

TEST(LayerErrors, RecurrentShapes) {
  nn::LSTM lstm(4, 5);
  EXPECT_THROW_MSG(lstm(randn({3, 2, 6})),
                   "input.size(-1) must be equal to input_size. Expected 4, got 6");
  EXPECT_THROW_MSG(lstm(randn({3, 2, 4}), std::make_tuple(randn({1, 3, 5}), randn({1, 2, 5}))),
                   "Expected hidden[0] size (1, 2, 5), got [1, 3, 5]");
  nn::GRU gru(4, 5);
  EXPECT_THROW_MSG(gru(randn({3, 2, 4}), randn({2, 5})),
                   "For batched 3-D input, hx should also be 3-D but got 2-D tensor");
  EXPECT_THROW_MSG(nn::RNN(nn::RNNOptions(4, 5).nonlinearity("sigmoid")),
                   "Unknown nonlinearity 'sigmoid'");
  EXPECT_THROW_MSG(nn::LSTM(nn::LSTMOptions(4, 5).proj_size(5)),
                   "proj_size has to be smaller than hidden_size");
}

TEST(LayerErrors, Attention) {
  EXPECT_THROW_MSG(nn::MultiheadAttention(10, 3), "embed_dim must be divisible by num_heads");
  nn::MultiheadAttention mha(8, 2);
  Tensor q = randn({3, 2, 8});
  EXPECT_THROW_MSG(
      mha(q, randn({4, 2, 8}), randn({5, 2, 8})),
      "key shape torch.Size([4, 2, 8]) does not match value shape torch.Size([5, 2, 8])");
  EXPECT_THROW_MSG(mha(randn({3, 2, 6}), randn({3, 2, 6}), randn({3, 2, 6})),
                   "was expecting embedding dimension of 8, but got 6");
  EXPECT_THROW_MSG(mha(q, q, q, std::nullopt, true, randn({3, 4})),
                   "The shape of the 2D attn_mask is torch.Size([3, 4]), but should be (3, 3).");
  EXPECT_THROW_MSG(
      nn::TransformerEncoderLayer(nn::TransformerEncoderLayerOptions(8, 2).activation("tanh")),
      "activation should be relu/gelu, not tanh");
}

TEST(LayerErrors, Interpolate) {
  Tensor x = randn({1, 2, 4, 4});
  EXPECT_THROW_MSG(F::interpolate(x, F::InterpolateOptions()),
                   "either size or scale_factor should be defined");
  EXPECT_THROW_MSG(F::interpolate(x, F::InterpolateOptions().size(3).scale_factor(2.0)),
                   "only one of size or scale_factor should be defined");
  EXPECT_THROW_MSG(F::interpolate(x, F::InterpolateOptions().size(std::vector<int64_t>{3, 4, 5})),
                   "Input and output must have the same number of spatial dimensions, but got "
                   "input with spatial dimensions of [4, 4] and output size of [3, 4, 5]");
  EXPECT_THROW_MSG(
      F::interpolate(randn({1, 2, 4}), F::InterpolateOptions().scale_factor(2.0).mode("bilinear")),
      "Got 3D input, but bilinear mode needs 4D input");
  EXPECT_THROW_MSG(F::interpolate(x, F::InterpolateOptions().scale_factor(2.0).align_corners(true)),
                   "align_corners option can only be set with the interpolating modes");
}

TEST(LayerErrors, AdaptivePoolingNeedsSpatialDims) {
  EXPECT_THROW_MSG(F::adaptive_avg_pool2d(randn({4, 4}), {std::nullopt, 2}),
                   "Input dimension should be at least 3");
}

}  // namespace
}  // namespace wick::testing
