// Convolution chains the executor runs as one fused oneDNN call (runtime/fused_conv.h):
//
//   conv -> [batch_norm] -> [add(residual)] -> [relu]
//
// as ResNet-style networks trace them (aten::_convolution or aten::conv2d, aten::batch_norm,
// aten::add / add_ with alpha 1, aten::relu / relu_). Each intermediate value must have the
// next node as its only user, so skipping it is invisible; nodes that sit between two chain
// nodes (the residual branch, GetAttr of the next layer's weights) may only write values they
// create themselves, so running the whole chain at its last node reads the same inputs.
//
// Layout: a chain whose result only ever reaches other channels-last chains (as their input
// or residual), max pooling whose result does the same, or a global 1x1 average pool is
// marked `channels_last`: it returns NHWC and the next convolutions read it without a
// reorder. Any other consumer (a view, a graph output...) keeps PyTorch's layout.
#pragma once

#include <vector>

#include "ir/ir.h"

namespace wick::jit {

struct ConvChain {
  const Node* conv = nullptr;  // aten::_convolution or aten::conv2d
  const Node* bn = nullptr;    // aten::batch_norm of the conv's output
  const Node* add = nullptr;   // aten::add(_).Tensor of the chain value and a residual
  size_t residual_index = 1;   // the residual's input index in `add` (0 or 1)
  const Node* relu = nullptr;  // aten::relu / relu_
  bool channels_last = false;

  // The nodes in graph order; the fused instruction runs at the last one.
  std::vector<const Node*> nodes() const;
  const Node* last() const { return nodes().back(); }
};

// Every chain in the graph (all blocks), in no particular order.
std::vector<ConvChain> findConvChains(const Graph& g);

}  // namespace wick::jit
