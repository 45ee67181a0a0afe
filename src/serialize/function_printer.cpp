// Names, statements and control flow of printed functions (function_printer.h).
#include <algorithm>
#include <cctype>
#include <limits>

#include "ir/printer.h"
#include "serialize/function_printer_impl.h"
#include "wick/core/error.h"

namespace wick::archive {

namespace detail {

namespace {

// Names a printed variable must not take: Python keywords and the names printed code uses
// for builtins, types and the archive's own tables.
const std::unordered_set<std::string>& reservedNames() {
  static const std::unordered_set<std::string> names = {"False",
                                                        "None",
                                                        "True",
                                                        "and",
                                                        "as",
                                                        "assert",
                                                        "async",
                                                        "await",
                                                        "break",
                                                        "class",
                                                        "continue",
                                                        "def",
                                                        "del",
                                                        "elif",
                                                        "else",
                                                        "except",
                                                        "finally",
                                                        "for",
                                                        "from",
                                                        "global",
                                                        "if",
                                                        "import",
                                                        "in",
                                                        "is",
                                                        "lambda",
                                                        "nonlocal",
                                                        "not",
                                                        "or",
                                                        "pass",
                                                        "raise",
                                                        "return",
                                                        "try",
                                                        "while",
                                                        "with",
                                                        "yield",
                                                        "self",
                                                        "torch",
                                                        "ops",
                                                        "CONSTANTS",
                                                        "annotate",
                                                        "unchecked_cast",
                                                        "uninitialized",
                                                        "getattr",
                                                        "setattr",
                                                        "hasattr",
                                                        "isinstance",
                                                        "range",
                                                        "len",
                                                        "print",
                                                        "int",
                                                        "float",
                                                        "bool",
                                                        "str",
                                                        "list",
                                                        "dict",
                                                        "tuple",
                                                        "Tensor",
                                                        "List",
                                                        "Dict",
                                                        "Optional",
                                                        "Tuple",
                                                        "Union",
                                                        "NoneType",
                                                        "Any",
                                                        "Device",
                                                        "Final",
                                                        "Module",
                                                        "NamedTuple",
                                                        "math",
                                                        "inf",
                                                        "nan",
                                                        "__torch__",
                                                        "fork",
                                                        "wait",
                                                        "zip",
                                                        "enumerate",
                                                        "min",
                                                        "max",
                                                        "abs",
                                                        "round",
                                                        "sum",
                                                        "all",
                                                        "any",
                                                        "hash",
                                                        "ord",
                                                        "chr",
                                                        "divmod",
                                                        "sorted",
                                                        "super",
                                                        "number",
                                                        "Future",
                                                        "RRef",
                                                        "Callable",
                                                        "object",
                                                        "device"};
  return names;
}

// "x.1" -> "x", "input.3" -> "input", "a-b" -> "a_b"; empty for unnamed values.
std::string baseName(const std::string& debug_name) {
  std::string s = debug_name;
  size_t dot = s.rfind('.');
  if (dot != std::string::npos && dot + 1 < s.size() &&
      std::all_of(s.begin() + static_cast<ptrdiff_t>(dot) + 1, s.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    s.resize(dot);
  }
  for (char& c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
  }
  if (!s.empty() && std::isdigit(static_cast<unsigned char>(s[0]))) s = "_" + s;
  return s;
}

bool isTrueConstant(const Value* v) {
  if (v->node()->kind() != jit::prim::kConstant) return false;
  IValue c = constantValue(v->node());
  return c.isBool() && c.toBool();
}

bool isMaxIntConstant(const Value* v) {
  if (v->node()->kind() != jit::prim::kConstant) return false;
  IValue c = constantValue(v->node());
  return c.isInt() && c.toInt() == std::numeric_limits<int64_t>::max();
}

std::string joined(const std::vector<std::string>& parts) {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? ", " : "") + parts[i];
  return s;
}

}  // namespace

IValue constantValue(const Node* n) {
  const IValue* v = n->findAttr("value");
  return v ? *v : IValue();
}

bool isIdentifier(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::string FunctionPrinter::fresh(const std::string& base) {
  if (base.empty() || base == "_") {
    for (;;) {
      std::string t = "_" + std::to_string(next_temp_++);
      if (used_.insert(t).second) return t;
    }
  }
  if (!reservedNames().count(base) && used_.insert(base).second) return base;
  for (;;) {
    std::string t = base + std::to_string(next_suffix_[base]++);
    if (!reservedNames().count(t) && used_.insert(t).second) return t;
  }
}

std::string FunctionPrinter::assign(const Value* v) {
  std::string name = fresh(baseName(v->debugName()));
  names_[v] = name;
  return name;
}

std::string FunctionPrinter::expr(const Value* v) {
  if (v->node()->kind() == jit::prim::kConstant)
    return literal(constantValue(v->node()), v->type());
  auto it = names_.find(v);
  WICK_INTERNAL_ASSERT(it != names_.end(), "printing a value before its definition: %",
                       v->displayName());
  return it->second;
}

void FunctionPrinter::line(int indent, const std::string& text) {
  out_.append(static_cast<size_t>(indent), ' ');
  out_ += text;
  out_ += '\n';
}

std::string FunctionPrinter::header(const jit::Function& fn, const std::string& name,
                                    const ClassType* self_type) {
  const auto& inputs = fn.graph()->inputs();
  const FunctionSchema& schema = fn.schema();
  // Method schemas may list `self` or not; either way the names and defaults line up with
  // the graph's inputs from the end.
  size_t n_args = schema.arguments.size();
  bool use_schema = n_args == inputs.size() || (self_type && n_args + 1 == inputs.size());
  size_t skip = inputs.size() - (use_schema ? n_args : 0);
  std::vector<std::string> params;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Value* v = inputs[i];
    if (i == 0 && self_type) {
      used_.insert("self");
      bind(v, "self");
      params.push_back("self: " + annotationOf(v->type(), ctx_));
      continue;
    }
    const SchemaArgument* arg = use_schema && i >= skip ? &schema.arguments[i - skip] : nullptr;
    std::string n = arg && isIdentifier(arg->name) && !reservedNames().count(arg->name) &&
                            used_.insert(arg->name).second
                        ? arg->name
                        : fresh(baseName(v->debugName().empty() ? "argument_" + std::to_string(i)
                                                                : v->debugName()));
    bind(v, n);
    std::string p = n + ": " + annotationOf(v->type(), ctx_);
    if (arg && arg->default_value) p += "=" + literal(*arg->default_value, v->type());
    params.push_back(std::move(p));
  }
  std::string h = "def " + name + "(";
  for (size_t i = 0; i < params.size(); ++i) {
    // PyTorch continues parameter lists with four spaces whatever the def's own indent.
    h += (i ? ",\n    " : "") + params[i];
  }
  const auto& outs = fn.graph()->outputs();
  std::string ret;
  if (outs.size() == 1) {
    ret = annotationOf(
        use_schema && schema.returns.size() == 1 ? schema.returns[0].type : outs[0]->type(), ctx_);
  } else if (outs.empty()) {
    ret = "NoneType";
  } else {
    std::vector<TypePtr> types;
    for (const Value* o : outs) types.push_back(o->type());
    ret = annotationOf(TupleType::create(types), ctx_);
  }
  return h + ") -> " + ret + ":";
}

void FunctionPrinter::print(const jit::Function& fn, const std::string& name,
                            const ClassType* self_type, int indent) {
  const jit::Graph& g = *fn.graph();
  line(indent, header(fn, name, self_type));
  int body = indent + 2;
  printBlock(g.block(), body);
  const auto& outs = g.outputs();
  if (outs.empty()) {
    line(body, "return None");
  } else if (outs.size() == 1) {
    line(body, "return " + expr(outs[0]));
  } else {
    std::vector<std::string> parts;
    for (const Value* o : outs) parts.push_back(expr(o));
    line(body, "return (" + joined(parts) + ")");
  }
}

void FunctionPrinter::printBlock(const Block* b, int indent) {
  // A with statement is a prim::Enter ... prim::Exit span of one block: its nodes print
  // indented under `with`.
  std::vector<size_t> body_starts;
  for (const Node* n : *b) {
    if (n->kind() == jit::prim::kEnter) {
      std::string item = expr(n->input(0));
      if (n->output()->hasUses()) item += " as " + assign(n->output());
      line(indent, "with " + item + ":");
      indent += 2;
      body_starts.push_back(out_.size());
    } else if (n->kind() == jit::prim::kExit && !body_starts.empty()) {
      if (out_.size() == body_starts.back()) line(indent, "pass");
      body_starts.pop_back();
      indent -= 2;
    } else {
      printNode(n, indent);
    }
  }
}

void FunctionPrinter::printNode(const Node* n, int indent) {
  jit::Symbol k = n->kind();
  if (k == jit::prim::kConstant) return;  // printed where used
  if (k == jit::prim::kIf) return printIf(n, indent);
  if (k == jit::prim::kLoop) return printLoop(n, indent);
  NodeText t = nodeText(n);
  if (t.statement || n->outputs().empty()) return line(indent, t.text);
  std::vector<std::string> targets;
  for (const Value* o : n->outputs()) targets.push_back(assign(o));
  bool unpack = k == jit::prim::kListUnpack || k == jit::prim::kTupleUnpack;
  std::string lhs = joined(targets) + (unpack && targets.size() == 1 ? "," : "");
  line(indent, lhs + " = " + t.text);
}

void FunctionPrinter::printIf(const Node* n, int indent) {
  std::string cond = expr(n->input(0));
  std::vector<std::string> targets;
  for (const Value* o : n->outputs()) targets.push_back(assign(o));
  line(indent, "if " + cond + ":");
  printBranch(n->blocks()[0], targets, n, true, indent + 2);
  const Block* other = n->blocks()[1];
  if (!targets.empty() || other->begin() != other->end()) {
    line(indent, "else:");
    printBranch(other, targets, n, false, indent + 2);
  }
}

void FunctionPrinter::printBranch(const Block* b, const std::vector<std::string>& targets,
                                  const Node* n, bool annotate, int indent) {
  size_t before = out_.size();
  printBlock(b, indent);
  // If outputs are fresh names: plain assignments in order are safe. The first branch
  // declares a variable whose type is wider than its value's (Optional[int] = n).
  for (size_t i = 0; i < targets.size(); ++i) {
    const Value* src = b->outputs()[i];
    std::string declared = annotationOf(n->output(i)->type(), ctx_);
    bool widen = annotate && declared != annotationOf(src->type(), ctx_);
    line(indent, targets[i] + (widen ? " : " + declared : "") + " = " + expr(src));
  }
  if (out_.size() == before) line(indent, "pass");
}

void FunctionPrinter::printCarriedUpdate(const std::vector<std::string>& targets,
                                         const std::vector<std::string>& sources, int indent) {
  if (targets.empty()) return;
  // One tuple assignment: a source may be another carried variable of the previous round.
  line(indent, joined(targets) + " = " + joined(sources));
}

void FunctionPrinter::printLoop(const Node* n, int indent) {
  const Block* body = n->blocks()[0];
  size_t carried = n->outputs().size();
  std::vector<std::string> vars;
  for (size_t k = 0; k < carried; ++k) {
    const Value* out = n->output(k);
    std::string name = assign(out);
    bind(body->inputs()[k + 1], name);
    vars.push_back(name);
    const Value* init = n->input(k + 2);
    std::string declared = annotationOf(out->type(), ctx_);
    bool widen = declared != annotationOf(init->type(), ctx_);
    line(indent, name + (widen ? " : " + declared : "") + " = " + expr(init));
  }
  const Value* trip = n->input(0);
  const Value* counter = body->inputs()[0];
  if (isTrueConstant(n->input(1)) && isTrueConstant(body->outputs()[0])) {
    std::string i = assign(counter);
    line(indent, "for " + i + " in range(" + expr(trip) + "):");
    size_t before = out_.size();
    printBlock(body, indent + 2);
    std::vector<std::string> next;
    for (size_t k = 0; k < carried; ++k) next.push_back(expr(body->outputs()[k + 1]));
    printCarriedUpdate(vars, next, indent + 2);
    if (out_.size() == before) line(indent + 2, "pass");
    return;
  }
  bool counted = !(isMaxIntConstant(trip) && !counter->hasUses());
  std::string i, cond = fresh("");
  if (counted) {
    i = assign(counter);
    line(indent, i + " = 0");
    line(indent, cond + " = torch.__and__(torch.lt(" + i + ", " + expr(trip) + "), " +
                     expr(n->input(1)) + ")");
  } else {
    line(indent, cond + " = " + expr(n->input(1)));
  }
  line(indent, "while " + cond + ":");
  printBlock(body, indent + 2);
  std::vector<std::string> targets{cond}, sources{expr(body->outputs()[0])};
  if (counted) {
    std::string i_next = fresh("");
    line(indent + 2, i_next + " = torch.add(" + i + ", 1)");
    sources[0] = "torch.__and__(torch.lt(" + i_next + ", " + expr(trip) + "), " + sources[0] + ")";
    targets.push_back(i);
    sources.push_back(i_next);
  }
  for (size_t k = 0; k < carried; ++k) {
    targets.push_back(vars[k]);
    sources.push_back(expr(body->outputs()[k + 1]));
  }
  printCarriedUpdate(targets, sources, indent + 2);
}

}  // namespace detail

void printFunction(std::string& out, const jit::Function& fn, const std::string& name,
                   const ClassType* self_type, int indent, PrintContext& ctx) {
  detail::FunctionPrinter(ctx, out).print(fn, name, self_type, indent);
}

}  // namespace wick::archive
