#include "runtime/plan.h"

#include "runtime/conv_chain.h"

#include <sstream>
#include <unordered_map>

namespace wick::jit {

const char* opcodeName(Opcode op) {
  switch (op) {
#define WICK_OPCODE(Name, doc) \
  case Opcode::Name:           \
    return #Name;
#include "runtime/opcodes.def"
#undef WICK_OPCODE
  }
  return "?";
}

namespace {

// The innermost prim::Loop whose body contains `n` (null at the top level).
const Node* innermostLoop(const Node* n) {
  const Block* b = n->owningBlock();
  while (b && b->owningNode()) {
    const Node* owner = b->owningNode();
    if (owner->kind() == prim::kLoop) return owner;
    b = owner->owningBlock();
  }
  return nullptr;
}

class Lowering {
 public:
  explicit Lowering(ExecutionPlan& p) : p_(p) {}

  void run(const Graph& g) {
    for (const ConvChain& c : findConvChains(g)) {
      for (const Node* n : c.nodes()) chain_of_[n] = chains_.size();
      chains_.push_back(c);
    }
    for (Value* in : g.inputs()) p_.input_regs_.push_back(defineRegister(in));
    lowerBlock(g.block());
    for (Value* out : g.outputs()) {
      p_.return_operands_.push_back(use(out, g.returnNode()));
      return_use_sites_.push_back(p_.return_operands_.size() - 1);
    }
    markMoves();
  }

  size_t numRegisters() const { return next_register_; }

 private:
  uint32_t defineRegister(Value* v) {
    auto [it, fresh] = registers_.emplace(v, next_register_);
    if (fresh) ++next_register_;
    return it->second;
  }

  // Records a use of v by `user` and returns its operand (constants stay in the plan).
  Operand use(Value* v, const Node* user) {
    if (v->node()->kind() == prim::kConstant) {
      auto it = constants_.find(v);
      if (it == constants_.end()) {
        const IValue* val = v->node()->findAttr("value");
        p_.constants.push_back(val ? *val : IValue());
        it = constants_.emplace(v, static_cast<uint32_t>(p_.constants.size() - 1)).first;
      }
      return Operand{it->second, Operand::Kind::Constant};
    }
    auto it = registers_.find(v);
    WICK_INTERNAL_ASSERT(it != registers_.end(), "value %", v->displayName(),
                         " is used before it is defined");
    uses_.push_back(UseSite{it->second, user, v->node()});
    return Operand{it->second, Operand::Kind::Copy};
  }

  Instruction& emit(Opcode op, const Node* node, const std::vector<Value*>& ins,
                    const std::vector<Value*>& outs, const Node* user = nullptr) {
    Instruction instr;
    instr.op = op;
    instr.node = node;
    instr.in = static_cast<uint32_t>(p_.operands.size());
    for (Value* v : ins) {
      Operand o = use(v, user ? user : node);
      p_.operands.push_back(o);
      bool is_register = o.kind != Operand::Kind::Constant;
      operand_uses_.push_back(is_register ? uses_.size() - 1 : 0);
      operand_is_register_.push_back(is_register);
      operand_movable_.push_back(is_register);
    }
    instr.n_in = static_cast<uint32_t>(ins.size());
    instr.out = static_cast<uint32_t>(p_.outputs.size());
    for (Value* v : outs) p_.outputs.push_back(defineRegister(v));
    instr.n_out = static_cast<uint32_t>(outs.size());
    p_.code.push_back(instr);
    return p_.code.back();
  }

  int32_t pc() const { return static_cast<int32_t>(p_.code.size()); }

  void lowerBlock(const Block* b) {
    for (const Node* n : *b) lowerNode(n);
  }

