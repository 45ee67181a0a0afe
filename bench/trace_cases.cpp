// bench/compare's trace/ cases: the time to trace a model into a TorchScript module (running
// it once per traced mode, recording and building the graphs), without check_trace; PyTorch's
// side times torch.jit.trace(..., check_trace=False).
#include <memory>

#include "bench.h"

namespace wick::bench {

// Defined in model_cases.cpp.
std::shared_ptr<nn::Module> makeResnet18();
Tensor resnet18Input();

// The eval-mode ResNet-18 traced with the default options (respect_mode: forward is traced
// in train and in eval mode) except check_trace.
Work benchTraceResnet18() {
  std::shared_ptr<nn::Module> net = makeResnet18();
  Tensor x = resnet18Input();
  return [net, x] {
    NoGradGuard no_grad;
    (void)jit::trace_module(net, {{"forward", {x}}}, jit::TraceOptions().check_trace(false));
  };
}

}  // namespace wick::bench
