#include "api/trace_check.h"

#include <cmath>
#include <cstring>
#include <sstream>
#include <unordered_map>

#include "ir/function.h"
#include "wick/core/grad_mode.h"
#include "wick/core/warning.h"
#include "wick/jit/trace.h"

namespace wick::jit {

namespace {

Tensor cloneTensor(const Tensor& t) {
  Tensor c = emptyTensor(t.impl()->sizes(), t.dtype());
  const OpInfo* copy = findOp("aten::copy_");
  if (t.is_contiguous() || !copy) {
    WICK_CHECK(t.is_contiguous(), "aten::copy_ is not registered");
    std::memcpy(c.data_ptr(), t.data_ptr(), t.nbytes());
  } else {
    Stack s{IValue(c), IValue(t), IValue(false)};
    copy->kernel(s, 3);
  }
  c.impl()->setRequiresGrad(t.requires_grad());
  return c;
}

class Canonicalizer {
 public:
  std::vector<std::string> lines;

  void graph(const Graph& g, const std::string& indent) {
    std::string header = indent + "graph(";
    for (size_t i = 0; i < g.inputs().size(); ++i) header += (i ? ", " : "") + name(g.inputs()[i]);
    lines.push_back(header + "):");
    block(*g.block(), indent + "  ");
  }

 private:
  std::string name(const Value* v) {
    auto [it, fresh] = ids_.emplace(v, ids_.size());
    return "%" + std::to_string(it->second);
  }
  void block(const Block& b, const std::string& indent) {
    for (const Node* n : b) node(*n, indent);
    std::string ret = indent + "-> (";
    for (size_t i = 0; i < b.outputs().size(); ++i) ret += (i ? ", " : "") + name(b.outputs()[i]);
    lines.push_back(ret + ")");
  }
  void node(const Node& n, const std::string& indent) {
    std::ostringstream os;
    os << indent;
    for (size_t i = 0; i < n.outputs().size(); ++i) os << (i ? ", " : "") << name(n.output(i));
    os << " = " << n.kind().toQualString();
    if (!n.attributes().empty()) {
      os << "[";
      bool first = true;
      for (const auto& [k, v] : n.attributes()) {
        // Method names depend on what a class already has (forward, forward1); the callee's
        // body is compared instead.
        if (n.kind() == prim::kCallMethod && k == "name") continue;
        os << (first ? "" : ", ") << k << "=";
        if (v.isTensor()) {
          os << "<Tensor>";  // tensor constants are compared by value separately
        } else {
          os << v;
        }
        first = false;
      }
      os << "]";
    }
    os << "(";
    for (size_t i = 0; i < n.inputs().size(); ++i) os << (i ? ", " : "") << name(n.input(i));
    os << ")";
    lines.push_back(os.str());
    for (const Block* b : n.blocks()) block(*b, indent + "  ");
    // Follow submodule calls, so the comparison sees the whole traced program.
    if (n.kind() == prim::kCallMethod) {
      const auto* ct = n.input(0)->type()->cast<ClassType>();
      auto* f = ct ? dynamic_cast<Function*>(ct->findMethod(n.s("name"))) : nullptr;
      if (f) graph(*f->graph(), indent + "  ");
    }
  }
  std::unordered_map<const Value*, size_t> ids_;
};

void tensorConstants(const Graph& g, std::vector<Tensor>& out) {
  std::function<void(const Block&)> visit = [&](const Block& b) {
    for (const Node* n : b) {
      if (n->kind() == prim::kConstant) {
        if (const IValue* v = n->findAttr("value"); v && v->isTensor())
          out.push_back(v->toTensor());
      }
      for (const Block* sub : n->blocks()) visit(*sub);
      if (n->kind() == prim::kCallMethod) {
        const auto* ct = n->input(0)->type()->cast<ClassType>();
        auto* f = ct ? dynamic_cast<Function*>(ct->findMethod(n->s("name"))) : nullptr;
        if (f) tensorConstants(*f->graph(), out);
      }
    }
  };
  visit(*g.block());
}

void flattenTensors(const IValue& v, std::vector<Tensor>& out) {
  if (v.isTensor()) {
    out.push_back(v.toTensor());
  } else if (v.isTuple()) {
    for (const IValue& e : v.toTuple().elems) flattenTensors(e, out);
  } else if (v.isList()) {
    for (const IValue& e : v.toList().elems) flattenTensors(e, out);
  } else if (v.isDict()) {
    for (const auto& [k, e] : v.toDict().items()) flattenTensors(e, out);
  }
}

double defaultAtol(DType t) {
  switch (t) {
    case kHalf: return 1e-3;
    case kBFloat16: return 1e-5;
    case kFloat: return 1e-5;
    case kDouble: return 1e-7;
    default: return 0;
  }
}

// torch.testing.assert_close's rule: |a - e| <= atol + rtol * |e|, NaNs equal. Returns an
// empty string when close, else the details.
std::string compareTensors(const Tensor& actual, const Tensor& expected, double rtol) {
  std::ostringstream os;
  if (!(actual.sizes() == expected.sizes())) {
    os << "The values for attribute 'shape' do not match: " << actual.sizes()
       << " != " << expected.sizes() << ".";
    return os.str();
  }
  if (actual.dtype() != expected.dtype()) {
    os << "The values for attribute 'dtype' do not match: " << actual.dtype()
       << " != " << expected.dtype() << ".";
    return os.str();
  }
  std::vector<double> a = actual.to_vector<double>(), e = expected.to_vector<double>();
  double atol = defaultAtol(actual.dtype());
  size_t bad = 0, first = 0;
  double max_abs = 0, max_rel = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) && std::isnan(e[i])) continue;
    double diff = std::abs(a[i] - e[i]);
    if (!(diff <= atol + rtol * std::abs(e[i])) && !(a[i] == e[i])) {
      if (bad++ == 0) first = i;
      max_abs = std::max(max_abs, diff);
      if (e[i] != 0) max_rel = std::max(max_rel, diff / std::abs(e[i]));
    }
  }
  if (bad == 0) return "";
  os << "Tensor-likes are not close!\n\nMismatched elements: " << bad << " / " << a.size()
     << "\nGreatest absolute difference: " << max_abs << " (up to " << atol
     << " allowed)\nGreatest relative difference: " << max_rel << " (up to " << rtol
     << " allowed)\nFirst mismatch at flat index " << first << ": " << a[first] << " vs "
     << e[first];
  return os.str();
}

