// Views, reshapes, joins and splits, indexing and scatter/gather: free functions (wick::cat,
// wick::stack, ...) and the matching Tensor methods. Every function here is a thin wrapper over
// wick::ops::<row> (ops.def) adding PyTorch's defaults and overloads.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "wick/core/tensor_index.h"
#include "wick/ops/ops.h"

namespace wick {

using IndexList = std::vector<std::optional<Tensor>>;

// ---- views and reshapes ----

inline Tensor reshape(const Tensor& self, SymIntList shape) { return ops::reshape(self, shape); }
inline Tensor flatten(const Tensor& self, int64_t start_dim = 0, int64_t end_dim = -1) {
  return ops::flatten_using_ints(self, start_dim, end_dim);
}
inline Tensor unflatten(const Tensor& self, int64_t dim, SymIntList sizes) {
  return ops::unflatten_int(self, dim, sizes);
}
inline Tensor squeeze(const Tensor& self) { return ops::squeeze(self); }
inline Tensor squeeze(const Tensor& self, int64_t dim) { return ops::squeeze_dim(self, dim); }
inline Tensor unsqueeze(const Tensor& self, int64_t dim) { return ops::unsqueeze(self, dim); }
inline Tensor permute(const Tensor& self, IntArrayRef dims) { return ops::permute(self, dims); }
inline Tensor transpose(const Tensor& self, int64_t dim0, int64_t dim1) {
  return ops::transpose_int(self, dim0, dim1);
}
inline Tensor t(const Tensor& self) { return ops::t(self); }
inline Tensor movedim(const Tensor& self, int64_t source, int64_t destination) {
  return ops::movedim_int(self, source, destination);
}
inline Tensor movedim(const Tensor& self, IntArrayRef source, IntArrayRef destination) {
  return ops::movedim_intlist(self, source, destination);
}
inline Tensor diagonal(const Tensor& self, int64_t offset = 0, int64_t dim1 = 0, int64_t dim2 = 1) {
  return ops::diagonal(self, offset, dim1, dim2);
}
inline Tensor select(const Tensor& self, int64_t dim, const SymInt& index) {
  return ops::select_int(self, dim, index);
}
inline Tensor narrow(const Tensor& self, int64_t dim, const SymInt& start, const SymInt& length) {
  return ops::narrow(self, dim, start, length);
}
inline Tensor as_strided(const Tensor& self, SymIntList size, SymIntList stride,
                         std::optional<SymInt> storage_offset = std::nullopt) {
  return ops::as_strided(self, size, stride, storage_offset);
}
inline Tensor alias(const Tensor& self) { return ops::alias(self); }
inline Tensor broadcast_to(const Tensor& self, IntArrayRef size) {
  return ops::broadcast_to(self, size);
}
inline std::vector<Tensor> broadcast_tensors(TensorList tensors) {
  return ops::broadcast_tensors(tensors);
}

// ---- joins and splits ----

inline Tensor cat(TensorList tensors, int64_t dim = 0) { return ops::cat(tensors, dim); }
inline Tensor stack(TensorList tensors, int64_t dim = 0) { return ops::stack(tensors, dim); }
inline Tensor hstack(TensorList tensors) { return ops::hstack(tensors); }
inline Tensor vstack(TensorList tensors) { return ops::vstack(tensors); }
inline std::vector<Tensor> split(const Tensor& self, const SymInt& split_size, int64_t dim = 0) {
  return ops::split_Tensor(self, split_size, dim);
}
inline std::vector<Tensor> split(const Tensor& self, IntArrayRef split_sizes, int64_t dim = 0) {
  return ops::split_with_sizes(self, split_sizes, dim);
}
// split(x, 2): a plain integer is a split size (it would also convert to a list of sizes).
template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
std::vector<Tensor> split(const Tensor& self, I split_size, int64_t dim = 0) {
  return ops::split_Tensor(self, SymInt(split_size), dim);
}
inline std::vector<Tensor> split_with_sizes(const Tensor& self, IntArrayRef split_sizes,
                                            int64_t dim = 0) {
  return ops::split_with_sizes(self, split_sizes, dim);
}
inline std::vector<Tensor> chunk(const Tensor& self, int64_t chunks, int64_t dim = 0) {
  return ops::chunk(self, chunks, dim);
}
inline std::vector<Tensor> unbind(const Tensor& self, int64_t dim = 0) {
  return ops::unbind_int(self, dim);
}
inline std::vector<Tensor> tensor_split(const Tensor& self, int64_t sections, int64_t dim = 0) {
  return ops::tensor_split_sections(self, sections, dim);
}
inline std::vector<Tensor> tensor_split(const Tensor& self, IntArrayRef indices, int64_t dim = 0) {
  return ops::tensor_split_indices(self, indices, dim);
}
inline std::vector<Tensor> tensor_split(const Tensor& self, const Tensor& indices_or_sections,
                                        int64_t dim = 0) {
  return ops::tensor_split_tensor_indices_or_sections(self, indices_or_sections, dim);
}

// ---- indexing, gather and scatter ----

inline Tensor index(const Tensor& self, const IndexList& indices) {
  return ops::index_Tensor(self, indices);
}
inline Tensor index_put(const Tensor& self, const IndexList& indices, const Tensor& values,
                        bool accumulate = false) {
  return ops::index_put(self, indices, values, accumulate);
}
inline Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index) {
  return ops::index_select(self, dim, index);
}
inline Tensor gather(const Tensor& self, int64_t dim, const Tensor& index,
                     bool sparse_grad = false) {
  return ops::gather(self, dim, index, sparse_grad);
}
inline Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  return ops::scatter_src(self, dim, index, src);
}
inline Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  return ops::scatter_value(self, dim, index, value);
}
// reduce is "add" or "multiply".
inline Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                      std::string_view reduce) {
  return ops::scatter_reduce(self, dim, index, src, reduce);
}
inline Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value,
                      std::string_view reduce) {
  return ops::scatter_value_reduce(self, dim, index, value, reduce);
}
inline Tensor scatter_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  return ops::scatter_add(self, dim, index, src);
}
// reduce is "sum", "prod", "mean", "amax" or "amin".
inline Tensor scatter_reduce(const Tensor& self, int64_t dim, const Tensor& index,
                             const Tensor& src, std::string_view reduce, bool include_self = true) {
  return ops::scatter_reduce_two(self, dim, index, src, reduce, include_self);
}
inline Tensor masked_select(const Tensor& self, const Tensor& mask) {
  return ops::masked_select(self, mask);
}
inline Tensor nonzero(const Tensor& self) { return ops::nonzero(self); }

