#include "wick/core/warning.h"

#include <iostream>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <tuple>

namespace wick {

namespace {
std::shared_mutex g_handler_mutex;
WarningHandler g_handler;

const char* kindName(Warning::Kind k) {
  switch (k) {
    case Warning::Kind::Tracer: return "TracerWarning";
    case Warning::Kind::Deprecation: return "DeprecationWarning";
    default: return "UserWarning";
  }
}

// Prints each warning once per call site (file, line, message), like Python's default filter.
void defaultHandler(const Warning& w) {
  static std::mutex mutex;
  static std::set<std::tuple<std::string, unsigned, std::string>> seen;
  std::lock_guard<std::mutex> lock(mutex);
  auto key = std::make_tuple(w.has_location ? std::string(w.where.file_name()) : std::string(),
                             w.has_location ? w.where.line() : 0u, w.message);
  if (!seen.insert(key).second) return;
  std::cerr << formatWarning(w) << std::endl;
}
}  // namespace

std::string formatWarning(const Warning& w) {
  std::string s;
  if (w.has_location) {
    s += w.where.file_name();
    s += ":" + std::to_string(w.where.line()) + ": ";
  }
  s += kindName(w.kind);
  s += ": ";
  s += w.message;
  return s;
}

WarningHandler setWarningHandler(WarningHandler handler) {
  std::unique_lock<std::shared_mutex> lock(g_handler_mutex);
  WarningHandler old = std::move(g_handler);
  g_handler = std::move(handler);
  return old;
}

void warn(Warning w) {
  std::shared_lock<std::shared_mutex> lock(g_handler_mutex);
  if (g_handler) {
    g_handler(w);
  } else {
    defaultHandler(w);
  }
}

void warn(Warning::Kind kind, std::string message) {
  Warning w;
  w.kind = kind;
  w.message = std::move(message);
  warn(std::move(w));
}

void warn(Warning::Kind kind, std::string message, SourceLocation where) {
  Warning w;
  w.kind = kind;
  w.message = std::move(message);
  w.where = where;
  w.has_location = true;
  warn(std::move(w));
}

}  // namespace wick
