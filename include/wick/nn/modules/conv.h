// Convolution layers: Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d (PyTorch's
// torch.nn.modules.conv), with padding modes zeros / reflect / replicate / circular (the
// non-zero modes pad with aten::pad first, as PyTorch does) and string paddings "same" /
// "valid".
//
//   nn::Conv2d conv(nn::Conv2dOptions(3, 16, 3).stride(2).padding(1));
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

template <size_t D>
struct ConvOptions {
  ConvOptions(int64_t in_channels, int64_t out_channels, ExpandingArray<D> kernel_size)
      : in_channels_(in_channels), out_channels_(out_channels), kernel_size_(kernel_size) {}
  WICK_ARG(int64_t, in_channels);
  WICK_ARG(int64_t, out_channels);
  WICK_ARG(ExpandingArray<D>, kernel_size);
  WICK_ARG(ExpandingArray<D>, stride) = 1;
  WICK_ARG(ConvPadding<D>, padding) = 0;
  WICK_ARG(ExpandingArray<D>, dilation) = 1;
  WICK_ARG(int64_t, groups) = 1;
  WICK_ARG(bool, bias) = true;
  // "zeros", "reflect", "replicate" or "circular".
  WICK_ARG(std::string, padding_mode) = "zeros";
};
using Conv1dOptions = ConvOptions<1>;
using Conv2dOptions = ConvOptions<2>;

template <size_t D>
struct ConvTransposeOptions {
  ConvTransposeOptions(int64_t in_channels, int64_t out_channels, ExpandingArray<D> kernel_size)
      : in_channels_(in_channels), out_channels_(out_channels), kernel_size_(kernel_size) {}
  WICK_ARG(int64_t, in_channels);
  WICK_ARG(int64_t, out_channels);
  WICK_ARG(ExpandingArray<D>, kernel_size);
  WICK_ARG(ExpandingArray<D>, stride) = 1;
  WICK_ARG(ExpandingArray<D>, padding) = 0;
  WICK_ARG(ExpandingArray<D>, output_padding) = 0;
  WICK_ARG(int64_t, groups) = 1;
  WICK_ARG(bool, bias) = true;
  WICK_ARG(ExpandingArray<D>, dilation) = 1;
  // Only "zeros" is supported by transposed convolutions (as in PyTorch).
  WICK_ARG(std::string, padding_mode) = "zeros";
};
using ConvTranspose1dOptions = ConvTransposeOptions<1>;
using ConvTranspose2dOptions = ConvTransposeOptions<2>;

// What the convolution layers share: the checked options in PyTorch's _ConvNd form, the
// weight ((out, in/groups, *k), or (in, out/groups, *k) transposed) and bias, their
// kaiming-uniform initialisation, and the printed options.
template <size_t D>
class ConvBase : public Module {
 public:
  void reset_parameters();
  std::string extra_repr() const override;

  Tensor weight;
  Tensor bias;  // undefined without bias

 protected:
  struct Spec {
    int64_t in_channels, out_channels;
    ExpandingArray<D> kernel_size, stride;
    ConvPadding<D> padding;
    ExpandingArray<D> dilation, output_padding;
    int64_t groups;
    bool bias, transposed;
    std::string padding_mode;
  };
  ConvBase(std::string class_name, Spec spec);
  const Spec& spec() const { return spec_; }
  // F.pad's argument for a non-zero padding_mode: the padding reversed, each size twice.
  const std::vector<int64_t>& reversed_padding_repeated_twice() const { return reversed_padding_; }

 private:
  Spec spec_;
  std::vector<int64_t> reversed_padding_;
};

template <size_t D>
class ConvImpl : public ConvBase<D> {
 public:
  ConvImpl(int64_t in_channels, int64_t out_channels, ExpandingArray<D> kernel_size)
      : ConvImpl(ConvOptions<D>(in_channels, out_channels, kernel_size)) {}
  explicit ConvImpl(const ConvOptions<D>& options);
  Tensor forward(const Tensor& input);

  ConvOptions<D> options;
};

class Conv1dImpl : public ConvImpl<1> {
 public:
  using ConvImpl<1>::ConvImpl;
};
WICK_MODULE(Conv1d);
class Conv2dImpl : public ConvImpl<2> {
 public:
  using ConvImpl<2>::ConvImpl;
};
WICK_MODULE(Conv2d);

template <size_t D>
class ConvTransposeImpl : public ConvBase<D> {
 public:
  ConvTransposeImpl(int64_t in_channels, int64_t out_channels, ExpandingArray<D> kernel_size)
      : ConvTransposeImpl(ConvTransposeOptions<D>(in_channels, out_channels, kernel_size)) {}
  explicit ConvTransposeImpl(const ConvTransposeOptions<D>& options);
  // output_size picks the output_padding that gives that spatial size (PyTorch's
  // ConvTranspose forward(input, output_size)); it may include the batch and channel sizes.
  Tensor forward(const Tensor& input,
                 const std::optional<std::vector<int64_t>>& output_size = std::nullopt);

  ConvTransposeOptions<D> options;

 private:
  std::vector<int64_t> outputPadding(const Tensor& input,
                                     const std::optional<std::vector<int64_t>>& output_size) const;
};

class ConvTranspose1dImpl : public ConvTransposeImpl<1> {
 public:
  using ConvTransposeImpl<1>::ConvTransposeImpl;
};
WICK_MODULE(ConvTranspose1d);
class ConvTranspose2dImpl : public ConvTransposeImpl<2> {
 public:
  using ConvTransposeImpl<2>::ConvTransposeImpl;
};
WICK_MODULE(ConvTranspose2d);

extern template class ConvBase<1>;
extern template class ConvBase<2>;
extern template class ConvImpl<1>;
extern template class ConvImpl<2>;
extern template class ConvTransposeImpl<1>;
extern template class ConvTransposeImpl<2>;

}  // namespace wick::nn
