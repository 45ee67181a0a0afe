#include "passes/graph_eval.h"

#include <unordered_map>

#include "passes/node_eval.h"
#include "testing/testing.h"

namespace wick::testing {

namespace {

using namespace wick::jit;

class Evaluator {
 public:
  explicit Evaluator(const CallResolver* resolver) : resolver_(resolver) {}

  // False when a node cannot be evaluated.
  bool runBlock(const Block& b, const std::vector<IValue>& inputs, std::vector<IValue>& outputs) {
    for (size_t i = 0; i < inputs.size(); ++i) env_[b.inputs()[i]] = inputs[i];
    for (const Node* n : b)
      if (!runNode(*n)) return false;
    outputs.clear();
    for (const Value* v : b.outputs()) outputs.push_back(env_.at(v));
    return true;
  }

 private:
  bool runNode(const Node& n) {
    std::vector<IValue> in;
    for (const Value* v : n.inputs()) in.push_back(env_.at(v));
    std::vector<IValue> out;
    if (n.kind() == prim::kIf) {
      if (!runBlock(*n.blocks()[in[0].toBool() ? 0 : 1], {}, out)) return false;
    } else if (n.kind() == prim::kLoop) {
      if (!runLoop(n, in, out)) return false;
    } else if (n.kind() == prim::kCallMethod || n.kind() == prim::kCallFunction) {
      if (!runCall(n, in, out)) return false;
    } else if (n.kind() == prim::kPrint) {
      return true;
    } else if (n.kind() == prim::kRaiseException) {
      WICK_FAIL("the graph raised: ", in.at(0).toStringRef());
    } else {
      std::optional<std::vector<IValue>> r = evalNode(n, in);
      if (!r) return false;
      out = std::move(*r);
    }
    for (size_t i = 0; i < n.outputs().size(); ++i) env_[n.output(i)] = out.at(i);
    return true;
  }

  bool runLoop(const Node& n, const std::vector<IValue>& in, std::vector<IValue>& out) {
    int64_t trips = in[0].toInt();
    bool cond = in[1].toBool();
    std::vector<IValue> carried(in.begin() + 2, in.end());
    for (int64_t i = 0; cond && i < trips; ++i) {
      std::vector<IValue> body_in = {IValue(i)};
      body_in.insert(body_in.end(), carried.begin(), carried.end());
      std::vector<IValue> body_out;
      if (!runBlock(*n.blocks()[0], body_in, body_out)) return false;
      cond = body_out[0].toBool();
      carried.assign(body_out.begin() + 1, body_out.end());
    }
    out = std::move(carried);
    return true;
  }

  bool runCall(const Node& n, const std::vector<IValue>& in, std::vector<IValue>& out) {
    if (!resolver_) return false;
    const std::string& name = n.s("name");
    std::shared_ptr<const Graph> callee;
    if (n.kind() == prim::kCallMethod) {
      const auto* cls = n.input(0)->type()->cast<ClassType>();
      if (cls) callee = resolver_->methodGraph(*cls, name);
    } else {
      callee = resolver_->functionGraph(name);
    }
    if (!callee) return false;
    Evaluator inner(resolver_);
    return inner.runBlock(*callee->block(), in, out);
  }

  const CallResolver* resolver_;
  std::unordered_map<const Value*, IValue> env_;
};

template <class T>
T exampleElement(double v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v > 0;
  } else if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(v);
  } else {
    return T(static_cast<float>(v * 0.375));
  }
}

std::optional<IValue> exampleOf(const TypePtr& t, int64_t seed) {
  switch (t->kind()) {
    case TypeKind::Int: return IValue(int64_t(3));
    case TypeKind::Float: return IValue(0.5);
    case TypeKind::Bool: return IValue(true);
    case TypeKind::Tensor: {
      const auto& tt = static_cast<const TensorType&>(*t);
      std::vector<int64_t> sizes = tt.sizes ? *tt.sizes : std::vector<int64_t>{2, 3};
      DType dtype = tt.dtype ? *tt.dtype : kFloat;
      Tensor x = emptyTensor(sizes, dtype);
      WICK_DISPATCH_ALL(dtype, "example input", {
        auto* p = x.data_ptr<scalar_t>();
        for (int64_t i = 0; i < x.impl()->numel(); ++i) {
          // A fixed, irregular pattern of small values of both signs.
          p[i] = exampleElement<scalar_t>(static_cast<double>((i * 7 + seed * 13) % 11) - 5.0);
        }
      });
      return IValue(x);
    }
    default: return std::nullopt;
  }
}

::testing::AssertionResult sameValue(const IValue& a, const IValue& b) {
  if (a.isTensor() && b.isTensor()) return allClose(a.toTensor(), b.toTensor(), 1e-5, 1e-6);
  if (a.tag() != b.tag())
    return ::testing::AssertionFailure() << a.typeName() << " vs " << b.typeName();
  if (a.isTuple() || a.isList()) {
    const auto& x = a.isTuple() ? a.toTuple().elems : a.toList().elems;
    const auto& y = b.isTuple() ? b.toTuple().elems : b.toList().elems;
    if (x.size() != y.size()) return ::testing::AssertionFailure() << "lengths differ";
    for (size_t i = 0; i < x.size(); ++i) {
      auto r = sameValue(x[i], y[i]);
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  if (a == b) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << a << " vs " << b;
}

}  // namespace

std::optional<std::vector<IValue>> evalGraph(const Graph& g, const std::vector<IValue>& inputs,
                                             const CallResolver* resolver) {
  Evaluator e(resolver);
  std::vector<IValue> out;
  if (!e.runBlock(*g.block(), inputs, out)) return std::nullopt;
  return out;
}

std::optional<std::vector<IValue>> exampleInputs(const Graph& g) {
  std::vector<IValue> out;
  int64_t seed = 0;
  for (const Value* v : g.inputs()) {
    std::optional<IValue> x = exampleOf(v->type(), seed++);
    if (!x) return std::nullopt;
    out.push_back(std::move(*x));
  }
  return out;
}

::testing::AssertionResult sameResults(const std::vector<IValue>& a, const std::vector<IValue>& b) {
  if (a.size() != b.size())
    return ::testing::AssertionFailure() << a.size() << " vs " << b.size() << " results";
  for (size_t i = 0; i < a.size(); ++i) {
    auto r = sameValue(a[i], b[i]);
    if (!r) return r << " (result " << i << ")";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace wick::testing
