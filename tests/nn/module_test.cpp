// nn::Module behaviour: traversal names, modes, dtype conversion, apply, state_dict errors,
// the TorchScript class names of built-in layers, containers, and Sequential's traced calls.
#include "ir/ir.h"
#include "nn_oracle.h"
#include "test_models.h"
#include "wick/jit/trace.h"

namespace wick::testing {
namespace {

TEST(Module, NamedTraversalUsesDottedNames) {
  Net net;
  std::vector<std::string> params = net->named_parameters().keys();
  ASSERT_FALSE(params.empty());
  EXPECT_EQ(params.front(), "conv1.weight");
  EXPECT_NE(std::find(params.begin(), params.end(), "features.1.bias"), params.end());
  std::vector<std::string> buffers = net->named_buffers().keys();
  EXPECT_NE(std::find(buffers.begin(), buffers.end(), "features.1.num_batches_tracked"),
            buffers.end());
  std::vector<std::string> mods = net->named_modules().keys();
  EXPECT_EQ(mods.front(), "");
  EXPECT_NE(std::find(mods.begin(), mods.end(), "features.3"), mods.end());
  EXPECT_EQ(net->children().size(), 6u);
}

TEST(Module, NonPersistentBuffersStayOutOfTheStateDict) {
  nn::Linear lin(2, 3);
  lin->register_buffer("scratch", emptyTensor({2}, kFloat), /*persistent=*/false);
  EXPECT_TRUE(lin->named_buffers().contains("scratch"));
  EXPECT_FALSE(lin->state_dict().contains("scratch"));
  EXPECT_EQ(lin->state_dict().keys(), (std::vector<std::string>{"weight", "bias"}));
}

TEST(Module, TrainAndEvalRecurse) {
  Net net;
  net->eval();
  for (const auto& m : net->modules()) EXPECT_FALSE(m->is_training()) << m->name();
  net->train();
  for (const auto& m : net->modules()) EXPECT_TRUE(m->is_training()) << m->name();
}

TEST(Module, ToConvertsParametersInPlace) {
  nn::Linear lin(3, 2);
  Tensor handle = lin->weight;
  lin->to(kDouble);
  EXPECT_EQ(lin->weight.dtype(), kDouble);
  EXPECT_EQ(handle.dtype(), kDouble);
  for (const Tensor& p : lin->parameters()) EXPECT_EQ(p.dtype(), kDouble);
}

TEST(Module, ApplyVisitsEveryModule) {
  Net net;
  int count = 0;
  net->apply([&](nn::Module&) { ++count; });
  EXPECT_EQ(static_cast<size_t>(count), net->modules().size());
}

TEST(Module, LoadStateDictErrorsMatchPyTorch) {
  // The same broken state dict as tests/oracle/nn_oracle.py's write_errors.
  nn::Sequential m(nn::Linear(3, 2), nn::BatchNorm1d(2));
  nn::StateDict sd = m->state_dict();
  sd.erase("0.bias");
  sd.erase("1.running_var");
  sd["0.weight"] = emptyTensor({3, 3}, kFloat);
  sd.insert("extra.weight", emptyTensor({1}, kFloat));
  sd["1.weight"] = emptyTensor({5}, kFloat);
  std::string expected = readFile(nnOracleDir() + "/errors.txt");
  std::string strict_msg = expected.substr(0, expected.find("\n=====\n"));
  std::string lax_msg = expected.substr(expected.find("\n=====\n") + 7);
  EXPECT_EQ(errorOf([&] { m->load_state_dict(sd, true); }), strict_msg);
  EXPECT_EQ(errorOf([&] { m->load_state_dict(sd, false); }), lax_msg);
}

TEST(Module, BuiltInLayersUsePyTorchClassPaths) {
  EXPECT_EQ(nn::Linear(2, 2)->qualified_type_name(), "__torch__.torch.nn.modules.linear.Linear");
  EXPECT_EQ(nn::Conv2d(1, 1, 1)->qualified_type_name(), "__torch__.torch.nn.modules.conv.Conv2d");
  EXPECT_EQ(nn::BatchNorm2d(2)->qualified_type_name(),
            "__torch__.torch.nn.modules.batchnorm.BatchNorm2d");
  EXPECT_EQ(nn::ReLU()->qualified_type_name(), "__torch__.torch.nn.modules.activation.ReLU");
  EXPECT_EQ(nn::Sequential()->qualified_type_name(),
            "__torch__.torch.nn.modules.container.Sequential");
  EXPECT_EQ(nn::LSTM(2, 2)->qualified_type_name(), "__torch__.torch.nn.modules.rnn.LSTM");
  EXPECT_EQ(nn::Embedding(2, 2)->qualified_type_name(),
            "__torch__.torch.nn.modules.sparse.Embedding");
  EXPECT_EQ(nn::MultiheadAttention(4, 2)->out_proj->qualified_type_name(),
            "__torch__.torch.nn.modules.linear.NonDynamicallyQuantizableLinear");
  EXPECT_EQ(Net()->qualified_type_name(), "__torch__.Net");
}

TEST(Module, ModuleListInsertExtendAndIterate) {
  nn::ModuleList list{nn::ReLU(), nn::Tanh()};
  list->insert(1, nn::Sigmoid());
  list->push_back(nn::Identity());
  std::vector<std::string> names;
  for (const auto& m : *list) names.push_back(m->name());
  EXPECT_EQ(names, (std::vector<std::string>{"ReLU", "Sigmoid", "Tanh", "Identity"}));
  EXPECT_EQ(list->named_children().keys(), (std::vector<std::string>{"0", "1", "2", "3"}));
  nn::ModuleList more{nn::GELU()};
  list->extend(*more);
  EXPECT_EQ(list->size(), 5u);
  EXPECT_TRUE(list->at<nn::GELUImpl>(4));
  EXPECT_THROW(list->at<nn::ReLUImpl>(1), Error);
  EXPECT_THROW((*list)[7], IndexError);
}

TEST(Module, ModuleDictKeepsInsertionOrder) {
  nn::ModuleDict dict;
  dict->insert("b", nn::ReLU());
  dict->insert("a", nn::Linear(2, 2));
  dict->insert("b", nn::Tanh());
  EXPECT_EQ(dict->keys(), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(dict->at<nn::TanhImpl>("b")->name(), "Tanh");
  EXPECT_EQ(
      dict->repr(),
      "ModuleDict(\n  (b): Tanh()\n  (a): Linear(in_features=2, out_features=2, bias=True)\n)");
  EXPECT_THROW((*dict)["zz"], Error);
}

TEST(Module, SequentialTraceCallsEachChild) {
  nn::Sequential seq(nn::Linear(4, 8), nn::ReLU(), nn::Linear(8, 2));
  Tensor x = emptyTensor({3, 4}, kFloat).normal_();
  jit::ScriptModule traced = jit::trace(seq, {x}, jit::TraceOptions().check_trace(false));
  int calls = 0;
  for (jit::Node* n : traced.graph("evalforward")) {
    if (n->kind().toQualString() == "prim::CallMethod") ++calls;
  }
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(traced.type_name().rfind("__torch__.torch.nn.modules.container.Sequential", 0), 0u);
  Tensor y = traced.forward({x}).toTensor();
  seq->eval();
  EXPECT_TRUE(allClose(y, seq(x)));
}

TEST(Module, GenericCallFillsDefaults) {
  nn::LSTM lstm(3, 4);
  nn::impl::ensureForward(*lstm.ptr());
  Tensor x = emptyTensor({5, 2, 3}, kFloat).normal_();
  IValue out = lstm->run_method("forward", {x});
  ASSERT_TRUE(out.isTuple());
  EXPECT_EQ(out.toTuple().elems.size(), 2u);
  EXPECT_THROW_MSG(lstm->run_method("forward", {x, IValue(), IValue()}),
                   "forward() expected 2 argument(s) but received 3 argument(s)");
}

}  // namespace
}  // namespace wick::testing
