// The one place core code learns that the current thread is tracing (DESIGN decision 3).
// The trace layer installs a TracerHooks object in a thread-local pointer while user code
// runs under trace::trace(); the dispatcher clears it while a kernel runs, so ops that
// kernels call internally are not recorded. Everything else in core only asks tracer().
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>
#include "wick/core/source_location.h"

#include "wick/core/ivalue.h"
#include "wick/core/sym_int.h"

namespace wick::detail {

class TracerHooks {
 public:
  virtual ~TracerHooks() = default;
  // Records aten::size(t, dim) -> prim::NumToTensor and returns the traced SymInt.
  virtual SymInt sizeOf(const TensorImpl* t, int64_t dim, SourceLocation loc) = 0;
  // Records aten::numel(t) -> prim::NumToTensor.
  virtual SymInt numelOf(const TensorImpl* t, SourceLocation loc) = 0;
  // Records arithmetic on traced sizes: op is one of + - * / %.
  virtual SymInt sizeArithmetic(const SymInt& a, const SymInt& b, char op) = 0;
  // A value computed by the trace is being turned into a C++ value (item(), a size to
  // int64_t, a tensor to bool): the trace may not generalise. `what` is "a C++ integer",
  // "a C++ boolean", "a C++ float", "a C++ vector".
  virtual void conversionWarning(std::string_view what, SourceLocation loc) = 0;
  // Is this tensor part of the trace (an input or computed from one)?
  virtual bool isTraced(const TensorImpl* t) const = 0;
  // A module's forward is about to run / has returned (nn::Module's call path reports every
  // submodule call, so the trace can record it as prim::CallMethod). `module` identifies the
  // nn::Module; inputs and output are the call's arguments and result as IValues.
  virtual void enterModule(const void* module, const std::vector<IValue>& inputs) = 0;
  virtual void exitModule(const void* module, const IValue& output) = 0;
};

extern thread_local TracerHooks* t_tracer;
inline TracerHooks* tracer() { return t_tracer; }

// Clears the tracer for a scope (kernels, internal helpers) and restores it afterwards.
class NoTracerGuard {
 public:
  NoTracerGuard() : saved_(t_tracer) { t_tracer = nullptr; }
  ~NoTracerGuard() { t_tracer = saved_; }
  NoTracerGuard(const NoTracerGuard&) = delete;
  NoTracerGuard& operator=(const NoTracerGuard&) = delete;

 private:
  TracerHooks* saved_;
};

}  // namespace wick::detail
