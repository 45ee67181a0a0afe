// Builds the TorchScript side of an nn::Module hierarchy for tracing: one class per module
// (named as PyTorch names them, unique within the compilation unit), with parameters,
// buffers, `training` and submodules as attributes, and objects whose slots share the
// module's tensors (so in-place edits to either show in both).
#pragma once

#include <memory>
#include <unordered_map>
#include <vector>

#include "ir/function.h"
#include "trace/tracing_state.h"
#include "wick/nn/module.h"

namespace wick::jit {

struct ModuleHierarchy {
  std::shared_ptr<CompilationUnit> cu;
  IntrusivePtr<Object> root;
  std::vector<TracedModule> modules;  // root first
  std::unordered_map<const TensorImpl*, TracedAttribute> attributes;
  std::vector<std::shared_ptr<nn::Module>> eager;  // parallel to `modules`
};

ModuleHierarchy buildHierarchy(const std::shared_ptr<nn::Module>& root);

// Saves the training flag of every module of a hierarchy and restores it on destruction.
class ModeGuard {
 public:
  explicit ModeGuard(const std::vector<std::shared_ptr<nn::Module>>& modules);
  ~ModeGuard();
  void restore();

 private:
  std::vector<std::pair<std::shared_ptr<nn::Module>, bool>> saved_;
};

// Saves copies of every buffer (BatchNorm running stats...) and writes them back on restore,
// so tracing in train mode leaves no changed buffers behind.
class BufferSnapshot {
 public:
  explicit BufferSnapshot(const std::shared_ptr<nn::Module>& root);
  void restore();

 private:
  std::vector<std::pair<Tensor, Tensor>> saved_;  // (buffer, copy)
};

}  // namespace wick::jit
