#include "ops/dnnl/matmul.h"

#include <omp.h>

namespace wick::onednn {

namespace {

using tag = dnnl::memory::format_tag;

std::shared_ptr<const MatmulPrimitive> build(const MatmulConfig& cfg) {
  auto dt = dataType(cfg.dtype);
  dnnl::memory::desc src({cfg.m, cfg.k}, dt, tag::ab);
  dnnl::memory::desc w({cfg.k, cfg.n}, dt, tag::any);
  dnnl::memory::desc dst({cfg.m, cfg.n}, dt, tag::ab);
  dnnl::memory::desc bias;
  if (cfg.has_bias) bias = dnnl::memory::desc({1, cfg.n}, dnnl::memory::data_type::f32, tag::ab);
  dnnl::primitive_attr attr = defaultAttr();
  dnnl::post_ops po;
  if (cfg.sum) po.append_sum(1.0f);
  if (cfg.relu) po.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
  attr.set_post_ops(po);
  try {
    dnnl::matmul::desc d =
        cfg.has_bias ? dnnl::matmul::desc(src, w, bias, dst) : dnnl::matmul::desc(src, w, dst);
    dnnl::matmul::primitive_desc pd(d, attr, engine());
    auto p = std::make_shared<MatmulPrimitive>();
    p->prim = dnnl::matmul(pd);
    p->src_md = pd.src_desc();
    p->weights_md = pd.weights_desc();
    p->bias_md = cfg.has_bias ? pd.bias_desc() : dnnl::memory::desc();
    p->dst_md = pd.dst_desc();
    p->scratch_md = pd.scratchpad_desc();
    return p;
  } catch (const dnnl::error&) {
    return nullptr;
  }
}

}  // namespace

Key MatmulConfig::key() const {
  Key key;
  key.add(m);
  key.add(n);
  key.add(k);
  key.add(static_cast<int64_t>(dtype));
  key.add((has_bias ? 1 : 0) | (sum ? 2 : 0) | (relu ? 4 : 0));
  // oneDNN partitions work for the thread count at creation time, so a primitive built
  // for one thread would run on one thread after set_num_threads(2), and its weight
  // layout may differ as well.
  key.add(omp_get_max_threads());
  return key;
}

std::shared_ptr<const MatmulPrimitive> matmulPrimitive(const MatmulConfig& cfg) {
  struct Entry {
    std::shared_ptr<const MatmulPrimitive> p;
  };
  static PrimitiveCache<Entry> entries(512);
  auto e = entries.get(cfg.key(), [&] {
    auto made = std::make_shared<Entry>();
    made->p = build(cfg);
    return std::shared_ptr<const Entry>(made);
  });
  return e->p;
}

Tensor packMatmulWeight(const MatmulPrimitive& p, const Tensor& weight) {
  // PyTorch's [N, K] weight is the [K, N] operand with strides (1, row stride).
  IntArrayRef sizes = weight.impl()->sizes();
  dnnl::memory::desc user =
      descOf({sizes[1], sizes[0]}, {weight.strides()[1], weight.strides()[0]}, weight.dtype());
  Tensor packed =
      emptyTensor({static_cast<int64_t>(std::max<size_t>(p.weights_md.get_size(), 1))}, kByte);
  dnnl::memory from = memoryOf(user, weight), to = memoryOf(p.weights_md, packed);
  dnnl::reorder r(from, to);
  execute(r, dnnl::memory::desc(), {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}});
  return packed;
}

void runMatmul(const MatmulPrimitive& p, const MatmulConfig& cfg, const Tensor& src,
               const Tensor& packed_weight, const std::optional<Tensor>& bias, const Tensor& dst) {
  std::unordered_map<int, dnnl::memory> args{
      {DNNL_ARG_SRC, memoryOf(p.src_md, src)},
      {DNNL_ARG_WEIGHTS, memoryOf(p.weights_md, packed_weight)},
      {DNNL_ARG_DST, memoryOf(p.dst_md, dst)}};
  if (cfg.has_bias) args.emplace(DNNL_ARG_BIAS, memoryOf(p.bias_md, *bias));
  execute(p.prim, p.scratch_md, std::move(args));
}

}  // namespace wick::onednn