  void lowerNode(const Node* n) {
    Symbol k = n->kind();
    std::vector<Value*> ins(n->inputs().begin(), n->inputs().end());
    std::vector<Value*> outs(n->outputs().begin(), n->outputs().end());
    if (auto it = chain_of_.find(n); it != chain_of_.end()) {
      // A convolution chain runs as one instruction where its last node was.
      const ConvChain& c = chains_[it->second];
      if (n != c.last()) return;
      auto fused = std::make_unique<FusedConv>(c);
      emit(Opcode::FusedConv, n, fused->operands(), outs).aux =
          static_cast<int32_t>(p_.fused_convs.size());
      p_.fused_convs.push_back(std::move(fused));
      return;
    }
    if (n->op()) {
      emit(Opcode::Op, n, ins, outs).kernel = n->op()->kernel;
      return;
    }
    if (k == prim::kConstant) return;  // read from the plan's constants
    if (k == prim::kIf) return lowerIf(n);
    if (k == prim::kLoop) return lowerLoop(n);
    if (k == prim::kListConstruct) {
      const auto* lt = n->output()->type()->cast<ListType>();
      emit(Opcode::ListConstruct, n, ins, outs).aux = addType(lt ? lt->elem() : AnyType::get());
    } else if (k == prim::kListUnpack) {
      emit(Opcode::ListUnpack, n, ins, outs);
    } else if (k == prim::kTupleConstruct) {
      const auto* tt = n->output()->type()->cast<TupleType>();
      emit(Opcode::TupleConstruct, n, ins, outs).aux =
          addType(tt && tt->isNamed() ? n->output()->type() : nullptr);
    } else if (k == prim::kTupleUnpack) {
      emit(Opcode::TupleUnpack, n, ins, outs);
    } else if (k == prim::kTupleIndex) {
      emit(Opcode::TupleIndex, n, ins, outs);
    } else if (k == prim::kTupleSlice) {
      Instruction& i = emit(Opcode::TupleSlice, n, ins, outs);
      i.aux = static_cast<int32_t>(p_.slots.size());
      p_.slots.push_back(static_cast<size_t>(n->i("beg")));
      p_.slots.push_back(static_cast<size_t>(n->i("end")));
    } else if (k == prim::kDictConstruct) {
      const auto* dt = n->output()->type()->cast<DictType>();
      WICK_CHECK(dt, "prim::DictConstruct must produce a Dict type, got ",
                 n->output()->type()->str());
      emit(Opcode::DictConstruct, n, ins, outs).aux = addType(n->output()->type());
    } else if (k == prim::kGetAttr || k == prim::kSetAttr) {
      lowerAttr(n, ins, outs);
    } else if (k == prim::kCallMethod) {
      const auto* ct = n->input(0)->type()->cast<ClassType>();
      const std::string& name = n->s("name");
      WICK_CHECK(ct, "prim::CallMethod on a value of type ", n->input(0)->type()->str());
      auto* f = dynamic_cast<Function*>(ct->findMethod(name));
      WICK_CHECK(f, "'", ct->name(), "' has no method '", name, "'");
      emit(Opcode::CallMethod, n, ins, outs).aux = addCallee(f);
    } else if (k == prim::kEnter || k == prim::kExit) {
      lowerWith(n, ins, outs);
    } else if (k == prim::kCallFunction) {
      WICK_CHECK(n->callee(), "prim::CallFunction without a resolved function",
                 n->hasAttribute("name") ? " '" + n->s("name") + "'" : std::string());
      emit(Opcode::CallFunction, n, ins, outs).aux = addCallee(n->callee().get());
    } else if (k == prim::kCreateObject) {
      emit(Opcode::CreateObject, n, ins, outs).aux = addType(n->output()->type());
    } else if (k == prim::kRaiseException) {
      emit(Opcode::Raise, n, ins, outs);
    } else if (k == prim::kPrint) {
      emit(Opcode::Print, n, ins, outs);
    } else if (k == prim::kisinstance) {
      Instruction& i = emit(Opcode::IsInstance, n, ins, outs);
      i.aux = static_cast<int32_t>(p_.instance_tests.size());
      const IValue& types = n->attr("types");
      i.target = static_cast<int32_t>(types.toList().elems.size());
      for (const IValue& t : types.toList().elems) p_.instance_tests.emplace_back(t.toStringRef());
    } else if (k == prim::kUninitialized) {
      emit(Opcode::Uninitialized, n, ins, outs);
    } else if (k == prim::kunchecked_cast) {
      emit(Opcode::Move, n, ins, outs);
    } else {
      WICK_FAIL("unknown operator ", k.toQualString(),
                n->op() ? "" : " (no kernel is registered for it)");
    }
  }

  // A `with` item's prim::Enter calls __enter__ and keeps __exit__ (in `target`) for the
  // interpreter to call when an error leaves the with body; prim::Exit calls __exit__.
  void lowerWith(const Node* n, const std::vector<Value*>& ins, const std::vector<Value*>& outs) {
    const auto* ct = n->input(0)->type()->cast<ClassType>();
    WICK_CHECK(ct, n->kind().toQualString(), " on a value of type ", n->input(0)->type()->str());
    auto method = [&](const char* name) {
      auto* f = dynamic_cast<Function*>(ct->findMethod(name));
      WICK_CHECK(f, "'", ct->name(), "' has no method '", name, "'");
      return addCallee(f);
    };
    if (n->kind() == prim::kEnter) {
      Instruction& i = emit(Opcode::Enter, n, ins, outs);
      i.aux = method("__enter__");
      i.target = method("__exit__");
    } else {
      emit(Opcode::Exit, n, ins, outs).aux = method("__exit__");
    }
  }