// ---- rearranging copies and padding ----

inline Tensor roll(const Tensor& self, IntArrayRef shifts, IntArrayRef dims = {}) {
  return ops::roll(self, shifts, dims);
}
inline Tensor flip(const Tensor& self, IntArrayRef dims) { return ops::flip(self, dims); }
inline Tensor tril(const Tensor& self, int64_t diagonal = 0) { return ops::tril(self, diagonal); }
inline Tensor triu(const Tensor& self, int64_t diagonal = 0) { return ops::triu(self, diagonal); }
inline Tensor constant_pad_nd(const Tensor& self, IntArrayRef pad, const Scalar& value = 0) {
  return ops::constant_pad_nd(self, pad, value);
}
// Pads are (left, right) pairs from the last dimension backwards; mode is "constant",
// "reflect", "replicate" or "circular".
inline Tensor pad(const Tensor& self, IntArrayRef pad, std::string_view mode = "constant",
                  std::optional<double> value = std::nullopt) {
  return ops::pad(self, pad, mode, value);
}

// ---- Tensor methods ----

inline Tensor Tensor::view(SymIntList size) const { return ops::view(*this, size); }
inline Tensor Tensor::view(DType dtype) const { return ops::view_dtype(*this, dtype); }
inline Tensor Tensor::reshape(SymIntList shape) const { return ops::reshape(*this, shape); }
inline Tensor Tensor::view_as(const Tensor& other) const { return ops::view_as(*this, other); }
inline Tensor Tensor::reshape_as(const Tensor& other) const {
  return ops::reshape_as(*this, other);
}
inline Tensor Tensor::permute(IntArrayRef dims) const { return ops::permute(*this, dims); }
inline Tensor Tensor::transpose(int64_t dim0, int64_t dim1) const {
  return ops::transpose_int(*this, dim0, dim1);
}
inline Tensor Tensor::t() const { return ops::t(*this); }
inline Tensor Tensor::flatten(int64_t start_dim, int64_t end_dim) const {
  return ops::flatten_using_ints(*this, start_dim, end_dim);
}
inline Tensor Tensor::unflatten(int64_t dim, SymIntList sizes) const {
  return ops::unflatten_int(*this, dim, sizes);
}
inline Tensor Tensor::squeeze() const { return ops::squeeze(*this); }
inline Tensor Tensor::squeeze(int64_t dim) const { return ops::squeeze_dim(*this, dim); }
inline Tensor Tensor::unsqueeze(int64_t dim) const { return ops::unsqueeze(*this, dim); }
inline Tensor Tensor::expand(SymIntList size, bool implicit) const {
  return ops::expand(*this, size, implicit);
}
inline Tensor Tensor::expand_as(const Tensor& other) const { return ops::expand_as(*this, other); }
inline Tensor Tensor::select(int64_t dim, const SymInt& index) const {
  return ops::select_int(*this, dim, index);
}
inline Tensor Tensor::slice(int64_t dim, std::optional<SymInt> start, std::optional<SymInt> end,
                            const SymInt& step) const {
  return ops::slice_Tensor(*this, dim, start, end, step);
}
inline Tensor Tensor::narrow(int64_t dim, const SymInt& start, const SymInt& length) const {
  return ops::narrow(*this, dim, start, length);
}
inline Tensor Tensor::index(const std::vector<std::optional<Tensor>>& indices) const {
  return ops::index_Tensor(*this, indices);
}
inline Tensor& Tensor::index_put_(const std::vector<std::optional<Tensor>>& indices,
                                  const Tensor& values, bool accumulate) {
  ops::index_put_(*this, indices, values, accumulate);
  return *this;
}
inline Tensor Tensor::index_select(int64_t dim, const Tensor& index) const {
  return ops::index_select(*this, dim, index);
}
inline Tensor Tensor::gather(int64_t dim, const Tensor& index) const {
  return ops::gather(*this, dim, index, false);
}
inline Tensor Tensor::scatter(int64_t dim, const Tensor& index, const Tensor& src) const {
  return ops::scatter_src(*this, dim, index, src);
}
inline Tensor Tensor::scatter(int64_t dim, const Tensor& index, const Scalar& value) const {
  return ops::scatter_value(*this, dim, index, value);
}
inline Tensor Tensor::roll(IntArrayRef shifts, IntArrayRef dims) const {
  return ops::roll(*this, shifts, dims);
}
inline Tensor Tensor::repeat(SymIntList repeats) const { return ops::repeat(*this, repeats); }
inline Tensor Tensor::flip(IntArrayRef dims) const { return ops::flip(*this, dims); }
inline std::vector<Tensor> Tensor::chunk(int64_t chunks, int64_t dim) const {
  return ops::chunk(*this, chunks, dim);
}
inline std::vector<Tensor> Tensor::split(const SymInt& split_size, int64_t dim) const {
  return ops::split_Tensor(*this, split_size, dim);
}
inline std::vector<Tensor> Tensor::split(IntArrayRef split_sizes, int64_t dim) const {
  return ops::split_with_sizes(*this, split_sizes, dim);
}
inline std::vector<Tensor> Tensor::unbind(int64_t dim) const { return ops::unbind_int(*this, dim); }
inline Tensor Tensor::tril(int64_t diagonal) const { return ops::tril(*this, diagonal); }
inline Tensor Tensor::triu(int64_t diagonal) const { return ops::triu(*this, diagonal); }

}  // namespace wick
