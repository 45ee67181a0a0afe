#include "ops/dnnl/conv.h"

#include <list>
#include <mutex>

#include <omp.h>

#include "ops/dnnl/dense_util.h"

namespace wick::onednn {

namespace {

using tag = dnnl::memory::format_tag;

tag plainTag(size_t ndims, bool channels_last) {
  switch (ndims) {
    case 3: return channels_last ? tag::nwc : tag::ncw;
    case 4: return channels_last ? tag::nhwc : tag::nchw;
    case 5: return channels_last ? tag::ndhwc : tag::ncdhw;
    default: break;
  }
  WICK_INTERNAL_ASSERT(false, "convolution with ", ndims, " dims");
  return tag::undef;
}

// oneDNN's weight dims: [OC, IC, k...], or [G, OC/G, IC/G, k...] with groups.
DimVector dnnlWeightDims(const ConvConfig& cfg) {
  const DimVector& w = cfg.w_sizes;
  int64_t g = cfg.groups;
  int64_t oc_g = cfg.transposed ? w[1] : w[0] / g;
  int64_t ic_g = cfg.transposed ? w[0] / g : w[1];
  DimVector dims;
  if (g > 1) dims.push_back(g);
  dims.push_back(g > 1 ? oc_g : oc_g * g);
  dims.push_back(ic_g);
  for (size_t i = 2; i < w.size(); ++i) dims.push_back(w[i]);
  return dims;
}

// The PyTorch weight tensor seen with oneDNN's dims (a strided view, no copy).
dnnl::memory::desc userWeightDesc(const ConvConfig& cfg, const Tensor& weight) {
  IntArrayRef s = weight.strides();
  int64_t g = cfg.groups;
  DimVector strides;
  if (!cfg.transposed) {
    if (g > 1) strides.push_back(cfg.w_sizes[0] / g * s[0]);
    strides.push_back(s[0]);
    strides.push_back(s[1]);
  } else {
    if (g > 1) strides.push_back(cfg.w_sizes[0] / g * s[0]);
    strides.push_back(s[1]);
    strides.push_back(s[0]);
  }
  for (size_t i = 2; i < s.size(); ++i) strides.push_back(s[i]);
  return descOf(dnnlWeightDims(cfg), strides, cfg.dtype);
}

dnnl::memory::dims minusOne(IntArrayRef v) {
  dnnl::memory::dims out;
  for (int64_t x : v) out.push_back(x - 1);
  return out;
}

dnnl::primitive_attr convAttr(const ConvConfig& cfg) {
  dnnl::primitive_attr attr = defaultAttr();
  dnnl::post_ops po;
  if (cfg.sum) po.append_sum(1.0f);
  if (cfg.relu) po.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
  attr.set_post_ops(po);
  return attr;
}

template <class PrimDesc>
std::shared_ptr<const ConvPrimitive> finish(const PrimDesc& pd, const ConvConfig& cfg,
                                            dnnl::memory::desc user_src,
                                            dnnl::memory::desc user_dst) {
  auto p = std::make_shared<ConvPrimitive>();
  p->prim = dnnl::primitive(pd);
  p->src_md = pd.src_desc();
  p->weights_md = pd.weights_desc();
  p->dst_md = pd.dst_desc();
  p->bias_md = cfg.has_bias ? pd.bias_desc() : dnnl::memory::desc();
  p->scratch_md = pd.scratchpad_desc();
  p->user_src_md = user_src;
  p->user_dst_md = user_dst;
  p->reorder_src = p->src_md != user_src;
  p->reorder_dst = p->dst_md != user_dst;
  return p;
}

std::shared_ptr<const ConvPrimitive> build(const ConvConfig& cfg) {
  auto dt = dataType(cfg.dtype);
  tag plain = plainTag(cfg.in_sizes.size(), cfg.channels_last);
  dnnl::memory::desc user_src(toDims(cfg.in_sizes), dt, plain);
  dnnl::memory::desc user_dst(toDims(cfg.out_sizes), dt, plain);
  dnnl::memory::desc src =
      cfg.channels_last ? user_src : dnnl::memory::desc(toDims(cfg.in_sizes), dt, tag::any);
  dnnl::memory::desc dst =
      cfg.channels_last ? user_dst : dnnl::memory::desc(toDims(cfg.out_sizes), dt, tag::any);
  dnnl::memory::desc w(toDims(dnnlWeightDims(cfg)), dt, tag::any);
  dnnl::memory::desc bias;
  if (cfg.has_bias) {
    bias = dnnl::memory::desc({cfg.out_sizes[1]}, dnnl::memory::data_type::f32, tag::a);
  }
  auto strides = toDims(cfg.stride), pad_l = toDims(cfg.pad_l), pad_r = toDims(cfg.pad_r);
  auto dil = minusOne(cfg.dilation);
  auto kind = dnnl::prop_kind::forward_inference;
  dnnl::primitive_attr attr = convAttr(cfg);
  try {
    if (!cfg.transposed) {
      dnnl::convolution_forward::desc d(kind, dnnl::algorithm::convolution_direct, src, w, bias,
                                        dst, strides, dil, pad_l, pad_r);
      dnnl::convolution_forward::primitive_desc pd(d, attr, engine());
      return finish(pd, cfg, user_src, user_dst);
    }
    dnnl::deconvolution_forward::desc d(kind, dnnl::algorithm::deconvolution_direct, src, w, bias,
                                        dst, strides, dil, pad_l, pad_r);
    dnnl::deconvolution_forward::primitive_desc pd(d, attr, engine());
    return finish(pd, cfg, user_src, user_dst);
  } catch (const dnnl::error&) {
    // No implementation for this configuration: the caller falls back to its own loops.
    return nullptr;
  }
}

IntrusivePtr<StorageImpl> buffer(const dnnl::memory::desc& md) {
  return StorageImpl::allocate(std::max<size_t>(md.get_size(), 1));
}

void reorder(const dnnl::memory& from, const dnnl::memory& to) {
  dnnl::reorder r(from, to);
  execute(r, dnnl::memory::desc(), {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}});
}

}  // namespace

