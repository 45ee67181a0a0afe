// The oneDNN glue: the CPU engine, a stream per thread, memory descriptors built from wick
// tensors (sizes and strides map one to one), primitive execution with a per-thread
// scratchpad, and a bounded cache of built primitives keyed by everything that shapes them.
//
// Threading: oneDNN primitives are immutable once built and may run concurrently from many
// threads; each execution gets the calling thread's stream and scratchpad. The library was
// built with the OpenMP runtime (libgomp), the same thread pool as parallelFor.
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "wick/core/tensor.h"

namespace wick::onednn {

const dnnl::engine& engine();
// The calling thread's stream.
dnnl::stream& stream();

// True for the dtypes oneDNN computes with here (float32, bfloat16).
bool computes(DType dtype);
dnnl::memory::data_type dataType(DType dtype);
dnnl::memory::dims toDims(IntArrayRef v);

// A plain descriptor with the tensor's own sizes and strides.
dnnl::memory::desc descOf(const Tensor& t);
dnnl::memory::desc descOf(IntArrayRef sizes, IntArrayRef strides, DType dtype);
// A memory object over the tensor's data (no copy).
dnnl::memory memoryOf(const dnnl::memory::desc& md, const Tensor& t);
dnnl::memory memoryOf(const dnnl::memory::desc& md, void* data);

// Primitive attributes wick always uses: user-managed scratchpad (see execute()).
dnnl::primitive_attr defaultAttr();

// Runs `p` on the calling thread's stream, supplying a scratchpad of `scratchpad` (taken
// from a per-thread buffer) and waiting for completion.
void execute(const dnnl::primitive& p, const dnnl::memory::desc& scratchpad,
             std::unordered_map<int, dnnl::memory> args);

// A hash key: the integers that determine a primitive.
struct Key {
  std::vector<int64_t> v;
  void add(int64_t x) { v.push_back(x); }
  void add(IntArrayRef xs) {
    v.push_back(static_cast<int64_t>(xs.size()));
    v.insert(v.end(), xs.begin(), xs.end());
  }
  bool operator==(const Key& o) const { return v == o.v; }
};
struct KeyHash {
  size_t operator()(const Key& k) const;
};

// A thread-safe LRU cache of immutable entries. get() builds a missing entry outside the
// lock (two threads may build the same entry; one wins), so slow primitive creation never
// blocks other lookups.
template <class Entry>
class PrimitiveCache {
 public:
  explicit PrimitiveCache(size_t capacity) : capacity_(capacity) {}

  std::shared_ptr<const Entry> get(const Key& key,
                                   const std::function<std::shared_ptr<const Entry>()>& build) {
    {
      std::lock_guard<std::mutex> g(mutex_);
      auto it = map_.find(key);
      if (it != map_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second.second);
        return it->second.first;
      }
    }
    std::shared_ptr<const Entry> e = build();
    std::lock_guard<std::mutex> g(mutex_);
    auto it = map_.find(key);
    if (it != map_.end()) return it->second.first;
    lru_.push_front(key);
    map_.emplace(key, std::make_pair(e, lru_.begin()));
    if (map_.size() > capacity_) {
      map_.erase(lru_.back());
      lru_.pop_back();
    }
    return e;
  }

  size_t size() const {
    std::lock_guard<std::mutex> g(mutex_);
    return map_.size();
  }

 private:
  size_t capacity_;
  mutable std::mutex mutex_;
  std::list<Key> lru_;
  std::unordered_map<Key, std::pair<std::shared_ptr<const Entry>, std::list<Key>::iterator>,
                     KeyHash>
      map_;
};

}  // namespace wick::onednn
