// `wick info`, `wick graph` and `wick code`: what is inside a model.
#include <iostream>
#include <memory>
#include <sstream>

#include "commands.h"
#include "dot.h"
#include "program.h"
#include "serialize/code_printer.h"
#include "wick/jit/script.h"

namespace wick::cli {

namespace {

std::string humanBytes(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB"};
  int u = 0;
  while (bytes >= 1024 && u < 3) {
    bytes /= 1024;
    ++u;
  }
  std::ostringstream os;
  os.precision(u == 0 ? 0 : 1);
  os << std::fixed << bytes << " " << units[u];
  return os.str();
}

void printTensorSummary(const char* what, const nn::OrderedDict<Tensor>& tensors) {
  int64_t elems = 0;
  size_t bytes = 0;
  for (const auto& [k, t] : tensors) {
    elems += t.impl()->numel();
    bytes += t.nbytes();
  }
  std::cout << what << ": " << tensors.size() << " tensors, " << elems << " elements, "
            << humanBytes(static_cast<double>(bytes)) << "\n";
}

void info(const std::string& path) {
  Program p = Program::load(path);
  std::cout << "file: " << path << "\n";
  if (!p.isModule()) {
    std::cout << "TorchScript source with " << p.methods().size() << " function(s):\n";
    for (const auto& m : p.methods()) std::cout << "  " << p.function(m).schema() << "\n";
    return;
  }
  const jit::ScriptModule& m = p.module();
  std::cout << "class: " << m.type_name() << " (training=" << (m.is_training() ? "True" : "False")
            << ")\nmethods:\n";
  for (const auto& name : m.method_names())
    std::cout << "  " << m.get_method(name).schema() << "\n";
  printTensorSummary("parameters", m.named_parameters());
  printTensorSummary("buffers", m.named_buffers());
  auto mods = m.named_modules();
  std::cout << "submodules: " << (mods.size() - 1) << "\n";
  for (const auto& [name, sub] : mods) {
    if (name.empty()) continue;
    size_t depth = static_cast<size_t>(std::count(name.begin(), name.end(), '.'));
    std::cout << std::string(2 + 2 * depth, ' ') << name.substr(name.rfind('.') + 1) << ": "
              << sub.type_name() << "\n";
  }
}

}  // namespace

void addInspectCommands(CLI::App& app) {
  auto* info_cmd = app.add_subcommand("info", "Methods, parameters and submodules of a model");
  auto info_path = std::make_shared<std::string>();
  info_cmd->add_option("model", *info_path, "A TorchScript archive (.pt) or source file (.py)")
      ->required();
  info_cmd->callback([info_path] { info(*info_path); });

  auto* graph_cmd =
      app.add_subcommand("graph", "Print a method's graph (PyTorch's text or Graphviz)");
  struct GraphArgs {
    std::string path, method = "forward", format = "text";
    bool inlined = false;
  };
  auto g = std::make_shared<GraphArgs>();
  graph_cmd->add_option("model", g->path, "A TorchScript archive (.pt) or source file (.py)")
      ->required();
  graph_cmd->add_option("--method,-m", g->method, "The method or function (default: forward)");
  graph_cmd->add_option("--format,-f", g->format, "text (PyTorch's graph text) or dot (Graphviz)")
      ->check(CLI::IsMember({"text", "dot"}));
  graph_cmd->add_flag("--inlined", g->inlined, "Inline submodule and function calls");
  graph_cmd->callback([g] {
    Program p = Program::load(g->path);
    std::string method = g->method;
    if (!p.isModule() && method == "forward") method = p.defaultMethod();
    jit::ScriptFunction f = p.function(method);
    std::shared_ptr<jit::Graph> graph =
        g->inlined ? f.inlined_graph()
                   : std::shared_ptr<jit::Graph>(f.function(), const_cast<jit::Graph*>(&f.graph()));
    if (g->format == "dot") {
      std::cout << graphToDot(*graph, method);
    } else {
      std::cout << graph->toString();
    }
  });

  auto* code_cmd = app.add_subcommand("code", "Print the TorchScript source of every class");
  auto code_path = std::make_shared<std::string>();
  code_cmd->add_option("model", *code_path, "A TorchScript archive (.pt)")->required();
  code_cmd->callback([code_path] {
    Program p = Program::load(*code_path);
    WICK_CHECK(p.isModule(), "'", *code_path, "' is TorchScript source already");
    archive::PrintedCode code = archive::printArchiveCode(p.module().object()->type);
    bool first = true;
    for (const auto& [file, source] : code.files) {
      std::cout << (first ? "" : "\n") << "# " << file << "\n" << source;
      first = false;
    }
  });
}

}  // namespace wick::cli
