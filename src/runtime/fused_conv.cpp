#include "runtime/fused_conv.h"

#include <omp.h>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/prepacked.h"
#include "wick/core/grad_mode.h"
#include "wick/ops/trace_recorder.h"

namespace wick::jit {

namespace {

constexpr size_t kMaxPacked = 4;

// What a cached packing depends on: the tensor's storage, position and version.
struct Stamp {
  const void* data = nullptr;
  uint32_t version = 0;
  DimVector sizes, strides;
  static Stamp of(const IValue& v) {
    if (!v.isTensor()) return {};
    const Tensor& t = v.toTensor();
    return {t.data_ptr(), t._version(), DimVector(t.sizes()), DimVector(t.strides())};
  }
  bool operator==(const Stamp& o) const {
    return data == o.data && version == o.version && sizes.ref() == o.sizes.ref() &&
           strides.ref() == o.strides.ref();
  }
  // The same test against a value, without building its stamp.
  bool matches(const IValue& v) const {
    if (!v.isTensor()) return data == nullptr && sizes.empty();
    const Tensor& t = v.toTensor();
    return data == t.data_ptr() && version == t._version() && sizes.ref() == t.sizes() &&
           strides.ref() == t.strides();
  }
};

bool sameInts(const std::vector<int64_t>& a, const IValue& list) {
  const auto& elems = list.toList().elems;
  if (a.size() != elems.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != elems[i].toInt()) return false;
  }
  return true;
}

bool isFloatTensor(const IValue& v, int64_t dim = -1) {
  if (!v.isTensor()) return false;
  const Tensor& t = v.toTensor();
  return t.defined() && !t.impl()->isNested() && t.dtype() == kFloat && (dim < 0 || t.dim() == dim);
}

bool isNoneOrFloatVector(const IValue& v, int64_t n) {
  if (v.isNone()) return true;
  return isFloatTensor(v, 1) && v.toTensor().size(0) == n;
}

std::optional<Tensor> optionalTensor(const IValue& v) {
  if (v.isNone()) return std::nullopt;
  return v.toTensor();
}

bool isOne(const IValue& v) {
  if (v.isInt()) return v.toInt() == 1;
  if (v.isDouble()) return v.toDouble() == 1.0;
  return false;
}

bool isIntList(const IValue& v) {
  if (!v.isList()) return false;
  for (const IValue& e : v.toList().elems) {
    if (!e.isInt()) return false;
  }
  return true;
}

}  // namespace

// Everything a packing depends on: the source tensors (weight, bias, batch-norm tensors),
// the convolution's attributes, and the input configuration (a packing serves one input
// shape, layout and thread count, so the folded weight need not be kept).
struct FusedConv::PackKey {
  std::vector<Stamp> stamps;
  std::vector<int64_t> stride, padding, dilation;
  int64_t groups = 1;
  double eps = 0;
  DimVector input_sizes;
  bool input_channels_last = false;
  int threads = 1;
};

struct FusedConv::Packed {
  PackKey key;
  // The tensors the packing was made from, kept alive so that their addresses identify them.
  std::vector<IValue> sources;
  std::unique_ptr<onednn::PrepackedConv> conv;
};

FusedConv::FusedConv(const ConvChain& chain) : chain_(chain) {
  is_convolution_ = chain.conv->op()->id == OpId::_convolution;
  n_conv_ = chain.conv->inputs().size();
  n_bn_ = chain.bn ? chain.bn->inputs().size() - 1 : 0;
  n_add_ = chain.add ? 2 : 0;
  conv_kernel_ = chain.conv->op()->kernel;
  if (chain.bn) bn_kernel_ = chain.bn->op()->kernel;
  if (chain.add) add_kernel_ = chain.add->op()->kernel;
  if (chain.relu) relu_kernel_ = chain.relu->op()->kernel;
}

FusedConv::~FusedConv() = default;

std::vector<Value*> FusedConv::operands() const {
  std::vector<Value*> ops(chain_.conv->inputs().begin(), chain_.conv->inputs().end());
  if (chain_.bn) ops.insert(ops.end(), chain_.bn->inputs().begin() + 1, chain_.bn->inputs().end());
  if (chain_.add) {
    ops.push_back(chain_.add->input(chain_.residual_index));
    ops.push_back(chain_.add->input(2));
  }
  return ops;
}

