#include "wick/core/error.h"

namespace wick::detail {

void throwError(const std::string& msg) { throw Error(msg); }
void throwIndexError(const std::string& msg) { throw IndexError(msg); }
void throwTypeError(const std::string& msg) { throw TypeError(msg); }

void internalAssertFail(const char* file, int line, const char* cond, const std::string& msg) {
  throw Error(str("internal error at ", file, ":", line, ": ", cond, " failed",
                  msg.empty() ? "" : ": ", msg, "; please report this bug"));
}

}  // namespace wick::detail
