// einsum: Einstein summation over labelled dims ("bij,bjk->bik", "...ij,...jk", "ii->i").
// Every operand becomes a strided view over one shared list of labels (size 1 where it lacks
// a label; repeated labels become diagonals), then operands are contracted left to right with
// bmm: labels both sides keep become the batch, labels no later operand or the output needs
// are summed. Errors use PyTorch 1.13's wording.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/kernels/linalg_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using dense::shapeOf;
using dense::sizeAt;

constexpr std::string_view kOp = "aten::einsum";
constexpr int kLetters = 52;  // A-Z then a-z, PyTorch's label order

// Labels: 0..51 for letters, kLetters + i for the i-th (right-aligned) ellipsis dim.
struct Equation {
  std::vector<std::vector<int>> inputs;  // per operand; -1 marks the ellipsis
  std::vector<int> output;               // with -1 for the ellipsis
  bool has_output = false;
};

int labelOf(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' : c - 'a' + 26; }
char letterOf(int l) { return static_cast<char>(l < 26 ? 'A' + l : 'a' + l - 26); }

std::vector<int> parseTerm(std::string_view eq, size_t& pos, size_t end) {
  std::vector<int> term;
  while (pos < end && eq[pos] != ',' && eq[pos] != '-') {
    char c = eq[pos];
    if (c == ' ') {
      ++pos;
    } else if (c == '.') {
      WICK_CHECK(eq.substr(pos, 3) == "...", kOp,
                 ": einsum(): found '.' for operand that is not part of any ellipsis");
      term.push_back(-1);
      pos += 3;
    } else {
      WICK_CHECK((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'), kOp,
                 ": einsum(): invalid subscript given at index ", pos,
                 " in the equation string, subscripts must be in [a-zA-Z]");
      term.push_back(labelOf(c));
      ++pos;
    }
  }
  return term;
}

Equation parse(std::string_view eq) {
  Equation e;
  size_t arrow = eq.find("->");
  size_t end = arrow == std::string_view::npos ? eq.size() : arrow;
  size_t pos = 0;
  while (true) {
    e.inputs.push_back(parseTerm(eq, pos, end));
    if (pos >= end) break;
    WICK_CHECK(eq[pos] == ',', kOp, ": einsum(): invalid equation '", eq, "'");
    ++pos;
  }
  if (arrow != std::string_view::npos) {
    e.has_output = true;
    size_t p = arrow + 2;
    e.output = parseTerm(eq, p, eq.size());
  }
  return e;
}

// An operand as a view over every label (sizes of 1 with stride 0 where it has none).
struct LabelView {
  std::vector<int64_t> size, stride;
  Tensor t;  // the storage owner
  Tensor view() const { return dense::asStrided(t, size, stride, t.storage_offset()); }
};

LabelView labelView(const Tensor& x, const std::vector<int>& term, int ell_dims, size_t nlabels,
                    size_t index) {
  bool has_ell = std::count(term.begin(), term.end(), -1) > 0;
  int64_t named = static_cast<int64_t>(term.size()) - (has_ell ? 1 : 0);
  WICK_CHECK(has_ell ? x.dim() >= named : x.dim() == named, kOp,
             ": einsum(): the number of subscripts in the equation (", named,
             ") does not match the number of dimensions (", x.dim(), ") for operand ", index,
             has_ell ? "" : " and no ellipsis was given");
  LabelView v{std::vector<int64_t>(nlabels, 1), std::vector<int64_t>(nlabels, 0), x};
  int64_t d = 0;
  auto place = [&](size_t label, int64_t dim) {
    int64_t sz = sizeAt(x, dim), st = x.strides()[dim];
    if (v.size[label] == 1 && v.stride[label] == 0) {
      v.size[label] = sz;
      v.stride[label] = sz == 1 ? 0 : st;
    } else {
      // A repeated label in one operand: its diagonal.
      WICK_CHECK(v.size[label] == sz, kOp, ": einsum(): subscript ",
                 letterOf(static_cast<int>(label)), " is repeated for operand ", index,
                 " but the sizes don't match, ", v.size[label], " != ", sz);
      v.stride[label] += st;
    }
  };
  for (int l : term) {
    if (l >= 0) {
      place(static_cast<size_t>(l), d++);
      continue;
    }
    int64_t count = x.dim() - named;
    for (int64_t i = 0; i < count; ++i) place(kLetters + ell_dims - count + i, d++);
  }
  return v;
}

// Sums a contiguous copy of `v` over `label` (keeping it as size 1).
LabelView sumOver(const LabelView& v, size_t label) {
  size_t n = v.size.size();
  std::vector<int64_t> perm;
  for (size_t i = 0; i < n; ++i)
    if (i != label) perm.push_back(static_cast<int64_t>(i));
  perm.push_back(static_cast<int64_t>(label));
  Tensor src = dense::cloneContiguous(dense::permuted(v.view(), perm));
  int64_t len = v.size[label], rows = 1;
  for (size_t i = 0; i < n; ++i)
    if (i != label) rows *= v.size[i];
  Tensor out = emptyTensor({rows}, src.dtype());
  dense::visitDType(src.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (!std::is_same_v<T, bool>) {
      using C = std::conditional_t<std::is_integral_v<T>, int64_t, double>;
      const T* s = static_cast<const T*>(src.data_ptr());
      T* o = static_cast<T*>(out.data_ptr());
      for (int64_t r = 0; r < rows; ++r) {
        C acc = 0;
        for (int64_t j = 0; j < len; ++j) acc += C(s[r * len + j]);
        o[r] = dense::castTo<T>(acc);
      }
    }
  });
  LabelView res{std::vector<int64_t>(n, 1), std::vector<int64_t>(n, 0), out};
  int64_t stride = 1;
  for (size_t i = n; i-- > 0;) {
    if (i == label) continue;
    res.size[i] = v.size[i];
    res.stride[i] = v.size[i] == 1 ? 0 : stride;
    stride *= v.size[i];
  }
  return res;
}

// Contracts a and b; `keep[l]` says whether label l is needed afterwards.
LabelView contract(LabelView a, LabelView b, const std::vector<bool>& keep, size_t index) {
  size_t n = a.size.size();
  std::vector<int64_t> batch, ms, ks, ns;
  for (size_t l = 0; l < n; ++l) {
    int64_t sa = a.size[l], sb = b.size[l];
    if (sa > 1 && sb > 1) {
      WICK_CHECK(sa == sb, kOp, ": einsum(): subscript ", letterOf(static_cast<int>(l)),
                 " has size ", sb, " for operand ", index,
                 " which does not broadcast with previously seen size ", sa);
      (keep[l] ? batch : ks).push_back(static_cast<int64_t>(l));
    } else if (sa > 1) {
      if (keep[l])
        ms.push_back(static_cast<int64_t>(l));
      else
        a = sumOver(a, l);
    } else if (sb > 1) {
      if (keep[l])
        ns.push_back(static_cast<int64_t>(l));
      else
        b = sumOver(b, l);
    }
  }
  auto prod = [](const LabelView& v, const std::vector<int64_t>& ls) {
    int64_t p = 1;
    for (int64_t l : ls) p *= v.size[l];
    return p;
  };
  auto gather = [](const LabelView& v, std::vector<int64_t> order, int64_t d0, int64_t d1,
                   int64_t d2) {
    std::vector<int64_t> sz, st;
    for (int64_t l : order) {
      sz.push_back(v.size[l]);
      st.push_back(v.stride[l]);
    }
    Tensor t = dense::asStrided(v.t, sz, st, v.t.storage_offset());
    return dense::reshape(t, {d0, d1, d2});
  };
  int64_t bt = prod(a, batch), mt = prod(a, ms), kt = prod(a, ks), nt = prod(b, ns);
  std::vector<int64_t> ao(batch), bo(batch);
  ao.insert(ao.end(), ms.begin(), ms.end());
  ao.insert(ao.end(), ks.begin(), ks.end());
  bo.insert(bo.end(), ks.begin(), ks.end());
  bo.insert(bo.end(), ns.begin(), ns.end());
  Tensor r = linalg::bmmImpl(gather(a, ao, bt, mt, kt), gather(b, bo, bt, kt, nt), kOp);
  // The result [batch, M, N] laid out contiguously, seen through the labels.
  LabelView res{std::vector<int64_t>(n, 1), std::vector<int64_t>(n, 0), r};
  std::vector<std::pair<int64_t, int64_t>> dims;  // (label, size) in result order
  for (int64_t l : batch) dims.emplace_back(l, a.size[l]);
  for (int64_t l : ms) dims.emplace_back(l, a.size[l]);
  for (int64_t l : ns) dims.emplace_back(l, b.size[l]);
  int64_t stride = 1;
  for (size_t i = dims.size(); i-- > 0;) {
    auto [l, sz] = dims[i];
    res.size[l] = sz;
    res.stride[l] = sz == 1 ? 0 : stride;
    stride *= sz;
  }
  return res;
}

}  // namespace

