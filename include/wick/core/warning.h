// Warnings (tracer warnings, deprecations) go through one replaceable handler. The default
// handler prints each warning to stderr once per call site.
#pragma once

#include <functional>
#include <string>
#include "wick/core/source_location.h"

namespace wick {

struct Warning {
  enum class Kind { User, Tracer, Deprecation };
  Kind kind = Kind::User;
  std::string message;
  SourceLocation where;  // the user's call site when known
  bool has_location = false;
};

using WarningHandler = std::function<void(const Warning&)>;

// Installs a handler for all threads; returns the previous one. An empty handler restores
// the default.
WarningHandler setWarningHandler(WarningHandler handler);
void warn(Warning w);
void warn(Warning::Kind kind, std::string message);
void warn(Warning::Kind kind, std::string message, SourceLocation where);

// Formats a warning as the default handler prints it: "file:line: TracerWarning: message".
std::string formatWarning(const Warning& w);

}  // namespace wick
