// Kernels built from other kernels report errors under the name of the op the user called:
// an error raised inside is raised again, of the same kind (IndexError, TypeError, ...), with
// its message renamed.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "wick/core/error.h"

namespace wick::kernels {

namespace detail {

// Runs f(); rethrows its wick errors with rename(message) as the message.
template <class F, class Rename>
auto rethrowRenamed(F&& f, const Rename& rename) -> decltype(f()) {
  try {
    return std::forward<F>(f)();
  } catch (const IndexError& e) {
    throw IndexError(rename(e.what()));
  } catch (const TypeError& e) {
    throw TypeError(rename(e.what()));
  } catch (const NotSupportedError& e) {
    throw NotSupportedError(rename(e.what()));
  } catch (const Error& e) {
    throw Error(rename(e.what()));
  }
}

// `message` without a leading "<ns>::<op>: " (the name of the op that raised it).
inline std::string_view withoutOpName(std::string_view message) {
  if (message.starts_with("aten::") || message.starts_with("prim::")) {
    size_t colon = message.find(": ");
    if (colon != std::string_view::npos &&
        message.substr(0, colon).find(' ') == std::string_view::npos) {
      message.remove_prefix(colon + 2);
    }
  }
  return message;
}

}  // namespace detail

// f() for a composite op: errors of the kernels it calls get "<op>: " in front, so the
// message names both the op called and the step that failed.
template <class F>
auto namingErrors(const char* op, F&& f) -> decltype(f()) {
  return detail::rethrowRenamed(std::forward<F>(f), [op](std::string_view message) {
    return std::string(op) + ": " + std::string(message);
  });
}

// f() for an alias (absolute for abs): the target's name in its errors becomes the alias's.
template <class F>
auto asAlias(const char* alias, F&& f) -> decltype(f()) {
  return detail::rethrowRenamed(std::forward<F>(f), [alias](std::string_view message) {
    return std::string(alias) + ": " + std::string(detail::withoutOpName(message));
  });
}

}  // namespace wick::kernels
