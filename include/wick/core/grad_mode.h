// Grad mode: whether ops mark their outputs as requiring grad when an input does. wick has no
// autograd yet (traced graphs carry the flag for their types); NoGradGuard mirrors
// torch.no_grad() so flags come out as PyTorch's would.
#pragma once

namespace wick {

class GradMode {
 public:
  static bool isEnabled() { return enabled_; }
  static void setEnabled(bool e) { enabled_ = e; }

 private:
  static thread_local bool enabled_;
};

class NoGradGuard {
 public:
  NoGradGuard() : prev_(GradMode::isEnabled()) { GradMode::setEnabled(false); }
  ~NoGradGuard() { GradMode::setEnabled(prev_); }
  NoGradGuard(const NoGradGuard&) = delete;
  NoGradGuard& operator=(const NoGradGuard&) = delete;

 private:
  bool prev_;
};

}  // namespace wick
