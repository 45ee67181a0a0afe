// Joins, advanced indexing, gather/scatter and the rearranging copies against PyTorch.
#include "oracle_batch.h"

namespace wick {
namespace {

using testing::iota;
using testing::OracleBatch;

Tensor longs(std::vector<int64_t> v) { return tensor(v, {static_cast<int64_t>(v.size())}); }

TEST(Join, CatStack) {
  OracleBatch b("join");
  Tensor a = iota({2, 3}), c = iota({2, 4});
  Tensor cl = testing::channelsLast(iota({1, 2, 3, 3}));
  b.add("cat", {a, c}, "torch.cat([a, b], 1)", [&] { return cat({a, c}, 1); });
  b.add("cat dim 0", {a}, "torch.cat([a, a.flip(0)])", [&] { return cat({a, a.flip({0})}); });
  b.add("cat negative dim", {a, c}, "torch.cat([a, b], -1)", [&] { return cat({a, c}, -1); });
  b.add("cat transposed", {a}, "torch.cat([a.t(), a.t()], 1)", [&] {
    return cat({a.t(), a.t()}, 1);
  });
  b.add("cat promote", {iota({2, 2}, kLong), iota({2, 3}, kHalf)}, "torch.cat([a, b], 1)", [&] {
    return cat({iota({2, 2}, kLong), iota({2, 3}, kHalf)}, 1);
  });
  b.add("cat int+bool", {iota({2, 3}, kBool), iota({2, 3}, kInt)}, "torch.cat([a, b], 1)", [&] {
    return cat({iota({2, 3}, kBool), iota({2, 3}, kInt)}, 1);
  });
  b.add("cat legacy empty", {a},
        "torch.cat([torch.zeros(0), a, torch.zeros(0, dtype=torch.float64)], 1)", [&] {
          return cat({zeros({0}), a, zeros({0}, kDouble)}, 1);
        });
  b.add("cat all empty", {}, "torch.cat([torch.zeros(0), torch.zeros(0)])", [&] {
    return cat({zeros({0}), zeros({0})});
  });
  b.add("cat channels_last", {},
        "torch.cat([torch.arange(18.).reshape(1,2,3,3).to(memory_format=torch.channels_last)] * 2, "
        "1)",
        [&] {
          return cat({cl, cl}, 1);
        });
  b.add("cat mixed layouts", {},
        "torch.cat([torch.arange(18.).reshape(1,2,3,3), "
        "torch.arange(18.).reshape(1,2,3,3).to(memory_format=torch.channels_last)], 1)",
        [&] {
          return cat({iota({1, 2, 3, 3}), cl}, 1);
        });
  b.addError("cat empty list", {}, "torch.cat([])", [&] { cat({}); });
  b.addError("cat sizes", {a, c}, "torch.cat([a, b])", [&] { cat({a, c}); });
  b.addError("cat ranks", {a}, "torch.cat([a, a.unsqueeze(0)])", [&] { cat({a, a.unsqueeze(0)}); });
  b.addError("cat 0-dim", {a}, "torch.cat([a, torch.tensor(1.)])", [&] {
    cat({a, scalarTensor(1, kFloat)});
  });
  b.addError("cat dim range", {a}, "torch.cat([a, a], 2)", [&] { cat({a, a}, 2); });
  b.add("stack", {a}, "torch.stack([a, a.flip(1)])", [&] { return stack({a, a.flip({1})}); });
  b.add("stack last", {a}, "torch.stack([a, a], -1)", [&] { return stack({a, a}, -1); });
  b.add("stack 0-dim", {}, "torch.stack([torch.tensor(1.), torch.tensor(2)])", [&] {
    return stack({scalarTensor(1, kFloat), scalarTensor(2, kLong)});
  });
  b.addError("stack sizes", {a, c}, "torch.stack([a, b])", [&] { stack({a, c}); });
  b.addError("stack empty", {}, "torch.stack([])", [&] { stack({}); });
  b.addError("stack dim", {a}, "torch.stack([a, a], 3)", [&] { stack({a, a}, 3); });
  b.add("hstack", {a, c}, "torch.hstack([a, b])", [&] { return hstack({a, c}); });
  b.add("hstack 1-d", {}, "torch.hstack([torch.tensor(1.), torch.zeros(2)])", [&] {
    return hstack({scalarTensor(1, kFloat), zeros({2})});
  });
  b.add("vstack", {}, "torch.vstack([torch.zeros(3), torch.ones(2, 3)])", [&] {
    return vstack({zeros({3}), ones({2, 3})});
  });
  b.addError("hstack empty", {}, "torch.hstack([])", [&] { hstack({}); });
  b.run();
}

TEST(Index, AdvancedIndexing) {
  OracleBatch b("index");
  Tensor x = iota({3, 4});
  Tensor y = iota({2, 3, 4, 5});
  Tensor i02 = longs({0, 2}), i11 = longs({1, 1});
  auto idx = [](std::initializer_list<std::optional<Tensor>> l) { return IndexList(l); };
  b.add("index", {x, i02}, "torch.ops.aten.index(a, [b])", [&] { return index(x, idx({i02})); });
  b.add("index second dim", {x, i02}, "torch.ops.aten.index(a, [None, b])", [&] {
    return index(x, idx({std::nullopt, i02}));
  });
  b.add("index transposed", {x, i02}, "torch.ops.aten.index(a.t(), [b])",
        [&] { return index(x.t(), idx({i02})); });
  b.add("index adjacent", {y, i02, i11}, "torch.ops.aten.index(a, [None, b, c])", [&] {
    return index(y, idx({std::nullopt, i02, i11}));
  });
  b.add("index split", {y, i02, i11}, "torch.ops.aten.index(a, [None, b, None, c])", [&] {
    return index(y, idx({std::nullopt, i02, std::nullopt, i11}));
  });
  b.add("index split permuted", {y, i02, i11},
        "torch.ops.aten.index(a.permute(3, 1, 0, 2), [None, b, None, c])", [&] {
          return index(y.permute({3, 1, 0, 2}), idx({std::nullopt, i02, std::nullopt, i11}));
        });
  b.add("index permuted", {y, i02}, "torch.ops.aten.index(a.permute(0, 2, 3, 1), [None, b])", [&] {
    return index(y.permute({0, 2, 3, 1}), idx({std::nullopt, i02}));
  });
  b.add("index broadcast", {x, i02}, "torch.ops.aten.index(a, [b.view(2, 1), b])", [&] {
    return index(x, idx({i02.view({2, 1}), i02}));
  });
  b.add("index negative", {x}, "torch.ops.aten.index(a, [L(-1, -3)])", [&] {
    return index(x, idx({longs({-1, -3})}));
  });
  b.add("index 0-dim", {x}, "torch.ops.aten.index(a, [torch.tensor(1), torch.tensor(2)])", [&] {
    return index(x, idx({scalarTensor(1, kLong), scalarTensor(2, kLong)}));
  });
  b.add("index mask", {x}, "torch.ops.aten.index(a, [L(True, False, True)])", [&] {
    return index(x, idx({tensor({true, false, true})}));
  });
  b.add("index mask 2-d", {x}, "torch.ops.aten.index(a, [a > 5])",
        [&] { return index(x, idx({testing::greater(x, 5)})); });
  b.add("index byte mask", {x}, "torch.ops.aten.index(a, [L(1, 0, 1, dtype=torch.uint8)])", [&] {
    return index(x, idx({tensor({1, 0, 1}, kByte)}));
  });
  b.add("index empty index", {x}, "torch.ops.aten.index(a, [torch.zeros(0, dtype=torch.long)])",
        [&] { return index(x, idx({zeros({0}, kLong)})); });
  b.add("index empty dim", {iota({3, 0})}, "torch.ops.aten.index(a, [L(5)])", [&] {
    return index(iota({3, 0}), idx({longs({5})}));
  });
  b.add("index bool self", {iota({2, 3}, kBool)}, "torch.ops.aten.index(a, [L(1, 0)])", [&] {
    return index(iota({2, 3}, kBool), idx({longs({1, 0})}));
  });
  b.addError("index out of bounds", {x}, "torch.ops.aten.index(a, [L(5)])",
             [&] { index(x, idx({longs({5})})); });
  b.addError("index out of bounds dim 1", {x}, "torch.ops.aten.index(a, [L(0), L(-5)])", [&] {
    index(x, idx({longs({0}), longs({-5})}));
  });
  b.addError("index empty size", {iota({0, 3})}, "torch.ops.aten.index(a, [L(0)])", [&] {
    index(iota({0, 3}), idx({longs({0})}));
  });
  b.addError("index too many", {x}, "torch.ops.aten.index(a, [L(0), L(0), L(0)])", [&] {
    index(x, idx({longs({0}), longs({0}), longs({0})}));
  });
  b.addError("index float", {x}, "torch.ops.aten.index(a, [L(0.)])",
             [&] { index(x, idx({tensor({0.0f})})); });
  b.addError("index int32", {x}, "torch.ops.aten.index(a, [L(0, dtype=torch.int32)])",
             [&] { index(x, idx({tensor({0}, kInt)})); });
  b.addError("index broadcast", {x}, "torch.ops.aten.index(a, [L(0, 1), L(0, 1, 2)])", [&] {
    index(x, idx({longs({0, 1}), longs({0, 1, 2})}));
  });
  b.addError("index mask shape", {x}, "torch.ops.aten.index(a, [None, L(True, False, True)])", [&] {
    index(x, idx({std::nullopt, tensor({true, false, true})}));
  });
  b.add("index_put", {x, i02}, "torch.ops.aten.index_put(a, [b], torch.tensor(-1.))",
        [&] { return index_put(x, idx({i02}), scalarTensor(-1, kFloat)); });
  b.add("index_put rows", {x, i02}, "torch.ops.aten.index_put(a, [b], torch.ones(2, 1))", [&] {
    return index_put(x, idx({i02}), ones({2, 1}));
  });
  b.add("index_put accumulate", {x},
        "torch.ops.aten.index_put(a, [L(0, 0, 2), L(1, 1, 3)], L(1., 2., 3.), True)", [&] {
          return index_put(x, idx({longs({0, 0, 2}), longs({1, 1, 3})}), tensor({1.0f, 2.0f, 3.0f}),
                           true);
        });
  b.add("index_put mask", {x}, "torch.ops.aten.index_put(a, [a > 5], torch.tensor(0.))",
        [&] { return index_put(x, idx({testing::greater(x, 5)}), scalarTensor(0, kFloat)); });
  b.add("index_put transposed", {x}, "torch.ops.aten.index_put(a.t(), [L(0, 3)], L(7., 8., 9.))",
        [&] {
          return index_put(x.t(), idx({longs({0, 3})}), tensor({7.0f, 8.0f, 9.0f}));
        });
  b.add(
      "index_put bool accumulate", {},
      "torch.ops.aten.index_put(torch.zeros(3, dtype=torch.bool), [L(0, 0)], torch.tensor(True), "
      "True)",
      [&] {
        return index_put(zeros({3}, kBool), idx({longs({0, 0})}), scalarTensor(true, kBool), true);
      });
  b.add("index_put half accumulate", {},
        "torch.ops.aten.index_put(torch.zeros(3, dtype=torch.half), [L(0, 0, 1)], L(1., 2., 3., "
        "dtype=torch.half), True)",
        [&] {
          return index_put(zeros({3}, kHalf), idx({longs({0, 0, 1})}),
                           tensor({1.0f, 2.0f, 3.0f}, kHalf), true);
        });
  b.add("index_put_", {x}, "inplace(lambda: a.index_put_([L(1)], torch.tensor(5.)), a)", [&] {
    Tensor t = iota({3, 4});
    t.index_put_(idx({longs({1})}), scalarTensor(5, kFloat));
    return t;
  });
  b.addError("index_put shape", {x}, "torch.ops.aten.index_put(a, [L(0, 1, 2)], torch.ones(2))",
             [&] {
               index_put(x, idx({longs({0, 1, 2})}), ones({2}));
             });
  b.addError("index_put dtype", {x},
             "torch.ops.aten.index_put(a, [L(0)], torch.ones(4, dtype=torch.long))",
             [&] { index_put(x, idx({longs({0})}), ones({4}, kLong)); });
  b.addError("index_put bounds", {x}, "torch.ops.aten.index_put(a, [L(7)], torch.ones(4), True)",
             [&] { index_put(x, idx({longs({7})}), ones({4}), true); });
  b.run();
}

TEST(Index, GatherScatter) {
  OracleBatch b("gather");
  Tensor x = iota({3, 4});
  Tensor s = iota({});
  Tensor rows = tensor({{0, 0}, {1, 1}});  // [2, 2] int64
  b.add("index_select", {x}, "a.index_select(1, L(3, 0, 3))", [&] {
    return x.index_select(1, longs({3, 0, 3}));
  });
  b.add("index_select int32", {x}, "a.index_select(0, L(2, dtype=torch.int32))",
        [&] { return x.index_select(0, tensor({2}, kInt)); });
  b.add("index_select 0-dim index", {x}, "a.index_select(1, torch.tensor(2))",
        [&] { return x.index_select(1, scalarTensor(2, kLong)); });
  b.add("index_select 0-dim self", {s}, "a.index_select(0, L(0))",
        [&] { return s.index_select(0, longs({0})); });
  b.add("index_select transposed", {x}, "a.t().index_select(0, L(1, 2))", [&] {
    return x.t().index_select(0, longs({1, 2}));
  });
  b.add("index_select empty", {iota({0, 3})}, "a.index_select(0, torch.zeros(0, dtype=torch.long))",
        [&] {
          return iota({0, 3}).index_select(0, zeros({0}, kLong));
        });
  b.addError("index_select 2-d index", {x},
             "a.index_select(0, torch.zeros(1, 1, dtype=torch.long))", [&] {
               x.index_select(0, zeros({1, 1}, kLong));
             });
  b.addError("index_select float index", {x}, "a.index_select(0, torch.zeros(1))",
             [&] { x.index_select(0, zeros({1})); });
  b.addError("index_select range", {x}, "a.index_select(0, L(5))",
             [&] { x.index_select(0, longs({5})); });
  b.add("gather", {x, rows}, "a.gather(1, b)", [&] { return x.gather(1, rows); });
  b.add("gather dim 0", {x, rows}, "a.gather(0, b)", [&] { return x.gather(0, rows); });
  b.add("gather transposed", {x, rows}, "a.t().gather(1, b.t())",
        [&] { return x.t().gather(1, rows.t()); });
  b.add("gather 0-dim", {s}, "a.gather(0, torch.tensor(0))",
        [&] { return s.gather(0, scalarTensor(0, kLong)); });
  b.addError("gather ranks", {x}, "a.gather(0, torch.zeros(2, dtype=torch.long))",
             [&] { x.gather(0, zeros({2}, kLong)); });
  b.addError("gather sizes", {x}, "a.gather(0, torch.zeros(2, 5, dtype=torch.long))", [&] {
    x.gather(0, zeros({2, 5}, kLong));
  });
  b.addError("gather dtype", {x}, "a.gather(0, torch.zeros(2, 2, dtype=torch.int32))", [&] {
    x.gather(0, zeros({2, 2}, kInt));
  });
  b.addError("gather range", {x}, "a.gather(1, torch.full((2, 2), 4))", [&] {
    x.gather(1, full({2, 2}, 4));
  });
  b.add("scatter src", {x, rows}, "a.scatter(1, b, a.flip(0))",
        [&] { return x.scatter(1, rows, x.flip({0})); });
  b.add("scatter value", {x, rows}, "a.scatter(0, b, 7.5)",
        [&] { return x.scatter(0, rows, 7.5); });
  b.add("scatter value int", {iota({3, 4}, kLong), rows}, "a.scatter(1, b, 7.9)", [&] {
    return iota({3, 4}, kLong).scatter(1, rows, 7.9);
  });
  b.add("scatter transposed", {x, rows}, "a.t().scatter(1, b, 1.)",
        [&] { return x.t().scatter(1, rows, 1.0); });
  b.add("scatter reduce add", {x, rows}, "a.scatter(1, b, torch.ones(2, 2), reduce='add')", [&] {
    return scatter(x, 1, rows, ones({2, 2}), "add");
  });
  b.add("scatter reduce multiply", {x, rows},
        "a.scatter(1, b, torch.full((2, 2), 2.), reduce='multiply')", [&] {
          return scatter(x, 1, rows, full({2, 2}, 2.0), "multiply");
        });
  b.add("scatter value reduce", {x, rows}, "a.scatter(1, b, 2., reduce='add')",
        [&] { return scatter(x, 1, rows, Scalar(2.0), "add"); });
  b.add("scatter_", {x, rows}, "inplace(lambda: a.scatter_(1, b, 0.), a)", [&] {
    Tensor t = iota({3, 4});
    ops::scatter__value(t, 1, rows, 0.0);
    return t;
  });
  b.add("scatter_add", {x, rows}, "a.scatter_add(0, b, torch.ones(2, 2))", [&] {
    return scatter_add(x, 0, rows, ones({2, 2}));
  });
  b.add("scatter_add_", {x, rows, iota({2, 2})}, "inplace(lambda: a.scatter_add_(1, b, c), a)",
        [&] {
          Tensor t = iota({3, 4});
          ops::scatter_add_(t, 1, rows, iota({2, 2}));
          return t;
        });
  b.add("scatter empty index", {x}, "a.scatter(0, torch.zeros(0, 4, dtype=torch.long), 1.)", [&] {
    return x.scatter(0, zeros({0, 4}, kLong), 1.0);
  });
  b.add("scatter 0-dim", {s}, "a.scatter(0, torch.tensor(0), torch.tensor(5.))",
        [&] { return s.scatter(0, scalarTensor(0, kLong), scalarTensor(5, kFloat)); });
  b.addError("scatter dtype", {x, rows}, "a.scatter(1, b, torch.ones(2, 2, dtype=torch.long))",
             [&] {
               x.scatter(1, rows, ones({2, 2}, kLong));
             });
  b.addError("scatter src size", {x}, "a.scatter(1, L([0, 1], [2, 3]), torch.ones(1, 2))", [&] {
    x.scatter(1, tensor({{0, 1}, {2, 3}}), ones({1, 2}));
  });
  b.addError("scatter range", {x}, "a.scatter(1, L([4]), 1.)",
             [&] { x.scatter(1, tensor({{4}}), 1.0); });
  b.addError("scatter index dtype", {x}, "a.scatter(1, L([0.]), 1.)",
             [&] { x.scatter(1, tensor({{0.0f}}), 1.0); });
  b.addError("scatter reduce name", {x, rows}, "a.scatter(1, b, torch.ones(2, 2), reduce='max')",
             [&] {
               scatter(x, 1, rows, ones({2, 2}), "max");
             });
  for (std::string red : {"sum", "prod", "mean", "amax", "amin"}) {
    for (bool self_too : {true, false}) {
      std::string py =
          "a.scatter_reduce(0, L([0, 0, 1, 1], [2, 2, 2, 2]), torch.arange(-3., 5.).view(2, 4), '" +
          red + "', include_self=" + (self_too ? "True" : "False") + ")";
      b.add("scatter_reduce " + red, {x}, py, [=] {
        return scatter_reduce(iota({3, 4}), 0, tensor({{0, 0, 1, 1}, {2, 2, 2, 2}}),
                              arange(-3.0, 5.0).view({2, 4}), red, self_too);
      });
    }
  }
  b.add("scatter_reduce mean int", {iota({3, 4}, kLong)},
        "a.scatter_reduce(0, L([0, 0, 1, 1], [2, 2, 2, 2]), torch.full((2, 4), 3), 'mean')", [&] {
          return scatter_reduce(iota({3, 4}, kLong), 0, tensor({{0, 0, 1, 1}, {2, 2, 2, 2}}),
                                full({2, 4}, 3), "mean");
        });
  b.addError("scatter_reduce name", {x, rows}, "a.scatter_reduce(1, b, torch.ones(2, 2), 'max')",
             [&] {
               scatter_reduce(x, 1, rows, ones({2, 2}), "max");
             });
  b.add("masked_select", {x}, "a.masked_select(a > 4)",
        [&] { return masked_select(x, testing::greater(x, 4)); });
  b.add("masked_select broadcast", {x}, "a.masked_select(L(True, False, True, True))", [&] {
    return masked_select(x, tensor({true, false, true, true}));
  });
  b.add("masked_select scalar self", {}, "torch.tensor(1.).masked_select(L(True, False, True))",
        [&] {
          return masked_select(scalarTensor(1, kFloat), tensor({true, false, true}));
        });
  b.addError("masked_select shape", {x}, "a.masked_select(L(True, False, True))", [&] {
    masked_select(x, tensor({true, false, true}));
  });
  b.addError("masked_select float mask", {x}, "a.masked_select(torch.ones(4))",
             [&] { masked_select(x, ones({4})); });
  Tensor sparse = tensor({{0, 1, 0, 2}, {3, 0, 0, 4}, {0, 0, 5, 0}});
  b.add("nonzero", {sparse}, "torch.nonzero(a)", [&] { return nonzero(sparse); });
  b.add("nonzero 1-d", {}, "torch.nonzero(L(0., 1., float('nan')))", [&] {
    return nonzero(tensor({0.0f, 1.0f, std::nanf("")}));
  });
  b.add("nonzero 0-dim", {}, "torch.nonzero(torch.tensor(True))",
        [&] { return nonzero(scalarTensor(true, kBool)); });
  b.add("nonzero none", {}, "torch.nonzero(torch.zeros(2, 3))", [&] {
    return nonzero(zeros({2, 3}));
  });
  b.run();
}

TEST(Index, RollRepeatFlipTriangles) {
  OracleBatch b("rearrange");
  Tensor x = iota({3, 4});
  Tensor s = iota({});
  Tensor base = iota({2, 3, 4});
  Tensor p = base.permute({2, 0, 1});
  b.add("roll", {x}, "a.roll(1, 0)", [&] { return x.roll({1}, {0}); });
  b.add("roll negative", {x}, "a.roll(-5, 1)", [&] { return x.roll({-5}, {1}); });
  b.add("roll flat", {x}, "a.roll(3)", [&] { return x.roll({3}); });
  b.add("roll two dims", {x}, "a.roll((1, 2), (1, 0))", [&] { return x.roll({1, 2}, {1, 0}); });
  b.add("roll permuted", {base}, "a.permute(2, 0, 1).roll(1, 2)", [&] { return p.roll({1}, {2}); });
  b.add("roll empty", {iota({0, 3})}, "a.roll(1, 0)", [&] { return iota({0, 3}).roll({1}, {0}); });
  b.add("roll 0-dim", {s}, "a.roll(1)", [&] { return s.roll({1}); });
  b.addError("roll align", {x}, "a.roll((1, 2), (0,))", [&] { x.roll({1, 2}, {0}); });
  b.addError("roll no shifts", {x}, "a.roll([])", [&] { x.roll({}); });
  b.addError("roll dim", {x}, "a.roll(1, 2)", [&] { x.roll({1}, {2}); });
  b.add("repeat", {x}, "a.repeat(2, 1)", [&] { return x.repeat({2, 1}); });
  b.add("repeat more dims", {x}, "a.repeat(2, 1, 3)", [&] { return x.repeat({2, 1, 3}); });
  b.add("repeat transposed", {x}, "a.t().repeat(1, 2)", [&] { return x.t().repeat({1, 2}); });
  b.add("repeat zero", {x}, "a.repeat(0, 2)", [&] { return x.repeat({0, 2}); });
  b.add("repeat 0-dim", {s}, "a.repeat(2, 3)", [&] { return s.repeat({2, 3}); });
  b.addError("repeat fewer", {x}, "a.repeat(2)", [&] { x.repeat({2}); });
  b.addError("repeat negative", {x}, "a.repeat(2, -1)", [&] { x.repeat({2, -1}); });
  b.add("flip", {x}, "a.flip(0)", [&] { return x.flip({0}); });
  b.add("flip both", {x}, "a.flip(0, -1)", [&] { return x.flip({0, -1}); });
  b.add("flip permuted", {base}, "a.permute(2, 0, 1).flip(1)", [&] { return p.flip({1}); });
  b.add("flip sliced", {iota({2, 3, 4})}, "a[:, :, ::2].flip(1)", [&] {
    return iota({2, 3, 4}).slice(2, 0, std::nullopt, 2).flip({1});
  });
  b.add("flip expanded", {iota({3, 1})}, "a.expand(3, 4).flip(0)", [&] {
    return iota({3, 1}).expand({3, 4}).flip({0});
  });
  b.add("flip none", {x}, "a.flip([])", [&] { return x.flip({}); });
  b.addError("flip duplicate", {x}, "a.flip(0, -2)", [&] { x.flip({0, -2}); });
  b.add("tril", {x}, "a.tril()", [&] { return x.tril(); });
  b.add("tril negative", {x}, "a.tril(-1)", [&] { return x.tril(-1); });
  b.add("triu", {x}, "a.triu(2)", [&] { return x.triu(2); });
  b.add("triu transposed", {x}, "a.t().triu()", [&] { return x.t().triu(); });
  b.add("tril batched", {base}, "a.permute(2, 0, 1).tril(1)", [&] { return p.tril(1); });
  b.add("tril huge", {x}, "a.tril(100)", [&] { return x.tril(100); });
  b.add("triu bool", {}, "torch.ones(3, 3, dtype=torch.bool).triu()", [&] {
    return ones({3, 3}, kBool).triu();
  });
  b.addError("tril 1-d", {}, "torch.zeros(3).tril()", [&] { zeros({3}).tril(); });
  b.run();
}

TEST(Index, Padding) {
  OracleBatch b("pad");
  Tensor x = iota({1, 2, 3});
  Tensor img = iota({1, 1, 4, 4});
  b.add("constant", {x}, "torch.ops.aten.pad(a, [1, 2], 'constant', None)", [&] {
    return pad(x, {1, 2});
  });
  b.add("constant value", {x}, "torch.ops.aten.pad(a, [1, 0, 0, 1], 'constant', 2.5)", [&] {
    return pad(x, {1, 0, 0, 1}, "constant", 2.5);
  });
  b.add("constant crop", {x}, "torch.ops.aten.pad(a, [-1, -1], 'constant', None)", [&] {
    return pad(x, {-1, -1});
  });
  b.add("constant mixed", {x}, "torch.ops.aten.pad(a, [-1, 2, 1, -1], 'constant', None)", [&] {
    return pad(x, {-1, 2, 1, -1});
  });
  b.add("constant int", {iota({1, 2, 3}, kLong)}, "torch.ops.aten.pad(a, [1, 0], 'constant', 2.5)",
        [&] {
          return pad(iota({1, 2, 3}, kLong), {1, 0}, "constant", 2.5);
        });
  b.add("constant 0-dim", {}, "torch.ops.aten.pad(torch.tensor(1.), [], 'constant', None)",
        [&] { return pad(scalarTensor(1, kFloat), {}); });
  b.add("constant_pad_nd", {x}, "torch.constant_pad_nd(a, [1, 1, 1, 1, 1, 1], 3)", [&] {
    return constant_pad_nd(x, {1, 1, 1, 1, 1, 1}, 3);
  });
  b.add("constant_pad_nd channels_last", {img},
        "torch.constant_pad_nd(a.expand(2, 3, 4, 4).contiguous(memory_format=torch.channels_last), "
        "[1, 1])",
        [&] {
          return constant_pad_nd(testing::channelsLast(img.expand({2, 3, 4, 4})), {1, 1});
        });
  b.addError("constant odd", {x}, "torch.ops.aten.pad(a, [1], 'constant', None)",
             [&] { pad(x, {1}); });
  b.addError("constant long", {x},
             "torch.ops.aten.pad(a, [1, 1, 1, 1, 1, 1, 1, 1], 'constant', None)", [&] {
               pad(x, {1, 1, 1, 1, 1, 1, 1, 1});
             });
  b.addError(
      "constant_pad_nd negative", {x}, "torch.constant_pad_nd(a, [-2, -2, 1, 1])",
      [&] {
        constant_pad_nd(x, {-2, -2, 1, 1});
      },
      "start (0) + length (-1) exceeds dimension size (1)");
  b.addError("constant_pad_nd odd", {x}, "torch.constant_pad_nd(a, [1])",
             [&] { constant_pad_nd(x, {1}); });
  b.add("reflect", {x}, "torch.ops.aten.pad(a, [1, 2], 'reflect', None)", [&] {
    return pad(x, {1, 2}, "reflect");
  });
  b.add("reflect 2-d input", {},
        "torch.ops.aten.pad(torch.arange(4.).view(2, 2), [1, 1], 'reflect', None)", [&] {
          return pad(iota({2, 2}), {1, 1}, "reflect");
        });
  b.add("reflect 4-d", {img}, "torch.ops.aten.pad(a, [1, 1, 2, 2], 'reflect', None)", [&] {
    return pad(img, {1, 1, 2, 2}, "reflect");
  });
  b.add("reflect 5-d", {},
        "torch.ops.aten.pad(torch.arange(24.).view(1, 1, 2, 3, 4), [1, 1, 1, 1, 1, 1], 'reflect', "
        "None)",
        [&] {
          return pad(iota({1, 1, 2, 3, 4}), {1, 1, 1, 1, 1, 1}, "reflect");
        });
  b.add("reflect crop", {x}, "torch.ops.aten.pad(a, [-1, 1], 'reflect', None)", [&] {
    return pad(x, {-1, 1}, "reflect");
  });
  b.add("reflect zero value", {x}, "torch.ops.aten.pad(a, [1, 1], 'reflect', 0.0)", [&] {
    return pad(x, {1, 1}, "reflect", 0.0);
  });
  b.add("replicate", {x}, "torch.ops.aten.pad(a, [2, 5], 'replicate', None)", [&] {
    return pad(x, {2, 5}, "replicate");
  });
  b.add("replicate 4-d", {img}, "torch.ops.aten.pad(a, [1, 1, 3, 2], 'replicate', None)", [&] {
    return pad(img, {1, 1, 3, 2}, "replicate");
  });
  b.add("replicate crop", {x}, "torch.ops.aten.pad(a, [-1, 1], 'replicate', None)", [&] {
    return pad(x, {-1, 1}, "replicate");
  });
  b.add("circular", {x}, "torch.ops.aten.pad(a, [1, 2], 'circular', None)", [&] {
    return pad(x, {1, 2}, "circular");
  });
  b.add("circular 4-d", {img}, "torch.ops.aten.pad(a, [1, 1, 1, 0], 'circular', None)", [&] {
    return pad(img, {1, 1, 1, 0}, "circular");
  });
  b.add("circular crop", {x}, "torch.ops.aten.pad(a, [-1, 1], 'circular', None)", [&] {
    return pad(x, {-1, 1}, "circular");
  });
  b.add("reflect transposed", {x}, "torch.ops.aten.pad(a.transpose(1, 2), [1, 1], 'reflect', None)",
        [&] {
          return pad(x.transpose(1, 2), {1, 1}, "reflect");
        });
  b.addError("unknown mode", {x}, "torch.ops.aten.pad(a, [1, 1], 'foo', None)", [&] {
    pad(x, {1, 1}, "foo");
  });
  b.addError("reflect value", {x}, "torch.ops.aten.pad(a, [1, 1], 'reflect', 1.0)", [&] {
    pad(x, {1, 1}, "reflect", 1.0);
  });
  b.addError("reflect too big", {x}, "torch.ops.aten.pad(a, [3, 3], 'reflect', None)", [&] {
    pad(x, {3, 3}, "reflect");
  });
  b.addError("reflect 1-d", {}, "torch.ops.aten.pad(torch.zeros(4), [1, 1], 'reflect', None)", [&] {
    pad(zeros({4}), {1, 1}, "reflect");
  });
  b.addError(
      "replicate empty dim", {},
      "torch.ops.aten.pad(torch.zeros(1, 2, 0), [1, 1], 'replicate', None)",
      [&] {
        pad(zeros({1, 2, 0}), {1, 1}, "replicate");
      },
      "Expected 2D or 3D (batch mode) tensor with possibly 0 batch size and other non-zero "
      "dimensions for input, but got: [1, 2, 0]");
  b.addError("replicate too small", {x}, "torch.ops.aten.pad(a, [-2, -2], 'replicate', None)", [&] {
    pad(x, {-2, -2}, "replicate");
  });
  b.addError("circular wrap", {x}, "torch.ops.aten.pad(a, [4, 0], 'circular', None)", [&] {
    pad(x, {4, 0}, "circular");
  });
  b.addError("circular pad size", {x}, "torch.ops.aten.pad(a, [1, 1, 1, 1], 'circular', None)",
             [&] {
               pad(x, {1, 1, 1, 1}, "circular");
             });
  b.run();
}

}  // namespace
}  // namespace wick
