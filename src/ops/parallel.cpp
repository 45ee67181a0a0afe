#include "ops/parallel.h"

#include "wick/core/threads.h"

#include <atomic>
#include <thread>

namespace wick {

namespace {
std::atomic<int> g_threads{0};
}

int getNumThreads() {
  int n = g_threads.load(std::memory_order_relaxed);
  if (n > 0) return n;
  n = omp_get_max_threads();
  return n > 0 ? n : 1;
}

void setNumThreads(int n) {
  g_threads.store(n > 0 ? n : 1, std::memory_order_relaxed);
  omp_set_num_threads(n > 0 ? n : 1);
}

}  // namespace wick

namespace wick {

int get_num_threads() { return getNumThreads(); }
void set_num_threads(int n) { setNumThreads(n); }

}  // namespace wick
