// ExecutionPlan: a graph lowered once into flat instructions over numbered registers
// (DESIGN decision 6). Kernels and methods are resolved, constants materialised, and each
// register's last use is known so its value is moved, not copied, and freed as early as
// possible. A plan is immutable and shared: each call runs on its own register frame, so one
// plan serves many threads at once without a lock.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "ir/function.h"
#include "ir/ir.h"
#include "runtime/fused_conv.h"
#include "runtime/type_check.h"
#include "wick/ops/registry.h"

namespace wick::jit {

enum class Opcode : uint8_t {
#define WICK_OPCODE(Name, doc) Name,
#include "runtime/opcodes.def"
#undef WICK_OPCODE
};

const char* opcodeName(Opcode op);

// An operand: a register (copied, or moved at its last use) or a plan constant.
struct Operand {
  enum class Kind : uint8_t { Copy, Move, Constant };
  uint32_t index;
  Kind kind;
};

struct Instruction {
  Opcode op;
  uint32_t in = 0, n_in = 0;    // operands [in, in + n_in)
  uint32_t out = 0, n_out = 0;  // registers [out, out + n_out) in Plan::outputs
  BoxedKernel kernel = nullptr;
  int32_t target = -1;         // jump target
  int32_t aux = -1;            // index into the plan's side tables (types, slots, callees)
  const Node* node = nullptr;  // for error messages
};

class ExecutionPlan {
 public:
  // Lowers `graph`. The graph must not change afterwards.
  explicit ExecutionPlan(std::shared_ptr<Graph> graph);

  const std::shared_ptr<Graph>& graph() const { return graph_; }
  size_t numRegisters() const { return num_registers_; }
  size_t numInputs() const { return input_regs_.size(); }

  std::vector<Instruction> code;
  std::vector<Operand> operands;
  std::vector<uint32_t> outputs;  // output registers of instructions
  std::vector<IValue> constants;
  std::vector<uint32_t> input_regs_;  // graph inputs
  std::vector<Operand> return_operands_;
  // Side tables indexed by Instruction::aux.
  std::vector<TypePtr> types;
  std::vector<size_t> slots;
  std::vector<Function*> callees;
  std::vector<InstanceTest> instance_tests;
  std::vector<std::unique_ptr<FusedConv>> fused_convs;

  // A readable listing of the instructions (for debugging and tests).
  std::string dump() const;

 private:
  std::shared_ptr<Graph> graph_;
  size_t num_registers_ = 0;
};

}  // namespace wick::jit
