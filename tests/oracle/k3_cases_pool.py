"""Cases for the pooling ops (max/avg pooling 1-3d, adaptive pooling). See k3_cases.py."""
import torch

from k3_cases import Case

r = torch.randn
CL = torch.channels_last


def cases():
    c = []
    x = r(2, 3, 9, 10)
    xnan = r(1, 2, 4, 4)
    xnan[0, 0, 1, 1] = float("nan")
    xnan[0, 0, 2, 1] = float("nan")  # two NaNs in one window: the index is the last one's
    mp = "aten::max_pool2d"
    mpi = "aten::max_pool2d_with_indices"
    c += [
        Case("max_pool2d", mp, [x, [3, 3], [2, 2], [1, 1], [1, 1], False]),
        Case("max_pool2d_default_stride", mp, [x, [2, 2], [], [0, 0], [1, 1], False]),
        Case("max_pool2d_ceil", mp, [x, [3, 2], [2, 3], [0, 1], [1, 1], True]),
        Case("max_pool2d_dilation", mp, [x, [2, 3], [1, 2], [1, 1], [2, 2], False]),
        Case("max_pool2d_cl", mp, [x.to(memory_format=CL), [3, 3], [2, 2], [1, 1], [1, 1], False]),
        Case("max_pool2d_noncontig", mp, [r(2, 3, 9, 20)[..., ::2], [2, 2], [2, 2], [0, 0], [1, 1], True]),
        Case("max_pool2d_unbatched", mp, [r(3, 6, 6), [2, 2], [], [0, 0], [1, 1], False]),
        Case("max_pool2d_nan", mp, [xnan, [2, 2], [], [0, 0], [1, 1], False]),
        Case("max_pool2d_f64", mp, [x.double(), [3, 3], [2, 2], [1, 1], [1, 1], False]),
        Case("max_pool2d_bf16", mp, [x.bfloat16(), [3, 3], [2, 2], [1, 1], [1, 1], False]),
        Case("max_pool2d_empty_batch", mp, [r(0, 3, 6, 6), [2, 2], [], [0, 0], [1, 1], False]),
        Case("max_pool2d_indices", mpi, [x, [3, 3], [2, 2], [1, 1], [1, 1], True]),
        Case("max_pool2d_indices_cl", mpi, [x.to(memory_format=CL), [2, 2], [2, 1], [0, 1], [1, 1], False]),
        Case("max_pool2d_indices_nan", mpi, [xnan, [3, 3], [1, 1], [1, 1], [1, 1], False]),
        Case("max_pool2d_indices_nan_cl", mpi, [xnan.to(memory_format=CL), [3, 3], [1, 1], [1, 1], [1, 1], False]),
        Case("adaptive_max_pool2d_nan", "aten::adaptive_max_pool2d", [xnan, [2, 2]]),
        Case("max_pool2d_nan_rows", mp, [xnan, [3, 2], [1, 1], [1, 0], [1, 1], True]),
        Case("max_pool2d_cl_f64_pad", mp, [x.double().to(memory_format=CL), [3, 3], [2, 2], [1, 1], [2, 1], True]),
        Case("max_pool1d", "aten::max_pool1d", [r(2, 3, 11), [3], [2], [1], [1], False]),
        Case("max_pool1d_ceil_dil", "aten::max_pool1d", [r(3, 11), [2], [3], [1], [2], True]),
        Case("max_pool1d_empty_out", "aten::max_pool1d", [r(2, 3, 1), [2], [], [0], [1], False]),
        Case("max_pool3d", "aten::max_pool3d", [r(2, 2, 5, 6, 7), [2, 3, 2], [1, 2, 2], [1, 1, 0], [1, 1, 1], True]),
        Case("max_pool3d_indices", "aten::max_pool3d_with_indices",
             [r(1, 2, 4, 5, 6), [2, 2, 2], [], [0, 1, 1], [1, 1, 2], False]),
        Case("max_pool2d_err_rank", mp, [r(2, 3), [2, 2], [], [0, 0], [1, 1], False],
             error="non-empty 3D or 4D (batch mode) tensor expected for input"),
        Case("max_pool2d_err_stride", mp, [x, [2, 2], [0, 1], [0, 0], [1, 1], False],
             error="stride should not be zero"),
        Case("max_pool2d_err_dilation", mp, [x, [2, 2], [], [0, 0], [0, 1], False],
             error="dilation should be greater than zero, but got dilationH: 0 dilationW: 1"),
        Case("max_pool2d_err_pad", mp, [x, [3, 3], [], [2, 2], [1, 1], False],
             error="pad should be at most half of kernel size, but got pad=2 and kernel_size=3"),
        Case("max_pool2d_err_small", mp, [r(1, 2, 1, 1), [2, 2], [], [0, 0], [1, 1], False],
             error="Given input size: (2x1x1). Calculated output size: (2x0x0). Output size is too small"),
        Case("max_pool2d_err_kernel_len", mp, [x, [2, 2, 2], [], [0, 0], [1, 1], False],
             error="max_pool2d: kernel_size must either be a single int, or a tuple of two ints"),
        Case("max_pool2d_err_bool", mp, [torch.ones(1, 2, 4, 4, dtype=torch.bool), [2, 2], [], [0, 0], [1, 1], False],
             error="not implemented for 'Bool'"),
        Case("max_pool1d_err_rank", "aten::max_pool1d", [r(2, 3, 4, 5), [2], [], [0], [1], False],
             error="max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:[2, 3, 4, 5]"),
        Case("max_pool1d_err_kernel", "aten::max_pool1d", [r(2, 3, 4), [0], [], [0], [1], False],
             error="max_pool1d() kernel_size must be greater than zero, but got 0"),
        Case("max_pool1d_err_pad", "aten::max_pool1d", [r(2, 3, 4), [2], [], [3], [1], False],
             error="max_pool1d() padding should be at most half of kernel size, but got padding=3 and kernel_size=2"),
    ]
    ap = "aten::avg_pool2d"
    c += [
        Case("avg_pool2d", ap, [x, [3, 3], [2, 2], [1, 1], False, True, None]),
        Case("avg_pool2d_exclude_pad", ap, [x, [3, 3], [2, 2], [1, 1], False, False, None]),
        Case("avg_pool2d_ceil", ap, [x, [3, 2], [2, 2], [1, 1], True, True, None]),
        Case("avg_pool2d_ceil_exclude", ap, [x, [3, 2], [2, 2], [1, 1], True, False, None]),
        Case("avg_pool2d_divisor", ap, [x, [2, 2], [], [0, 0], False, True, 3]),
        Case("avg_pool2d_cl", ap, [x.to(memory_format=CL), [2, 2], [1, 1], [1, 1], False, True, None]),
        Case("avg_pool2d_cl_exclude_ceil", ap, [x.to(memory_format=CL), [3, 3], [2, 2], [1, 1], True, False, None]),
        Case("avg_pool2d_cl_divisor", ap, [x.to(memory_format=CL), [3, 2], [2, 1], [1, 0], False, True, 5]),
        Case("avg_pool2d_unbatched", ap, [r(3, 6, 6), [2, 2], [], [0, 0], False, True, None]),
        Case("avg_pool2d_f64", ap, [x.double(), [3, 3], [2, 2], [1, 1], True, False, None]),
        Case("avg_pool2d_long", ap, [torch.randint(-20, 20, (1, 2, 5, 5)), [2, 2], [], [0, 0], False, True, None]),
        Case("avg_pool1d", "aten::avg_pool1d", [r(2, 3, 11), [3], [2], [1], True, False]),
        Case("avg_pool3d", "aten::avg_pool3d", [r(1, 2, 5, 6, 7), [2, 3, 3], [2, 2, 2], [1, 1, 1], True, True, None]),
        Case("avg_pool2d_err_divisor", ap, [x, [2, 2], [], [0, 0], False, True, 0], error="divisor must be not zero"),
        Case("avg_pool2d_err_pad", ap, [x, [3, 3], [], [2, 2], False, True, None],
             error="pad should be at most half of kernel size, but got pad=2 and kernel_size=3"),
        Case("avg_pool1d_err_rank", "aten::avg_pool1d", [r(2, 3, 4, 5), [2], [], [0], False, True],
             error="Expected 2 to 3 dimensions, but got 4-dimensional tensor for argument #1 'self' (while checking arguments for avg_pool1d)"),
        Case("avg_pool1d_err_small", "aten::avg_pool1d", [r(2, 3, 1), [2], [], [0], False, True],
             error="Given input size: (3x1x1). Calculated output size: (3x1x0). Output size is too small"),
    ]
    c += [
        Case("adaptive_avg_pool2d", "aten::adaptive_avg_pool2d", [r(2, 3, 9, 10), [4, 3]]),
        Case("adaptive_avg_pool2d_1x1", "aten::adaptive_avg_pool2d", [r(2, 3, 7, 7), [1, 1]]),
        Case("adaptive_avg_pool2d_up", "aten::adaptive_avg_pool2d", [r(1, 2, 3, 3), [5, 7]]),
        Case("adaptive_avg_pool2d_cl", "aten::adaptive_avg_pool2d", [x.to(memory_format=CL), [2, 2]]),
        Case("adaptive_avg_pool2d_cl_1x1", "aten::adaptive_avg_pool2d", [x.to(memory_format=CL), [1, 1]]),
        Case("adaptive_avg_pool2d_unbatched", "aten::adaptive_avg_pool2d", [r(3, 5, 5), [2, 3]]),
        Case("_adaptive_avg_pool2d", "aten::_adaptive_avg_pool2d", [r(2, 3, 9, 10), [4, 3]]),
        Case("adaptive_avg_pool1d", "aten::adaptive_avg_pool1d", [r(2, 3, 10), [4]]),
        Case("adaptive_avg_pool3d", "aten::adaptive_avg_pool3d", [r(1, 2, 5, 6, 7), [2, 3, 4]]),
        Case("adaptive_max_pool2d", "aten::adaptive_max_pool2d", [r(2, 3, 9, 10), [4, 3]]),
        Case("adaptive_max_pool2d_cl", "aten::adaptive_max_pool2d", [x.to(memory_format=CL), [2, 3]]),
        Case("adaptive_max_pool1d", "aten::adaptive_max_pool1d", [r(2, 3, 10), [3]]),
        Case("adaptive_max_pool3d", "aten::adaptive_max_pool3d", [r(1, 2, 5, 6, 7), [2, 3, 4]]),
        Case("adaptive_avg_pool2d_err_rank", "aten::adaptive_avg_pool2d", [r(2, 3), [2, 2]],
             error="adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [2, 3]"),
        Case("adaptive_avg_pool2d_err_size", "aten::adaptive_avg_pool2d", [r(1, 2, 3, 3), [2]],
             error="adaptive_avg_pool2d: output_size must be 2"),
        Case("adaptive_avg_pool2d_err_empty", "aten::adaptive_avg_pool2d", [r(1, 2, 0, 3), [2, 2]],
             error="adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [1, 2, 0, 3] with dimension 2 being empty"),
        Case("adaptive_avg_pool2d_err_negative", "aten::adaptive_avg_pool2d", [r(1, 2, 3, 3), [-1, 2]],
             error="adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {-1, 2}"),
        Case("adaptive_max_pool2d_err_rank", "aten::adaptive_max_pool2d", [r(2, 3), [2, 2]],
             error="adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: [2, 3]"),
        Case("adaptive_avg_pool1d_err", "aten::adaptive_avg_pool1d", [r(1, 2, 3), [2, 3]],
             error="adaptive_avg_pool1d() argument 'output_size' should contain one int (got 2)"),
    ]
    return c
