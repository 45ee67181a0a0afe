// The operator table covers the model zoo: every operator PyTorch 1.13 puts in the traced
// and scripted graphs of torchvision's classification models and of nn.LSTM / GRU /
// TransformerEncoder / Transformer / MultiheadAttention (tests/oracle/zoo_ops.py, run at test
// time) is an ops.def row with exactly PyTorch's schema, or a structural node kind the
// interpreter executes itself (src/ir/prims.def).
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "ir/op_resolution.h"
#include "ir/symbol.h"
#include "testing/testing.h"
#include "wick/ops/registry.h"

namespace wick::testing {
namespace {

struct ZooOp {
  std::string key;      // the qualified schema, or the node kind for nodes without one
  std::string sources;  // which models and modes produced it
  bool hasSchema() const { return key.find('(') != std::string::npos; }
  // "aten::add.Tensor" for a schema, the kind otherwise.
  std::string qualifiedName() const { return key.substr(0, key.find('(')); }
  // "aten::add": the qualified name without its overload.
  std::string kind() const {
    std::string name = qualifiedName();
    size_t ns_end = name.find("::");
    size_t dot = name.find('.', ns_end == std::string::npos ? 0 : ns_end + 2);
    return dot == std::string::npos ? name : name.substr(0, dot);
  }
};

const std::vector<ZooOp>& zooOps() {
  static const std::vector<ZooOp> ops = [] {
    std::vector<ZooOp> result;
    std::istringstream lines(runPython("zoo_ops.py"));
    for (std::string line; std::getline(lines, line);) {
      if (line.empty()) continue;
      size_t tab = line.find('\t');
      result.push_back({line.substr(0, tab), tab == std::string::npos ? "" : line.substr(tab + 1)});
    }
    return result;
  }();
  return ops;
}

// Why wick cannot run nodes of `op`, or "" when it can.
std::string whyUnsupported(const ZooOp& op) {
  if (jit::isStructuralPrim(jit::Symbol::fromQualString(op.kind()))) return "";
  if (!op.hasSchema()) return "no schema and not a structural prim (src/ir/prims.def)";
  const OpInfo* info = findOp(op.qualifiedName());
  if (info == nullptr) return "not registered";
  if (info->schema_text != op.key) {
    return "registered with another schema: " + std::string(info->schema_text);
  }
  return "";
}

TEST(ZooOps, CollectsTheExpectedGraphs) {
  // The collection reaches the fused eval paths (nested tensors included), the recurrent
  // kernels over padded and packed sequences and plain vision ops
  // (guards against a script that silently collects little).
  std::vector<std::string> expected = {"aten::_native_multi_head_attention",
                                       "aten::_transformer_encoder_layer_fwd",
                                       "aten::lstm.input",
                                       "aten::gru.input",
                                       "aten::lstm.data",
                                       "aten::gru.data",
                                       "aten::_nested_tensor_from_mask",
                                       "aten::to_padded_tensor",
                                       "aten::conv2d",
                                       "aten::batch_norm",
                                       "aten::layer_norm",
                                       "prim::Constant",
                                       "prim::If",
                                       "prim::Loop"};
  for (const std::string& name : expected) {
    bool found = false;
    for (const ZooOp& op : zooOps()) found = found || op.qualifiedName() == name;
    EXPECT_TRUE(found) << name << " is not among the zoo's operators";
  }
}

// Operators the zoo uses that wick does not have yet, each with what is missing. They are
// listed, not skipped: the test fails when one of them appears (so the list cannot go
// stale), and when any other zoo operator is unknown.
const std::map<std::string, std::string>& knownGaps() {
  static const std::map<std::string, std::string> gaps = {};
  return gaps;
}

TEST(ZooOps, EveryOperatorIsKnownToWick) {
  ASSERT_FALSE(zooOps().empty());
  std::string missing;
  size_t count = 0;
  for (const ZooOp& op : zooOps()) {
    std::string why = whyUnsupported(op);
    if (knownGaps().count(op.qualifiedName())) {
      EXPECT_FALSE(why.empty()) << op.key << " is supported now: remove it from knownGaps()";
      continue;
    }
    if (why.empty()) continue;
    ++count;
    missing += "\n  " + op.key + "\n      " + why + "\n      from " + op.sources;
  }
  EXPECT_EQ(count, 0u) << count << " of " << zooOps().size()
                       << " zoo operators are unknown to wick:" << missing;
}

}  // namespace
}  // namespace wick::testing
