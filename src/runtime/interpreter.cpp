#include "runtime/interpreter.h"

#include <iostream>
#include <mutex>

#include "runtime/optimize.h"
#include "runtime/script_print.h"
#include "runtime/type_check.h"

namespace wick::jit {

const ExecutionPlan& planFor(const Function& f) {
  return f.plan<ExecutionPlan>([&] { return new ExecutionPlan(optimizeForExecution(*f.graph())); });
}

void runFunction(const Function& f, Stack& stack) { runPlan(planFor(f), stack); }

namespace {

std::string describeNode(const Node* n) {
  if (!n) return "<unknown>";
  std::string s = n->kind().toQualString();
  if (!n->sourceRange().empty()) s += " (" + n->sourceRange() + ")";
  return s;
}

class Frame {
 public:
  Frame(const ExecutionPlan& plan, Stack& stack) : plan_(plan), stack_(stack) {
    regs_.resize(plan.numRegisters());
  }

  void run() {
    WICK_CHECK(stack_.size() >= plan_.numInputs(), "expected ", plan_.numInputs(),
               " inputs but got ", stack_.size());
    size_t base = stack_.size() - plan_.numInputs();
    for (size_t i = 0; i < plan_.numInputs(); ++i) {
      regs_[plan_.input_regs_[i]] = std::move(stack_[base + i]);
    }
    stack_.resize(base);
    const Instruction* code = plan_.code.data();
    size_t pc = 0, end = plan_.code.size();
    try {
      while (pc < end) {
        const Instruction& i = code[pc];
        pc = step(i, pc);
      }
    } catch (const ScriptError& e) {
      exitAllEntered();
      throw ScriptError(e.original(),
                        e.trace() + "\n  called from " + describeNode(plan_.code[pc].node));
    } catch (const std::exception& e) {
      exitAllEntered();
      throw ScriptError(e.what(),
                        "\nThe above operation failed in the TorchScript interpreter at " +
                            describeNode(plan_.code[pc].node));
    }
    for (const Operand& o : plan_.return_operands_) push(o);
  }

 private:
  // An error is leaving with statements: their objects' __exit__ runs, innermost first, as
  // when the body ends normally. An error raised by __exit__ itself is dropped in favour of
  // the one already propagating.
  void exitAllEntered() noexcept {
    while (!entered_.empty()) {
      auto [object, exit] = std::move(entered_.back());
      entered_.pop_back();
      try {
        Stack sub{std::move(object), IValue(), IValue(), IValue()};
        runFunction(*exit, sub);
      } catch (...) {
      }
    }
  }

  void push(const Operand& o) {
    switch (o.kind) {
      case Operand::Kind::Copy: stack_.push_back(regs_[o.index]); break;
      case Operand::Kind::Move: stack_.push_back(std::move(regs_[o.index])); break;
      case Operand::Kind::Constant: stack_.push_back(plan_.constants[o.index]); break;
    }
  }
  const IValue& read(const Operand& o) const {
    return o.kind == Operand::Kind::Constant ? plan_.constants[o.index] : regs_[o.index];
  }
  void pushInputs(const Instruction& i) {
    for (uint32_t k = 0; k < i.n_in; ++k) push(plan_.operands[i.in + k]);
  }
  // Moves the top n_out stack values into the instruction's output registers.
  void popOutputs(const Instruction& i) {
    size_t base = stack_.size() - i.n_out;
    for (uint32_t k = 0; k < i.n_out; ++k)
      regs_[plan_.outputs[i.out + k]] = std::move(stack_[base + k]);
    stack_.resize(base);
  }
  void setOut(const Instruction& i, uint32_t k, IValue v) {
    regs_[plan_.outputs[i.out + k]] = std::move(v);
  }

