#include "wick/core/scalar.h"

#include <cmath>

#include "wick/core/sym_int.h"

namespace wick {

Scalar::Scalar(const SymInt& s) : kind_(Kind::Int), traced_(s.traced()) { v_.i = s.value(); }

Scalar Scalar::operator-() const {
  switch (kind_) {
    case Kind::Int: return Scalar(-v_.i);
    case Kind::Double: return Scalar(-v_.d);
    case Kind::Bool: return Scalar(-v_.i);
  }
  return *this;
}

bool Scalar::equal(const Scalar& o) const {
  if (kind_ == Kind::Double || o.kind_ == Kind::Double) return toDouble() == o.toDouble();
  return v_.i == o.v_.i;
}

std::ostream& operator<<(std::ostream& os, const Scalar& s) {
  switch (s.kind()) {
    case Scalar::Kind::Int: return os << s.toLong();
    case Scalar::Kind::Bool: return os << (s.toBool() ? "True" : "False");
    case Scalar::Kind::Double: return os << s.toDouble();
  }
  return os;
}

}  // namespace wick
