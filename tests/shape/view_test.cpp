// View and reshape ops against PyTorch: values, dtypes, shapes and strides (views must share
// storage with PyTorch's geometry), plus every error message.
#include <bit>

#include "oracle_batch.h"

namespace wick {
namespace {

using testing::iota;
using testing::OracleBatch;

TEST(Views, ViewReshapeAndFriends) {
  OracleBatch b("views");
  Tensor x = iota({2, 3, 4});
  Tensor m = iota({4, 3});
  Tensor s = iota({});
  b.add("view", {x}, "a.view(6, 4)", [&] { return x.view({6, 4}); });
  b.add("view infer", {x}, "a.view(2, -1, 2)", [&] { return x.view({2, -1, 2}); });
  b.add("view flat", {x}, "a.view(-1)", [&] { return x.view({-1}); });
  b.add("view 0-dim", {s}, "a.view(1, 1, 1)", [&] { return s.view({1, 1, 1}); });
  b.add("view to 0-dim", {iota({1, 1})}, "a.view([])", [&] {
    return iota({1, 1}).view(SymIntList());
  });
  b.add("view transposed", {m}, "a.t().view(3, 2, 2)", [&] { return m.t().view({3, 2, 2}); });
  b.add("view size-1 dims", {m}, "a[:, :1].view(1, 2, 1, 2, 1)", [&] {
    return m.slice(1, 0, 1).view({1, 2, 1, 2, 1});
  });
  b.add("view empty", {iota({2, 0, 3})}, "a.transpose(0, 2).view(6, 0)", [&] {
    return iota({2, 0, 3}).transpose(0, 2).view({6, 0});
  });
  b.add("view empty infer", {iota({0, 3})}, "a.view(-1)", [&] { return iota({0, 3}).view({-1}); });
  b.addError("view incompatible", {m}, "a.t().view(12)", [&] { m.t().view({12}); });
  b.addError("view bad size", {m}, "a.view(5)", [&] { m.view({5}); });
  b.addError("view two -1", {m}, "a.view(-1, -1)", [&] { m.view({-1, -1}); });
  b.addError("view -2", {m}, "a.view(-2, 6)", [&] { m.view({-2, 6}); });
  b.addError("view ambiguous", {iota({0, 3})}, "a.view(-1, 0)", [&] {
    iota({0, 3}).view({-1, 0});
  });
  b.add("view dtype same size", {m}, "a.view(torch.int32)", [&] { return m.view(kInt); });
  b.add("view dtype smaller", {m}, "a.view(torch.int16)", [&] { return m.view(kShort); });
  b.add("view dtype larger", {iota({4, 6})}, "a[1:, 2:6].view(torch.float64)", [&] {
    return iota({4, 6}).slice(0, 1).slice(1, 2, 6).view(kDouble);
  });
  Tensor bits = tensor({0, 1, 1, 0, 1, 0}, kByte).view({2, 3});
  b.add("view dtype bool", {bits}, "a.view(torch.bool)", [&] { return bits.view(kBool); });
  b.addError("view dtype odd size", {m}, "a.view(torch.float64)", [&] { m.view(kDouble); });
  b.addError("view dtype stride", {m}, "a.t().view(torch.int16)", [&] { m.t().view(kShort); });
  b.addError("view dtype 0-dim", {s}, "a.view(torch.int16)", [&] { s.view(kShort); });
  b.addError("view dtype offset", {iota({4})}, "a[1:3].view(torch.float64)",
             [&] { iota({4}).slice(0, 1, 3).view(kDouble); });
  b.add("reshape view", {x}, "a.reshape(4, 6)", [&] { return x.reshape({4, 6}); });
  b.add("reshape copy", {m}, "a.t().reshape(12)", [&] { return m.t().reshape({12}); });
  b.add("reshape infer", {m}, "a.t().reshape(-1, 2)", [&] { return m.t().reshape({-1, 2}); });
  b.add("reshape sliced", {m}, "a[:, :1].reshape(2, 2)", [&] {
    return m.slice(1, 0, 1).reshape({2, 2});
  });
  b.addError("reshape bad", {m}, "a.reshape(5, -1)", [&] { m.reshape({5, -1}); });
  b.add("_reshape_alias", {m}, "torch.ops.aten._reshape_alias(a, [3, 4], [1, 3])", [&] {
    return ops::_reshape_alias(m, {3, 4}, {1, 3});
  });
  b.add("view_as", {x, m}, "a.view_as(b.reshape(12, 1).expand(12, 2))", [&] {
    return x.view_as(m.reshape({12, 1}).expand({12, 2}));
  });
  b.add("reshape_as", {m, x}, "a.t().reshape_as(b[0])", [&] { return m.t().reshape_as(x[0]); });
  b.add("alias", {m}, "torch.ops.aten.alias(a.t())", [&] { return alias(m.t()); });
  b.run();
}

TEST(Views, PermuteTransposeFlatten) {
  OracleBatch b("permute");
  Tensor x = iota({2, 3, 4});
  Tensor m = iota({4, 3});
  Tensor s = iota({});
  b.add("permute", {x}, "a.permute(2, 0, 1)", [&] { return x.permute({2, 0, 1}); });
  b.add("permute negative", {x}, "a.permute(-1, -3, 1)", [&] { return x.permute({-1, -3, 1}); });
  b.add("permute 0-dim", {s}, "a.permute([])", [&] { return s.permute({}); });
  b.addError(
      "permute length", {x}, "a.permute(0, 1)",
      [&] {
        x.permute({0, 1});
      },
      "number of dimensions in the tensor input does not match the length of the desired "
      "ordering of dimensions i.e. input.dim() = 3 is not equal to len(dims) = 2");
  b.addError(
      "permute duplicate", {x}, "a.permute(0, 0, 1)",
      [&] {
        x.permute({0, 0, 1});
      },
      "duplicate dims are not allowed");
  b.addError("permute range", {x}, "a.permute(0, 1, 3)", [&] { x.permute({0, 1, 3}); });
  b.add("transpose", {x}, "a.transpose(0, 2)", [&] { return x.transpose(0, 2); });
  b.add("transpose negative", {x}, "a.transpose(-1, 1)", [&] { return x.transpose(-1, 1); });
  b.add("transpose 0-dim", {s}, "a.transpose(0, -1)", [&] { return s.transpose(0, -1); });
  b.addError("transpose range", {x}, "a.transpose(0, 3)", [&] { x.transpose(0, 3); });
  b.add("t 2-d", {m}, "a.t()", [&] { return m.t(); });
  b.add("t 1-d", {iota({5})}, "a.t()", [&] { return iota({5}).t(); });
  b.add("t 0-d", {s}, "a.t()", [&] { return s.t(); });
  b.addError("t 3-d", {x}, "a.t()", [&] { x.t(); });
  b.add("flatten", {x}, "a.flatten()", [&] { return x.flatten(); });
  b.add("flatten range", {x}, "a.flatten(1, 2)", [&] { return x.flatten(1, 2); });
  b.add("flatten same dim", {x}, "a.flatten(1, 1)", [&] { return x.flatten(1, 1); });
  b.add("flatten 0-dim", {s}, "a.flatten()", [&] { return s.flatten(); });
  b.add("flatten copy", {x}, "a.transpose(0, 1).flatten(1)",
        [&] { return x.transpose(0, 1).flatten(1); });
  b.addError("flatten order", {x}, "a.flatten(2, 1)", [&] { x.flatten(2, 1); });
  b.add("unflatten", {m}, "a.unflatten(0, (2, 2))", [&] { return m.unflatten(0, {2, 2}); });
  b.add("unflatten infer", {m}, "a.unflatten(-1, (-1, 1))", [&] {
    return m.unflatten(-1, {-1, 1});
  });
  b.addError("unflatten product", {m}, "a.unflatten(1, (2, 2))", [&] { m.unflatten(1, {2, 2}); });
  b.addError("unflatten empty", {m}, "a.unflatten(1, ())", [&] { m.unflatten(1, {}); });
  b.add("squeeze", {iota({1, 3, 1, 2})}, "a.squeeze()", [&] {
    return iota({1, 3, 1, 2}).squeeze();
  });
  b.add("squeeze dim", {iota({1, 3, 1, 2})}, "a.squeeze(-2)", [&] {
    return iota({1, 3, 1, 2}).squeeze(-2);
  });
  b.add("squeeze non-1 dim", {m}, "a.squeeze(1)", [&] { return m.squeeze(1); });
  b.add("squeeze 0-dim", {s}, "a.squeeze(0)", [&] { return s.squeeze(0); });
  b.add("squeeze strided", {iota({2, 1, 3})}, "a.transpose(0, 2).squeeze()", [&] {
    return iota({2, 1, 3}).transpose(0, 2).squeeze();
  });
  b.addError("squeeze range", {m}, "a.squeeze(3)", [&] { m.squeeze(3); });
  b.add("unsqueeze", {m}, "a.unsqueeze(1)", [&] { return m.unsqueeze(1); });
  b.add("unsqueeze end", {m}, "a.unsqueeze(-1)", [&] { return m.unsqueeze(-1); });
  b.add("unsqueeze sliced", {m}, "a[:, :2].unsqueeze(2)",
        [&] { return m.slice(1, 0, 2).unsqueeze(2); });
  b.add("unsqueeze 0-dim", {s}, "a.unsqueeze(0)", [&] { return s.unsqueeze(0); });
  b.addError("unsqueeze range", {m}, "a.unsqueeze(4)", [&] { m.unsqueeze(4); });
  b.add("movedim", {x}, "a.movedim(0, 2)", [&] { return movedim(x, 0, 2); });
  b.add("movedim list", {x}, "a.movedim((-1, 0), (0, -1))", [&] {
    return movedim(x, {-1, 0}, {0, -1});
  });
  b.add("movedim 0-dim", {s}, "a.movedim(0, 0)", [&] { return movedim(s, 0, 0); });
  b.addError("movedim repeated", {x}, "a.movedim((0, 0), (0, 1))", [&] {
    movedim(x, {0, 0}, {0, 1});
  });
  b.addError("movedim repeated dst", {x}, "a.movedim((0, 1), (1, 1))", [&] {
    movedim(x, {0, 1}, {1, 1});
  });
  b.addError("movedim lengths", {x}, "a.movedim((0, 1), (0,))", [&] { movedim(x, {0, 1}, {0}); });
  b.add("diagonal", {m}, "a.diagonal()", [&] { return diagonal(m); });
  b.add("diagonal offset", {m}, "a.diagonal(1, 1, 0)", [&] { return diagonal(m, 1, 1, 0); });
  b.add("diagonal negative", {m}, "a.diagonal(-2)", [&] { return diagonal(m, -2); });
  b.add("diagonal empty", {m}, "a.diagonal(5)", [&] { return diagonal(m, 5); });
  b.add("diagonal 3-d", {x}, "a.diagonal(0, -1, 0)", [&] { return diagonal(x, 0, -1, 0); });
  b.addError("diagonal same dims", {m}, "a.diagonal(0, 0, 0)", [&] { diagonal(m, 0, 0, 0); });
  b.run();
}

TEST(Views, ExpandSelectSliceNarrow) {
  OracleBatch b("expand");
  Tensor m = iota({4, 3});
  Tensor s = iota({});
  Tensor col = iota({3, 1});
  b.add("expand", {col}, "a.expand(3, 4)", [&] { return col.expand({3, 4}); });
  b.add("expand keep", {col}, "a.expand(2, -1, 5)", [&] { return col.expand({2, -1, 5}); });
  b.add("expand new 1", {col}, "a.expand(1, 1, 3, 1)", [&] { return col.expand({1, 1, 3, 1}); });
  b.add("expand sliced", {m}, "a[:, :1].expand(1, 4, 2)", [&] {
    return m.slice(1, 0, 1).expand({1, 4, 2});
  });
  b.add("expand 0-dim", {s}, "a.expand(2, 3)", [&] { return s.expand({2, 3}); });
  b.add("expand 0-dim to 1", {s}, "a.expand(1)", [&] { return s.expand({1}); });
  b.add("expand to empty", {iota({1, 3})}, "a.expand(0, 3)", [&] {
    return iota({1, 3}).expand({0, 3});
  });
  b.addError("expand fewer", {m}, "a.expand(3)", [&] { m.expand({3}); });
  b.addError("expand mismatch", {m}, "a.expand(4, 4)", [&] { m.expand({4, 4}); });
  b.addError("expand leading -1", {m}, "a.expand(-1, 4, 3)", [&] { m.expand({-1, 4, 3}); });
  b.add("expand_as", {col, m}, "a.expand_as(b.t())", [&] { return col.expand_as(m.t()); });
  b.add("broadcast_to", {col}, "torch.broadcast_to(a, (2, 3, 5))", [&] {
    return broadcast_to(col, {2, 3, 5});
  });
  b.addList("broadcast_tensors", {col, iota({4})}, "torch.broadcast_tensors(a, b)", [&] {
    return broadcast_tensors({col, iota({4})});
  });
  b.addError("broadcast_tensors bad", {col, iota({2, 4})}, "torch.broadcast_tensors(a, b)", [&] {
    broadcast_tensors({col, iota({2, 4})});
  });
  b.add("select", {m}, "a.select(1, 2)", [&] { return m.select(1, 2); });
  b.add("select negative", {m}, "a.select(-2, -1)", [&] { return m.select(-2, -1); });
  b.addError("select range", {m}, "a.select(0, 4)", [&] { m.select(0, 4); });
  b.addError("select negative range", {m}, "a.select(0, -5)", [&] { m.select(0, -5); });
  b.addError("select 0-dim", {s}, "a.select(0, 0)", [&] { s.select(0, 0); });
  b.add("slice", {m}, "torch.ops.aten.slice(a, 0, 1, 3)", [&] { return m.slice(0, 1, 3); });
  b.add("slice step", {m}, "torch.ops.aten.slice(a, 0, 0, 4, 3)",
        [&] { return m.slice(0, 0, 4, 3); });
  b.add("slice clamp", {m}, "torch.ops.aten.slice(a, 1, -100, 100, 2)",
        [&] { return m.slice(1, -100, 100, 2); });
  b.add("slice empty", {m}, "torch.ops.aten.slice(a, 1, 5, 1)", [&] { return m.slice(1, 5, 1); });
  b.add("slice defaults", {m}, "torch.ops.aten.slice(a, -1)", [&] { return m.slice(-1); });
  b.add("slice transposed", {m}, "torch.ops.aten.slice(a.t(), 1, 1, None, 2)",
        [&] { return m.t().slice(1, 1, std::nullopt, 2); });
  b.addError("slice step", {m}, "torch.ops.aten.slice(a, 0, 0, 3, 0)",
             [&] { m.slice(0, 0, 3, 0); });
  b.addError("slice 0-dim", {s}, "torch.ops.aten.slice(a, 0, 0, 1)", [&] { s.slice(0, 0, 1); });
  b.add("narrow", {m}, "a.narrow(1, 1, 2)", [&] { return m.narrow(1, 1, 2); });
  b.add("narrow negative start", {m}, "a.narrow(0, -2, 2)", [&] { return m.narrow(0, -2, 2); });
  b.add("narrow at end", {m}, "a.narrow(1, 3, 0)", [&] { return m.narrow(1, 3, 0); });
  b.add("narrow tensor start", {m}, "a.narrow(0, torch.tensor(1), 2)",
        [&] { return ops::narrow_Tensor(m, 0, scalarTensor(1, kLong), 2); });
  b.addError("narrow long", {m}, "a.narrow(1, 2, 2)", [&] { m.narrow(1, 2, 2); });
  b.addError("narrow negative length", {m}, "a.narrow(1, 0, -1)", [&] { m.narrow(1, 0, -1); });
  b.addError(
      "narrow start range", {m}, "a.narrow(1, 5, 0)", [&] { m.narrow(1, 5, 0); },
      "start out of range (expected to be in range of [-3, 2], but got 5)");
  b.addError("narrow 0-dim", {s}, "a.narrow(0, 0, 1)", [&] { s.narrow(0, 0, 1); });
  b.addError("narrow float start", {m}, "a.narrow(0, torch.tensor(1.), 2)",
             [&] { ops::narrow_Tensor(m, 0, scalarTensor(1.0, kFloat), 2); });
  b.add("as_strided", {m}, "a.as_strided((3, 2), (1, 3), 1)", [&] {
    return as_strided(m, {3, 2}, {1, 3}, 1);
  });
  b.add("as_strided overlap", {m}, "a.as_strided((4, 4), (1, 1))", [&] {
    return as_strided(m, {4, 4}, {1, 1});
  });
  b.addError("as_strided negative stride", {m}, "a.as_strided((2,), (-1,))",
             [&] { as_strided(m, {2}, {-1}); });
  b.addError("as_strided out of storage", {m}, "a.as_strided((7,), (2,))",
             [&] { as_strided(m, {7}, {2}); });
  b.addError("as_strided lengths", {m}, "a.as_strided((2, 2), (1,))", [&] {
    as_strided(m, {2, 2}, {1});
  });
  b.addError("as_strided offset", {m}, "a.as_strided((2,), (1,), -1)",
             [&] { as_strided(m, {2}, {1}, -1); });
  b.add("unfold", {iota({2, 3, 4})}, "a.unfold(2, 2, 1)", [&] {
    return ops::unfold(iota({2, 3, 4}), 2, 2, 1);
  });
  b.add("unfold step", {m}, "a.unfold(0, 2, 2)", [&] { return ops::unfold(m, 0, 2, 2); });
  b.add("unfold 0-dim", {s}, "a.unfold(0, 1, 1)", [&] { return ops::unfold(s, 0, 1, 1); });
  b.addError("unfold too big", {m}, "a.unfold(1, 4, 1)", [&] { ops::unfold(m, 1, 4, 1); });
  b.addError("unfold step 0", {m}, "a.unfold(1, 2, 0)", [&] { ops::unfold(m, 1, 2, 0); });
  b.run();
}

TEST(Views, Splits) {
  OracleBatch b("splits");
  Tensor m = iota({7, 3});
  Tensor s = iota({});
  b.addList("split", {m}, "a.split(3)", [&] { return m.split(3); });
  b.addList("split dim", {m}, "a.split(2, 1)", [&] { return m.split(2, 1); });
  b.addList("split big", {m}, "a.split(10)", [&] { return m.split(10); });
  b.addList("split empty", {iota({0, 3})}, "a.split(0)", [&] { return iota({0, 3}).split(0); });
  b.addList("split sizes", {m}, "a.split([2, 5])", [&] { return m.split(IntArrayRef{2, 5}); });
  b.addList("split_with_sizes", {m}, "torch.split_with_sizes(a, [1, 0, 2], 1)", [&] {
    return split_with_sizes(m, {1, 0, 2}, 1);
  });
  b.addList("split.sizes", {m}, "torch.ops.aten.split.sizes(a, [4, 3])", [&] {
    return ops::split_sizes(m, {4, 3}, 0);
  });
  b.addError("split negative", {m}, "a.split(-1)", [&] { m.split(-1); });
  b.addError("split zero", {m}, "a.split(0)", [&] { m.split(0); });
  b.addError("split 0-dim", {s}, "a.split(1)", [&] { s.split(1); });
  b.addError("split sizes sum", {m}, "a.split([1, 1], 1)", [&] { m.split(IntArrayRef{1, 1}, 1); });
  b.addError("split sizes negative", {m}, "a.split([8, -1])", [&] { m.split(IntArrayRef{8, -1}); });
  b.addList("chunk", {m}, "a.chunk(3)", [&] { return m.chunk(3); });
  b.addList("chunk more", {iota({6, 3})}, "a.chunk(4)", [&] { return iota({6, 3}).chunk(4); });
  b.addList("chunk dim", {m}, "a.chunk(2, -1)", [&] { return m.chunk(2, -1); });
  b.addList("chunk empty", {iota({0, 3})}, "a.chunk(3)", [&] { return iota({0, 3}).chunk(3); });
  b.addError("chunk zero", {m}, "a.chunk(0)", [&] { m.chunk(0); });
  b.addError("chunk 0-dim", {s}, "a.chunk(1)", [&] { s.chunk(1); });
  b.addList("unbind", {m}, "a.unbind(1)", [&] { return m.unbind(1); });
  b.addList("unbind empty", {iota({0, 3})}, "a.unbind()", [&] { return iota({0, 3}).unbind(); });
  b.addError("unbind 0-dim", {s}, "a.unbind()", [&] { s.unbind(); });
  b.addList("tensor_split sections", {m}, "a.tensor_split(3)", [&] { return tensor_split(m, 3); });
  b.addList("tensor_split indices", {m}, "a.tensor_split([1, 5, 2], 0)", [&] {
    return tensor_split(m, IntArrayRef{1, 5, 2}, 0);
  });
  b.addList("tensor_split tensor", {m, iota({2}, kLong)}, "a.tensor_split(b, 1)",
            [&] { return tensor_split(m, iota({2}, kLong), 1); });
  b.addError("tensor_split zero", {m}, "a.tensor_split(0)", [&] { tensor_split(m, 0); });
  b.addError("tensor_split float", {m}, "a.tensor_split(torch.tensor([1.]))",
             [&] { tensor_split(m, iota({1})); });
  b.run();
}

// Views share storage: writes through a view show in the base, and the base's version
// counter moves with the view's in-place ops.
TEST(Views, AliasAndVersionCounter) {
  Tensor base = zeros({3, 4});
  Tensor v = base.t().slice(0, 1, 3).select(1, 2);  // base[2, 1:3]
  EXPECT_EQ(v.impl()->storage(), base.impl()->storage());
  uint32_t before = base._version();
  v.index_put_({std::optional<Tensor>(tensor({0, 1}))}, tensor({5.0f, 6.0f}));
  EXPECT_EQ(base._version(), before + 1);
  EXPECT_EQ(v._version(), base._version());
  std::vector<float> values = base.to_vector<float>();
  EXPECT_EQ(values[2 * 4 + 1], 5.0f);
  EXPECT_EQ(values[2 * 4 + 2], 6.0f);
  Tensor r = base.reshape({12});  // contiguous: a view
  EXPECT_EQ(r.impl()->storage(), base.impl()->storage());
  Tensor c = base.t().reshape({12});  // not viewable: a copy
  EXPECT_NE(c.impl()->storage(), base.impl()->storage());
  Tensor d = base.view(kInt);
  EXPECT_EQ(d.impl()->storage(), base.impl()->storage());
  EXPECT_EQ(d.to_vector<int32_t>()[9], std::bit_cast<int32_t>(5.0f));
}

}  // namespace
}  // namespace wick
