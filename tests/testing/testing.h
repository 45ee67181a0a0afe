// Shared helpers for wick's tests: temporary directories, running the PyTorch oracle, and
// comparing tensors.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "wick/wick.h"

namespace wick::testing {

// A fresh directory for this test's files (under the build tree).
std::string tempDir(const std::string& name);

// Runs /usr/bin/python3 with the script from tests/oracle/ and the arguments; returns its
// stdout. Fails the test (throws) with the script's stderr when it exits non-zero.
std::string runPython(const std::string& script, const std::vector<std::string>& args = {});

// Runs a shell command; returns {exit status, combined output}.
std::pair<int, std::string> runCommand(const std::string& cmd);

// Path of a file in the source tree.
std::string sourcePath(const std::string& relative);

// Reads a whole file.
std::string readFile(const std::string& path);

// Compares two tensors: same shape, dtype and values within tolerance (NaNs equal).
::testing::AssertionResult allClose(const Tensor& actual, const Tensor& expected,
                                    double rtol = 1e-5, double atol = 1e-8);

// Message of the exception thrown by f, or "" when nothing was thrown.
template <class F>
std::string errorOf(F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

}  // namespace wick::testing

// Asserts that `stmt` throws a wick::Error whose message contains `substr`.
#define EXPECT_THROW_MSG(stmt, substr)                                                         \
  do {                                                                                         \
    std::string wick_msg_;                                                                     \
    try {                                                                                      \
      stmt;                                                                                    \
    } catch (const ::wick::Error& e) {                                                         \
      wick_msg_ = e.what();                                                                    \
    }                                                                                          \
    EXPECT_NE(wick_msg_.find(substr), std::string::npos)                                       \
        << "expected an error containing \"" << (substr) << "\", got \"" << wick_msg_ << "\""; \
  } while (0)
