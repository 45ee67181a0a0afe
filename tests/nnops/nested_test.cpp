// Nested tensors (wick/core/nested.h) and the recurrent ops over packed sequences against
// PyTorch 1.13: the cases live in tests/oracle/k3_cases_nested.py and k3_cases_rnn_packed.py
// (run with the other k3 families); the errors wick words itself and the rejection of nested
// tensors by every other op are checked here.
#include "case_file.h"
#include "test_util.h"
#include "wick/jit/compile.h"
#include "wick/ops/ops.h"
#include "wick/ops/registry.h"

namespace wick::testing {
namespace {

TEST(NNOpsOracle, RnnPacked) { runOracleFamily("rnn_packed"); }

bool isPathCase(const OracleCase& c) { return c.name.rfind("nested/path_", 0) == 0; }

TEST(NNOpsOracle, NestedOps) {
  int count = 0;
  for (const OracleCase& c : oracleCases()) {
    if (c.name.rfind("nested/", 0) != 0 || isPathCase(c)) continue;
    ++count;
    runOracleCase(c);
  }
  EXPECT_GT(count, 0);
}

// Runs nn.TransformerEncoder's fast path as its scripted code does: nested tensor from the
// mask, each layer on the nested tensor, back to a padded tensor. See k3_cases_nested.py for
// the arguments.
Tensor runEncoderPath(const OracleCase& c) {
  const Tensor& src = c.args.at(0).toTensor();
  Tensor valid = ops::logical_not(c.args.at(1).toTensor());
  std::vector<Tensor> p = c.args.at(2).toTensorVector();
  int64_t layers = c.args.at(3).toInt(), d = c.args.at(4).toInt(), heads = c.args.at(5).toInt();
  bool gelu = c.args.at(6).toBool();
  double eps = c.args.at(7).toDouble();
  EXPECT_TRUE(ops::_nested_tensor_from_mask_left_aligned(src, valid)) << c.name;
  Tensor x = ops::_nested_tensor_from_mask(src, valid, false);
  EXPECT_TRUE(x.is_nested() && ops::prim_is_nested(x)) << c.name;
  EXPECT_EQ(ops::dim(x), 3) << c.name;
  for (int64_t l = 0; l < layers; ++l) {
    const Tensor* w = p.data() + 12 * l;
    x = ops::_transformer_encoder_layer_fwd(x, d, heads, w[0], w[1], w[2], w[3], gelu, false, eps,
                                            w[4], w[5], w[6], w[7], w[8], w[9], w[10], w[11],
                                            std::nullopt, std::nullopt);
    EXPECT_TRUE(x.is_nested()) << c.name;
  }
  return ops::to_padded_tensor(x, 0.0, std::nullopt);
}

TEST(NNOpsOracle, NestedEncoderPath) {
  int count = 0;
  for (const OracleCase& c : oracleCases()) {
    if (!isPathCase(c)) continue;
    ++count;
    Tensor out = runEncoderPath(c);
    const Tensor& expected = c.outputs.at(0).toTensor();
    ASSERT_EQ(out.impl()->sizes(), expected.impl()->sizes()) << c.name;
    EXPECT_TRUE(allClose(out, expected, c.rtol, c.atol)) << c.name;
  }
  EXPECT_GE(count, 3);
}

// A nested tensor of a 2-token and a 1-token sequence of 4 features (from randomTensor seed 7).
Tensor smallNested() {
  Tensor t = randomTensor({2, 3, 4}, 7);
  Tensor valid = ops::logical_not(tensor({false, false, true, false, true, true}).view({2, 3}));
  return ops::_nested_tensor_from_mask(t, valid, true);
}

TEST(Nested, FromMaskKeepsTheLengthsAndCutsToTheLongest) {
  Tensor t = randomTensor({2, 3, 4}, 7);
  Tensor nt = smallNested();
  ASSERT_TRUE(nt.is_nested());
  const NestedSizes& sizes = *nt.impl()->nestedSizes();
  EXPECT_EQ(sizes.count(), 2);
  EXPECT_EQ(sizes.component(0), IntArrayRef({2, 4}));
  EXPECT_EQ(sizes.component(1), IntArrayRef({1, 4}));
  Tensor padded = ops::to_padded_tensor(nt, -1.0, std::nullopt);
  ASSERT_EQ(padded.impl()->sizes(), IntArrayRef({2, 2, 4}));
  EXPECT_TRUE(allClose(padded.select(0, 0), t.select(0, 0).slice(0, 0, 2)));
  EXPECT_TRUE(allClose(padded.select(0, 1).slice(0, 0, 1), t.select(0, 1).slice(0, 0, 1)));
  EXPECT_TRUE(allClose(padded.select(0, 1).slice(0, 1, 2), full({1, 4}, -1.0)));
  Tensor bigger = ops::to_padded_tensor(nt, 0.5, std::vector<int64_t>{3, 4, 5});
  ASSERT_EQ(bigger.impl()->sizes(), IntArrayRef({3, 4, 5}));
  EXPECT_TRUE(allClose(bigger.slice(0, 0, 2).slice(1, 0, 2).slice(2, 0, 4),
                       padded.masked_fill(padded.eq(-1.0), 0.5)));
  EXPECT_TRUE(allClose(bigger.select(0, 2), full({4, 5}, 0.5)));
}

TEST(Nested, PrintsItsComponents) {
  std::ostringstream os;
  os << smallNested();
  std::string s = os.str();
  EXPECT_EQ(s.rfind("nested_tensor([\n", 0), 0u) << s;
  EXPECT_NE(s.find("[ CPUFloatType{2,4} ]"), std::string::npos) << s;
  EXPECT_NE(s.find("[ CPUFloatType{1,4} ]"), std::string::npos) << s;
}

TEST(Nested, OtherOpsRejectNestedTensors) {
  Tensor nt = smallNested();
  // Eager calls (the dispatch point) ...
  EXPECT_THROW_MSG(relu(nt), "aten::relu: not supported for nested tensors");
  EXPECT_THROW_MSG(ops::add_Tensor(randn({2, 2, 4}), nt, 1), "aten::add: not supported");
  EXPECT_THROW_MSG(cat({nt, nt}), "aten::cat: not supported for nested tensors");
  EXPECT_THROW_MSG(ops::size_int(nt, 0), "aten::size: not supported for nested tensors");
  EXPECT_THROW_MSG(ops::_nested_tensor_from_mask(nt, ones({2, 2}, kBool), true),
                   "aten::_nested_tensor_from_mask: not supported for nested tensors");
  // ... and boxed calls (the interpreter's), for Tensor, Tensor? and Tensor[] arguments.
  auto boxed = [&](const char* name, std::vector<IValue> args) {
    Stack stack(args.begin(), args.end());
    findOp(name)->kernel(stack, args.size());
  };
  EXPECT_THROW_MSG(boxed("aten::sum", {nt, IValue()}), "aten::sum: not supported for nested");
  EXPECT_THROW_MSG(boxed("aten::layer_norm", {randn({2, 4}), IValue(std::vector<int64_t>{4}), nt,
                                              IValue(), 1e-5, true}),
                   "aten::layer_norm: not supported for nested tensors");
  EXPECT_THROW_MSG(boxed("aten::stack", {IValue(std::vector<Tensor>{nt}), int64_t(0)}),
                   "aten::stack: not supported for nested tensors");
}

TEST(Nested, ScriptedCodeSeesNestedTensors) {
  jit::CompilationUnit cu = jit::compile(
      "def path(x: Tensor, pad: Tensor):\n"
      "    nt = torch._nested_tensor_from_mask(x, pad.logical_not())\n"
      "    return ops.prim.is_nested(nt), nt.dim(), nt.to_padded_tensor(0.)\n"
      "def misuse(x: Tensor, pad: Tensor):\n"
      "    nt = torch._nested_tensor_from_mask(x, pad.logical_not())\n"
      "    return torch.relu(nt)\n");
  Tensor x = randn({2, 3, 4});
  Tensor pad = tensor({false, true, true, false, false, true}).view({2, 3});
  IValue result = cu.run("path", {x, pad});
  const auto& r = result.toTuple().elems;
  EXPECT_TRUE(r.at(0).toBool());
  EXPECT_EQ(r.at(1).toInt(), 3);
  EXPECT_EQ(r.at(2).toTensor().impl()->sizes(), IntArrayRef({2, 2, 4}));
  EXPECT_THROW_MSG(cu.run("misuse", {x, pad}), "aten::relu: not supported for nested tensors");
}

TEST(Nested, BadInput) {
  Tensor nt = smallNested();
  Tensor x = randn({2, 3, 4});
  EXPECT_THROW_MSG(ops::to_padded_tensor(x, 0.0, std::nullopt),
                   "aten::to_padded_tensor: expected a nested tensor, got a dense tensor of shape "
                   "[2, 3, 4]");
  EXPECT_THROW_MSG(ops::to_padded_tensor(nt, 0.0, std::vector<int64_t>{2, 2}),
                   "Length of output_size does not match NestedTensor dims");
  EXPECT_THROW_MSG(ops::to_padded_tensor(nt, 0.0, std::vector<int64_t>{2, 1, 4}),
                   "Value in output_size is less than NestedTensor padded size");
  EXPECT_THROW_MSG(ops::_nested_tensor_from_mask(randn({0, 3, 4}), ones({0, 3}, kBool), true),
                   "aten::_nested_tensor_from_mask: expected a non-empty batch");
  EXPECT_THROW_MSG(ops::_nested_tensor_from_mask(randn({2, 0, 4}), ones({2, 0}, kBool), true),
                   "expected a non-empty sequence dimension, got input of shape [2, 0, 4]");
  Tensor w = randn({12, 4}), b = randn({12}), pw = randn({4, 4}), pb = randn({4});
  Tensor n = ones({4}), z = zeros({4}), f1 = randn({8, 4}), fb1 = randn({8}), f2 = randn({4, 8});
  EXPECT_THROW_MSG(
      ops::_transformer_encoder_layer_fwd(nt, 4, 2, w, b, pw, pb, false, false, 1e-5, n, z, n, z,
                                          f1, fb1, f2, pb, ones({2, 2}, kBool), int64_t(1)),
      "aten::_transformer_encoder_layer_fwd: a mask is not supported with a nested "
      "src");
}

TEST(RnnPacked, EmptyBatchSizes) {
  // PyTorch 1.13 crashes here; wick raises.
  Tensor h = zeros({1, 0, 3});
  std::vector<Tensor> params = {randn({12, 2}), randn({12, 3}), randn({12}), randn({12})};
  EXPECT_THROW_MSG(
      ops::lstm_data(randn({0, 2}), zeros({0}, kLong), {h, h}, params, true, 1, 0.0, false, false),
      "aten::lstm: batch_sizes is empty");
}

}  // namespace
}  // namespace wick::testing
