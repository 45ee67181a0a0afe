// bench/compare's model/ cases: whole traced programs called through the JIT, from a chain of
// tiny ops (interpreter overhead) to a small MLP and torchvision's ResNet-18 (kernels). Each
// is traced once in setup (check_trace off) and timed per call under NoGradGuard, as
// torch_cases.py times torch.jit.trace's result under torch.no_grad().
#include <memory>
#include <string>

#include "bench.h"

namespace wick::bench {

namespace {

// A float32 tensor of the given shape with values uniform in [-1, 1).
Tensor uniformShaped(IntArrayRef sizes, uint64_t seed) {
  int64_t n = 1;
  for (int64_t s : sizes) n *= s;
  return uniformTensor(n, -1, 1, seed).view(sizes);
}

jit::TraceOptions noCheck() { return jit::TraceOptions().check_trace(false); }

// Times one call of a traced module on `input`, in eval mode.
Work moduleWork(jit::ScriptModule m, const Tensor& input) {
  m.eval();
  return [m, input] {
    NoGradGuard no_grad;
    (void)m.forward({input});
  };
}

// torchvision.models.resnet.BasicBlock: two 3x3 convolutions with batch norm and a residual
// connection, downsampled by a 1x1 convolution and batch norm when the shape changes.
class BasicBlockImpl : public nn::Module {
 public:
  BasicBlockImpl(int64_t in, int64_t out, int64_t stride) : nn::Module("BasicBlock") {
    set_torch_module_path("torchvision.models.resnet");
    conv1_ = register_module(
        "conv1", nn::Conv2d(nn::Conv2dOptions(in, out, 3).stride(stride).padding(1).bias(false)));
    bn1_ = register_module("bn1", nn::BatchNorm2d(nn::BatchNormOptions(out)));
    relu_ = register_module("relu", nn::ReLU(nn::ReLUOptions(true)));
    conv2_ =
        register_module("conv2", nn::Conv2d(nn::Conv2dOptions(out, out, 3).padding(1).bias(false)));
    bn2_ = register_module("bn2", nn::BatchNorm2d(nn::BatchNormOptions(out)));
    if (stride != 1 || in != out) {
      downsample_ = register_module(
          "downsample",
          nn::Sequential(nn::Conv2d(nn::Conv2dOptions(in, out, 1).stride(stride).bias(false)),
                         nn::BatchNorm2d(nn::BatchNormOptions(out))));
    }
  }

  Tensor forward(const Tensor& x) {
    Tensor out = relu_(bn1_(conv1_(x)));
    out = bn2_(conv2_(out));
    out += downsample_ ? downsample_(x) : x;
    return relu_(out);
  }

 private:
  nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  nn::BatchNorm2d bn1_{nullptr}, bn2_{nullptr};
  nn::ReLU relu_{nullptr};
  nn::Sequential downsample_{nullptr};
};
WICK_MODULE(BasicBlock);

// torchvision.models.resnet18: the stem (7x7/2 convolution, batch norm, ReLU, 3x3/2 max
// pool), four stages of two BasicBlocks, global average pooling and a 1000-way classifier.
class ResNet18 : public nn::Module {
 public:
  ResNet18() : nn::Module("ResNet") {
    set_torch_module_path("torchvision.models.resnet");
    conv1_ = register_module(
        "conv1", nn::Conv2d(nn::Conv2dOptions(3, 64, 7).stride(2).padding(3).bias(false)));
    bn1_ = register_module("bn1", nn::BatchNorm2d(nn::BatchNormOptions(64)));
    relu_ = register_module("relu", nn::ReLU(nn::ReLUOptions(true)));
    maxpool_ =
        register_module("maxpool", nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(2).padding(1)));
    const int64_t widths[] = {64, 128, 256, 512};
    int64_t in = 64;
    for (int i = 0; i < 4; ++i) {
      int64_t stride = i == 0 ? 1 : 2;
      layers_[i] = register_module(
          "layer" + std::to_string(i + 1),
          nn::Sequential(BasicBlock(in, widths[i], stride), BasicBlock(widths[i], widths[i], 1)));
      in = widths[i];
    }
    avgpool_ = register_module("avgpool", nn::AdaptiveAvgPool2d(nn::AdaptiveAvgPool2dOptions(1)));
    fc_ = register_module("fc", nn::Linear(512, 1000));
    initLikeTorchvision();
  }

  Tensor forward(const Tensor& input) {
    Tensor x = maxpool_(relu_(bn1_(conv1_(input))));
    for (const nn::Sequential& layer : layers_) x = layer(x);
    return fc_(flatten(avgpool_(x), 1));
  }

 private:
  // torchvision's initialisation of convolutions (He normal, fan_out), so activations keep
  // the same scale through the network on both sides of the comparison.
  void initLikeTorchvision() {
    NoGradGuard no_grad;
    // Not modules(): this runs in the constructor, before shared_from_this() works.
    for (const std::shared_ptr<nn::Module>& m : modules(/*include_self=*/false)) {
      if (auto conv = std::dynamic_pointer_cast<nn::Conv2dImpl>(m)) {
        nn::init::kaiming_normal_(conv->weight, 0.0, "fan_out", "relu");
      }
    }
  }

  nn::Conv2d conv1_{nullptr};
  nn::BatchNorm2d bn1_{nullptr};
  nn::ReLU relu_{nullptr};
  nn::MaxPool2d maxpool_{nullptr};
  nn::Sequential layers_[4] = {nullptr, nullptr, nullptr, nullptr};
  nn::AdaptiveAvgPool2d avgpool_{nullptr};
  nn::Linear fc_{nullptr};
};

Work mlpWork(int64_t batch) {
  manual_seed(0);
  nn::Sequential mlp(nn::Linear(256, 256), nn::ReLU(), nn::Linear(256, 256), nn::ReLU(),
                     nn::Linear(256, 256));
  mlp->eval();
  Tensor x = uniformShaped({batch, 256}, 1);
  return moduleWork(jit::trace(mlp, {x}, noCheck()), x);
}

}  // namespace

// An eval-mode ResNet-18 with torchvision's architecture and initialisation (seeded).
std::shared_ptr<nn::Module> makeResnet18() {
  manual_seed(0);
  auto net = std::make_shared<ResNet18>();
  net->register_method("forward", &ResNet18::forward);
  net->eval();
  return net;
}

// The input both sides give ResNet-18: one 224x224 RGB image.
Tensor resnet18Input() { return uniformShaped({1, 3, 224, 224}, 1); }

Work benchChain100() {
  Tensor x = uniformShaped({1}, 1);
  auto chain = [](const Tensor& input) {
    Tensor y = input;
    for (int i = 0; i < 100; ++i) y = y + 1;
    return y;
  };
  jit::ScriptFunction f = jit::trace(chain, {x}, noCheck());
  return [f, x] {
    NoGradGuard no_grad;
    (void)f({x});
  };
}

Work benchMlpB1() { return mlpWork(1); }
Work benchMlpB64() { return mlpWork(64); }

Work benchResnet18() {
  Tensor x = resnet18Input();
  return moduleWork(jit::trace_module(makeResnet18(), {{"forward", {x}}}, noCheck()), x);
}

}  // namespace wick::bench
