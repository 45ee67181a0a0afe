// nn::functional: torch.nn.functional for wick. Every function records, while tracing, the
// aten op(s) PyTorch 1.13 records for the same call, so traced graphs match PyTorch's.
//
//   namespace F = wick::nn::functional;
//   Tensor y = F::relu(F::conv2d(x, w, b, /*stride=*/2, /*padding=*/1));
#pragma once

#include "wick/nn/functional/activation.h"
#include "wick/nn/functional/attention.h"
#include "wick/nn/functional/linear.h"
#include "wick/nn/functional/normalization.h"
#include "wick/nn/functional/pooling.h"
#include "wick/nn/functional/upsampling.h"
