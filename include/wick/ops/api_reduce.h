// Reductions, statistics, norms, softmax, scans and sorting: free functions mirroring torch.*
// (wick::sum, wick::mean, wick::softmax, wick::topk, ...) and the matching Tensor methods
// declared in tensor.h. Every function here is a thin wrapper over wick::ops::<row>
// (ops.def) adding PyTorch's defaults and overloads.
#pragma once

#include <optional>
#include <tuple>

#include "wick/ops/ops.h"

namespace wick {

// ---- sums, means, products ----
inline Tensor sum(const Tensor& x, std::optional<DType> dtype = std::nullopt) {
  return ops::sum(x, dtype);
}
inline Tensor sum(const Tensor& x, IntArrayRef dim, bool keepdim = false,
                  std::optional<DType> dtype = std::nullopt) {
  return ops::sum_dim_IntList(x, dim, keepdim, dtype);
}
inline Tensor nansum(const Tensor& x, IntArrayRef dim = {}, bool keepdim = false,
                     std::optional<DType> dtype = std::nullopt) {
  return ops::nansum(x, dim, keepdim, dtype);
}
inline Tensor mean(const Tensor& x, std::optional<DType> dtype = std::nullopt) {
  return ops::mean(x, dtype);
}
inline Tensor mean(const Tensor& x, IntArrayRef dim, bool keepdim = false,
                   std::optional<DType> dtype = std::nullopt) {
  return ops::mean_dim(x, dim, keepdim, dtype);
}
inline Tensor prod(const Tensor& x, std::optional<DType> dtype = std::nullopt) {
  return ops::prod(x, dtype);
}
inline Tensor prod(const Tensor& x, int64_t dim, bool keepdim = false,
                   std::optional<DType> dtype = std::nullopt) {
  return ops::prod_dim_int(x, dim, keepdim, dtype);
}
inline Tensor count_nonzero(const Tensor& x, std::optional<int64_t> dim = std::nullopt) {
  return ops::count_nonzero(x, dim ? std::optional<SymInt>(*dim) : std::nullopt);
}
inline Tensor count_nonzero(const Tensor& x, IntArrayRef dim) {
  return ops::count_nonzero_dim_IntList(x, dim);
}

// ---- extrema ----
inline Tensor max(const Tensor& x) { return ops::max(x); }
inline std::tuple<Tensor, Tensor> max(const Tensor& x, int64_t dim, bool keepdim = false) {
  return ops::max_dim(x, dim, keepdim);
}
inline Tensor min(const Tensor& x) { return ops::min(x); }
inline std::tuple<Tensor, Tensor> min(const Tensor& x, int64_t dim, bool keepdim = false) {
  return ops::min_dim(x, dim, keepdim);
}
inline Tensor amax(const Tensor& x, IntArrayRef dim = {}, bool keepdim = false) {
  return ops::amax(x, dim, keepdim);
}
inline Tensor amin(const Tensor& x, IntArrayRef dim = {}, bool keepdim = false) {
  return ops::amin(x, dim, keepdim);
}
inline std::tuple<Tensor, Tensor> aminmax(const Tensor& x,
                                          std::optional<int64_t> dim = std::nullopt,
                                          bool keepdim = false) {
  return ops::aminmax(x, dim ? std::optional<SymInt>(*dim) : std::nullopt, keepdim);
}
inline Tensor argmax(const Tensor& x, std::optional<int64_t> dim = std::nullopt,
                     bool keepdim = false) {
  return ops::argmax(x, dim ? std::optional<SymInt>(*dim) : std::nullopt, keepdim);
}
inline Tensor argmin(const Tensor& x, std::optional<int64_t> dim = std::nullopt,
                     bool keepdim = false) {
  return ops::argmin(x, dim ? std::optional<SymInt>(*dim) : std::nullopt, keepdim);
}

// ---- statistics and norms ----
// The unbiased-only forms take exactly a bool, so var(x, {1}) and var(x, 1) reduce dim 1.
inline Tensor var(const Tensor& x) { return ops::var(x, true); }
template <class B>
requires std::is_same_v<B, bool>
inline Tensor var(const Tensor& x, B unbiased) { return ops::var(x, unbiased); }
inline Tensor var(const Tensor& x, IntArrayRef dim, bool unbiased = true, bool keepdim = false) {
  return ops::var_dim(x, dim, unbiased, keepdim);
}
inline Tensor std(const Tensor& x) { return ops::std(x, true); }
template <class B>
requires std::is_same_v<B, bool>
inline Tensor std(const Tensor& x, B unbiased) { return ops::std(x, unbiased); }
inline Tensor std(const Tensor& x, IntArrayRef dim, bool unbiased = true, bool keepdim = false) {
  return ops::std_dim(x, dim, unbiased, keepdim);
}
// Returns (var, mean).
inline std::tuple<Tensor, Tensor> var_mean(const Tensor& x, IntArrayRef dim = {},
                                           bool unbiased = true, bool keepdim = false) {
  return ops::var_mean_dim(x, dim, unbiased, keepdim);
}
// Returns (std, mean).
inline std::tuple<Tensor, Tensor> std_mean(const Tensor& x, IntArrayRef dim = {},
                                           bool unbiased = true, bool keepdim = false) {
  return ops::std_mean_dim(x, dim, unbiased, keepdim);
}
inline Tensor norm(const Tensor& x, const Scalar& p = 2) { return ops::norm_Scalar(x, p); }
inline Tensor norm(const Tensor& x, const std::optional<Scalar>& p, IntArrayRef dim,
                   bool keepdim = false) {
  return ops::norm_ScalarOpt_dim(x, p, dim, keepdim);
}
inline Tensor linalg_vector_norm(const Tensor& x, const Scalar& ord = 2,
                                 std::optional<IntArrayRef> dim = std::nullopt,
                                 bool keepdim = false, std::optional<DType> dtype = std::nullopt) {
  return ops::linalg_vector_norm(x, ord, dim, keepdim, dtype);
}
inline Tensor logsumexp(const Tensor& x, IntArrayRef dim, bool keepdim = false) {
  return ops::logsumexp(x, dim, keepdim);
}

// ---- boolean reductions ----
inline Tensor any(const Tensor& x) { return ops::any(x); }
inline Tensor any(const Tensor& x, int64_t dim, bool keepdim = false) {
  return ops::any_dim(x, dim, keepdim);
}
inline Tensor all(const Tensor& x) { return ops::all(x); }
inline Tensor all(const Tensor& x, int64_t dim, bool keepdim = false) {
  return ops::all_dim(x, dim, keepdim);
}

// ---- softmax and scans ----
inline Tensor softmax(const Tensor& x, int64_t dim, std::optional<DType> dtype = std::nullopt) {
  return ops::softmax_int(x, dim, dtype);
}
inline Tensor log_softmax(const Tensor& x, int64_t dim, std::optional<DType> dtype = std::nullopt) {
  return ops::log_softmax_int(x, dim, dtype);
}
inline Tensor cumsum(const Tensor& x, int64_t dim, std::optional<DType> dtype = std::nullopt) {
  return ops::cumsum(x, dim, dtype);
}
inline Tensor cumprod(const Tensor& x, int64_t dim, std::optional<DType> dtype = std::nullopt) {
  return ops::cumprod(x, dim, dtype);
}
inline std::tuple<Tensor, Tensor> cummax(const Tensor& x, int64_t dim) {
  return ops::cummax(x, dim);
}
inline std::tuple<Tensor, Tensor> cummin(const Tensor& x, int64_t dim) {
  return ops::cummin(x, dim);
}

// ---- ordering ----
inline std::tuple<Tensor, Tensor> sort(const Tensor& x, int64_t dim = -1, bool descending = false) {
  return ops::sort(x, dim, descending);
}
inline Tensor argsort(const Tensor& x, int64_t dim = -1, bool descending = false) {
  return ops::argsort(x, dim, descending);
}
inline std::tuple<Tensor, Tensor> topk(const Tensor& x, const SymInt& k, int64_t dim = -1,
                                       bool largest = true, bool sorted = true) {
  return ops::topk(x, k, dim, largest, sorted);
}
inline std::tuple<Tensor, Tensor> kthvalue(const Tensor& x, int64_t k, int64_t dim = -1,
                                           bool keepdim = false) {
  return ops::kthvalue(x, k, dim, keepdim);
}
inline Tensor median(const Tensor& x) { return ops::median(x); }
inline std::tuple<Tensor, Tensor> median(const Tensor& x, int64_t dim, bool keepdim = false) {
  return ops::median_dim(x, dim, keepdim);
}

// ---- Tensor methods (declared in tensor.h) ----
inline Tensor Tensor::sum(std::optional<DType> dtype) const { return ops::sum(*this, dtype); }
inline Tensor Tensor::sum(IntArrayRef dim, bool keepdim, std::optional<DType> dtype) const {
  return ops::sum_dim_IntList(*this, dim, keepdim, dtype);
}
inline Tensor Tensor::mean(std::optional<DType> dtype) const { return ops::mean(*this, dtype); }
inline Tensor Tensor::mean(IntArrayRef dim, bool keepdim, std::optional<DType> dtype) const {
  return ops::mean_dim(*this, dim, keepdim, dtype);
}
inline Tensor Tensor::prod(std::optional<DType> dtype) const { return ops::prod(*this, dtype); }
inline Tensor Tensor::prod(int64_t dim, bool keepdim, std::optional<DType> dtype) const {
  return ops::prod_dim_int(*this, dim, keepdim, dtype);
}
inline Tensor Tensor::max() const { return ops::max(*this); }
inline std::tuple<Tensor, Tensor> Tensor::max(int64_t dim, bool keepdim) const {
  return ops::max_dim(*this, dim, keepdim);
}
inline Tensor Tensor::min() const { return ops::min(*this); }
inline std::tuple<Tensor, Tensor> Tensor::min(int64_t dim, bool keepdim) const {
  return ops::min_dim(*this, dim, keepdim);
}
inline Tensor Tensor::amax(IntArrayRef dim, bool keepdim) const {
  return ops::amax(*this, dim, keepdim);
}
inline Tensor Tensor::amin(IntArrayRef dim, bool keepdim) const {
  return ops::amin(*this, dim, keepdim);
}
inline Tensor Tensor::argmax(std::optional<int64_t> dim, bool keepdim) const {
  return wick::argmax(*this, dim, keepdim);
}
inline Tensor Tensor::argmin(std::optional<int64_t> dim, bool keepdim) const {
  return wick::argmin(*this, dim, keepdim);
}
inline Tensor Tensor::var() const { return ops::var(*this, true); }
template <class B>
requires std::is_same_v<B, bool>
inline Tensor Tensor::var(B unbiased) const { return ops::var(*this, unbiased); }
inline Tensor Tensor::var(IntArrayRef dim, bool unbiased, bool keepdim) const {
  return ops::var_dim(*this, dim, unbiased, keepdim);
}
inline Tensor Tensor::std() const { return ops::std(*this, true); }
template <class B>
requires std::is_same_v<B, bool>
inline Tensor Tensor::std(B unbiased) const { return ops::std(*this, unbiased); }
inline Tensor Tensor::std(IntArrayRef dim, bool unbiased, bool keepdim) const {
  return ops::std_dim(*this, dim, unbiased, keepdim);
}
inline Tensor Tensor::norm(const Scalar& p) const { return ops::norm_Scalar(*this, p); }
inline Tensor Tensor::norm(const std::optional<Scalar>& p, IntArrayRef dim, bool keepdim) const {
  return ops::norm_ScalarOpt_dim(*this, p, dim, keepdim);
}
inline Tensor Tensor::any() const { return ops::any(*this); }
inline Tensor Tensor::any(int64_t dim, bool keepdim) const {
  return ops::any_dim(*this, dim, keepdim);
}
inline Tensor Tensor::all() const { return ops::all(*this); }
inline Tensor Tensor::all(int64_t dim, bool keepdim) const {
  return ops::all_dim(*this, dim, keepdim);
}
inline Tensor Tensor::logsumexp(IntArrayRef dim, bool keepdim) const {
  return ops::logsumexp(*this, dim, keepdim);
}
inline Tensor Tensor::cumsum(int64_t dim, std::optional<DType> dtype) const {
  return ops::cumsum(*this, dim, dtype);
}
inline Tensor Tensor::cumprod(int64_t dim, std::optional<DType> dtype) const {
  return ops::cumprod(*this, dim, dtype);
}
inline Tensor Tensor::softmax(int64_t dim, std::optional<DType> dtype) const {
  return ops::softmax_int(*this, dim, dtype);
}
inline Tensor Tensor::log_softmax(int64_t dim, std::optional<DType> dtype) const {
  return ops::log_softmax_int(*this, dim, dtype);
}
inline std::tuple<Tensor, Tensor> Tensor::topk(const SymInt& k, int64_t dim, bool largest,
                                               bool sorted) const {
  return ops::topk(*this, k, dim, largest, sorted);
}
inline std::tuple<Tensor, Tensor> Tensor::sort(int64_t dim, bool descending) const {
  return ops::sort(*this, dim, descending);
}

}  // namespace wick