std::vector<std::string> randomNodes(const Graph& g) {
  std::vector<std::string> out;
  std::function<void(const Block&)> visit = [&](const Block& b) {
    for (const Node* n : b) {
      if (n->op() && n->op()->has(kRandom)) out.push_back(n->op()->schema.qualifiedName());
      for (const Block* sub : n->blocks()) visit(*sub);
      if (n->kind() == prim::kCallMethod) {
        const auto* ct = n->input(0)->type()->cast<ClassType>();
        auto* f = ct ? dynamic_cast<Function*>(ct->findMethod(n->s("name"))) : nullptr;
        if (f) {
          auto sub = randomNodes(*f->graph());
          out.insert(out.end(), sub.begin(), sub.end());
        }
      }
    }
  };
  visit(*g.block());
  return out;
}

std::string graphDiff(const std::vector<std::string>& a, const std::vector<std::string>& b,
                      std::string* first_a, std::string* first_b) {
  std::ostringstream os;
  size_t n = std::max(a.size(), b.size());
  bool found = false;
  for (size_t i = 0; i < n; ++i) {
    const std::string* x = i < a.size() ? &a[i] : nullptr;
    const std::string* y = i < b.size() ? &b[i] : nullptr;
    if (x && y && *x == *y) {
      os << "\t\t  " << *x << "\n";
      continue;
    }
    if (!found) {
      found = true;
      *first_a = x ? *x : "<none>";
      *first_b = y ? *y : "<none>";
    }
    if (x) os << "\t\t- " << *x << "\n";
    if (y) os << "\t\t+ " << *y << "\n";
  }
  return os.str();
}

}  // namespace

IValue cloneValue(const IValue& v) {
  if (v.isTensor()) return IValue(cloneTensor(v.toTensor()));
  if (v.isTuple()) {
    std::vector<IValue> elems;
    for (const IValue& e : v.toTuple().elems) elems.push_back(cloneValue(e));
    return IValue(makeTuple(std::move(elems), v.toTuple().type));
  }
  if (v.isList()) {
    std::vector<IValue> elems;
    for (const IValue& e : v.toList().elems) elems.push_back(cloneValue(e));
    return IValue(makeList(v.toList().elem_type, std::move(elems)));
  }
  if (v.isDict()) {
    auto d = makeDict(v.toDict().key_type, v.toDict().value_type);
    for (const auto& [k, e] : v.toDict().items()) d->insert(k, cloneValue(e));
    return IValue(d);
  }
  return v;
}

