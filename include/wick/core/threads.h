// Intra-op thread control, the counterpart of torch.set_num_threads / get_num_threads.
#pragma once

namespace wick {

// Threads each kernel may use; defaults to the machine's cores.
int get_num_threads();
// Sets the intra-op thread count for the whole process (values below 1 mean 1).
void set_num_threads(int n);

}  // namespace wick
