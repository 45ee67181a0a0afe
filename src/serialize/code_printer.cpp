#include "serialize/code_printer.h"

#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "frontend/compiler.h"
#include "ir/function.h"
#include "ir/printer.h"
#include "serialize/function_printer.h"
#include "serialize/function_printer_impl.h"
#include "wick/core/error.h"

namespace wick::archive {

std::string codeFileOf(const std::string& qualified_name) {
  std::string q = archiveQualname(qualified_name);
  std::string module = q.substr(0, q.rfind('.'));
  for (char& c : module) {
    if (c == '.') c = '/';
  }
  return "code/" + module + ".py";
}

namespace {

std::string lastComponent(const std::string& q) { return q.substr(q.rfind('.') + 1); }

std::string quotedList(const std::vector<std::string>& names) {
  std::string s = "[";
  for (const std::string& n : names) s += jit::quotedString(n) + ", ";
  return s + "]";
}

class ArchiveCodePrinter {
 public:
  explicit ArchiveCodePrinter(const ClassTypePtr& root) {
    ctx_.note_type = [this](const TypePtr& t) {
      if (seen_types_.insert(t.get()).second) pending_types_.push_back(t);
    };
    ctx_.note_function = [this](const std::shared_ptr<jit::Function>& f) {
      if (seen_functions_.insert(f.get()).second) pending_functions_.push_back(f);
    };
    ctx_.note_type(root);
  }

  PrintedCode run() {
    while (!pending_types_.empty() || !pending_functions_.empty()) {
      if (!pending_types_.empty()) {
        TypePtr t = pending_types_.front();
        pending_types_.pop_front();
        if (auto* c = t->cast<ClassType>()) {
          printClass(*c);
        } else if (auto* e = t->cast<EnumType>()) {
          printEnum(*e);
        } else {
          printNamedTuple(t->expect<TupleType>());
        }
      } else {
        auto f = pending_functions_.front();
        pending_functions_.pop_front();
        printFreeFunction(*f);
      }
    }
    PrintedCode out;
    out.files = std::move(files_);
    out.constants = std::move(ctx_.constants);
    out.version = ctx_.version;
    return out;
  }

 private:
  std::string& fileFor(const std::string& qualname) {
    std::string f = codeFileOf(qualname);
    auto [it, added] = file_index_.emplace(f, files_.size());
    if (added) files_.emplace_back(f, "");
    return files_[it->second].second;
  }

  void printClass(const ClassType& c);
  void printNamedTuple(const TupleType& t);
  void printEnum(const EnumType& e);
  void printFreeFunction(const jit::Function& f);

  PrintContext ctx_;
  std::deque<TypePtr> pending_types_;
  std::deque<std::shared_ptr<jit::Function>> pending_functions_;
  std::unordered_set<const Type*> seen_types_;
  std::unordered_set<const jit::Function*> seen_functions_;
  std::vector<std::pair<std::string, std::string>> files_;
  std::unordered_map<std::string, size_t> file_index_;
};

void ArchiveCodePrinter::printClass(const ClassType& c) {
  std::string text =
      "class " + lastComponent(archiveQualname(c.name())) + (c.isModule() ? "(Module):\n" : ":\n");
  const auto& attrs = c.attributes();
  if (c.isModule()) {
    std::vector<std::string> params, buffers;
    for (const auto& a : attrs) {
      if (a.kind == ClassType::AttrKind::Parameter) params.push_back(a.name);
      if (a.kind == ClassType::AttrKind::Buffer) buffers.push_back(a.name);
    }
    text += "  __parameters__ = " + quotedList(params) + "\n";
    text += "  __buffers__ = " + quotedList(buffers) + "\n";
  }
  for (const auto& a : attrs) {
    std::string type = annotationOf(a.type, ctx_);
    text += detail::isIdentifier(a.name)
                ? "  " + a.name + " : " + type + "\n"
                : "  __annotations__[" + jit::quotedString(a.name) + "] = " + type + "\n";
  }
  // Final constants: the compiler that made the class knows their values.
  for (const auto& [name, value] : jit::classConstants(c)) {
    std::string dummy;
    detail::FunctionPrinter literals(ctx_, dummy);
    text += "  " + name + " : Final[" + annotationOf(value.type(), ctx_) +
            "] = " + literals.literal(value, value.type()) + "\n";
  }
  for (const auto& m : c.methods()) {
    const auto* fn = dynamic_cast<const jit::Function*>(m.get());
    WICK_INTERNAL_ASSERT(fn, "method ", m->name(), " of ", c.name(),
                         " is not a TorchScript function");
    printFunction(text, *fn, fn->name(), &c, 2, ctx_);
  }
  if (attrs.empty() && c.methods().empty() && !c.isModule()) text += "  pass\n";
  fileFor(c.name()) += text;
}

void ArchiveCodePrinter::printNamedTuple(const TupleType& t) {
  std::string text = "class " + lastComponent(archiveQualname(*t.name())) + "(NamedTuple):\n";
  for (size_t i = 0; i < t.elements().size(); ++i) {
    text += "  " + t.fieldNames()[i] + " : " + annotationOf(t.elements()[i], ctx_) + "\n";
  }
  fileFor(*t.name()) += text;
}

void ArchiveCodePrinter::printEnum(const EnumType& e) {
  std::string text = "class " + lastComponent(archiveQualname(e.name())) + "(Enum):\n";
  TypeKind k = e.valueType()->kind();
  for (const EnumType::Member& m : e.members()) {
    std::string value = k == TypeKind::Int     ? std::to_string(m.int_value)
                        : k == TypeKind::Float ? jit::doubleRepr(m.float_value)
                                               : jit::quotedString(m.str_value);
    text += "  " + m.name + " = " + value + "\n";
  }
  fileFor(e.name()) += text;
}

void ArchiveCodePrinter::printFreeFunction(const jit::Function& f) {
  std::string text;
  printFunction(text, f, lastComponent(archiveQualname(f.qualname())), nullptr, 0, ctx_);
  fileFor(f.qualname()) += text;
}

}  // namespace

PrintedCode printArchiveCode(const ClassTypePtr& root) { return ArchiveCodePrinter(root).run(); }

}  // namespace wick::archive
