#include "wick/nn/module.h"

#include <cxxabi.h>

#include <cstdlib>
#include <sstream>

#include "wick/core/grad_mode.h"
#include "wick/ops/registry.h"

namespace wick::nn {

namespace {

std::string demangledClassName(const std::type_info& t) {
  int status = 0;
  char* d = abi::__cxa_demangle(t.name(), nullptr, nullptr, &status);
  std::string name = status == 0 && d ? d : t.name();
  std::free(d);
  auto colon = name.rfind("::");
  if (colon != std::string::npos) name = name.substr(colon + 2);
  // LibTorch-style holders name their implementation FooImpl; the class is Foo.
  if (name.size() > 4 && name.compare(name.size() - 4, 4, "Impl") == 0) {
    name = name.substr(0, name.size() - 4);
  }
  return name;
}

// Runs an ops.def kernel by name (the nn layer sits beside, not above, the eager API).
IValue runOp(const char* name, Stack stack) {
  const OpInfo* op = findOp(name);
  WICK_CHECK(op, "operator ", name, " is not registered");
  op->kernel(stack, stack.size());
  return stack.back();
}

std::string sizeText(IntArrayRef s) {
  std::ostringstream os;
  os << "torch.Size([";
  for (size_t i = 0; i < s.size(); ++i) os << (i ? ", " : "") << s[i];
  os << "])";
  return os.str();
}

// PyTorch's _addindent: indents every line but the first.
std::string addIndent(const std::string& s, int n) {
  std::string out;
  for (char c : s) {
    out += c;
    if (c == '\n') out.append(static_cast<size_t>(n), ' ');
  }
  return out;
}

}  // namespace

Module::Module(std::string name) : name_(std::move(name)) {}

std::string Module::name() const {
  return name_.empty() ? demangledClassName(typeid(*this)) : name_;
}

std::string Module::qualified_type_name() const {
  return torch_module_.empty() ? "__torch__." + name()
                               : "__torch__." + torch_module_ + "." + name();
}

Tensor& Module::register_parameter(std::string name, Tensor tensor, bool requires_grad) {
  WICK_CHECK(!name.empty() && name.find('.') == std::string::npos, name_.empty() ? name_ : name_,
             "parameter name can't contain \".\" or be empty: '", name, "'");
  WICK_CHECK(!children_.contains(name) && !buffers_.contains(name), "attribute '", name,
             "' already exists in ", this->name());
  if (tensor.defined() && requires_grad) tensor.requires_grad_(true);
  return parameters_.insert(std::move(name), std::move(tensor));
}

Tensor& Module::register_buffer(std::string name, Tensor tensor, bool persistent) {
  WICK_CHECK(!name.empty() && name.find('.') == std::string::npos,
             "buffer name can't contain \".\" or be empty: '", name, "'");
  WICK_CHECK(!children_.contains(name) && !parameters_.contains(name), "attribute '", name,
             "' already exists in ", this->name());
  if (!persistent) non_persistent_.push_back(name);
  return buffers_.insert(std::move(name), std::move(tensor));
}

bool Module::is_persistent_buffer(const std::string& name) const {
  for (const auto& n : non_persistent_)
    if (n == name) return false;
  return buffers_.contains(name);
}

void Module::registerChild(std::string name, std::shared_ptr<Module> module) {
  WICK_CHECK(!name.empty() && name.find('.') == std::string::npos,
             "module name can't contain \".\" or be empty: '", name, "'");
  WICK_CHECK(!parameters_.contains(name) && !buffers_.contains(name), "attribute '", name,
             "' already exists in ", this->name());
  WICK_CHECK(module, "register_module: module '", name, "' is null");
  children_.insert(std::move(name), std::move(module));
}

void Module::replace_module(const std::string& name, std::shared_ptr<Module> module) {
  WICK_CHECK(children_.contains(name), this->name(), " has no submodule '", name, "'");
  children_[name] = std::move(module);
}

void Module::collectParameters(const std::string& prefix, OrderedDict<Tensor>& out) const {
  for (const auto& [k, v] : parameters_) {
    if (v.defined()) out.insert(prefix + k, v);
  }
  for (const auto& [k, c] : children_) c->collectParameters(prefix + k + ".", out);
}

void Module::collectBuffers(const std::string& prefix, OrderedDict<Tensor>& out,
                            bool persistent_only) const {
  for (const auto& [k, v] : buffers_) {
    if (v.defined() && (!persistent_only || is_persistent_buffer(k))) out.insert(prefix + k, v);
  }
  for (const auto& [k, c] : children_) c->collectBuffers(prefix + k + ".", out, persistent_only);
}

std::vector<Tensor> Module::parameters(bool recurse) const {
  return named_parameters(recurse).values();
}

OrderedDict<Tensor> Module::named_parameters(bool recurse) const {
  OrderedDict<Tensor> out;
  if (recurse) {
    collectParameters("", out);
  } else {
    for (const auto& [k, v] : parameters_)
      if (v.defined()) out.insert(k, v);
  }
  return out;
}

std::vector<Tensor> Module::buffers(bool recurse) const { return named_buffers(recurse).values(); }

OrderedDict<Tensor> Module::named_buffers(bool recurse) const {
  OrderedDict<Tensor> out;
  if (recurse) {
    collectBuffers("", out, false);
  } else {
    for (const auto& [k, v] : buffers_)
      if (v.defined()) out.insert(k, v);
  }
  return out;
}

std::vector<std::shared_ptr<Module>> Module::children() const { return children_.values(); }

OrderedDict<std::shared_ptr<Module>> Module::named_children() const { return children_; }

std::vector<std::shared_ptr<Module>> Module::modules(bool include_self) {
  return named_modules("", include_self).values();
}

OrderedDict<std::shared_ptr<Module>> Module::named_modules(const std::string& prefix,
                                                           bool include_self) {
  OrderedDict<std::shared_ptr<Module>> out;
  std::function<void(const std::string&, const std::shared_ptr<Module>&)> visit =
      [&](const std::string& p, const std::shared_ptr<Module>& m) {
        out.insert(p, m);
        for (const auto& [k, c] : m->children_) visit(p.empty() ? k : p + "." + k, c);
      };
  if (include_self) {
    visit(prefix, shared_from_this());
  } else {
    for (const auto& [k, c] : children_) visit(prefix.empty() ? k : prefix + "." + k, c);
  }
  return out;
}

void Module::train(bool on) {
  training_ = on;
  for (const auto& [k, c] : children_) c->train(on);
}

void Module::to(DType dtype) {
  NoGradGuard no_grad;
  auto convert = [&](Tensor& t) {
    if (!t.defined() || !isFloatingType(t.dtype()) || t.dtype() == dtype) return;
    Tensor c =
        runOp("aten::to.dtype", {IValue(t), IValue(dtype), IValue(false), IValue(false), IValue()})
            .toTensor();
    // In place, so layers' own handles to their parameters see the new dtype too.
    t.impl()->setData(*c.impl());
  };
  for (auto& [k, v] : parameters_) convert(v);
  for (auto& [k, v] : buffers_) convert(v);
  for (auto& [k, c] : children_) c->to(dtype);
}

void Module::apply(const std::function<void(Module&)>& fn) {
  for (auto& [k, c] : children_) c->apply(fn);
  fn(*this);
}

StateDict Module::state_dict() const {
  StateDict out;
  std::function<void(const Module&, const std::string&)> visit = [&](const Module& m,
                                                                     const std::string& p) {
    for (const auto& [k, v] : m.parameters_)
      if (v.defined()) out.insert(p + k, v);
    for (const auto& [k, v] : m.buffers_)
      if (v.defined() && m.is_persistent_buffer(k)) out.insert(p + k, v);
    for (const auto& [k, c] : m.children_) visit(*c, p + k + ".");
  };
  visit(*this, "");
  return out;
}

void Module::load_state_dict(const StateDict& dict, bool strict) {
  StateDict own = state_dict();
  std::vector<std::string> missing, unexpected, mismatched;
  for (const auto& [k, v] : own) {
    const Tensor* src = dict.find(k);
    if (!src) {
      missing.push_back(k);
    } else if (!(src->sizes() == v.sizes())) {
      mismatched.push_back("size mismatch for " + k + ": copying a param with shape " +
                           sizeText(src->sizes()) +
                           " from checkpoint, the shape in current "
                           "model is " +
                           sizeText(v.sizes()) + ".");
    }
  }
  for (const auto& [k, v] : dict)
    if (!own.contains(k)) unexpected.push_back(k);
  auto quoted = [](const std::vector<std::string>& keys) {
    std::string s;
    for (size_t i = 0; i < keys.size(); ++i) s += (i ? ", \"" : "\"") + keys[i] + "\"";
    return s;
  };
  std::string errors;
  if (strict && !unexpected.empty()) {
    errors += "\n\tUnexpected key(s) in state_dict: " + quoted(unexpected) + ". ";
  }
  if (strict && !missing.empty()) {
    errors = "\n\tMissing key(s) in state_dict: " + quoted(missing) + ". " + errors;
  }
  for (const auto& m : mismatched) errors += "\n\t" + m;
  WICK_CHECK(errors.empty(), "Error(s) in loading state_dict for ", name(), ":", errors);
  NoGradGuard no_grad;
  for (const auto& [k, v] : own) {
    const Tensor* src = dict.find(k);
    if (src) runOp("aten::copy_", {IValue(v), IValue(*src), IValue(false)});
  }
}

std::vector<std::string> Module::method_names() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : methods_) out.push_back(k);
  return out;
}

