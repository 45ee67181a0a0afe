// Python-style indexing (Tensor::index / index_put_ with TensorIndex lists) against PyTorch's
// x[...] and x[...] = v.
#include "oracle_batch.h"

namespace wick {
namespace {

using namespace wick::indexing;
using testing::iota;
using testing::OracleBatch;

TEST(TensorIndex, GetItem) {
  OracleBatch b("getitem");
  Tensor x = iota({3, 4, 5});
  Tensor mask = tensor({true, false, true});
  b.add("int", {x}, "a[1]", [&] { return x.index({1}); });
  b.add("negative int", {x}, "a[-1]", [&] { return x[-1]; });
  b.add("int int", {x}, "a[1, -2]", [&] { return x.index({1, -2}); });
  b.add("slice", {x}, "a[1:]", [&] { return x.index({Slice(1, None)}); });
  b.add("slice step", {x}, "a[:, ::2]", [&] { return x.index({Slice(), Slice(None, None, 2)}); });
  b.add("slice full", {x}, "a[0:3]", [&] { return x.index({Slice(0, 3)}); });
  b.add("none", {x}, "a[None]", [&] { return x.index({None}); });
  b.add("ellipsis", {x}, "a[...]", [&] { return x.index({Ellipsis}); });
  b.add("ellipsis string", {x}, "a[..., 1]", [&] { return x.index({"...", 1}); });
  b.add("mixed", {x}, "a[1:, 0, None, ...]", [&] {
    return x.index({Slice(1, None), 0, None, Ellipsis});
  });
  b.add("ellipsis middle", {x}, "a[0, ..., None, 2]", [&] {
    return x.index({0, Ellipsis, None, 2});
  });
  b.add("mask", {x, mask}, "a[b]", [&] { return x[mask]; });
  b.add("mask after slice", {x, mask}, "a[1:, :, L(True, False, True, False, True)]", [&] {
    return x.index({Slice(1, None), Slice(), tensor({true, false, true, false, true})});
  });
  b.add("index tensor", {x}, "a[L(2, 0)]", [&] { return x[tensor({2, 0})]; });
  b.add("index tensors split", {x}, "a[L(0, 1), :, L(4, 3)]", [&] {
    return x.index({tensor({0, 1}), Slice(), tensor({4, 3})});
  });
  b.add("index tensors with None", {x}, "a[None, L(0, 1), 1:3]", [&] {
    return x.index({None, tensor({0, 1}), Slice(1, 3)});
  });
  b.add("0-dim int tensor", {x}, "a[torch.tensor(2)]", [&] { return x[scalarTensor(2, kLong)]; });
  b.add("0-dim bool tensor", {x}, "a[torch.tensor(True)]",
        [&] { return x[scalarTensor(true, kBool)]; });
  b.add("true", {x}, "a[True]", [&] { return x.index({true}); });
  b.add("false", {x}, "a[False]", [&] { return x.index({false}); });
  b.add("2-d mask", {x}, "a[0][a[0] > 7]", [&] { return x[0][testing::greater(x[0], 7)]; });
  b.addError("int out of range", {x}, "a[3]", [&] { x[3]; });
  b.addError("int out of range dim 1", {x}, "a[0, 4]", [&] { x.index({0, 4}); });
  b.addError(
      "0-dim int", {}, "torch.tensor(1.)[0]", [&] { scalarTensor(1, kFloat)[0]; },
      "invalid index of a 0-dim tensor");
  b.addError("too many", {x}, "a[0, 0, 0, 0]", [&] { x.index({0, 0, 0, 0}); });
  b.addError(
      "bad ellipsis string", {}, "torch.zeros(2)['x']", [&] { iota({2}).index({"x"}); },
      "expected \"...\"");
  b.run();
}

TEST(TensorIndex, SetItem) {
  OracleBatch b("setitem");
  Tensor x = iota({3, 4});
  auto fresh = [] { return iota({3, 4}); };
  b.add("int", {x}, "inplace(lambda: a.__setitem__(1, 7.), a)", [&] {
    Tensor t = fresh();
    t.index_put_({1}, 7.0);
    return t;
  });
  b.add("slice row", {x}, "inplace(lambda: a.__setitem__((slice(None), 2), torch.arange(3.)), a)",
        [&] {
          Tensor t = fresh();
          t.index_put_({Slice(), 2}, arange(3.0));
          return t;
        });
  b.add("broadcast", {x},
        "inplace(lambda: a.__setitem__(slice(1, None), torch.arange(4.).view(1, 1, 4)), a)", [&] {
          Tensor t = fresh();
          t.index_put_({Slice(1, None)}, arange(4.0).view({1, 1, 4}));
          return t;
        });
  b.add("ellipsis", {x}, "inplace(lambda: a.__setitem__(Ellipsis, 0.), a)", [&] {
    Tensor t = fresh();
    t.index_put_({Ellipsis}, 0.0);
    return t;
  });
  b.add("mask", {x}, "inplace(lambda: a.__setitem__(a > 5, -1.), a)", [&] {
    Tensor t = fresh();
    t.index_put_({testing::greater(t, 5)}, -1.0);
    return t;
  });
  b.add("index tensor", {x},
        "inplace(lambda: a.__setitem__((L(0, 2), slice(1, 3)), torch.ones(2, 2)), a)", [&] {
          Tensor t = fresh();
          t.index_put_({tensor({0, 2}), Slice(1, 3)}, ones({2, 2}));
          return t;
        });
  b.add("leading ones in value", {x},
        "inplace(lambda: a.__setitem__(L(1), torch.ones(1, 1, 4)), a)", [&] {
          Tensor t = fresh();
          t.index_put_({tensor({1})}, ones({1, 1, 4}));
          return t;
        });
  b.add("false", {x}, "inplace(lambda: a.__setitem__(False, 5.), a)", [&] {
    Tensor t = fresh();
    t.index_put_({false}, 5.0);
    return t;
  });
  b.add("int dtype", {iota({3}, kLong)}, "inplace(lambda: a.__setitem__(0, 2.7), a)", [&] {
    Tensor t = iota({3}, kLong);
    t.index_put_({0}, 2.7);
    return t;
  });
  b.addError("shape", {x}, "a.__setitem__(0, torch.ones(3))",
             [&] { fresh().index_put_({0}, ones({3})); });
  b.run();
}

}  // namespace
}  // namespace wick