  void lowerAttr(const Node* n, const std::vector<Value*>& ins, const std::vector<Value*>& outs) {
    const auto* ct = n->input(0)->type()->cast<ClassType>();
    WICK_CHECK(ct, n->kind().toQualString(), " on a value of type ", n->input(0)->type()->str());
    size_t slot = ct->attributeSlot(n->s("name"));
    Instruction& i =
        emit(n->kind() == prim::kGetAttr ? Opcode::GetAttr : Opcode::SetAttr, n, ins, outs);
    i.aux = static_cast<int32_t>(p_.slots.size());
    p_.slots.push_back(slot);
  }

  void lowerIf(const Node* n) {
    WICK_CHECK(n->blocks().size() == 2, "prim::If needs two blocks");
    std::vector<Value*> outs(n->outputs().begin(), n->outputs().end());
    size_t jump_false = p_.code.size();
    emit(Opcode::JumpIfFalse, n, {n->input(0)}, {});
    lowerBranch(n->blocks()[0], outs);
    size_t jump_end = p_.code.size();
    emit(Opcode::Jump, n, {}, {});
    p_.code[jump_false].target = pc();
    lowerBranch(n->blocks()[1], outs);
    p_.code[jump_end].target = pc();
  }

  void lowerBranch(const Block* b, const std::vector<Value*>& outs) {
    lowerBlock(b);
    std::vector<Value*> results(b->outputs().begin(), b->outputs().end());
    if (!outs.empty()) emit(Opcode::Move, b->owningNode(), results, outs, b->returnNode());
  }

  // An instruction whose operands are given directly; they are never moved.
  Instruction& emitRaw(Opcode op, const Node* node, const std::vector<Operand>& ins,
                       const std::vector<uint32_t>& out_regs) {
    Instruction instr;
    instr.op = op;
    instr.node = node;
    instr.in = static_cast<uint32_t>(p_.operands.size());
    for (const Operand& o : ins) {
      p_.operands.push_back(o);
      operand_uses_.push_back(0);
      operand_is_register_.push_back(o.kind != Operand::Kind::Constant);
      operand_movable_.push_back(false);
    }
    instr.n_in = static_cast<uint32_t>(ins.size());
    instr.out = static_cast<uint32_t>(p_.outputs.size());
    for (uint32_t r : out_regs) p_.outputs.push_back(r);
    instr.n_out = static_cast<uint32_t>(out_regs.size());
    p_.code.push_back(instr);
    return p_.code.back();
  }

  Operand constantOperand(IValue v) {
    p_.constants.push_back(std::move(v));
    return Operand{static_cast<uint32_t>(p_.constants.size() - 1), Operand::Kind::Constant};
  }

  // Uses of v by the loop's own bookkeeping run every iteration: never moved (emitRaw).
  Operand pinnedUse(Value* v, const Node* user) { return use(v, user); }

  void lowerLoop(const Node* n) {
    // prim::Loop(max_trip_count, cond, carried...) with body (i, carried...) ->
    // (cond, carried...); outputs are the final carried values.
    const Block* body = n->blocks().at(0);
    size_t carried = n->inputs().size() - 2;
    WICK_CHECK(body->inputs().size() == carried + 1 && body->outputs().size() == carried + 1 &&
                   n->outputs().size() == carried,
               "malformed prim::Loop: ", carried, " carried values");
    // The body's counter parameter is the loop counter itself; it and the condition live in
    // pinned registers that are never moved out.
    uint32_t counter_reg = defineRegister(body->inputs()[0]);
    uint32_t cond_reg = next_register_++;
    pinned_.push_back(counter_reg);
    std::vector<Value*> params(body->inputs().begin() + 1, body->inputs().end());
    std::vector<Value*> init(n->inputs().begin() + 2, n->inputs().end());
    std::vector<uint32_t> param_regs;
    for (Value* pv : params) param_regs.push_back(defineRegister(pv));

    emitRaw(Opcode::Move, n, {pinnedUse(n->input(1), n), constantOperand(IValue(int64_t(0)))},
            {cond_reg, counter_reg});
    if (!init.empty()) emit(Opcode::Move, n, init, params);
    int32_t head = pc();
    size_t cond_instr = p_.code.size();
    emitRaw(Opcode::LoopCond, n,
            {pinnedUse(n->input(0), n), Operand{counter_reg, Operand::Kind::Copy},
             Operand{cond_reg, Operand::Kind::Copy}},
            {});
    lowerBlock(body);
    std::vector<Value*> results(body->outputs().begin(), body->outputs().end());
    // cond, params = body outputs (a parallel assignment).
    Instruction& m = emit(Opcode::Move, n, results, {}, body->returnNode());
    p_.outputs.push_back(cond_reg);
    for (uint32_t r : param_regs) p_.outputs.push_back(r);
    m.n_out = static_cast<uint32_t>(results.size());
    emitRaw(Opcode::LoopNext, n, {Operand{counter_reg, Operand::Kind::Copy}}, {}).target = head;
    p_.code[cond_instr].target = pc();
    std::vector<Value*> outs(n->outputs().begin(), n->outputs().end());
    if (!outs.empty()) emit(Opcode::Move, n, params, outs);
  }

