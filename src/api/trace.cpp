// jit::trace_function and jit::trace_module (see wick/jit/trace.h).
#include <sstream>

#include "api/module_builder.h"
#include "api/trace_check.h"
#include "ir/function.h"
#include "passes/dead_code_elimination.h"
#include "runtime/interpreter.h"
#include "trace/tracing_state.h"
#include "wick/jit/trace.h"

namespace wick::jit {

namespace {

// Orders example inputs given by name (example_kwarg_inputs) by the argument names.
std::vector<IValue> resolveInputs(std::vector<IValue> inputs, const TraceOptions& opts,
                                  const char* what) {
  if (opts.example_kwarg_inputs_.empty()) return inputs;
  WICK_CHECK(inputs.empty(), "give example inputs either by position or by name, not both");
  WICK_CHECK(!opts.arg_names_.empty(),
             "example_kwarg_inputs needs the argument names "
             "(TraceOptions::arg_names)");
  std::string valid;
  for (const auto& n : opts.arg_names_) valid += (valid.empty() ? "" : ", ") + n;
  for (const auto& [k, v] : opts.example_kwarg_inputs_) {
    bool known = false;
    for (const auto& n : opts.arg_names_) known = known || n == k;
    WICK_CHECK(known, "'", k, "' is not in ", what, "'s arguments: ", valid);
  }
  std::vector<IValue> out;
  for (const auto& n : opts.arg_names_) {
    auto it = opts.example_kwarg_inputs_.find(n);
    if (it == opts.example_kwarg_inputs_.end()) break;
    out.push_back(it->second);
  }
  WICK_CHECK(out.size() == opts.example_kwarg_inputs_.size(),
             "example_kwarg_inputs must give the leading arguments without gaps (", valid, ")");
  return out;
}

void nameInputs(Graph& g, const TraceOptions& opts, size_t first) {
  for (size_t i = 0; i < opts.arg_names_.size() && first + i < g.inputs().size(); ++i) {
    g.inputs()[first + i]->setDebugName(opts.arg_names_[i]);
  }
}

std::shared_ptr<Graph> traceFunctionGraph(const TracedCallable& fn,
                                          const std::vector<IValue>& inputs,
                                          const TraceOptions& opts) {
  TracingState state("forward");
  {
    TracingGuard guard(state);
    std::vector<IValue> received = state.addInputs(inputs);
    IValue out = fn(received);
    state.setOutput(out, opts.strict_);
  }
  // As PyTorch's tracer does: ops whose results went unused (a sum only read by item(), an
  // unused random draw) do not stay in the graph; writes to inputs do.
  eliminateDeadCode(*state.graph());
  nameInputs(*state.graph(), opts, 0);
  return state.graph();
}

}  // namespace

ScriptFunction trace_function(const TracedCallable& fn, std::vector<IValue> example_inputs,
                              const TraceOptions& options) {
  std::vector<IValue> inputs = resolveInputs(std::move(example_inputs), options, "the function");
  auto graph = traceFunctionGraph(fn, inputs, options);
  auto cu = std::make_shared<CompilationUnit>();
  auto f = cu->addFunction(std::make_shared<Function>("forward", graph));
  if (options.check_trace_) {
    TraceCheckHooks hooks;
    hooks.retrace = [&](const std::vector<IValue>& in) {
      return traceFunctionGraph(fn, in, options);
    };
    hooks.run_traced = [&](const std::vector<IValue>& in) {
      Stack s(in);
      runFunction(*f, s);
      return s[0];
    };
    hooks.run_eager = [&](const std::vector<IValue>& in) { return fn(in); };
    checkTrace(*graph, hooks,
               options.check_inputs_.empty() ? std::vector<std::vector<IValue>>{inputs}
                                             : options.check_inputs_,
               options.check_tolerance_);
  }
  return ScriptFunction(f, cu);
}

namespace {

struct MethodTrace {
  std::shared_ptr<Graph> graph;
  std::vector<TracingState::SubMethod> sub_methods;
};

MethodTrace traceMethod(const ModuleHierarchy& h, const std::string& invoke,
                        const std::string& method, const std::vector<IValue>& inputs,
                        const TraceOptions& opts) {
  // Submodules are called through their forward; respect_mode traces name them after the
  // mode so each submodule also dispatches on its own `training`.
  bool mode_method = method == "trainforward" || method == "evalforward";
  TracingState state(mode_method ? method : "forward");
  state.setModules(h.modules, h.attributes);
  {
    TracingGuard guard(state);
    std::vector<IValue> received = state.addInputs(inputs);
    IValue out = h.eager.front()->run_method(invoke, received);
    state.setOutput(out, opts.strict_);
  }
  eliminateDeadCode(*state.graph());
  for (const TracingState::SubMethod& m : state.subMethods()) eliminateDeadCode(*m.fn->graph());
  nameInputs(*state.graph(), opts, 1);
  return MethodTrace{state.graph(), state.subMethods()};
}

void install(const ModuleHierarchy& h, const std::string& method, const MethodTrace& t) {
  auto root_cls = h.root->type;
  root_cls->replaceMethod(std::make_shared<Function>(root_cls->name() + "." + method, t.graph));
  for (const auto& sub : t.sub_methods) sub.cls->replaceMethod(sub.fn);
}

// forward(self, args...) = trainforward(...) if self.training else evalforward(...)
void addModeDispatch(const ClassTypePtr& cls) {
  auto* train = dynamic_cast<Function*>(cls->findMethod("trainforward"));
  auto* eval = dynamic_cast<Function*>(cls->findMethod("evalforward"));
  if (!train || !eval || cls->findMethod("forward")) return;
  auto g = std::make_shared<Graph>();
  Value* self = g->addInput("self");
  self->setType(cls);
  std::vector<Value*> args{self};
  for (size_t i = 1; i < train->graph()->inputs().size(); ++i) {
    Value* v = g->addInput();
    v->setType(train->graph()->inputs()[i]->type());
    args.push_back(v);
  }
  Value* training = g->insertNode(g->createGetAttr(self, "training"))->output();
  Node* n_if = g->insertNode(g->create(prim::kIf, {training}, 1));
  TypePtr out_type = train->graph()->outputs()[0]->type();
  if (auto u = unifyTypes(out_type, eval->graph()->outputs()[0]->type())) out_type = *u;
  if (out_type->kind() == TypeKind::Tensor) out_type = TensorType::get();
  n_if->output()->setType(out_type);
  for (const char* name : {"trainforward", "evalforward"}) {
    Block* b = n_if->addBlock();
    g->setInsertPoint(b);
    Node* call = g->insertNode(g->create(prim::kCallMethod, args, 1));
    call->setAttr("name", IValue(std::string(name)));
    call->output()->setType(out_type);
    b->registerOutput(call->output());
  }
  g->setInsertPoint(g->block());
  g->registerOutput(n_if->output());
  cls->replaceMethod(std::make_shared<Function>(cls->name() + ".forward", g));
}

void checkModuleTrace(const ModuleHierarchy& h, const std::string& invoke,
                      const std::string& method, const std::vector<IValue>& inputs,
                      const TraceOptions& opts, bool sync_random) {
  auto* fn = dynamic_cast<Function*>(h.root->type->findMethod(method));
  WICK_INTERNAL_ASSERT(fn);
  TraceCheckHooks hooks;
  hooks.retrace = [&](const std::vector<IValue>& in) {
    ModuleHierarchy fresh = buildHierarchy(h.eager.front());
    MethodTrace t = traceMethod(fresh, invoke, method, in, opts);
    install(fresh, method, t);
    // Keep the fresh classes alive with the graph for the comparison.
    auto keep = std::make_shared<ModuleHierarchy>(std::move(fresh));
    return std::shared_ptr<Graph>(t.graph.get(), [keep, g = t.graph](Graph*) {});
  };
  hooks.run_traced = [&](const std::vector<IValue>& in) {
    Stack s;
    s.emplace_back(h.root);
    s.insert(s.end(), in.begin(), in.end());
    runFunction(*fn, s);
    return s[0];
  };
  hooks.run_eager = [&](const std::vector<IValue>& in) {
    return h.eager.front()->run_method(invoke, in);
  };
  hooks.sync_random = sync_random;
  checkTrace(
      *fn->graph(), hooks,
      opts.check_inputs_.empty() ? std::vector<std::vector<IValue>>{inputs} : opts.check_inputs_,
      opts.check_tolerance_);
}

}  // namespace

ScriptModule trace_module(const std::shared_ptr<nn::Module>& module,
                          const std::vector<std::pair<std::string, std::vector<IValue>>>& methods,
                          const TraceOptions& options) {
  WICK_CHECK(module, "jit::trace_module: the module is null");
  WICK_CHECK(!methods.empty(), "jit::trace_module: no methods to trace");
  for (const auto& [name, inputs] : methods) {
    WICK_CHECK(name != "trainforward" && name != "evalforward",
               "Methods `evalforward` and `trainforward` are reserved.");
    WICK_CHECK(module->has_method(name), "Method '", name, "' does not exist in ", module->name(),
               " and therefore can't be traced (register it with register_method)");
  }
  ModuleHierarchy h = buildHierarchy(module);
  ModeGuard modes(h.eager);
  for (const auto& [name, example] : methods) {
    std::vector<IValue> inputs = resolveInputs(example, options, name.c_str());
    if (options.respect_mode_ && name == "forward") {
      {
        // Train mode: tracing (and checking) runs the module, which must leave no changed
        // buffers behind (BatchNorm running statistics).
        BufferSnapshot snapshot(module);
        module->train(true);
        MethodTrace t = traceMethod(h, name, "trainforward", inputs, options);
        install(h, "trainforward", t);
        if (options.check_trace_) checkModuleTrace(h, name, "trainforward", inputs, options, true);
        snapshot.restore();
      }
      module->train(false);
      MethodTrace t = traceMethod(h, name, "evalforward", inputs, options);
      install(h, "evalforward", t);
      if (options.check_trace_) checkModuleTrace(h, name, "evalforward", inputs, options, false);
      modes.restore();
      for (const TracedModule& m : h.modules) addModeDispatch(m.object->type);
    } else {
      modes.restore();
      MethodTrace t = traceMethod(h, name, name, inputs, options);
      install(h, name, t);
      if (options.check_trace_) checkModuleTrace(h, name, name, inputs, options, false);
    }
  }
  modes.restore();
  for (size_t i = 0; i < h.modules.size(); ++i) {
    h.modules[i].object->setAttr("training", IValue(h.eager[i]->is_training()));
  }
  return ScriptModule(h.root, h.cu);
}

}  // namespace wick::jit
