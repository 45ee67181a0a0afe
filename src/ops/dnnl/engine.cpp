#include "ops/dnnl/engine.h"

#include <cstdlib>

#include "wick/core/storage.h"

namespace wick::onednn {

const dnnl::engine& engine() {
  static const dnnl::engine e(dnnl::engine::kind::cpu, 0);
  return e;
}

dnnl::stream& stream() {
  thread_local dnnl::stream s(engine());
  return s;
}

bool computes(DType dtype) { return dtype == kFloat || dtype == kBFloat16; }

dnnl::memory::data_type dataType(DType dtype) {
  using dt = dnnl::memory::data_type;
  switch (dtype) {
    case kFloat: return dt::f32;
    case kBFloat16: return dt::bf16;
    case kHalf: return dt::f16;
    case kInt: return dt::s32;
    case kChar: return dt::s8;
    case kByte: return dt::u8;
    default: break;
  }
  WICK_INTERNAL_ASSERT(false, "no oneDNN data type for ", dtype);
  return dt::undef;
}

dnnl::memory::dims toDims(IntArrayRef v) { return dnnl::memory::dims(v.begin(), v.end()); }

dnnl::memory::desc descOf(IntArrayRef sizes, IntArrayRef strides, DType dtype) {
  // oneDNN rejects some strides PyTorch allows on size-1 dims; those strides never matter,
  // so give them the row-major value.
  DimVector st(strides);
  for (size_t i = sizes.size(); i-- > 0;) {
    if (sizes[i] == 1)
      st[i] = i + 1 < sizes.size() ? st[i + 1] * std::max<int64_t>(sizes[i + 1], 1) : 1;
  }
  return dnnl::memory::desc(toDims(sizes), dataType(dtype), toDims(st));
}

dnnl::memory::desc descOf(const Tensor& t) {
  return descOf(t.impl()->sizes(), t.strides(), t.dtype());
}

dnnl::memory memoryOf(const dnnl::memory::desc& md, void* data) {
  return dnnl::memory(md, engine(), data);
}

dnnl::memory memoryOf(const dnnl::memory::desc& md, const Tensor& t) {
  return memoryOf(md, t.data_ptr());
}

dnnl::primitive_attr defaultAttr() {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  return attr;
}

namespace {

// The calling thread's scratchpad, grown on demand and kept for later executions.
struct Scratchpad {
  IntrusivePtr<StorageImpl> storage;
  void* get(size_t bytes) {
    if (!storage || storage->nbytes() < bytes) storage = StorageImpl::allocate(bytes);
    return storage->data();
  }
};

}  // namespace

void execute(const dnnl::primitive& p, const dnnl::memory::desc& scratchpad,
             std::unordered_map<int, dnnl::memory> args) {
  thread_local Scratchpad pad;
  size_t bytes = scratchpad.get_size();
  if (bytes > 0) args.emplace(DNNL_ARG_SCRATCHPAD, memoryOf(scratchpad, pad.get(bytes)));
  dnnl::stream& s = stream();
  p.execute(s, args);
  s.wait();
}

size_t KeyHash::operator()(const Key& k) const {
  uint64_t h = 1469598103934665603ull;
  for (int64_t x : k.v) {
    h ^= static_cast<uint64_t>(x) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  }
  return static_cast<size_t>(h);
}

}  // namespace wick::onednn
