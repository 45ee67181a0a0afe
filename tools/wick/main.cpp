// wick: inspect, run and benchmark TorchScript programs; `wick demo` tours the library.
#include <iostream>
#include <string>

#include "commands.h"
#include "wick/core/error.h"

namespace {

// Errors are one line on stderr; multi-line messages (argument mismatches, TorchScript
// errors with their source excerpt) start with the line that names the problem.
std::string firstLine(const std::string& message) { return message.substr(0, message.find('\n')); }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"wick: a C++ tensor runtime with a tracing JIT that speaks TorchScript"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for all subcommands");
  wick::cli::addInspectCommands(app);
  wick::cli::addRunCommands(app);
  wick::cli::addOpsCommand(app);
  wick::cli::addDemoCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    std::cerr << "wick: error: " << firstLine(e.what()) << " (see --help)" << std::endl;
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "wick: error: " << firstLine(e.what()) << std::endl;
    return 1;
  }
  return 0;
}
