// The executor's fused convolution chains (runtime/conv_chain.h, runtime/fused_conv.h): a
// traced ResNet-style network must give the eager (unfused) results whatever the path taken
// (fused and channels-last, or the original kernels), see in-place edits to its parameters,
// keep PyTorch's layout where a consumer can tell, and agree across threads.
#include <thread>

#include "ir/function.h"
#include "runtime/interpreter.h"
#include "runtime/plan.h"
#include "testing/testing.h"
#include "wick/jit/trace.h"

namespace wick {
namespace {

using testing::allClose;

void randomizeBatchNorm(nn::BatchNorm2d& bn) {
  NoGradGuard g;
  int64_t c = bn->running_mean.size(0);
  bn->running_mean.copy_(randn({c}) * 0.2);
  bn->running_var.copy_(rand({c}) + 0.5);
  bn->weight.copy_(randn({c}) * 0.3 + 1);
  bn->bias.copy_(randn({c}) * 0.1);
}

// torchvision's BasicBlock: conv-bn-relu, conv-bn, + identity (or a 1x1 conv-bn), relu.
struct BlockImpl : nn::Module {
  nn::Conv2d conv1{nullptr}, conv2{nullptr}, down{nullptr};
  nn::BatchNorm2d bn1{nullptr}, bn2{nullptr}, down_bn{nullptr};
  BlockImpl(int64_t in, int64_t out, int64_t stride) : nn::Module("Block") {
    conv1 = register_module(
        "conv1", nn::Conv2d(nn::Conv2dOptions(in, out, 3).stride(stride).padding(1).bias(false)));
    bn1 = register_module("bn1", nn::BatchNorm2d(nn::BatchNormOptions(out)));
    conv2 =
        register_module("conv2", nn::Conv2d(nn::Conv2dOptions(out, out, 3).padding(1).bias(false)));
    bn2 = register_module("bn2", nn::BatchNorm2d(nn::BatchNormOptions(out)));
    if (stride != 1 || in != out) {
      down = register_module("down",
                             nn::Conv2d(nn::Conv2dOptions(in, out, 1).stride(stride).bias(false)));
      down_bn = register_module("down_bn", nn::BatchNorm2d(nn::BatchNormOptions(out)));
      randomizeBatchNorm(down_bn);
    }
    randomizeBatchNorm(bn1);
    randomizeBatchNorm(bn2);
  }
  Tensor forward(const Tensor& x) {
    Tensor out = relu(bn1(conv1(x)));
    out = bn2(conv2(out));
    out += down ? down_bn(down(x)) : x;
    return relu(out);
  }
};
WICK_MODULE(Block);

struct TinyResNetImpl : nn::Module {
  nn::Conv2d stem{nullptr};
  nn::BatchNorm2d stem_bn{nullptr};
  nn::MaxPool2d pool{nullptr};
  Block b1{nullptr}, b2{nullptr};
  nn::Linear fc{nullptr};
  TinyResNetImpl() : nn::Module("TinyResNet") {
    stem = register_module("stem",
                           nn::Conv2d(nn::Conv2dOptions(3, 8, 5).stride(2).padding(2).bias(true)));
    stem_bn = register_module("stem_bn", nn::BatchNorm2d(nn::BatchNormOptions(8)));
    randomizeBatchNorm(stem_bn);
    pool = register_module("pool", nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(2).padding(1)));
    b1 = register_module("b1", Block(8, 8, 1));
    b2 = register_module("b2", Block(8, 16, 2));
    fc = register_module("fc", nn::Linear(16, 5));
  }
  Tensor forward(const Tensor& x) {
    Tensor y = pool(relu(stem_bn(stem(x))));
    y = b2(b1(y));
    return fc(flatten(adaptive_avg_pool2d(y, {1, 1}), 1));
  }
};
WICK_MODULE(TinyResNet);

jit::TraceOptions oneMode() { return jit::TraceOptions().check_trace(false).respect_mode(false); }

Tensor call(const jit::ScriptModule& m, const Tensor& x) { return m.forward({x}).toTensor(); }

size_t countFused(const jit::ScriptModule& m) {
  const jit::ExecutionPlan& plan = jit::planFor(*m.get_method("forward").function());
  size_t n = 0;
  for (const jit::Instruction& i : plan.code) n += i.op == jit::Opcode::FusedConv;
  return n;
}

TEST(FusedConv, ResNetBlocksMatchEagerAcrossBatchSizes) {
  manual_seed(7);
  TinyResNet net;
  net->eval();
  jit::ScriptModule m = jit::trace(net.ptr(), {randn({2, 3, 32, 32})}, oneMode());
  NoGradGuard g;
  for (int64_t batch : {2, 1, 3}) {
    Tensor x = randn({batch, 3, 32, 32});
    EXPECT_TRUE(allClose(call(m, x), net->forward(x), 1e-4, 1e-5)) << "batch " << batch;
  }
  // stem, b1.conv1, b1.conv2, b2.conv1, b2.conv2 and b2.down each run as one instruction.
  EXPECT_EQ(countFused(m), 6u);
}

TEST(FusedConv, InPlaceParameterEditsShowThrough) {
  manual_seed(8);
  TinyResNet net;
  net->eval();
  jit::ScriptModule m = jit::trace(net.ptr(), {randn({1, 3, 32, 32})}, oneMode());
  NoGradGuard g;
  Tensor x = randn({1, 3, 32, 32});
  Tensor before = call(m, x);
  net->b1->conv2->weight.mul_(-0.5);
  net->b2->bn1->running_var.add_(3.0);
  net->stem_bn->bias.add_(0.25);
  Tensor after = call(m, x);
  EXPECT_FALSE(allClose(before, after, 1e-4, 1e-5));
  EXPECT_TRUE(allClose(after, net->forward(x), 1e-4, 1e-5));
}

// RegNet's block computes the projection shortcut first: both inputs of the residual add come
// from convolution chains, and only one of them may fuse the add.
struct ShortcutFirstImpl : nn::Module {
  nn::Conv2d proj{nullptr}, conv{nullptr};
  nn::BatchNorm2d proj_bn{nullptr}, bn{nullptr};
  bool shortcut_on_left;
  explicit ShortcutFirstImpl(bool left) : nn::Module("ShortcutFirst"), shortcut_on_left(left) {
    proj = register_module("proj", nn::Conv2d(nn::Conv2dOptions(4, 8, 1).bias(false)));
    proj_bn = register_module("proj_bn", nn::BatchNorm2d(nn::BatchNormOptions(8)));
    conv = register_module("conv", nn::Conv2d(nn::Conv2dOptions(4, 8, 3).padding(1)));
    bn = register_module("bn", nn::BatchNorm2d(nn::BatchNormOptions(8)));
    randomizeBatchNorm(proj_bn);
    randomizeBatchNorm(bn);
  }
  Tensor forward(const Tensor& x) {
    Tensor shortcut = proj_bn(proj(x));
    Tensor main = bn(conv(x));
    return relu(shortcut_on_left ? shortcut + main : main + shortcut);
  }
};
WICK_MODULE(ShortcutFirst);

TEST(FusedConv, AResidualAddOfTwoChainsIsFusedOnce) {
  for (bool left : {true, false}) {
    manual_seed(11);
    ShortcutFirst net(left);
    net->eval();
    jit::ScriptModule m = jit::trace(net.ptr(), {randn({1, 4, 9, 9})}, oneMode());
    NoGradGuard g;
    Tensor x = randn({2, 4, 9, 9});
    EXPECT_TRUE(allClose(call(m, x), net->forward(x), 1e-4, 1e-5)) << "shortcut left " << left;
    EXPECT_EQ(countFused(m), 2u);
  }
}

// A convolution whose result is viewed or returned keeps the layout eager mode gives it.
struct ViewedImpl : nn::Module {
  nn::Conv2d conv{nullptr}, conv2{nullptr};
  nn::BatchNorm2d bn{nullptr};
  ViewedImpl() : nn::Module("Viewed") {
    conv = register_module("conv", nn::Conv2d(nn::Conv2dOptions(3, 4, 3).padding(1)));
    conv2 = register_module("conv2", nn::Conv2d(nn::Conv2dOptions(4, 4, 3).padding(1)));
    bn = register_module("bn", nn::BatchNorm2d(nn::BatchNormOptions(4)));
    randomizeBatchNorm(bn);
  }
  std::vector<Tensor> forward_all(const Tensor& x) {
    Tensor y = relu(bn(conv(x)));
    Tensor z = conv2(y);
    return {y.view({x.size(0), -1}), z};
  }
};
WICK_MODULE(Viewed);

TEST(FusedConv, ViewedAndReturnedResultsKeepEagerLayout) {
  manual_seed(9);
  Viewed net;
  net->eval();
  // The traced function captures the layers' tensors as constants.
  for (Tensor& p : net->parameters()) p.set_requires_grad(false);
  auto fn = [&](const Tensor& x) {
    std::vector<Tensor> r = net->forward_all(x);
    return std::make_tuple(r[0], r[1]);
  };
  Tensor x = randn({2, 3, 8, 8});
  jit::ScriptFunction f = jit::trace(fn, {x}, oneMode());
  NoGradGuard g;
  IValue out = f({x});
  const auto& elems = out.toTuple().elems;
  std::vector<Tensor> expected = net->forward_all(x);
  EXPECT_TRUE(allClose(elems[0].toTensor(), expected[0], 1e-4, 1e-5));
  EXPECT_TRUE(allClose(elems[1].toTensor(), expected[1], 1e-4, 1e-5));
  EXPECT_TRUE(elems[1].toTensor().is_contiguous());
  EXPECT_EQ(elems[1].toTensor().strides(), expected[1].strides());
}

TEST(FusedConv, OtherDtypesAndTrainingModeRunTheOriginalKernels) {
  manual_seed(10);
  TinyResNet a, b;
  b->load_state_dict(a->state_dict());
  a->to(kDouble);
  b->to(kDouble);
  a->eval();
  b->eval();
  Tensor x = randn({2, 3, 16, 16}, kDouble);
  jit::ScriptModule m = jit::trace(a.ptr(), {x}, oneMode());
  NoGradGuard g;
  EXPECT_TRUE(allClose(call(m, x), b->forward(x), 1e-10, 1e-12));

  // Training mode: batch statistics, and the running statistics move as in eager mode.
  TinyResNet c, d;
  c->train();
  d->train();
  Tensor y = randn({4, 3, 16, 16});
  jit::ScriptModule t = jit::trace(c.ptr(), {y}, oneMode());
  d->load_state_dict(c->state_dict());  // tracing in train mode ran one step
  EXPECT_TRUE(allClose(call(t, y), d->forward(y), 1e-4, 1e-5));
  EXPECT_TRUE(allClose(c->b2->bn2->running_mean, d->b2->bn2->running_mean, 1e-5, 1e-6));
}

TEST(FusedConv, ConcurrentFirstCallsAgree) {
  manual_seed(11);
  TinyResNet net;
  net->eval();
  jit::ScriptModule m = jit::trace(net.ptr(), {randn({1, 3, 32, 32})}, oneMode());
  Tensor x = randn({1, 3, 32, 32});
  Tensor expected;
  {
    NoGradGuard g;
    expected = net->forward(x);
  }
  std::vector<Tensor> results(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      NoGradGuard g;
      results[i] = call(m, x);
    });
  }
  for (std::thread& t : threads) t.join();
  for (const Tensor& r : results) EXPECT_TRUE(allClose(r, expected, 1e-4, 1e-5));
}

}  // namespace
}  // namespace wick
