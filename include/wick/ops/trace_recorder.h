// The interface through which the dispatcher hands an executed op to the tracer. The trace
// layer implements it (trace/tracer.cpp); the dispatcher only sees this header.
#pragma once

#include <vector>

#include "wick/core/ivalue.h"
#include "wick/core/tracing_hooks.h"
#include "wick/ops/op_id.h"

namespace wick {

// One argument of a traced call: its concrete value, and for int / int[] / Scalar arguments
// built from traced sizes, the traced 0-dim tensor behind each element (null where the
// element is a plain number). `symbolic` is empty when nothing is traced.
struct TraceArg {
  IValue value;
  std::vector<IntrusivePtr<TensorImpl>> symbolic;
};

class TraceRecorder : public detail::TracerHooks {
 public:
  // Called after the kernel ran, with the arguments in schema order and the outputs.
  virtual void recordOp(OpId op, std::vector<TraceArg>& args, std::vector<IValue>& outputs) = 0;
};

inline TraceRecorder* currentRecorder() { return static_cast<TraceRecorder*>(detail::t_tracer); }

}  // namespace wick