  int32_t addType(TypePtr t) {
    p_.types.push_back(std::move(t));
    return static_cast<int32_t>(p_.types.size() - 1);
  }
  int32_t addCallee(Function* f) {
    p_.callees.push_back(f);
    return static_cast<int32_t>(p_.callees.size() - 1);
  }

  // An operand may be moved out of its register at the register's last use, unless the use
  // sits in a loop that does not also contain the definition (the next iteration needs it).
  void markMoves() {
    std::vector<int64_t> last(next_register_, -1);
    for (size_t k = 0; k < p_.operands.size(); ++k) {
      if (operand_is_register_[k]) last[p_.operands[k].index] = static_cast<int64_t>(k);
    }
    std::vector<bool> returned(next_register_, false);
    for (uint32_t r : pinned_) returned[r] = true;
    for (const Operand& o : p_.return_operands_) {
      if (o.kind != Operand::Kind::Constant) returned[o.index] = true;
    }
    for (size_t k = 0; k < p_.operands.size(); ++k) {
      if (!operand_movable_[k]) continue;
      Operand& o = p_.operands[k];
      if (last[o.index] != static_cast<int64_t>(k) || returned[o.index]) continue;
      const UseSite& site = uses_[operand_uses_[k]];
      if (innermostLoop(site.user) == innermostLoop(site.definer)) o.kind = Operand::Kind::Move;
    }
    // Graph outputs leave the frame at the end: move each register the last time it appears.
    std::vector<bool> seen(next_register_, false);
    for (size_t k = p_.return_operands_.size(); k-- > 0;) {
      Operand& o = p_.return_operands_[k];
      if (o.kind == Operand::Kind::Constant || seen[o.index]) continue;
      seen[o.index] = true;
      o.kind = Operand::Kind::Move;
    }
  }

  struct UseSite {
    uint32_t reg;
    const Node* user;
    const Node* definer;
  };

  ExecutionPlan& p_;
  std::vector<ConvChain> chains_;
  std::unordered_map<const Node*, size_t> chain_of_;
  std::unordered_map<const Value*, uint32_t> registers_;
  std::unordered_map<const Value*, uint32_t> constants_;
  std::vector<UseSite> uses_;
  std::vector<size_t> operand_uses_;       // per operand: index into uses_
  std::vector<bool> operand_is_register_;  // per operand: reads a register
  std::vector<bool> operand_movable_;      // per operand: may take the value at its last use
  std::vector<size_t> return_use_sites_;
  std::vector<uint32_t> pinned_;  // registers never moved (loop counters)
  uint32_t next_register_ = 0;
};

}  // namespace

ExecutionPlan::ExecutionPlan(std::shared_ptr<Graph> graph) : graph_(std::move(graph)) {
  Lowering l(*this);
  l.run(*graph_);
  num_registers_ = l.numRegisters();
}

std::string ExecutionPlan::dump() const {
  std::ostringstream os;
  auto operand = [&](const Operand& o) {
    if (o.kind == Operand::Kind::Constant) {
      os << "c" << o.index;
    } else {
      os << (o.kind == Operand::Kind::Move ? "^r" : "r") << o.index;
    }
  };
  for (size_t pc = 0; pc < code.size(); ++pc) {
    const Instruction& i = code[pc];
    os << pc << ": ";
    for (uint32_t k = 0; k < i.n_out; ++k) os << (k ? ", " : "") << "r" << outputs[i.out + k];
    if (i.n_out) os << " = ";
    os << opcodeName(i.op);
    if ((i.op == Opcode::Op || i.op == Opcode::FusedConv) && i.node) {
      os << " " << i.node->kind().toQualString();
    }
    os << "(";
    for (uint32_t k = 0; k < i.n_in; ++k) {
      if (k) os << ", ";
      operand(operands[i.in + k]);
    }
    os << ")";
    if (i.target >= 0 && i.op != Opcode::IsInstance) os << " -> " << i.target;
    os << "\n";
  }
  os << "return (";
  for (size_t k = 0; k < return_operands_.size(); ++k) {
    if (k) os << ", ";
    operand(return_operands_[k]);
  }
  os << ")\n";
  return os.str();
}

}  // namespace wick::jit
