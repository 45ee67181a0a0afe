// List operations of TorchScript code (aten::len.t, append.t, __getitem__.t, _set_item.t,
// add.t, mul.left_t, slice.t, pop.t, insert.t, sort.int, ...). Lists are reference values
// (ListObj): in-place ops change the caller's list, and the result lists of add/mul/copy/slice
// are new lists with the argument's element type. Errors use Python's messages.
#include <algorithm>
#include <cmath>

#include "ops/kernels/script_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using script::listArg;

constexpr const char* kListIndex = "list index out of range";

IValue newList(const ListObj& like, std::vector<IValue> elems) {
  return IValue(makeList(like.elem_type, std::move(elems)));
}

// Python's list ordering for ints, floats, bools and strings.
bool lessThan(const IValue& a, const IValue& b) {
  if (a.isString()) return a.toStringRef() < b.toStringRef();
  if (a.isDouble() || b.isDouble()) return script::toFloat(a) < script::toFloat(b);
  if (a.isBool()) return static_cast<int>(a.toBool()) < static_cast<int>(b.toBool());
  return a.toInt() < b.toInt();
}

void sortElems(std::vector<IValue>& elems, bool reverse) {
  // stable_sort keeps equal elements in order (Python's sort is stable, also reversed) and
  // stays in bounds even when NaNs make the order inconsistent.
  if (reverse) {
    std::stable_sort(elems.begin(), elems.end(),
                     [](const IValue& a, const IValue& b) { return lessThan(b, a); });
  } else {
    std::stable_sort(elems.begin(), elems.end(), lessThan);
  }
}

int64_t indexOf(const std::vector<IValue>& elems, const IValue& el) {
  for (size_t i = 0; i < elems.size(); ++i) {
    if (elems[i] == el) return static_cast<int64_t>(i);
  }
  WICK_FAIL("'", script::toDisplayString(el), "' is not in list");
}

int64_t countOf(const std::vector<IValue>& elems, const IValue& el) {
  return std::count_if(elems.begin(), elems.end(), [&](const IValue& e) { return e == el; });
}

void removeFrom(const IValue& self, const IValue& el, const char* op) {
  auto& elems = listArg(self, op).elems;
  auto it = std::find(elems.begin(), elems.end(), el);
  WICK_CHECK(it != elems.end(), "list.remove(x): x not in list");
  elems.erase(it);
}

IValue extremeOf(const std::vector<IValue>& elems, bool is_max, const char* what) {
  WICK_CHECK(!elems.empty(), what, "() arg is an empty sequence");
  IValue best = elems[0];
  for (size_t i = 1; i < elems.size(); ++i) {
    const IValue& e = elems[i];
    if (e.isDouble() && std::isnan(e.toDouble())) return e;
    if (is_max ? lessThan(best, e) : lessThan(e, best)) best = e;
  }
  return best;
}

// Python's list comparison: elementwise, then by length.
bool listLess(const std::vector<IValue>& a, const std::vector<IValue>& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (lessThan(a[i], b[i])) return true;
    if (lessThan(b[i], a[i])) return false;
  }
  return a.size() < b.size();
}

IValue listExtreme(const IValue& l, const IValue& r, bool is_max, const TypePtr& elem) {
  const auto& a = l.toList().elems;
  const auto& b = r.toList().elems;
  bool pick_r = is_max ? listLess(a, b) : listLess(b, a);
  return IValue(makeList(elem, pick_r ? b : a));
}

}  // namespace

// ---- size, indexing, mutation ----
int64_t len_t(const IValue& a) {
  return static_cast<int64_t>(listArg(a, "aten::len").elems.size());
}
int64_t len_any(const IValue& a) { return len_t(a); }

IValue dunder_getitem_t(const IValue& list, int64_t idx) {
  const auto& elems = listArg(list, "aten::__getitem__").elems;
  return elems[static_cast<size_t>(
      script::normalizeIndex(idx, static_cast<int64_t>(elems.size()), kListIndex))];
}
IValue select_t(const IValue& list, int64_t idx) { return dunder_getitem_t(list, idx); }

