// Errors are exceptions (DESIGN decision 7). WICK_CHECK reports a user's mistake: what was
// expected, what was found, which op or input. WICK_INTERNAL_ASSERT reports a bug in wick.
// Messages are built only when the check fails.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>

namespace wick {

// Base of every error wick raises for bad input.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// Raised for an index out of range (PyTorch's IndexError).
class IndexError : public Error {
 public:
  using Error::Error;
};
// Raised for a value of the wrong type (PyTorch's TypeError).
class TypeError : public Error {
 public:
  using Error::Error;
};
// Raised for a feature wick does not provide.
class NotSupportedError : public Error {
 public:
  using Error::Error;
};

namespace detail {
inline void strAppend(std::ostringstream&) {}
template <class A, class... R>
void strAppend(std::ostringstream& os, const A& a, const R&... r) {
  os << a;
  strAppend(os, r...);
}
template <class... A>
std::string str(const A&... a) {
  std::ostringstream os;
  strAppend(os, a...);
  return os.str();
}
inline std::string str() { return {}; }
inline const std::string& str(const std::string& s) { return s; }

[[noreturn]] void throwError(const std::string& msg);
[[noreturn]] void throwIndexError(const std::string& msg);
[[noreturn]] void throwTypeError(const std::string& msg);
[[noreturn]] void internalAssertFail(const char* file, int line, const char* cond,
                                     const std::string& msg);
}  // namespace detail

}  // namespace wick

#define WICK_LIKELY(x) __builtin_expect(!!(x), 1)
#define WICK_UNLIKELY(x) __builtin_expect(!!(x), 0)

#define WICK_CHECK(cond, ...)                                       \
  do {                                                              \
    if (WICK_UNLIKELY(!(cond))) {                                   \
      ::wick::detail::throwError(::wick::detail::str(__VA_ARGS__)); \
    }                                                               \
  } while (0)

#define WICK_CHECK_INDEX(cond, ...)                                      \
  do {                                                                   \
    if (WICK_UNLIKELY(!(cond))) {                                        \
      ::wick::detail::throwIndexError(::wick::detail::str(__VA_ARGS__)); \
    }                                                                    \
  } while (0)

#define WICK_CHECK_TYPE(cond, ...)                                      \
  do {                                                                  \
    if (WICK_UNLIKELY(!(cond))) {                                       \
      ::wick::detail::throwTypeError(::wick::detail::str(__VA_ARGS__)); \
    }                                                                   \
  } while (0)

#define WICK_FAIL(...) ::wick::detail::throwError(::wick::detail::str(__VA_ARGS__))

#define WICK_INTERNAL_ASSERT(cond, ...)                                     \
  do {                                                                      \
    if (WICK_UNLIKELY(!(cond))) {                                           \
      ::wick::detail::internalAssertFail(__FILE__, __LINE__, #cond,         \
                                         ::wick::detail::str(__VA_ARGS__)); \
    }                                                                       \
  } while (0)
