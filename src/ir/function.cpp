#include "ir/function.h"

namespace wick::jit {

Function::Function(std::string qualified_name, std::shared_ptr<Graph> graph)
    : qualname_(std::move(qualified_name)), graph_(std::move(graph)) {
  auto dot = qualname_.rfind('.');
  name_ = dot == std::string::npos ? qualname_ : qualname_.substr(dot + 1);
}

void Function::setGraph(std::shared_ptr<Graph> g) {
  graph_ = std::move(g);
  if (!has_schema_) schema_ = FunctionSchema();
}

const FunctionSchema& Function::schema() const {
  if (has_schema_) return schema_;
  // Derived: inputs named after their debug names (or argN), returns from the outputs.
  FunctionSchema s;
  s.name = name_;
  size_t i = 0;
  for (Value* in : graph_->inputs()) {
    SchemaArgument a;
    a.name = in->hasDebugName() ? in->debugName() : "argument_" + std::to_string(i);
    a.type = in->type() ? in->type() : TensorType::get();
    a.type_text = a.type->annotationStr();
    s.arguments.push_back(std::move(a));
    ++i;
  }
  for (Value* out : graph_->outputs()) {
    SchemaArgument r;
    r.type = out->type() ? out->type() : TensorType::get();
    r.type_text = r.type->annotationStr();
    s.returns.push_back(std::move(r));
  }
  schema_ = std::move(s);
  has_schema_ = true;
  return schema_;
}

CompilationUnit::~CompilationUnit() {
  for (const auto& c : classes_) c->clearMethods();
}

CompilationUnit& CompilationUnit::operator=(CompilationUnit&& other) {
  if (this != &other) {
    for (const auto& c : classes_) c->clearMethods();
    functions_ = std::move(other.functions_);
    classes_ = std::move(other.classes_);
    named_tuples_ = std::move(other.named_tuples_);
    mangle_counter_ = other.mangle_counter_;
  }
  return *this;
}

std::shared_ptr<Function> CompilationUnit::addFunction(std::shared_ptr<Function> f) {
  WICK_CHECK(!findFunction(f->qualname()), "function '", f->qualname(), "' is already defined");
  functions_.push_back(f);
  return f;
}

std::shared_ptr<Function> CompilationUnit::findFunction(std::string_view qualname) const {
  for (const auto& f : functions_)
    if (f->qualname() == qualname) return f;
  return nullptr;
}

void CompilationUnit::addClass(ClassTypePtr c) {
  WICK_CHECK(!findClass(c->name()), "class '", c->name(), "' is already defined");
  classes_.push_back(std::move(c));
}

ClassTypePtr CompilationUnit::findClass(std::string_view qualname) const {
  for (const auto& c : classes_)
    if (c->name() == qualname) return c;
  return nullptr;
}

void CompilationUnit::addNamedTuple(TypePtr t) { named_tuples_.push_back(std::move(t)); }

TypePtr CompilationUnit::findNamedTuple(std::string_view qualname) const {
  for (const auto& t : named_tuples_) {
    const auto* tt = t->cast<TupleType>();
    if (tt && tt->name() && *tt->name() == qualname) return t;
  }
  return nullptr;
}

std::string CompilationUnit::uniqueClassName(const std::string& qualname) const {
  if (!findClass(qualname) && !findNamedTuple(qualname)) return qualname;
  auto dot = qualname.rfind('.');
  std::string prefix = dot == std::string::npos ? "" : qualname.substr(0, dot + 1);
  std::string base = dot == std::string::npos ? qualname : qualname.substr(dot + 1);
  while (true) {
    std::string candidate =
        prefix + "___torch_mangle_" + std::to_string(mangle_counter_++) + "." + base;
    if (!findClass(candidate) && !findNamedTuple(candidate)) return candidate;
  }
}

}  // namespace wick::jit
