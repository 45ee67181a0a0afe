// wick::nn: modules, layers, nn::functional and nn::init (LibTorch's torch::nn with PyTorch's
// semantics). Included by wick/wick.h.
//
//   namespace nn = wick::nn;
//   nn::Sequential net(nn::Conv2d(nn::Conv2dOptions(3, 16, 3).padding(1)), nn::ReLU(),
//                      nn::AdaptiveAvgPool2d(1), nn::Flatten(), nn::Linear(16, 10));
#pragma once

#include "wick/nn/functional.h"
#include "wick/nn/init.h"
#include "wick/nn/module.h"
#include "wick/nn/modules/activation.h"
#include "wick/nn/modules/container.h"
#include "wick/nn/modules/conv.h"
#include "wick/nn/modules/dropout.h"
#include "wick/nn/modules/linear.h"
#include "wick/nn/modules/normalization.h"
#include "wick/nn/modules/pooling.h"
#include "wick/nn/modules/rnn.h"
#include "wick/nn/modules/transformer.h"
#include "wick/nn/options.h"
