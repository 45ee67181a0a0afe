// Intra-op parallelism. OpenMP (libgomp, which oneDNN also uses) is the only thread pool
// (DESIGN decision 11): loops split across threads only above a grain size, so small ops stay
// on the calling thread and pay no synchronisation.
#pragma once

#include <omp.h>

#include <algorithm>
#include <cstdint>
#include <exception>

namespace wick {

// Number of threads kernels may use (defaults to the machine's cores).
int getNumThreads();
void setNumThreads(int n);
// True inside a parallel region (nested regions run serially).
inline bool inParallelRegion() { return omp_in_parallel() != 0; }

// Calls f(begin, end) over [begin, end) in chunks of at least `grain` elements, on several
// threads when the range is large enough. f must be safe to run concurrently on disjoint
// ranges. Exceptions from f are rethrown on the calling thread.
template <class F>
void parallelFor(int64_t begin, int64_t end, int64_t grain, const F& f) {
  if (begin >= end) return;
  int64_t n = end - begin;
  int threads = getNumThreads();
  if (n <= grain || threads <= 1 || inParallelRegion()) {
    f(begin, end);
    return;
  }
  int64_t chunks = std::min<int64_t>(threads, (n + grain - 1) / grain);
  std::exception_ptr error;
#pragma omp parallel num_threads(static_cast <int>(chunks))
  {
    int64_t t = omp_get_thread_num();
    int64_t nt = omp_get_num_threads();
    int64_t per = (n + nt - 1) / nt;
    int64_t b = begin + t * per;
    int64_t e = std::min(end, b + per);
    if (b < e) {
      try {
        f(b, e);
      } catch (...) {
#pragma omp critical(wick_parallel_error)
        if (!error) error = std::current_exception();
      }
    }
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace wick
