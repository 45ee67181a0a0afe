// TracingState: records the ops a C++ function or module runs into a graph (DESIGN decisions
// 3 and 4). While a trace runs it is the thread's TraceRecorder: the dispatcher hands it
// every executed op, Tensor::size()/numel() ask it for symbolic sizes, and nn::Module's call
// path reports submodule calls, which become prim::CallMethod of a method traced on the
// submodule's class (one graph per module frame). Values are tracked per frame by
// TensorImpl identity.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/function.h"
#include "ir/ir.h"
#include "wick/ops/trace_recorder.h"

namespace wick::jit {

// A module of the traced hierarchy, as the caller (the api layer) describes it.
struct TracedModule {
  const void* identity = nullptr;  // the nn::Module*
  IntrusivePtr<Object> object;     // its TorchScript object (class type and slots)
  std::vector<std::string> path;   // attribute names from the root
  std::string display_name;        // for messages ("Linear")
};

// A parameter or buffer tensor of the hierarchy: the module that holds it and its name.
struct TracedAttribute {
  const void* owner = nullptr;
  std::string name;
};

class TracingState final : public TraceRecorder {
 public:
  // Submodule calls create methods named `submethod_name` ("forward"; "trainforward" and
  // "evalforward" for respect_mode traces) on the submodules' classes, with a numeric suffix
  // when the class already has one (a module called twice gets forward and forward1).
  explicit TracingState(std::string submethod_name = "forward");
  ~TracingState() override;

  // For module traces: the hierarchy (root first) and every parameter and buffer. The root
  // object becomes the graph's first input (`self`).
  void setModules(std::vector<TracedModule> modules,
                  std::unordered_map<const TensorImpl*, TracedAttribute> attributes);

  // Adds graph inputs for the example inputs, flattened as PyTorch does (tuples unpacked,
  // lists unpacked, dict values read by key). Returns the values the traced callable must
  // receive (a tensor passed twice is replaced by an alias so both stay distinct inputs).
  std::vector<IValue> addInputs(const std::vector<IValue>& inputs);
  // Registers the callable's result as the graph output (PyTorch's rules for tensors,
  // tuples, lists and dicts; `strict` as in torch.jit.trace).
  void setOutput(const IValue& output, bool strict);

  const std::shared_ptr<Graph>& graph() const { return frames_.front().graph; }
  // Methods traced on submodule classes, in the order they finished.
  struct SubMethod {
    ClassTypePtr cls;
    std::shared_ptr<Function> fn;
  };
  const std::vector<SubMethod>& subMethods() const { return sub_methods_; }
  // Ops with the kRandom trait recorded by this trace (for check_trace's report).
  const std::vector<std::string>& randomOps() const { return random_ops_; }

  // ---- TraceRecorder / TracerHooks ----
  void recordOp(OpId op, std::vector<TraceArg>& args, std::vector<IValue>& outputs) override;
  SymInt sizeOf(const TensorImpl* t, int64_t dim, SourceLocation loc) override;
  SymInt numelOf(const TensorImpl* t, SourceLocation loc) override;
  SymInt sizeArithmetic(const SymInt& a, const SymInt& b, char op) override;
  void conversionWarning(std::string_view what, SourceLocation loc) override;
  bool isTraced(const TensorImpl* t) const override;
  void enterModule(const void* module, const std::vector<IValue>& inputs) override;
  void exitModule(const void* module, const IValue& output) override;

 private:
  struct Frame {
    std::shared_ptr<Graph> graph;
    Value* self = nullptr;
    const TracedModule* module = nullptr;
    std::unordered_map<const TensorImpl*, Value*> values;
    std::map<std::string, Value*> getattrs;  // "fc1.weight" -> value, emitted once
    // For submodule frames: the parent's value of the module and of each tensor input.
    Value* call_target = nullptr;
    std::vector<Value*> call_inputs;
  };

  Frame& frame() { return frames_.back(); }
  const Frame& frame() const { return frames_.back(); }

  // The graph value of a tensor in frame f: traced values, module attributes (GetAttr
  // chains), or a constant; raises for a captured tensor that requires grad.
  Value* valueFor(Frame& f, const Tensor& t);
  Value* valueForArg(Frame& f, const TraceArg& a, const SchemaArgument& arg);
  Value* symbolicInt(Frame& f, const IntrusivePtr<TensorImpl>& traced);
  Value* constant(Frame& f, const IValue& v, TypePtr type = nullptr);
  Value* attributeChain(Frame& f, const std::vector<std::string>& path);
  void mapTensor(Frame& f, const Tensor& t, Value* v);
  void addInput(Frame& f, const IValue& in, Value* v, std::vector<IValue>& received);
  Value* outputValue(Frame& f, const IValue& out, bool strict, bool top_level);
  const TracedModule* findModule(const void* identity) const;

  std::string method_name_;
  std::vector<Frame> frames_;
  // One entry per module call in progress: whether it opened a frame (a submodule of the
  // frame's module) or runs inline (the root's own forward, modules outside the hierarchy).
  std::vector<bool> calls_;
  std::vector<TracedModule> modules_;
  std::unordered_map<const TensorImpl*, TracedAttribute> attributes_;
  std::unordered_map<const ClassType*, int> method_counts_;
  std::vector<SubMethod> sub_methods_;
  std::vector<std::string> random_ops_;
  // Keeps every tensor the trace mapped alive, so no address is reused during the trace.
  std::vector<Tensor> keep_alive_;
};

// Installs a TracingState as this thread's tracer for its lifetime. Raises "Tracing can't be
// nested" if the thread is already tracing; always uninstalls, also on exceptions.
class TracingGuard {
 public:
  explicit TracingGuard(TracingState& state);
  ~TracingGuard();
  TracingGuard(const TracingGuard&) = delete;
  TracingGuard& operator=(const TracingGuard&) = delete;
};

// True while the calling thread is tracing.
bool isTracing();

// The text PyTorch appends to container-output warnings and errors in strict mode.
extern const char* const kStrictTracerMessage;

}  // namespace wick::jit
