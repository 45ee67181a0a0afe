// Collects wick warnings during a test instead of printing them.
#pragma once

#include <string>
#include <vector>

#include "wick/core/warning.h"

namespace wick::testing {

class WarningCapture {
 public:
  WarningCapture() {
    old_ = setWarningHandler([this](const Warning& w) { warnings.push_back(w); });
  }
  ~WarningCapture() { setWarningHandler(old_); }
  bool contains(const std::string& text) const {
    for (const auto& w : warnings)
      if (w.message.find(text) != std::string::npos) return true;
    return false;
  }
  size_t count(const std::string& text) const {
    size_t n = 0;
    for (const auto& w : warnings) n += w.message.find(text) != std::string::npos;
    return n;
  }
  std::vector<Warning> warnings;

 private:
  WarningHandler old_;
};

}  // namespace wick::testing
