#include "wick/core/grad_mode.h"

namespace wick {
thread_local bool GradMode::enabled_ = true;
}
