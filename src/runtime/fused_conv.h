// The executor's instruction for a convolution chain (runtime/conv_chain.h): one oneDNN
// convolution with the batch norm folded into its weight and bias, and the residual sum and
// ReLU as post-ops, on weights packed once.
//
// The chain's tensors arrive as ordinary operands each call (usually GetAttr results), so a
// module whose parameters change in place, or several modules sharing one method, stay
// correct: the folded and packed weights are cached per (weight, bias, batch-norm tensors)
// identity and version, and rebuilt when any of them changes.
//
// Whenever the fast path does not apply (a dtype other than float32, a 1-d or 3-d or
// transposed convolution, batch norm in training mode, a residual that broadcasts, an alpha
// other than 1, tracing in progress, or anything the checks of the original ops would
// reject), the chain's own kernels run one after another, so results, errors and side
// effects are exactly the unfused ones.
//
// Operands: the convolution's inputs, then the batch norm's inputs after the first, then the
// add's residual and alpha; one output, the chain's result.
#pragma once

#include <list>
#include <memory>
#include <mutex>

#include "runtime/conv_chain.h"
#include "wick/ops/registry.h"

namespace wick::onednn {
class PrepackedConv;
}

namespace wick::jit {

class FusedConv {
 public:
  explicit FusedConv(const ConvChain& chain);
  ~FusedConv();
  FusedConv(const FusedConv&) = delete;
  FusedConv& operator=(const FusedConv&) = delete;

  // The operands of the instruction, in order.
  std::vector<Value*> operands() const;
  // Consumes the n_in operands on top of the stack and pushes the result.
  void run(Stack& stack, size_t n_in) const;

 private:
  struct Packed;
  struct PackKey;
  bool runFast(const IValue* args, IValue& result) const;
  void runUnfused(Stack& stack, size_t n_in) const;
  PackKey keyFor(const IValue* args) const;
  bool keyMatches(const PackKey& key, const IValue* args) const;
  Tensor packAndRun(const IValue* args, PackKey key, const std::optional<Tensor>& residual) const;

  ConvChain chain_;
  bool is_convolution_ = false;  // aten::_convolution (13 inputs) rather than conv2d (7)
  size_t n_conv_ = 0, n_bn_ = 0, n_add_ = 0;
  BoxedKernel conv_kernel_ = nullptr, bn_kernel_ = nullptr, add_kernel_ = nullptr,
              relu_kernel_ = nullptr;
  mutable std::mutex mutex_;
  mutable std::list<std::shared_ptr<const Packed>> cache_;  // most recent first
};

}  // namespace wick::jit
