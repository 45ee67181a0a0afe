// Every layer against PyTorch 1.13: the same layer is built on both sides, PyTorch's weights
// are loaded through load_state_dict, and the outputs of train mode (when deterministic) and
// eval mode, the updated buffers, the printed module, the state_dict key order and the aten
// ops of the traced graph must match.
#include <filesystem>
#include <fstream>

#include "layer_cases.h"
#include "nn_oracle.h"
#include "wick/jit/trace.h"

// The IR's node kinds, to compare traced graphs op by op.
#include "ir/ir.h"

namespace wick::testing {
namespace {

// A call's arguments; a file named twice gives the same tensor twice (as the oracle passed it).
std::vector<IValue> loadArgs(const NNCase& c, const std::vector<NNArg>& args) {
  std::vector<IValue> out;
  std::map<std::string, Tensor> loaded;
  for (const NNArg& a : args) {
    switch (a.kind) {
      case NNArg::Kind::Tensor: {
        auto it = loaded.find(a.files[0]);
        if (it == loaded.end()) it = loaded.emplace(a.files[0], readNpy(c.file(a.files[0]))).first;
        out.emplace_back(it->second);
        break;
      }
      case NNArg::Kind::TensorTuple: {
        std::vector<IValue> elems;
        for (const auto& f : a.files) elems.emplace_back(readNpy(c.file(f)));
        out.push_back(wick::tuple(std::move(elems)));
        break;
      }
      case NNArg::Kind::Bool: out.emplace_back(a.flag); break;
      case NNArg::Kind::None: out.emplace_back(); break;
    }
  }
  return out;
}

void flatten(const IValue& v, std::vector<Tensor>& out) {
  if (v.isTensor()) {
    out.push_back(v.toTensor());
  } else if (v.isTuple()) {
    for (const IValue& e : v.toTuple().elems) flatten(e, out);
  } else if (v.isList()) {
    for (const IValue& e : v.toList().elems) flatten(e, out);
  }
}

nn::StateDict loadState(const NNCase& c, const std::string& sub) {
  nn::StateDict sd;
  for (const std::string& k : c.keys) sd.insert(k, readNpy(c.file(sub + "/" + k + ".npy")));
  return sd;
}

// Runs every call of the case in the module's current mode and compares the outputs with
// <prefix>_<call>_<i>.npy.
void runCalls(const NNCase& c, nn::Module& m, const std::string& prefix) {
  std::optional<NoGradGuard> no_grad;
  if (c.nograd) no_grad.emplace();
  for (size_t call = 0; call < c.calls.size(); ++call) {
    IValue result = m.run_method("forward", loadArgs(c, c.calls[call]));
    std::vector<Tensor> outs;
    flatten(result, outs);
    for (size_t i = 0;; ++i) {
      std::string f =
          c.file(prefix + "_" + std::to_string(call) + "_" + std::to_string(i) + ".npy");
      if (!std::filesystem::exists(f)) {
        EXPECT_EQ(outs.size(), i) << c.name << " " << prefix << ": number of outputs";
        break;
      }
      ASSERT_LT(i, outs.size()) << c.name << " " << prefix << ": missing output " << i;
      EXPECT_TRUE(allClose(outs[i], readNpy(f), c.rtol, c.atol))
          << c.name << " " << prefix << " call " << call << " output " << i;
    }
  }
}

std::string opsOfTrace(const std::shared_ptr<nn::Module>& m, const std::vector<IValue>& args) {
  static const std::set<std::string> skip = {
      "prim::Constant",    "prim::GetAttr",    "prim::ListConstruct", "prim::TupleConstruct",
      "prim::TupleUnpack", "prim::ListUnpack", "prim::NumToTensor",   "aten::size",
      "aten::Int",         "prim::CallMethod"};
  jit::ScriptModule traced = jit::trace_module(
      m, {{"forward", args}}, jit::TraceOptions().respect_mode(false).check_trace(false));
  std::string ops;
  std::shared_ptr<jit::Graph> graph = traced.inlined_graph("forward");
  for (jit::Node* n : *graph) {
    const std::string& kind = n->kind().toQualString();
    if (!skip.count(kind)) ops += (ops.empty() ? "" : "\n") + kind;
  }
  return ops;
}

class LayerOracle : public ::testing::TestWithParam<std::string> {};

TEST(LayerOracleSetup, EveryCaseHasABuilder) {
  std::set<std::string> oracle;
  for (const NNCase& c : nnCases()) {
    oracle.insert(c.name);
    EXPECT_TRUE(layerBuilders().count(c.name)) << "no wick builder for oracle case " << c.name;
  }
  for (const auto& [name, b] : layerBuilders()) {
    EXPECT_TRUE(oracle.count(name)) << "builder " << name << " has no oracle case";
  }
}

TEST(LayerOracle, AllCases) {
  for (const NNCase& c : nnCases()) {
    SCOPED_TRACE(c.name);
    auto it = layerBuilders().find(c.name);
    if (it == layerBuilders().end()) continue;
    std::shared_ptr<nn::Module> m = it->second();
    EXPECT_EQ(m->state_dict().keys(), c.keys) << c.name << ": state_dict keys";
    EXPECT_EQ(m->repr(), readFile(c.file("repr.txt"))) << c.name << ": repr";
    nn::StateDict initial = loadState(c, "state");
    m->load_state_dict(initial);
    if (c.train) {
      m->train();
      runCalls(c, *m, "train");
      nn::StateDict after = m->state_dict();
      nn::StateDict expected = loadState(c, "train_state");
      for (const auto& [k, v] : expected) {
        EXPECT_TRUE(allClose(after[k], v, c.rtol, c.atol))
            << c.name << ": state " << k << " after train";
      }
    }
    m->load_state_dict(initial);
    m->eval();
    runCalls(c, *m, "eval");
    if (!c.trace) continue;
    for (const std::string mode : {"train", "eval"}) {
      std::string file = c.file("ops_" + mode + ".txt");
      if (!std::filesystem::exists(file)) continue;
      m->load_state_dict(initial);
      m->train(mode == "train");
      try {
        EXPECT_EQ(opsOfTrace(m, loadArgs(c, c.calls[0])), readFile(file))
            << c.name << ": traced aten ops in " << mode << " mode";
      } catch (const std::exception& e) {
        ADD_FAILURE() << c.name << ": tracing in " << mode << " mode failed: " << e.what();
      }
    }
  }
}

}  // namespace
}  // namespace wick::testing