Tensor einsum(std::string_view equation, TensorList tensors, std::optional<IntArrayRef>) {
  Equation e = parse(equation);
  WICK_CHECK(e.inputs.size() <= tensors.size(), kOp,
             ": einsum(): fewer operands were provided than specified in the equation");
  WICK_CHECK(e.inputs.size() >= tensors.size(), kOp,
             ": einsum(): more operands were provided than specified in the equation");
  WICK_CHECK(!tensors.empty(), kOp, ": einsum(): must provide at least one operand");
  int ell = 0;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const auto& term = e.inputs[i];
    if (std::count(term.begin(), term.end(), -1) > 0) {
      ell = std::max<int>(ell, static_cast<int>(tensors[i].dim() - (term.size() - 1)));
    }
  }
  // Output labels: given, or the ellipsis then the letters used exactly once (A-Z, a-z).
  std::array<int, kLetters> uses{};
  for (const auto& term : e.inputs)
    for (int l : term)
      if (l >= 0) ++uses[l];
  std::vector<int> out;
  if (e.has_output) {
    std::array<bool, kLetters> seen{};
    for (int l : e.output) {
      if (l < 0) {
        for (int i = 0; i < ell; ++i) out.push_back(kLetters + i);
        continue;
      }
      WICK_CHECK(uses[l] > 0, kOp, ": einsum(): output subscript ", letterOf(l),
                 " does not appear in the equation for any input operand");
      WICK_CHECK(!seen[l], kOp, ": einsum(): output subscript ", letterOf(l),
                 " appears more than once in the output");
      seen[l] = true;
      out.push_back(l);
    }
  } else {
    for (int i = 0; i < ell; ++i) out.push_back(kLetters + i);
    for (int l = 0; l < kLetters; ++l)
      if (uses[l] == 1) out.push_back(l);
  }
  size_t nlabels = kLetters + static_cast<size_t>(ell);
  std::vector<LabelView> views;
  for (size_t i = 0; i < tensors.size(); ++i) {
    views.push_back(labelView(tensors[i], e.inputs[i], ell, nlabels, i));
  }
  LabelView acc = views[0];
  for (size_t i = 1; i < views.size(); ++i) {
    std::vector<bool> keep(nlabels, false);
    for (int l : out) keep[static_cast<size_t>(l)] = true;
    for (size_t j = i + 1; j < views.size(); ++j)
      for (size_t l = 0; l < nlabels; ++l)
        if (views[j].size[l] > 1) keep[l] = true;
    acc = contract(acc, views[i], keep, i);
  }
  std::vector<bool> in_out(nlabels, false);
  for (int l : out) in_out[static_cast<size_t>(l)] = true;
  for (size_t l = 0; l < nlabels; ++l) {
    if (!in_out[l] && acc.size[l] > 1) acc = sumOver(acc, l);
  }
  DimVector sizes, strides;
  for (int l : out) {
    sizes.push_back(acc.size[static_cast<size_t>(l)]);
    strides.push_back(acc.stride[static_cast<size_t>(l)]);
  }
  return dense::cloneContiguous(dense::asStrided(acc.t, sizes, strides, acc.t.storage_offset()));
}

}  // namespace wick::kernels
