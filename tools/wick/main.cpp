// wick: inspect, run and benchmark TorchScript programs; `wick demo` tours the library.
#include <iostream>

#include "commands.h"
#include "wick/core/error.h"

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
    int code = app.exit(e);
    return code == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "wick: error: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
