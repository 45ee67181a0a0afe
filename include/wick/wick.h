// The umbrella header: everything a wick user needs.
#pragma once

#include "wick/core/device.h"
#include "wick/core/dtype.h"
#include "wick/core/error.h"
#include "wick/core/generator.h"
#include "wick/core/grad_mode.h"
#include "wick/core/ivalue.h"
#include "wick/core/scalar.h"
#include "wick/core/tensor.h"
#include "wick/core/threads.h"
#include "wick/core/type.h"
#include "wick/core/warning.h"
#include "wick/ops/functions.h"
#include "wick/ops/ops.h"
#include "wick/nn/nn.h"
#include "wick/jit/serialize.h"
