// Graph inputs and outputs of a trace: example inputs are flattened the way PyTorch's tracer
// does it, and results become graph outputs under its rules for containers.
#include <sstream>

#include "trace/tracing_state.h"
#include "wick/core/warning.h"

namespace wick::jit {

namespace {

[[noreturn]] void badInput(const IValue& v) {
  WICK_FAIL("Type '", v.type()->annotationStr(),
            "' cannot be traced. Only Tensors and (possibly nested) Lists, Dicts, and Tuples of "
            "Tensors can be traced");
}

// The graph type of an example input: complete tensor types, containers of them.
TypePtr inputType(const IValue& v) {
  if (v.isTensor()) return TensorType::create(v.toTensor());
  if (v.isTuple()) {
    std::vector<TypePtr> elems;
    for (const IValue& e : v.toTuple().elems) elems.push_back(inputType(e));
    return TupleType::create(std::move(elems));
  }
  if (v.isList()) {
    const auto& elems = v.toList().elems;
    WICK_CHECK(!elems.empty(),
               "List trace inputs must not be empty: the tracer records one "
               "value per element");
    TypePtr first = inputType(elems[0]);
    for (const IValue& e : elems) {
      TypePtr t = inputType(e);
      bool same = t->kind() == first->kind() && (t->kind() == TypeKind::Tensor || *t == *first);
      WICK_CHECK(same, "the elements of a list input must have a consistent type, found ",
                 first->annotationStr(), " and ", t->annotationStr());
    }
    return ListType::create(first->kind() == TypeKind::Tensor ? TensorType::get() : first);
  }
  if (v.isDict()) {
    const DictObj& d = v.toDict();
    WICK_CHECK(d.size() > 0, "Dict inputs to a trace must not be empty");
    TypePtr value;
    for (const auto& [k, val] : d.items()) {
      WICK_CHECK(k.isString() || k.isInt() || k.isTensor(),
                 "dict input keys must be str, int "
                 "or Tensor, found ",
                 k.typeName());
      TypePtr t = inputType(val);
      if (t->kind() == TypeKind::Tensor) t = TensorType::get();
      if (!value) {
        value = t;
      } else if (auto u = unifyTypes(value, t)) {
        value = *u;
      } else {
        WICK_FAIL("the values of a dict input must have a consistent type, found ",
                  value->annotationStr(), " and ", t->annotationStr());
      }
    }
    return DictType::create(d.key_type, value);
  }
  badInput(v);
}

}  // namespace

void TracingState::addInput(Frame& f, const IValue& in, Value* v, std::vector<IValue>& received) {
  Graph& g = *f.graph;
  if (in.isTensor()) {
    Tensor t = in.toTensor();
    // The same tensor given twice stays two inputs: the second is an alias of the first.
    if (f.values.count(t.impl())) {
      t = makeTensor(t.impl()->storagePtr(), t.dtype(), t.impl()->sizes(), t.strides(),
                     t.storage_offset());
      t.impl()->setRequiresGrad(in.toTensor().requires_grad());
    }
    mapTensor(f, t, v);
    received.emplace_back(t);
  } else if (in.isTuple()) {
    Node* unpack = g.insertNode(g.createTupleUnpack(v));
    std::vector<IValue> elems;
    const auto& src = in.toTuple().elems;
    for (size_t i = 0; i < src.size(); ++i) {
      unpack->output(i)->setType(inputType(src[i]));
      addInput(f, src[i], unpack->output(i), elems);
    }
    received.emplace_back(makeTuple(std::move(elems), in.toTuple().type));
  } else if (in.isList()) {
    const auto& src = in.toList().elems;
    Node* unpack = g.insertNode(g.createListUnpack(v, src.size()));
    std::vector<IValue> elems;
    for (size_t i = 0; i < src.size(); ++i) {
      unpack->output(i)->setType(inputType(src[i]));
      addInput(f, src[i], unpack->output(i), elems);
    }
    received.emplace_back(makeList(in.toList().elem_type, std::move(elems)));
  } else if (in.isDict()) {
    // Values are read by key, so a later call may give the keys in any order (and more keys).
    const DictObj& d = in.toDict();
    auto out = makeDict(d.key_type, d.value_type);
    for (const auto& [k, val] : d.items()) {
      Value* key = g.insertConstant(k);
      const OpInfo* getitem = nullptr;
      for (const OpInfo* op : overloadsOf("aten::__getitem__")) {
        const auto* dt = op->schema.arguments[0].type->cast<DictType>();
        if (dt && dt->key()->kind() == d.key_type->kind()) getitem = op;
      }
      WICK_CHECK(getitem, "dict inputs with ", d.key_type->annotationStr(),
                 " keys are not supported by the tracer");
      Node* n = g.insertNode(g.createOp(*getitem, {v, key}));
      n->output()->setType(inputType(val));
      std::vector<IValue> one;
      addInput(f, val, n->output(), one);
      out->insert(k, one[0]);
    }
    received.emplace_back(out);
  } else {
    badInput(in);
  }
}

std::vector<IValue> TracingState::addInputs(const std::vector<IValue>& inputs) {
  Frame& f = frames_.front();
  std::vector<IValue> received;
  for (const IValue& in : inputs) {
    TypePtr type = inputType(in);
    Value* v = f.graph->addInput();
    v->setType(type);
    addInput(f, in, v, received);
  }
  return received;
}

Value* TracingState::outputValue(Frame& f, const IValue& out, bool strict, bool top_level) {
  Graph& g = *f.graph;
  const char* kOnly =
      "Only tensors, lists, tuples of tensors, or dictionary of tensors can be output from "
      "traced functions";
  if (out.isTensor()) {
    const Tensor& t = out.toTensor();
    auto it = f.values.find(t.impl());
    if (it == f.values.end()) {
      std::ostringstream os;
      os << "output " << (top_level ? 0 : 0) << " (" << t
         << ") of traced region did not have observable data dependence with trace inputs; "
            "this probably indicates your program cannot be understood by the tracer.";
      WICK_FAIL(os.str());
    }
    return it->second;
  }
  if (out.isTuple()) {
    std::vector<Value*> elems;
    for (const IValue& e : out.toTuple().elems) elems.push_back(outputValue(f, e, strict, false));
    return g.insertNode(g.createTupleConstruct(elems))->output();
  }
  if (out.isList()) {
    const ListObj& l = out.toList();
    for (const IValue& e : l.elems) WICK_CHECK(e.isTensor(), kOnly);
    if (strict) {
      warn(Warning::Kind::Tracer,
           std::string("Encountering a list at the output of the tracer") + kStrictTracerMessage);
    }
    std::vector<Value*> elems;
    for (const IValue& e : l.elems) elems.push_back(outputValue(f, e, strict, false));
    return g.insertNode(g.createListConstruct(elems, TensorType::get()))->output();
  }
  if (out.isDict()) {
    WICK_CHECK(!strict, "Encountering a dict at the output of the tracer", kStrictTracerMessage);
    const DictObj& d = out.toDict();
    bool keys_ok = d.key_type->kind() == TypeKind::Str || d.key_type->kind() == TypeKind::Tensor;
    bool values_ok = true;
    for (const auto& [k, v] : d.items()) {
      if (v.isTuple()) {
        for (const IValue& e : v.toTuple().elems) values_ok = values_ok && e.isTensor();
      } else {
        values_ok = values_ok && v.isTensor();
      }
    }
    if (!keys_ok || !values_ok) {
      std::ostringstream os;
      os << "output 0 (" << out
         << ") of traced region cannot be understood by the tracer, only outputs matching "
            "dict[Union[str, Tensor], Union[Tensor, Tuple[Tensor, ...]]] can be a dictionary "
            "output of a traced function";
      WICK_FAIL(os.str());
    }
    std::vector<Value*> kvs;
    TypePtr value_type = TensorType::get();
    for (const auto& [k, v] : d.items()) {
      kvs.push_back(k.isTensor() ? outputValue(f, k, strict, false) : g.insertConstant(k));
      Value* val = outputValue(f, v, strict, false);
      if (v.isTuple()) value_type = val->type();
      kvs.push_back(val);
    }
    return g.insertNode(g.createDictConstruct(kvs, d.key_type, value_type))->output();
  }
  WICK_FAIL(kOnly, " (got a value of type ", out.typeName(), ")");
}

void TracingState::setOutput(const IValue& output, bool strict) {
  Frame& f = frames_.front();
  WICK_INTERNAL_ASSERT(frames_.size() == 1, "a module call did not return");
  f.graph->setInsertPoint(f.graph->block());
  f.graph->registerOutput(outputValue(f, output, strict, true));
}

}  // namespace wick::jit
