#include "wick/core/sym_int.h"

#include "wick/core/error.h"
#include "wick/core/tracing_hooks.h"

namespace wick {

namespace detail {
thread_local TracerHooks* t_tracer = nullptr;
}

void SymInt::warnConversion(SourceLocation loc) {
  if (auto* tr = detail::tracer()) tr->conversionWarning("a C++ integer", loc);
}

namespace {
int64_t floorDiv(int64_t a, int64_t b) {
  WICK_CHECK(b != 0, "integer division by zero");
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}
int64_t floorMod(int64_t a, int64_t b) {
  WICK_CHECK(b != 0, "integer modulo by zero");
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

SymInt arith(const SymInt& a, const SymInt& b, char op) {
  if ((a.isTraced() || b.isTraced()) && detail::tracer()) {
    return detail::tracer()->sizeArithmetic(a, b, op);
  }
  int64_t x = a.value(), y = b.value();
  switch (op) {
    case '+': return SymInt(x + y);
    case '-': return SymInt(x - y);
    case '*': return SymInt(x * y);
    case '/': return SymInt(floorDiv(x, y));
    default: return SymInt(floorMod(x, y));
  }
}
}  // namespace

SymInt SymInt::operator-() const { return arith(SymInt(0), *this, '-'); }
SymInt operator+(const SymInt& a, const SymInt& b) { return arith(a, b, '+'); }
SymInt operator-(const SymInt& a, const SymInt& b) { return arith(a, b, '-'); }
SymInt operator*(const SymInt& a, const SymInt& b) { return arith(a, b, '*'); }
SymInt operator/(const SymInt& a, const SymInt& b) { return arith(a, b, '/'); }
SymInt operator%(const SymInt& a, const SymInt& b) { return arith(a, b, '%'); }

bool symIntCompare(const SymInt& a, const SymInt& b, int op) {
  if (a.isTraced() || b.isTraced()) {
    if (auto* tr = detail::tracer()) {
      tr->conversionWarning("a C++ boolean", a.isTraced() ? a.where() : b.where());
    }
  }
  int64_t x = a.value(), y = b.value();
  switch (op) {
    case 0: return x == y;
    case 1: return x != y;
    case 2: return x < y;
    case 3: return x <= y;
    case 4: return x > y;
    default: return x >= y;
  }
}

SymInt SizesRef::operator[](size_t i) const {
  if (auto* tr = detail::tracer(); tr && tr->isTraced(impl_)) {
    return tr->sizeOf(impl_, static_cast<int64_t>(i), SourceLocation::current());
  }
  return SymInt(impl_->sizes()[i]);
}

SymInt SizesRef::at(int64_t i, SourceLocation loc) const {
  int64_t n = impl_->dim();
  WICK_CHECK_INDEX(i >= -n && i < n, "sizes(): index ", i, " out of range for a ", n,
                   "-dimensional tensor");
  if (i < 0) i += n;
  if (auto* tr = detail::tracer(); tr && tr->isTraced(impl_)) return tr->sizeOf(impl_, i, loc);
  return SymInt(impl_->sizes()[i]);
}

SymInt SymIntList::at(size_t i) const {
  switch (kind_) {
    case Kind::Ints: return SymInt(ints_[i]);
    case Kind::Syms: return syms_[i];
    case Kind::Sizes: return SizesRef(sizes_)[i];
  }
  return SymInt();
}

IntArrayRef SymIntList::values(DimVector& scratch) const {
  switch (kind_) {
    case Kind::Ints: return IntArrayRef(ints_, n_);
    case Kind::Sizes: return sizes_->sizes();
    case Kind::Syms:
      scratch.resize(n_);
      for (size_t i = 0; i < n_; ++i) scratch[i] = syms_[i].value();
      return scratch;
  }
  return {};
}

}  // namespace wick