IValue _set_item_t(const IValue& l, int64_t idx, const IValue& el) {
  auto& elems = listArg(l, "aten::_set_item").elems;
  elems[static_cast<size_t>(
      script::normalizeIndex(idx, static_cast<int64_t>(elems.size()), kListIndex))] = el;
  return l;
}

IValue append_t(const IValue& self, const IValue& el) {
  listArg(self, "aten::append").elems.push_back(el);
  return self;
}

void insert_t(const IValue& self, int64_t idx, const IValue& el) {
  auto& elems = listArg(self, "aten::insert").elems;
  auto n = static_cast<int64_t>(elems.size());
  int64_t i = idx < 0 ? std::max<int64_t>(0, idx + n) : std::min(idx, n);
  elems.insert(elems.begin() + i, el);
}

IValue pop_t(const IValue& self, int64_t idx) {
  auto& elems = listArg(self, "aten::pop").elems;
  WICK_CHECK_INDEX(!elems.empty(), "pop from empty list");
  int64_t i = script::normalizeIndex(idx, static_cast<int64_t>(elems.size()), kListIndex);
  IValue v = std::move(elems[static_cast<size_t>(i)]);
  elems.erase(elems.begin() + i);
  return v;
}

void Delete_t(const IValue& self, int64_t idx) {
  auto& elems = listArg(self, "aten::Delete").elems;
  int64_t i = script::normalizeIndex(idx, static_cast<int64_t>(elems.size()), kListIndex);
  elems.erase(elems.begin() + i);
}

void clear_t(const IValue& self) { listArg(self, "aten::clear").elems.clear(); }

void extend_t(const IValue& self, const IValue& other) {
  // Copy first: extending a list with itself doubles it, as in Python.
  std::vector<IValue> add = listArg(other, "aten::extend").elems;
  auto& elems = listArg(self, "aten::extend").elems;
  elems.insert(elems.end(), add.begin(), add.end());
}

void reverse_t(const IValue& self) {
  auto& elems = listArg(self, "aten::reverse").elems;
  std::reverse(elems.begin(), elems.end());
}

// ---- new lists ----
IValue add_t(const IValue& a, const IValue& b) {
  const ListObj& x = listArg(a, "aten::add");
  std::vector<IValue> elems = x.elems;
  const auto& y = listArg(b, "aten::add").elems;
  elems.insert(elems.end(), y.begin(), y.end());
  return newList(x, std::move(elems));
}

IValue add__t(const IValue& self, const IValue& b) {
  extend_t(self, b);
  return self;
}

namespace {
std::vector<IValue> repeated(const std::vector<IValue>& elems, int64_t n) {
  std::vector<IValue> out;
  if (n <= 0) return out;
  out.reserve(elems.size() * static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) out.insert(out.end(), elems.begin(), elems.end());
  return out;
}
}  // namespace

IValue mul_left_t(const IValue& l, int64_t n) {
  const ListObj& x = listArg(l, "aten::mul");
  return newList(x, repeated(x.elems, n));
}
IValue mul_right_(int64_t n, const IValue& l) { return mul_left_t(l, n); }
IValue mul__t(const IValue& l, int64_t n) {
  ListObj& x = listArg(l, "aten::mul_");
  x.elems = repeated(x.elems, n);
  return l;
}

IValue copy_t(const IValue& self) {
  const ListObj& x = listArg(self, "aten::copy");
  return newList(x, x.elems);
}
IValue list_t(const IValue& l) { return copy_t(l); }

IValue slice_t(const IValue& l, std::optional<int64_t> start, std::optional<int64_t> end,
               int64_t step) {
  const ListObj& x = listArg(l, "aten::slice");
  int64_t n =
      script::sliceBounds(static_cast<int64_t>(x.elems.size()), start, end, step, "aten::slice.t");
  std::vector<IValue> out;
  out.reserve(static_cast<size_t>(n));
  for (int64_t i = 0, j = *start; i < n; ++i, j += step)
    out.push_back(x.elems[static_cast<size_t>(j)]);
  return newList(x, std::move(out));
}