IValue Module::run_method(const std::string& name, const std::vector<IValue>& inputs) {
  auto it = methods_.find(name);
  WICK_CHECK(it != methods_.end(), "Method '", name, "' does not exist in ", this->name(),
             " (register it with register_method)");
  auto* tracer = wick::detail::tracer();
  if (!tracer) return it->second(*this, inputs);
  tracer->enterModule(this, inputs);
  IValue out = it->second(*this, inputs);
  tracer->exitModule(this, out);
  return out;
}

std::string Module::repr() const {
  std::vector<std::string> lines;
  std::string extra = extra_repr();
  std::vector<std::string> extra_lines;
  if (!extra.empty()) {
    std::istringstream in(extra);
    for (std::string line; std::getline(in, line);) extra_lines.push_back(line);
  }
  std::vector<std::string> child_lines;
  for (const auto& [k, c] : children_)
    child_lines.push_back("(" + k + "): " + addIndent(c->repr(), 2));
  lines = extra_lines;
  lines.insert(lines.end(), child_lines.begin(), child_lines.end());
  std::string out = name() + "(";
  if (!lines.empty()) {
    if (extra_lines.size() == 1 && child_lines.empty()) {
      out += extra_lines[0];
    } else {
      out += "\n  ";
      for (size_t i = 0; i < lines.size(); ++i) out += (i ? "\n  " : "") + lines[i];
      out += "\n";
    }
  }
  return out + ")";
}

std::ostream& operator<<(std::ostream& os, const Module& m) { return os << m.repr(); }

}  // namespace wick::nn