Key ConvConfig::key() const {
  Key k;
  k.add(in_sizes);
  k.add(w_sizes);
  k.add(out_sizes);
  k.add(stride);
  k.add(pad_l);
  k.add(pad_r);
  k.add(dilation);
  k.add(groups);
  k.add(static_cast<int64_t>(dtype));
  k.add((transposed ? 1 : 0) | (channels_last ? 2 : 0) | (has_bias ? 4 : 0) | (sum ? 8 : 0) |
        (relu ? 16 : 0));
  // oneDNN partitions work for the thread count at creation time, so a primitive built
  // for one thread would run on one thread after set_num_threads(2), and its weight
  // layout may differ as well.
  k.add(omp_get_max_threads());
  return k;
}

std::shared_ptr<const ConvPrimitive> convPrimitive(const ConvConfig& cfg) {
  // Configurations oneDNN cannot run are cached too (as an entry with no primitive).
  struct Entry {
    std::shared_ptr<const ConvPrimitive> p;
  };
  static PrimitiveCache<Entry> entries(512);
  auto e = entries.get(cfg.key(), [&] {
    auto made = std::make_shared<Entry>();
    made->p = build(cfg);
    return std::shared_ptr<const Entry>(made);
  });
  return e->p;
}

Tensor packConvWeight(const ConvPrimitive& p, const ConvConfig& cfg, const Tensor& weight) {
  Tensor packed =
      emptyTensor({static_cast<int64_t>(std::max<size_t>(p.weights_md.get_size(), 1))}, kByte);
  dnnl::memory user = memoryOf(userWeightDesc(cfg, weight), weight);
  dnnl::memory dst = memoryOf(p.weights_md, packed);
  reorder(user, dst);
  return packed;
}

Tensor cachedConvWeight(const ConvPrimitive& p, const ConvConfig& cfg, const Tensor& weight) {
  struct Entry {
    IntrusivePtr<StorageImpl> storage;
    const void* data;
    uint32_t version;
    Key key;
    Tensor packed;
  };
  static std::mutex mutex;
  static std::list<Entry> entries;
  // Large enough that a ResNet-50-sized model (53 convolutions) called in a loop keeps every
  // packed weight; with fewer slots than convolutions, LRU eviction repacks on every call.
  constexpr size_t kCapacity = 64;
  Key key = cfg.key();
  key.add(weight.strides());
  const void* data = weight.data_ptr();
  uint32_t version = weight._version();
  {
    std::lock_guard<std::mutex> g(mutex);
    for (auto it = entries.begin(); it != entries.end(); ++it) {
      if (it->data == data && it->version == version && it->key == key) {
        entries.splice(entries.begin(), entries, it);
        return it->packed;
      }
    }
  }
  Tensor packed = packConvWeight(p, cfg, weight);
  std::lock_guard<std::mutex> g(mutex);
  entries.push_front(Entry{weight.impl()->storagePtr(), data, version, std::move(key), packed});
  if (entries.size() > kCapacity) entries.pop_back();
  return packed;
}

void runConv(const ConvPrimitive& p, const ConvConfig& cfg, const Tensor& input,
             const Tensor& packed_weight, const std::optional<Tensor>& bias, const Tensor& out) {
  dnnl::memory user_src = memoryOf(p.user_src_md, input);
  dnnl::memory user_dst = memoryOf(p.user_dst_md, out);
  IntrusivePtr<StorageImpl> src_buf, dst_buf;
  dnnl::memory src = user_src, dst = user_dst;
  if (p.reorder_src) {
    src_buf = buffer(p.src_md);
    src = memoryOf(p.src_md, src_buf->data());
    reorder(user_src, src);
  }
  if (p.reorder_dst) {
    dst_buf = buffer(p.dst_md);
    dst = memoryOf(p.dst_md, dst_buf->data());
    if (cfg.sum) reorder(user_dst, dst);
  }
  std::unordered_map<int, dnnl::memory> args{
      {DNNL_ARG_SRC, src},
      {DNNL_ARG_WEIGHTS, memoryOf(p.weights_md, packed_weight)},
      {DNNL_ARG_DST, dst}};
  if (cfg.has_bias) args.emplace(DNNL_ARG_BIAS, memoryOf(p.bias_md, *bias));
  execute(p.prim, p.scratch_md, std::move(args));
  if (p.reorder_dst) reorder(dst, user_dst);
}

}  // namespace wick::onednn