// ---- membership, search, counting ----
bool dunder_contains_int_list(IntArrayRef l, int64_t item) {
  return std::find(l.begin(), l.end(), item) != l.end();
}
bool dunder_contains_float_list(ArrayRef<double> l, double item) {
  return std::find(l.begin(), l.end(), item) != l.end();
}
bool dunder_contains_str_list(const IValue& l, std::string_view item) {
  for (const IValue& e : listArg(l, "aten::__contains__").elems) {
    if (e.toStringRef() == item) return true;
  }
  return false;
}

int64_t index_list_int(IntArrayRef self, int64_t el) {
  return indexOf(IValue(self).toList().elems, IValue(el));
}
int64_t index_list_float(ArrayRef<double> self, double el) {
  return indexOf(IValue(self.vec()).toList().elems, IValue(el));
}
int64_t index_list_bool(const IValue& self, bool el) {
  return indexOf(listArg(self, "aten::index").elems, IValue(el));
}
int64_t index_list_str(const IValue& self, std::string_view el) {
  return indexOf(listArg(self, "aten::index").elems, IValue(el));
}

int64_t count_int(IntArrayRef self, int64_t el) { return std::count(self.begin(), self.end(), el); }
int64_t count_float(ArrayRef<double> self, double el) {
  return std::count(self.begin(), self.end(), el);
}
int64_t count_bool(const IValue& self, bool el) {
  return countOf(listArg(self, "aten::count").elems, IValue(el));
}
int64_t count_str(const IValue& self, std::string_view el) {
  return countOf(listArg(self, "aten::count").elems, IValue(el));
}

void remove_int(const IValue& self, int64_t el) { removeFrom(self, IValue(el), "aten::remove"); }
void remove_float(const IValue& self, double el) { removeFrom(self, IValue(el), "aten::remove"); }
void remove_bool(const IValue& self, bool el) { removeFrom(self, IValue(el), "aten::remove"); }
void remove_str(const IValue& self, std::string_view el) {
  removeFrom(self, IValue(el), "aten::remove");
}

// ---- sorting ----
void sort_int(const IValue& self, bool reverse) {
  sortElems(listArg(self, "aten::sort").elems, reverse);
}
void sort_float(const IValue& self, bool reverse) { sort_int(self, reverse); }
void sort_bool(const IValue& self, bool reverse) { sort_int(self, reverse); }
void sort_str(const IValue& self, bool reverse) { sort_int(self, reverse); }

IValue sorted_int(IntArrayRef input) {
  std::vector<int64_t> v = input.vec();
  std::stable_sort(v.begin(), v.end());
  return IValue(v);
}
IValue sorted_float(ArrayRef<double> input) {
  IValue out(input.vec());
  sortElems(out.toList().elems, false);
  return out;
}
IValue sorted_bool(const IValue& input) {
  IValue out = copy_t(input);
  sortElems(out.toList().elems, false);
  return out;
}
IValue sorted_str(const IValue& input) { return sorted_bool(input); }

// ---- folds ----
int64_t sum_int(IntArrayRef self) {
  uint64_t s = 0;
  for (int64_t v : self) s += static_cast<uint64_t>(v);
  return static_cast<int64_t>(s);
}
double sum_float(ArrayRef<double> self) {
  double s = 0;
  for (double v : self) s += v;
  return s;
}
int64_t sum_bool(const IValue& self) {
  const auto& elems = listArg(self, "aten::sum").elems;
  return std::count_if(elems.begin(), elems.end(), [](const IValue& e) { return e.toBool(); });
}
bool any_bool(const IValue& self) { return sum_bool(self) > 0; }
bool any_int(IntArrayRef self) {
  return std::any_of(self.begin(), self.end(), [](int64_t v) { return v != 0; });
}
bool any_float(ArrayRef<double> self) {
  return std::any_of(self.begin(), self.end(), [](double v) { return v != 0; });
}
bool any_str(const IValue& self) {
  const auto& elems = listArg(self, "aten::any").elems;
  return std::any_of(elems.begin(), elems.end(),
                     [](const IValue& e) { return !e.toStringRef().empty(); });
}
bool all_bool(const IValue& self) {
  const auto& elems = listArg(self, "aten::all").elems;
  return std::all_of(elems.begin(), elems.end(), [](const IValue& e) { return e.toBool(); });
}
bool all_int(IntArrayRef self) {
  return std::all_of(self.begin(), self.end(), [](int64_t v) { return v != 0; });
}
bool all_float(ArrayRef<double> self) {
  return std::all_of(self.begin(), self.end(), [](double v) { return v != 0; });
}