void FusedConv::run(Stack& stack, size_t n_in) const {
  const IValue* args = stack.data() + (stack.size() - n_in);
  IValue result;
  bool done = false;
  if (currentRecorder() == nullptr) {
    try {
      done = runFast(args, result);
    } catch (const Error&) {
      // Let the original ops report the problem in their own words.
      done = false;
    }
  }
  if (!done) return runUnfused(stack, n_in);
  stack.resize(stack.size() - n_in);
  stack.push_back(std::move(result));
}

bool FusedConv::runFast(const IValue* args, IValue& result) const {
  const IValue* bn = args + n_conv_;
  const IValue* add = bn + n_bn_;
  if (!isFloatTensor(args[0], 4) || !isFloatTensor(args[1], 4)) return false;
  if (!isIntList(args[3]) || !isIntList(args[4]) || !isIntList(args[5])) return false;
  if (is_convolution_ && (!args[6].isBool() || args[6].toBool())) return false;  // transposed
  const IValue& groups = args[is_convolution_ ? 8 : 6];
  if (!groups.isInt()) return false;
  int64_t out_channels = args[1].toTensor().size(0);
  if (!isNoneOrFloatVector(args[2], out_channels)) return false;
  if (chain_.bn) {
    // weight, bias, running_mean, running_var, training, momentum, eps, cudnn_enabled
    if (!isNoneOrFloatVector(bn[0], out_channels) || !isNoneOrFloatVector(bn[1], out_channels) ||
        !isFloatTensor(bn[2], 1) || !isFloatTensor(bn[3], 1) ||
        bn[2].toTensor().size(0) != out_channels || bn[3].toTensor().size(0) != out_channels) {
      return false;
    }
    if (!bn[4].isBool() || bn[4].toBool() || !bn[6].isDouble()) return false;
  }
  if (chain_.add && (!isFloatTensor(add[0]) || !isOne(add[1]))) return false;
  std::optional<Tensor> residual;
  if (chain_.add) residual = add[0].toTensor();
  // Looked up in place: every call reaches here, and building a key allocates.
  std::shared_ptr<const Packed> packed;
  {
    std::lock_guard<std::mutex> g(mutex_);
    for (auto it = cache_.begin(); it != cache_.end(); ++it) {
      if (keyMatches((*it)->key, args)) {
        cache_.splice(cache_.begin(), cache_, it);
        packed = *it;
        break;
      }
    }
  }
  Tensor out = packed ? packed->conv->run(args[0].toTensor(), residual)
                      : packAndRun(args, keyFor(args), residual);
  if (GradMode::isEnabled()) {
    bool grad = false;
    for (size_t i = 0; i < n_conv_ + n_bn_ + n_add_; ++i) {
      grad |= args[i].isTensor() && args[i].toTensor().requires_grad();
    }
    if (grad) out.impl()->setRequiresGrad(true);
  }
  result = IValue(std::move(out));
  return true;
}

FusedConv::PackKey FusedConv::keyFor(const IValue* args) const {
  const IValue* bn = args + n_conv_;
  PackKey k;
  k.stamps.push_back(Stamp::of(args[1]));
  k.stamps.push_back(Stamp::of(args[2]));
  if (chain_.bn) {
    for (int i : {0, 1, 2, 3}) k.stamps.push_back(Stamp::of(bn[i]));
  }
  k.stride = args[3].toIntVector();
  k.padding = args[4].toIntVector();
  k.dilation = args[5].toIntVector();
  k.groups = args[is_convolution_ ? 8 : 6].toInt();
  k.eps = chain_.bn ? bn[6].toDouble() : 0;
  const Tensor& x = args[0].toTensor();
  k.input_sizes = DimVector(x.sizes());
  k.input_channels_last = dense::suggestChannelsLast(x);
  k.threads = omp_get_max_threads();
  return k;
}