  size_t step(const Instruction& i, size_t pc) {
    switch (i.op) {
      case Opcode::Op: {
        size_t before = stack_.size();
        pushInputs(i);
        i.kernel(stack_, i.n_in);
        WICK_INTERNAL_ASSERT(stack_.size() == before + i.n_out, describeNode(i.node), " left ",
                             stack_.size() - before, " values, expected ", i.n_out);
        popOutputs(i);
        return pc + 1;
      }
      case Opcode::FusedConv: {
        pushInputs(i);
        plan_.fused_convs[i.aux]->run(stack_, i.n_in);
        popOutputs(i);
        return pc + 1;
      }
      case Opcode::Move: {
        // A parallel assignment: read every input before writing any output.
        pushInputs(i);
        popOutputs(i);
        return pc + 1;
      }
      case Opcode::ListConstruct: {
        std::vector<IValue> elems;
        elems.reserve(i.n_in);
        size_t base = stack_.size();
        pushInputs(i);
        for (size_t k = base; k < stack_.size(); ++k) elems.push_back(std::move(stack_[k]));
        stack_.resize(base);
        setOut(i, 0, IValue(makeList(plan_.types[i.aux], std::move(elems))));
        return pc + 1;
      }
      case Opcode::ListUnpack: {
        const ListObj& l = read(plan_.operands[i.in]).toList();
        WICK_CHECK(l.elems.size() == i.n_out, "Expected ", i.n_out,
                   " elements in a list but found ", l.elems.size());
        std::vector<IValue> elems = l.elems;
        for (uint32_t k = 0; k < i.n_out; ++k) setOut(i, k, std::move(elems[k]));
        return pc + 1;
      }
      case Opcode::TupleConstruct: {
        std::vector<IValue> elems;
        elems.reserve(i.n_in);
        size_t base = stack_.size();
        pushInputs(i);
        for (size_t k = base; k < stack_.size(); ++k) elems.push_back(std::move(stack_[k]));
        stack_.resize(base);
        setOut(i, 0, IValue(makeTuple(std::move(elems), plan_.types[i.aux])));
        return pc + 1;
      }
      case Opcode::TupleUnpack: {
        const TupleObj& t = read(plan_.operands[i.in]).toTuple();
        WICK_CHECK(t.elems.size() == i.n_out, "Expected a tuple of ", i.n_out,
                   " elements but found ", t.elems.size());
        std::vector<IValue> elems = t.elems;
        for (uint32_t k = 0; k < i.n_out; ++k) setOut(i, k, std::move(elems[k]));
        return pc + 1;
      }
      case Opcode::TupleIndex: {
        const TupleObj& t = read(plan_.operands[i.in]).toTuple();
        int64_t idx = read(plan_.operands[i.in + 1]).toInt();
        int64_t n = static_cast<int64_t>(t.elems.size());
        if (idx < 0) idx += n;
        WICK_CHECK_INDEX(idx >= 0 && idx < n, "tuple index out of range");
        setOut(i, 0, t.elems[idx]);
        return pc + 1;
      }
      case Opcode::TupleSlice: {
        const TupleObj& t = read(plan_.operands[i.in]).toTuple();
        size_t beg = plan_.slots[i.aux], stop = std::min(plan_.slots[i.aux + 1], t.elems.size());
        std::vector<IValue> elems;
        for (size_t k = beg; k < stop; ++k) elems.push_back(t.elems[k]);
        setOut(i, 0, IValue(makeTuple(std::move(elems))));
        return pc + 1;
      }
      case Opcode::DictConstruct: {
        const auto& dt = static_cast<const DictType&>(*plan_.types[i.aux]);
        auto d = makeDict(dt.key(), dt.value());
        for (uint32_t k = 0; k + 1 < i.n_in; k += 2) {
          d->insert(read(plan_.operands[i.in + k]), read(plan_.operands[i.in + k + 1]));
        }
        setOut(i, 0, IValue(std::move(d)));
        return pc + 1;
      }
      case Opcode::GetAttr: {
        const Object& o = read(plan_.operands[i.in]).toObject();
        setOut(i, 0, o.slots[plan_.slots[i.aux]]);
        return pc + 1;
      }
      case Opcode::SetAttr: {
        Object& o = read(plan_.operands[i.in]).toObject();
        o.slots[plan_.slots[i.aux]] = read(plan_.operands[i.in + 1]);
        return pc + 1;
      }
      case Opcode::CallMethod:
      case Opcode::CallFunction: {
        Stack sub;
        sub.reserve(i.n_in);
        for (uint32_t k = 0; k < i.n_in; ++k) {
          const Operand& o = plan_.operands[i.in + k];
          if (o.kind == Operand::Kind::Move) {
            sub.push_back(std::move(regs_[o.index]));
          } else {
            sub.push_back(read(o));
          }
        }
        runFunction(*plan_.callees[i.aux], sub);
        WICK_INTERNAL_ASSERT(sub.size() == i.n_out, "call returned ", sub.size(), " values");
        for (uint32_t k = 0; k < i.n_out; ++k) setOut(i, k, std::move(sub[k]));
        return pc + 1;
      }
      case Opcode::Enter: {
        IValue object = read(plan_.operands[i.in]);
        Stack sub{object};
        runFunction(*plan_.callees[i.aux], sub);
        entered_.emplace_back(std::move(object), plan_.callees[i.target]);
        setOut(i, 0, std::move(sub.at(0)));
        return pc + 1;
      }
      case Opcode::Exit: {
        WICK_INTERNAL_ASSERT(!entered_.empty(), "prim::Exit without an entered object");
        Stack sub{std::move(entered_.back().first), IValue(), IValue(), IValue()};
        entered_.pop_back();
        runFunction(*plan_.callees[i.aux], sub);
        for (uint32_t k = 0; k < i.n_out; ++k) setOut(i, k, IValue());
        return pc + 1;
      }
      case Opcode::CreateObject: {
        auto ct = std::static_pointer_cast<ClassType>(plan_.types[i.aux]);
        setOut(i, 0, IValue(makeObject(std::move(ct))));
        return pc + 1;
      }
      case Opcode::Jump: return static_cast<size_t>(i.target);
      case Opcode::JumpIfFalse:
        return read(plan_.operands[i.in]).toBool() ? pc + 1 : static_cast<size_t>(i.target);
      case Opcode::LoopCond: {
        int64_t max = read(plan_.operands[i.in]).toInt();
        int64_t counter = read(plan_.operands[i.in + 1]).toInt();
        bool cond = read(plan_.operands[i.in + 2]).toBool();
        return counter < max && cond ? pc + 1 : static_cast<size_t>(i.target);
      }
      case Opcode::LoopNext: {
        IValue& counter = regs_[plan_.operands[i.in].index];
        counter = IValue(counter.toInt() + 1);
        return static_cast<size_t>(i.target);
      }
      case Opcode::Raise: {
        std::string msg = read(plan_.operands[i.in]).toStringRef();
        if (i.n_in > 1) {
          const IValue& cls = read(plan_.operands[i.in + 1]);
          if (cls.isString()) msg = cls.toStringRef() + ": " + msg;
        }
        throw Error(msg);
      }
      case Opcode::Print: {
        static std::mutex print_mutex;
        std::lock_guard<std::mutex> lock(print_mutex);
        for (uint32_t k = 0; k < i.n_in; ++k) {
          if (k) std::cout << " ";
          printScriptValue(std::cout, read(plan_.operands[i.in + k]));
        }
        std::cout << std::endl;
        return pc + 1;
      }
      case Opcode::IsInstance: {
        const IValue& v = read(plan_.operands[i.in]);
        bool match = false;
        for (int32_t k = 0; k < i.target && !match; ++k) {
          match = valueIsInstance(v, plan_.instance_tests[i.aux + k]);
        }
        setOut(i, 0, IValue(match));
        return pc + 1;
      }
      case Opcode::Uninitialized: setOut(i, 0, IValue()); return pc + 1;
    }
    WICK_INTERNAL_ASSERT(false, "bad opcode");
    return end_of_code();
  }
  size_t end_of_code() const { return plan_.code.size(); }

  const ExecutionPlan& plan_;
  Stack& stack_;
  std::vector<IValue> regs_;
  // Objects of the with statements being run, with their __exit__.
  std::vector<std::pair<IValue, const Function*>> entered_;
};

}  // namespace

void runPlan(const ExecutionPlan& plan, Stack& stack) {
  Frame f(plan, stack);
  f.run();
}

}  // namespace wick::jit