// ---- min / max over lists (prim::min / prim::max) ----
int64_t prim_min_self_int(IntArrayRef self) {
  return extremeOf(IValue(self).toList().elems, false, "min").toInt();
}
double prim_min_self_float(ArrayRef<double> self) {
  return extremeOf(IValue(self.vec()).toList().elems, false, "min").toDouble();
}
bool prim_min_self_bool(const IValue& self) {
  return extremeOf(listArg(self, "prim::min").elems, false, "min").toBool();
}
int64_t prim_max_self_int(IntArrayRef self) {
  return extremeOf(IValue(self).toList().elems, true, "max").toInt();
}
double prim_max_self_float(ArrayRef<double> self) {
  return extremeOf(IValue(self.vec()).toList().elems, true, "max").toDouble();
}
bool prim_max_self_bool(const IValue& self) {
  return extremeOf(listArg(self, "prim::max").elems, true, "max").toBool();
}
IValue prim_min_int_list(IntArrayRef l, IntArrayRef r) {
  return listExtreme(IValue(l), IValue(r), false, IntType::get());
}
IValue prim_min_float_list(ArrayRef<double> l, ArrayRef<double> r) {
  return listExtreme(IValue(l.vec()), IValue(r.vec()), false, FloatType::get());
}
IValue prim_min_bool_list(const IValue& l, const IValue& r) {
  return listExtreme(l, r, false, BoolType::get());
}
IValue prim_max_int_list(IntArrayRef l, IntArrayRef r) {
  return listExtreme(IValue(l), IValue(r), true, IntType::get());
}
IValue prim_max_float_list(ArrayRef<double> l, ArrayRef<double> r) {
  return listExtreme(IValue(l.vec()), IValue(r.vec()), true, FloatType::get());
}
IValue prim_max_bool_list(const IValue& l, const IValue& r) {
  return listExtreme(l, r, true, BoolType::get());
}

// ---- sizes and ranges ----
IValue Size(IntArrayRef sizes) { return IValue(sizes); }

IValue _unwrap_optional(const IValue& optional) {
  WICK_CHECK(!optional.isNone(), "aten::_unwrap_optional: Unwrapping null optional");
  return optional;
}

IValue prim_rangelist(int64_t n) {
  std::vector<int64_t> v(static_cast<size_t>(std::max<int64_t>(0, n)));
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int64_t>(i);
  return IValue(v);
}

// PyTorch computes the span in int64 and lets it wrap for ranges wider than int64 (say from
// -2^63 + 1 to 2^63 - 1); the differences are taken in uint64 here so they wrap the same way
// without signed overflow.
int64_t dunder_range_length(int64_t lo, int64_t hi, int64_t step) {
  WICK_CHECK(step != 0, "range() arg 3 must not be zero");
  auto wrapped = [](uint64_t v) { return static_cast<int64_t>(v); };
  if (step > 0 && lo < hi) {
    return 1 + wrapped(static_cast<uint64_t>(hi) - 1 - static_cast<uint64_t>(lo)) / step;
  }
  if (step < 0 && lo > hi) {
    int64_t span = wrapped(static_cast<uint64_t>(lo) - 1 - static_cast<uint64_t>(hi));
    // -step wraps to -2^63 for step = -2^63, as in PyTorch; dividing by it is defined.
    return 1 + span / wrapped(0 - static_cast<uint64_t>(step));
  }
  return 0;
}

int64_t dunder_derive_index(int64_t index, int64_t start, int64_t step) {
  return start + index * step;
}

}  // namespace wick::kernels
