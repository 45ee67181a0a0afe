#include "ir/function.h"

namespace wick::jit {

Function::Function(std::string qualified_name, std::shared_ptr<Graph> graph)
    : qualname_(std::move(qualified_name)), graph_(std::move(graph)) {
  auto dot = qualname_.rfind('.');
  name_ = dot == std::string::npos ? qualname_ : qualname_.substr(dot + 1);
}

void Function::setGraph(std::shared_ptr<Graph> g) {
  graph_ = std::move(g);
  if (!has_schema_.load(std::memory_order_acquire)) schema_ = FunctionSchema();
}

const FunctionSchema& Function::schema() const {
  if (has_schema_.load(std::memory_order_acquire)) return schema_;
  std::lock_guard<std::mutex> lock(schema_mutex_);
  if (has_schema_.load(std::memory_order_relaxed)) return schema_;
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
  has_schema_.store(true, std::memory_order_release);
  return schema_;
}

struct CompilationUnit::ClassMethods {
  std::vector<ClassTypePtr> classes;
  ~ClassMethods() {
    for (const auto& c : classes) c->clearMethods();
  }
};

CompilationUnit::~CompilationUnit() = default;

CompilationUnit& CompilationUnit::operator=(CompilationUnit&& other) {
  if (this != &other) {
    class_methods_ = std::move(other.class_methods_);
    function_index_ = std::move(other.function_index_);
    class_index_ = std::move(other.class_index_);
    named_tuple_index_ = std::move(other.named_tuple_index_);
    enum_index_ = std::move(other.enum_index_);
    enums_ = std::move(other.enums_);
    functions_ = std::move(other.functions_);
    classes_ = std::move(other.classes_);
    named_tuples_ = std::move(other.named_tuples_);
    mangle_counter_ = other.mangle_counter_;
  }
  return *this;
}

std::shared_ptr<Function> CompilationUnit::addFunction(std::shared_ptr<Function> f) {
  bool added = function_index_.emplace(f->qualname(), functions_.size()).second;
  WICK_CHECK(added, "function '", f->qualname(), "' is already defined");
  functions_.push_back(f);
  return f;
}

std::shared_ptr<Function> CompilationUnit::findFunction(std::string_view qualname) const {
  auto it = function_index_.find(qualname);
  return it == function_index_.end() ? nullptr : functions_[it->second];
}

void CompilationUnit::addClass(ClassTypePtr c) {
  bool added = class_index_.emplace(c->name(), classes_.size()).second;
  WICK_CHECK(added, "class '", c->name(), "' is already defined");
  if (!class_methods_) class_methods_ = std::make_shared<ClassMethods>();
  class_methods_->classes.push_back(c);
  classes_.push_back(std::move(c));
}

std::shared_ptr<CompilationUnit> CompilationUnit::share() const {
  auto unit = std::make_shared<CompilationUnit>();
  unit->class_methods_ = class_methods_;
  unit->functions_ = functions_;
  unit->classes_ = classes_;
  unit->named_tuples_ = named_tuples_;
  unit->function_index_ = function_index_;
  unit->class_index_ = class_index_;
  unit->named_tuple_index_ = named_tuple_index_;
  unit->enums_ = enums_;
  unit->enum_index_ = enum_index_;
  unit->mangle_counter_ = mangle_counter_;
  return unit;
}

bool CompilationUnit::isMethod(const Function& f) const {
  for (const auto& c : classes_) {
    if (c->findMethod(f.name()) == &f) return true;
  }
  return false;
}

ClassTypePtr CompilationUnit::findClass(std::string_view qualname) const {
  auto it = class_index_.find(qualname);
  return it == class_index_.end() ? nullptr : classes_[it->second];
}

void CompilationUnit::addNamedTuple(TypePtr t) {
  const auto* tt = t->cast<TupleType>();
  // The first of two NamedTuples with one name is the one found, as before the index.
  if (tt && tt->name()) named_tuple_index_.emplace(*tt->name(), named_tuples_.size());
  named_tuples_.push_back(std::move(t));
}

TypePtr CompilationUnit::findNamedTuple(std::string_view qualname) const {
  auto it = named_tuple_index_.find(qualname);
  return it == named_tuple_index_.end() ? nullptr : named_tuples_[it->second];
}

void CompilationUnit::addEnum(EnumTypePtr e) {
  bool added = enum_index_.emplace(e->name(), enums_.size()).second;
  WICK_CHECK(added, "enum class '", e->name(), "' is already defined");
  enums_.push_back(std::move(e));
}

EnumTypePtr CompilationUnit::findEnum(std::string_view qualname) const {
  auto it = enum_index_.find(qualname);
  return it == enum_index_.end() ? nullptr : enums_[it->second];
}

IValue CompilationUnit::enum_member(const std::string& enum_class,
                                    const std::string& member) const {
  EnumTypePtr e = findEnum(enum_class);
  if (!e) e = findEnum("__torch__." + enum_class);
  WICK_CHECK(e, "the compilation unit has no enum class '", enum_class, "'");
  return enumMember(e, member);
}

std::string CompilationUnit::uniqueClassName(const std::string& qualname) const {
  if (!findClass(qualname) && !findNamedTuple(qualname) && !findEnum(qualname)) return qualname;
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
