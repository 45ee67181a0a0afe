#include "passes/node_eval.h"

#include "ir/op_resolution.h"
#include "wick/core/tracing_hooks.h"

namespace wick::jit {

namespace {

std::vector<IValue> runKernel(const OpInfo& op, const std::vector<IValue>& inputs) {
  Stack stack(inputs.begin(), inputs.end());
  detail::NoTracerGuard no_trace;
  op.kernel(stack, inputs.size());
  return std::vector<IValue>(stack.begin(), stack.end());
}

std::optional<std::vector<IValue>> evalPrim(const Node& n, const std::vector<IValue>& in) {
  Symbol k = n.kind();
  if (k == prim::kConstant) {
    const IValue* v = n.findAttr("value");
    return std::vector<IValue>{v ? *v : IValue()};
  }
  if (k == prim::kListConstruct) {
    const auto* lt = n.output()->type()->cast<ListType>();
    return std::vector<IValue>{IValue(makeList(lt ? lt->elem() : AnyType::get(), in))};
  }
  if (k == prim::kTupleConstruct) {
    const auto* tt = n.output()->type()->cast<TupleType>();
    TypePtr named = tt && tt->isNamed() ? n.output()->type() : nullptr;
    return std::vector<IValue>{IValue(makeTuple(in, std::move(named)))};
  }
  if (k == prim::kDictConstruct) {
    const auto* dt = n.output()->type()->cast<DictType>();
    if (!dt) return std::nullopt;
    auto d = makeDict(dt->key(), dt->value());
    for (size_t i = 0; i + 1 < in.size(); i += 2) d->insert(in[i], in[i + 1]);
    return std::vector<IValue>{IValue(std::move(d))};
  }
  if (k == prim::kTupleUnpack || k == prim::kListUnpack) {
    const std::vector<IValue>& elems =
        k == prim::kTupleUnpack ? in.at(0).toTuple().elems : in.at(0).toList().elems;
    WICK_CHECK(elems.size() == n.outputs().size(), n.kind(), ": expected ", n.outputs().size(),
               " elements but got ", elems.size());
    return elems;
  }
  if (k == prim::kTupleIndex) {
    const auto& elems = in.at(0).toTuple().elems;
    int64_t i = in.at(1).toInt();
    int64_t size = static_cast<int64_t>(elems.size());
    WICK_CHECK_INDEX(i >= -size && i < size, "tuple index ", i, " out of range for a tuple of ",
                     size, " elements");
    return std::vector<IValue>{elems[static_cast<size_t>(i < 0 ? i + size : i)]};
  }
  if (k == prim::kunchecked_cast) return std::vector<IValue>{in.at(0)};
  if (k == prim::kUninitialized) return std::vector<IValue>{IValue()};
  if (k == prim::kGetAttr) return std::vector<IValue>{in.at(0).toObject().attr(n.s("name"))};
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<IValue>> evalNode(const Node& n, const std::vector<IValue>& inputs) {
  if (!n.blocks().empty()) return std::nullopt;
  if (isStructuralPrim(n.kind())) return evalPrim(n, inputs);
  const OpInfo* op = n.op();
  if (!op || !op->kernel || op->has(kSideEffects)) return std::nullopt;
  std::vector<IValue> out = runKernel(*op, inputs);
  if (!op->schema.is_varret && out.size() != n.outputs().size()) return std::nullopt;
  return out;
}

}  // namespace wick::jit