std::vector<std::string> canonicalGraphLines(const Graph& g) {
  Canonicalizer c;
  c.graph(g, "");
  return c.lines;
}

void checkTrace(const Graph& traced, const TraceCheckHooks& hooks,
                const std::vector<std::vector<IValue>>& input_sets, double tolerance) {
  NoGradGuard no_grad;
  std::vector<std::string> reference = canonicalGraphLines(traced);
  std::vector<Tensor> reference_constants;
  tensorConstants(traced, reference_constants);
  bool warned_nondeterministic = false;

  for (const auto& inputs : input_sets) {
    auto clone = [&] {
      std::vector<IValue> c;
      for (const IValue& v : inputs) c.push_back(cloneValue(v));
      return c;
    };
    // 1. Re-trace and compare the graphs and tensor constants.
    std::shared_ptr<Graph> again;
    try {
      again = hooks.retrace(clone());
    } catch (const std::exception& e) {
      throw TracingCheckError(std::string("Tracing failed sanity checks!\nencountered an "
                                          "exception while running the repeated trace with "
                                          "test inputs.\nException:\n") +
                              e.what());
    }
    std::vector<std::string> lines = canonicalGraphLines(*again);
    std::string errors;
    if (lines != reference) {
      std::string first_a, first_b;
      std::string diff = graphDiff(reference, lines, &first_a, &first_b);
      errors += "ERROR: Graphs differed across invocations!\n\tGraph diff:\n" + diff +
                "\tFirst diverging operator:\n\tNode diff:\n\t\t- " + first_a + "\n\t\t+ " +
                first_b + "\n";
    } else {
      std::vector<Tensor> constants;
      tensorConstants(*again, constants);
      for (size_t i = 0; i < constants.size() && i < reference_constants.size(); ++i) {
        std::string d = compareTensors(constants[i], reference_constants[i], 1e-5);
        if (!d.empty()) {
          errors +=
              "ERROR: Tensor-valued Constant nodes differed in value across invocations. "
              "This often indicates that the tracer has encountered untraceable code.\n"
              "\tNode:\n\t\tconstant " +
              std::to_string(i) + "\n\tComparison exception:\n\t\t" + d + "\n";
          break;
        }
      }
    }
    if (!errors.empty()) throw TracingCheckError("Tracing failed sanity checks!\n" + errors);

    // 2. Run the traced program and the C++ code on the same inputs and compare.
    auto* gen = defaultGenerator().impl();
    GeneratorImpl::State rng = gen->state();
    IValue traced_out, eager_out;
    try {
      traced_out = hooks.run_traced(clone());
    } catch (const std::exception& e) {
      throw TracingCheckError(std::string("Tracing failed sanity checks!\nencountered an "
                                          "exception while running the trace with test "
                                          "inputs.\nException:\n") +
                              e.what());
    }
    if (hooks.sync_random) gen->setState(rng);
    try {
      eager_out = hooks.run_eager(clone());
    } catch (const std::exception& e) {
      throw TracingCheckError(std::string("Tracing failed sanity checks!\nencountered an "
                                          "exception while running the C++ function with test "
                                          "inputs.\nException:\n") +
                              e.what());
    }
    std::vector<Tensor> a, e;
    flattenTensors(traced_out, a);
    flattenTensors(eager_out, e);
    bool mismatch = false;
    for (size_t i = 0; i < a.size() && i < e.size(); ++i) {
      std::string d = compareTensors(a[i], e[i], tolerance);
      if (d.empty()) continue;
      mismatch = true;
      warn(Warning::Kind::Tracer,
           "Output nr " + std::to_string(i + 1) +
               ". of the traced function does not match the corresponding output of the C++ "
               "function. Detailed error:\n" +
               d);
    }
    if (mismatch && !warned_nondeterministic) {
      std::vector<std::string> random = randomNodes(traced);
      if (!random.empty()) {
        warned_nondeterministic = true;
        std::string nodes;
        for (size_t i = 0; i < random.size() && i < 20; ++i) nodes += "\t" + random[i] + "\n";
        warn(Warning::Kind::Tracer,
             "Trace had nondeterministic nodes. Did you forget call .eval() on your model? "
             "Nodes:\n" +
                 nodes +
                 "This may cause errors in trace checking. To disable trace checking, pass "
                 "check_trace(false) to jit::trace()");
      }
    }
  }
}

}  // namespace wick::jit