bool FusedConv::keyMatches(const PackKey& k, const IValue* args) const {
  const IValue* bn = args + n_conv_;
  const Tensor& x = args[0].toTensor();
  if (!k.stamps[0].matches(args[1]) || !k.stamps[1].matches(args[2])) return false;
  if (chain_.bn) {
    for (int i : {0, 1, 2, 3}) {
      if (!k.stamps[2 + i].matches(bn[i])) return false;
    }
    if (k.eps != bn[6].toDouble()) return false;
  }
  return sameInts(k.stride, args[3]) && sameInts(k.padding, args[4]) &&
         sameInts(k.dilation, args[5]) && k.groups == args[is_convolution_ ? 8 : 6].toInt() &&
         k.input_sizes.ref() == x.sizes() &&
         k.input_channels_last == dense::suggestChannelsLast(x) &&
         k.threads == omp_get_max_threads();
}

// Folds, packs and runs for a configuration seen for the first time. The first run packs
// the weight for this input; the folded copy is then released, so a loaded model holds its
// weights once in the file mapping and once packed, as it would unfused.
Tensor FusedConv::packAndRun(const IValue* args, PackKey key,
                             const std::optional<Tensor>& residual) const {
  const IValue* bn = args + n_conv_;
  auto p = std::make_shared<Packed>();
  p->sources.push_back(args[1]);
  p->sources.push_back(args[2]);
  if (chain_.bn) {
    for (int i : {0, 1, 2, 3}) p->sources.push_back(bn[i]);
  }
  Tensor weight = args[1].toTensor();
  std::optional<Tensor> bias = optionalTensor(args[2]);
  if (chain_.bn) {
    auto [w, b] = onednn::foldConvBatchNorm(weight, bias, bn[2].toTensor(), bn[3].toTensor(),
                                            optionalTensor(bn[0]), optionalTensor(bn[1]), key.eps);
    weight = w;
    bias = b;
  }
  onednn::ConvOptions options;
  options.stride = DimVector(IntArrayRef(key.stride));
  options.padding = DimVector(IntArrayRef(key.padding));
  options.dilation = DimVector(IntArrayRef(key.dilation));
  options.groups = key.groups;
  options.force_channels_last = chain_.channels_last;
  onednn::PostOps post;
  post.sum = chain_.add != nullptr;
  post.relu = chain_.relu != nullptr;
  p->conv = std::make_unique<onednn::PrepackedConv>(std::move(weight), bias, options, post);
  Tensor out = p->conv->run(args[0].toTensor(), residual);
  if (chain_.bn) p->conv->releaseWeight();
  p->key = std::move(key);
  std::lock_guard<std::mutex> g(mutex_);
  cache_.push_front(std::move(p));
  if (cache_.size() > kMaxPacked) cache_.pop_back();
  return out;
}

void FusedConv::runUnfused(Stack& stack, size_t n_in) const {
  // The operands sit on top of the stack; move them out so each kernel gets its own run.
  std::vector<IValue> args(std::make_move_iterator(stack.end() - static_cast<std::ptrdiff_t>(n_in)),
                           std::make_move_iterator(stack.end()));
  stack.resize(stack.size() - n_in);
  size_t base = stack.size();
  size_t k = 0;
  for (; k < n_conv_; ++k) stack.push_back(args[k]);
  conv_kernel_(stack, n_conv_);
  if (chain_.bn) {
    for (size_t i = 0; i < n_bn_; ++i) stack.push_back(args[k++]);
    bn_kernel_(stack, n_bn_ + 1);
  }
  if (chain_.add) {
    IValue value = std::move(stack.back());
    stack.pop_back();
    IValue residual = args[k++], alpha = args[k++];
    if (chain_.residual_index == 1) {
      stack.push_back(std::move(value));
      stack.push_back(std::move(residual));
    } else {
      stack.push_back(std::move(residual));
      stack.push_back(std::move(value));
    }
    stack.push_back(std::move(alpha));
    add_kernel_(stack, 3);
  }
  if (chain_.relu) relu_kernel_(stack, 1);
  WICK_INTERNAL_ASSERT(stack.size() == base + 1, "a fused convolution chain left ",
                       stack.size() - base, " values");
  if (chain_.channels_last && stack.back().isTensor()) {
    // The consumers were planned for channels-last values; the values are the same.
    const Tensor& t = stack.back().toTensor();
    if (t.dim() == 4) stack.back() = IValue(dense::channelsLast(t));
  }
}

}  // namespace wick::jit
