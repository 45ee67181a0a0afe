#include "wick/core/tensor_index.h"

#include <limits>

namespace wick {

namespace indexing {

Slice::Slice(std::optional<SymInt> start, std::optional<SymInt> stop, std::optional<SymInt> step)
    : start_(start.value_or(SymInt(0))),
      stop_(stop.value_or(SymInt(std::numeric_limits<int64_t>::max()))),
      step_(step.value_or(SymInt(1))) {
  WICK_CHECK(step_.value() != 0, "Slice: slice step cannot be zero");
}

std::ostream& operator<<(std::ostream& os, const Slice& s) {
  return os << s.start() << ":" << s.stop() << ":" << s.step();
}

}  // namespace indexing

TensorIndex::TensorIndex(const char* s) : kind_(Kind::Ellipsis) {
  WICK_CHECK(std::string_view(s) == "...",
             "TensorIndex: expected \"...\" to represent an "
             "ellipsis index, but got \"",
             s, "\"");
}

std::ostream& operator<<(std::ostream& os, const TensorIndex& index) {
  switch (index.kind()) {
    case TensorIndex::Kind::None: return os << "None";
    case TensorIndex::Kind::Ellipsis: return os << "...";
    case TensorIndex::Kind::Integer: return os << index.integer();
    case TensorIndex::Kind::Boolean: return os << (index.boolean() ? "true" : "false");
    case TensorIndex::Kind::Slice: return os << index.slice();
    case TensorIndex::Kind::Tensor: return os << "Tensor";
  }
  return os;
}

}  // namespace wick
