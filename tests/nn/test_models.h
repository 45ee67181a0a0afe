// The user-defined models of the end-to-end tests, built from wick's layers exactly as
// tests/oracle/nn_oracle.py builds them from PyTorch's.
#pragma once

#include "wick/wick.h"

namespace wick::testing {

// conv -> bn -> relu -> pool, a Sequential block, then a linear classifier.
struct NetImpl : nn::Module {
  nn::Conv2d conv1{nullptr};
  nn::BatchNorm2d bn1{nullptr};
  nn::ReLU relu{nullptr};
  nn::MaxPool2d pool{nullptr};
  nn::Sequential features{nullptr};
  nn::Linear fc{nullptr};

  NetImpl() : nn::Module("Net") {
    conv1 = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(3, 8, 3).padding(1)));
    bn1 = register_module("bn1", nn::BatchNorm2d(8));
    relu = register_module("relu", nn::ReLU());
    pool = register_module("pool", nn::MaxPool2d(2));
    features = register_module(
        "features", nn::Sequential(nn::Conv2d(nn::Conv2dOptions(8, 16, 3).stride(2).padding(1)),
                                   nn::BatchNorm2d(16), nn::ReLU(true), nn::AdaptiveAvgPool2d(1)));
    fc = register_module("fc", nn::Linear(16, 10));
  }
  Tensor forward(const Tensor& x) {
    Tensor h = pool(relu(bn1(conv1(x))));
    h = features(h);
    return fc(h.flatten(1));
  }
};
WICK_MODULE(Net);

// Embedding -> 2-layer TransformerEncoder (batch_first) -> linear head.
struct TinyTransformerImpl : nn::Module {
  nn::Embedding embed{nullptr};
  nn::TransformerEncoder encoder{nullptr};
  nn::Linear head{nullptr};

  TinyTransformerImpl() : nn::Module("TinyTransformer") {
    embed = register_module("embed", nn::Embedding(nn::EmbeddingOptions(20, 16).padding_idx(0)));
    nn::TransformerEncoderLayer layer(
        nn::TransformerEncoderLayerOptions(16, 4).dim_feedforward(32).dropout(0.0).batch_first(
            true));
    encoder = register_module(
        "encoder",
        nn::TransformerEncoder(nn::TransformerEncoderOptions(layer, 2).norm(nn::LayerNorm(16))));
    head = register_module("head", nn::Linear(16, 5));
  }
  Tensor forward(const Tensor& tokens) { return head(encoder(embed(tokens))); }
};
WICK_MODULE(TinyTransformer);

}  // namespace wick::testing
