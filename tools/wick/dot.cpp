#include "dot.h"

#include <sstream>
#include <unordered_map>

namespace wick::cli {

namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string shortType(const TypePtr& t) {
  if (const auto* tt = t->cast<TensorType>()) {
    if (!tt->sizes) return tt->dtype ? std::string(graphName(*tt->dtype)) : "Tensor";
    std::ostringstream os;
    os << (tt->dtype ? std::string(graphName(*tt->dtype)) : "Tensor") << "[";
    for (size_t i = 0; i < tt->sizes->size(); ++i) os << (i ? ", " : "") << (*tt->sizes)[i];
    os << "]";
    return os.str();
  }
  return t->str();
}

class DotWriter {
 public:
  explicit DotWriter(std::ostringstream& os) : os_(os) {}

  void graph(const jit::Graph& g) {
    for (jit::Value* in : g.inputs()) {
      std::string id = idOf(in);
      os_ << "  " << id << " [shape=invhouse, style=filled, fillcolor=\"#cfe2ff\", label=\"%"
          << escape(in->displayName()) << "\\n"
          << escape(shortType(in->type())) << "\"];\n";
    }
    block(*g.block(), "  ");
    for (size_t i = 0; i < g.outputs().size(); ++i) {
      std::string id = "output" + std::to_string(i);
      os_ << "  " << id << " [shape=house, style=filled, fillcolor=\"#d1e7dd\", label=\"output "
          << i << "\"];\n";
      edge(g.outputs()[i], id);
    }
  }

 private:
  std::string idOf(const jit::Value* v) {
    auto it = producer_.find(v);
    if (it != producer_.end()) return it->second;
    std::string id = "v" + std::to_string(v->unique());
    producer_[v] = id;
    return id;
  }
  void edge(const jit::Value* from, const std::string& to) {
    os_ << "  " << idOf(from) << " -> " << to << ";\n";
  }

  void block(const jit::Block& b, const std::string& indent) {
    for (const jit::Node* n : b) node(*n, indent);
  }

  void node(const jit::Node& n, const std::string& indent) {
    std::string id = "n" + std::to_string(next_++);
    jit::Symbol k = n.kind();
    std::ostringstream label;
    std::string style;
    if (k == jit::prim::kConstant) {
      const IValue* v = n.findAttr("value");
      std::ostringstream text;
      if (!v) {
        text << "None";
      } else if (v->isTensor()) {
        text << "tensor " << shortType(n.output()->type());
      } else {
        text << *v;
      }
      label << escape(text.str().substr(0, 40));
      style = "shape=ellipse, style=filled, fillcolor=\"#eeeeee\", fontsize=10";
    } else if (k == jit::prim::kGetAttr) {
      bool tensor = n.output()->type()->kind() == TypeKind::Tensor;
      label << (tensor ? "param " : "") << escape(n.s("name"));
      if (tensor) label << "\\n" << escape(shortType(n.output()->type()));
      style = tensor ? "shape=cylinder, style=filled, fillcolor=\"#fff3cd\""
                     : "shape=component, style=filled, fillcolor=\"#f8f9fa\"";
    } else {
      label << escape(k.toQualString());
      if (n.hasAttribute("name")) label << "\\n" << escape(n.s("name"));
      for (const jit::Value* o : n.outputs()) label << "\\n" << escape(shortType(o->type()));
      style = "shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\"";
    }
    os_ << indent << id << " [" << style << ", label=\"" << label.str() << "\"];\n";
    for (const jit::Value* in : n.inputs()) edge(in, id);
    for (const jit::Value* out : n.outputs()) producer_[out] = id;
    for (size_t bi = 0; bi < n.blocks().size(); ++bi) {
      const jit::Block* b = n.blocks()[bi];
      os_ << indent << "subgraph cluster_" << id << "_" << bi << " {\n"
          << indent << "  label=\"" << escape(k.toQualString()) << " block" << bi << "\";\n";
      for (const jit::Value* in : b->inputs()) producer_[in] = id;
      block(*b, indent + "  ");
      os_ << indent << "}\n";
    }
  }

  std::ostringstream& os_;
  std::unordered_map<const jit::Value*, std::string> producer_;
  size_t next_ = 0;
};

}  // namespace

std::string graphToDot(const jit::Graph& g, const std::string& title) {
  std::ostringstream os;
  os << "digraph \"" << escape(title) << "\" {\n"
     << "  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=11];\n"
     << "  edge [color=\"#666666\"];\n";
  DotWriter(os).graph(g);
  os << "}\n";
  return os.str();
}

}  // namespace wick::cli
