// Traces an nn::Module with two methods (forward and embed), prints the graphs, checks the
// trace against the eager module in both modes, and saves the archive when given a path:
//
//   trace_module [OUT.pt]
//
// torch.jit.load("OUT.pt") in PyTorch 1.13 runs the saved module. Exits with status 1 if the
// trace and the eager module disagree.
#include <wick/jit/trace.h>
#include <wick/wick.h>

#include <iostream>

using namespace wick;

// A block used twice: linear layer, layer norm, GELU. WICK_MODULE(Block) defines the
// holder `Block`, whose calls show up in the trace as calls of the submodule.
struct BlockImpl : nn::Module {
  nn::Linear fc{nullptr};
  nn::LayerNorm norm{nullptr};
  BlockImpl(int64_t in, int64_t out) : nn::Module("Block") {
    fc = register_module("fc", nn::Linear(in, out));
    norm = register_module("norm", nn::LayerNorm(out));
  }
  Tensor forward(const Tensor& x) { return gelu(norm(fc(x))); }
};
WICK_MODULE(Block);

struct Classifier : nn::Module {
  Block encoder{nullptr}, hidden{nullptr};
  nn::Dropout dropout{nullptr};
  nn::Linear head{nullptr};
  Classifier() : nn::Module("Classifier") {
    encoder = register_module("encoder", Block(8, 16));
    hidden = register_module("hidden", Block(16, 16));
    dropout = register_module("dropout", nn::Dropout(0.25));
    head = register_module("head", nn::Linear(16, 3));
  }
  // The embedding without the classification head.
  Tensor embed(const Tensor& x) { return hidden(encoder(x)); }
  Tensor forward(const Tensor& x) { return head(dropout(embed(x))).log_softmax(-1); }
};

double maxAbsDiff(const Tensor& a, const Tensor& b) { return (a - b).abs().max().item<double>(); }

int main(int argc, char** argv) {
  manual_seed(0);
  auto net = std::make_shared<Classifier>();
  // Methods other than forward are traced through the generic call path, so they are
  // registered first.
  net->register_method("forward", &Classifier::forward);
  net->register_method("embed", &Classifier::embed);

  // forward is traced in train mode and in eval mode (respect_mode): the module gets
  // trainforward and evalforward, and a forward that picks one by its training flag.
  jit::ScriptModule m =
      jit::trace_module(net, {{"forward", {randn({2, 8})}}, {"embed", {randn({2, 8})}}});
  std::cout << "class " << m.type_name() << ", methods:";
  for (const std::string& name : m.method_names()) std::cout << " " << name;
  std::cout << "\n\n";

  m.eval();
  net->eval();
  std::cout << "forward in eval mode:\n" << m.graph() << "\n";
  std::cout << "embed, with the submodule calls inlined:\n" << *m.inlined_graph("embed") << "\n";

  int failures = 0;
  auto expectClose = [&](const char* what, const Tensor& got, const Tensor& want) {
    double diff = maxAbsDiff(got, want);
    std::cout << what << ": max |traced - eager| = " << diff << "\n";
    if (diff > 1e-5) ++failures;
  };
  Tensor x = randn({5, 8});
  expectClose("forward (eval)", m.forward({x}).toTensor(), net->forward(x));
  expectClose("embed", m.run_method("embed", {x}).toTensor(), net->embed(x));

  // In train mode dropout zeroes a random quarter of the hidden units; with the same seed
  // the eager module and the trace draw the same mask.
  m.train();
  net->train();
  manual_seed(7);
  Tensor train_traced = m.forward({x}).toTensor();
  manual_seed(7);
  expectClose("forward (train)", train_traced, net->forward(x));

  if (argc > 1) {
    m.eval();
    jit::save(m, argv[1]);
    std::cout << "saved " << argv[1] << "\n";
  }
  return failures == 0 ? 0 : 1;
}
