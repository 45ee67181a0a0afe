// `wick ops [PATTERN]`: the registered operator schemas, optionally filtered by a substring.
#include <iostream>

#include "commands.h"
#include "wick/ops/registry.h"

namespace wick::cli {

void addOpsCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("ops", "List the registered operator schemas");
  auto pattern = std::make_shared<std::string>();
  cmd->add_option("pattern", *pattern, "Show only schemas containing this text");
  cmd->callback([pattern] {
    size_t shown = 0;
    for (const OpInfo& op : allOps()) {
      if (!pattern->empty() && op.schema_text.find(*pattern) == std::string_view::npos) continue;
      std::cout << op.schema_text << "\n";
      ++shown;
    }
    std::cout.flush();
    std::cerr << shown << " of " << allOps().size() << " operators\n";
  });
}

}  // namespace wick::cli
