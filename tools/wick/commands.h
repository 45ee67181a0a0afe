// The subcommands of the `wick` tool (contract in DESIGN.md, "Command-line tool"). Each
// adds itself to the CLI11 app; errors are wick::Error, reported by main as one line on
// stderr with exit status 1.
#pragma once

#include <CLI/CLI.hpp>

namespace wick::cli {

void addOpsCommand(CLI::App& app);
void addInspectCommands(CLI::App& app);
void addRunCommands(CLI::App& app);
void addDemoCommand(CLI::App& app);

}  // namespace wick::cli
