"""Cases for the convolution ops (conv1d/2d/3d incl. str padding, conv_transpose1d/2d/3d,
convolution, _convolution). See k3_cases.py."""
import torch

from k3_cases import Case

r = torch.randn
CL = torch.channels_last


def conv2d(x, w, b=None, stride=(1, 1), padding=(0, 0), dilation=(1, 1), groups=1):
    return [x, w, b, list(stride), list(padding), list(dilation), groups]


def convt2d(x, w, b=None, stride=(1, 1), padding=(0, 0), output_padding=(0, 0), groups=1,
            dilation=(1, 1)):
    return [x, w, b, list(stride), list(padding), list(output_padding), groups, list(dilation)]


def cases():
    c = []
    # ---- conv2d: layouts, groups, dilation, strides, dtypes ----
    x, w = r(2, 3, 9, 8), r(4, 3, 3, 3)
    c += [
        Case("conv2d_basic", "aten::conv2d", conv2d(x, w, r(4))),
        Case("conv2d_nobias", "aten::conv2d", conv2d(x, w)),
        Case("conv2d_stride_pad", "aten::conv2d", conv2d(x, w, r(4), (2, 1), (1, 2))),
        Case("conv2d_dilation", "aten::conv2d", conv2d(r(1, 3, 12, 12), w, r(4), (1, 1), (2, 2), (2, 3))),
        Case("conv2d_groups", "aten::conv2d", conv2d(r(2, 6, 7, 7), r(9, 2, 3, 3), r(9), groups=3)),
        Case("conv2d_depthwise", "aten::conv2d", conv2d(r(2, 8, 10, 10), r(8, 1, 3, 3), r(8), padding=(1, 1), groups=8)),
        Case("conv2d_1x1", "aten::conv2d", conv2d(r(2, 16, 5, 5), r(32, 16, 1, 1), r(32))),
        Case("conv2d_64x56", "aten::conv2d", conv2d(r(1, 64, 56, 56), r(64, 64, 3, 3), r(64), padding=(1, 1)),
             rtol=1e-3, atol=1e-3),
        Case("conv2d_channels_last", "aten::conv2d", conv2d(x.to(memory_format=CL), w, r(4), padding=(1, 1))),
        Case("conv2d_cl_weight", "aten::conv2d", conv2d(x, w.to(memory_format=CL), r(4))),
        Case("conv2d_cl_groups", "aten::conv2d",
             conv2d(r(2, 16, 8, 8).to(memory_format=CL), r(16, 4, 3, 3), None, (2, 2), (1, 1), groups=4)),
        Case("conv2d_noncontig", "aten::conv2d", conv2d(r(2, 3, 9, 16)[:, :, :, ::2], w[:, :, :, :]), rtol=1e-4),
        Case("conv2d_noncontig_weight", "aten::conv2d", conv2d(x, r(3, 4, 3, 3).transpose(0, 1))),
        Case("conv2d_unbatched", "aten::conv2d", conv2d(r(3, 9, 8), w, r(4))),
        Case("conv2d_f64", "aten::conv2d", conv2d(x.double(), w.double(), r(4).double(), (2, 1), (1, 1), (1, 2))),
        Case("conv2d_f64_groups", "aten::conv2d", conv2d(r(2, 6, 7, 7).double(), r(4, 3, 3, 3).double(), None, groups=2)),
        Case("conv2d_f64_cl", "aten::conv2d", conv2d(x.double().to(memory_format=CL), w.double())),
        Case("conv2d_int", "aten::conv2d", conv2d(torch.randint(-3, 4, (1, 2, 5, 5)), torch.randint(-3, 4, (3, 2, 2, 2)),
                                                  torch.randint(-3, 4, (3,)))),
        Case("conv2d_empty_batch", "aten::conv2d", conv2d(r(0, 3, 8, 8), w, r(4))),
    ]
    xb, wb, bb = x.bfloat16(), w.bfloat16(), r(4).bfloat16()
    c.append(Case("conv2d_bf16", "aten::conv2d", conv2d(xb, wb, bb, padding=(1, 1)),
                  expected=lambda: torch.conv2d(xb.float(), wb.float(), bb.float(), padding=1).bfloat16()))
    xh, wh, bh = r(1, 3, 6, 6).half(), r(2, 3, 3, 3).half(), r(2).half()
    c.append(Case("conv2d_f16", "aten::conv2d", conv2d(xh, wh, bh),
                  expected=lambda: torch.conv2d(xh.float(), wh.float(), bh.float()).half()))
    # ---- str padding ----
    c += [
        Case("conv2d_same", "aten::conv2d.padding", [x, w, r(4), [1, 1], "same", [1, 1], 1]),
        Case("conv2d_same_even", "aten::conv2d.padding", [x, r(4, 3, 4, 2), r(4), [1, 1], "same", [1, 1], 1]),
        Case("conv2d_same_dilated", "aten::conv2d.padding", [x, r(4, 3, 2, 3), None, [1, 1], "same", [3, 1], 1]),
        Case("conv2d_valid", "aten::conv2d.padding", [x, w, None, [2, 2], "valid", [1, 1], 1]),
        Case("conv1d_same", "aten::conv1d.padding", [r(2, 3, 10), r(5, 3, 4), r(5), [1], "same", [1], 1]),
        Case("conv2d_same_strided_err", "aten::conv2d.padding", [x, w, None, [2, 2], "same", [1, 1], 1],
             error="padding='same' is not supported for strided convolutions"),
        Case("conv2d_bad_padding_err", "aten::conv2d.padding", [x, w, None, [1, 1], "foo", [1, 1], 1],
             error="Invalid padding string: 'foo'"),
    ]
    # ---- conv1d / conv3d ----
    c += [
        Case("conv1d", "aten::conv1d", [r(2, 4, 20), r(6, 2, 5), r(6), [2], [1], [2], 2]),
        Case("conv1d_unbatched", "aten::conv1d", [r(4, 20), r(6, 4, 3), None, [1], [0], [1], 1]),
        Case("conv1d_f64", "aten::conv1d", [r(2, 4, 20).double(), r(6, 4, 3).double(), None, [1], [1], [1], 1]),
        Case("conv3d", "aten::conv3d", [r(2, 3, 5, 6, 7), r(4, 3, 2, 3, 2), r(4), [1, 2, 1], [1, 0, 1], [1, 1, 2], 1]),
        Case("conv3d_cl", "aten::conv3d", [r(1, 4, 5, 6, 7).to(memory_format=torch.channels_last_3d),
                                           r(4, 2, 3, 3, 3), None, [1, 1, 1], [1, 1, 1], [1, 1, 1], 2]),
        Case("conv3d_f64", "aten::conv3d", [r(1, 2, 4, 4, 4).double(), r(3, 2, 2, 2, 2).double(), None,
                                            [1, 1, 1], [0, 0, 0], [1, 1, 1], 1]),
    ]
    # ---- transposed ----
    c += [
        Case("convt2d", "aten::conv_transpose2d.input", convt2d(r(2, 4, 5, 6), r(4, 3, 3, 3), r(3))),
        Case("convt2d_stride_outpad", "aten::conv_transpose2d.input",
             convt2d(r(2, 4, 5, 6), r(4, 3, 3, 3), r(3), (2, 2), (1, 1), (1, 1))),
        Case("convt2d_outpad_gt_pad", "aten::conv_transpose2d.input",
             convt2d(r(1, 2, 4, 4), r(2, 3, 3, 3), r(3), (3, 3), (0, 0), (2, 1))),
        Case("convt2d_groups_dil", "aten::conv_transpose2d.input",
             convt2d(r(2, 4, 5, 5), r(4, 3, 3, 2), r(6), (2, 1), (1, 0), (1, 0), 2, (2, 1))),
        Case("convt2d_cl", "aten::conv_transpose2d.input",
             convt2d(r(2, 4, 5, 6).to(memory_format=CL), r(4, 3, 3, 3), r(3), (2, 2))),
        Case("convt2d_f64", "aten::conv_transpose2d.input",
             convt2d(r(2, 4, 5, 6).double(), r(4, 2, 3, 3).double(), r(4).double(), (2, 2), (1, 1), (1, 0), 2)),
        Case("convt2d_unbatched", "aten::conv_transpose2d.input", convt2d(r(4, 5, 6), r(4, 3, 3, 3))),
        Case("convt1d", "aten::conv_transpose1d", [r(2, 4, 9), r(4, 2, 3), r(2), [2], [1], [1], 1, [1]]),
        Case("convt3d", "aten::conv_transpose3d.input",
             [r(1, 2, 3, 4, 3), r(2, 2, 2, 2, 2), None, [2, 1, 2], [0, 1, 0], [1, 0, 0], 1, [1, 1, 1]]),
        Case("convt2d_err_outpad", "aten::conv_transpose2d.input",
             convt2d(r(1, 3, 8, 8), r(3, 2, 3, 3), None, (1, 1), (0, 0), (1, 1)),
             error="output padding must be smaller than either stride or dilation, but got output_padding_height: 1 output_padding_width: 1 stride_height: 1 stride_width: 1 dilation_height: 1 dilation_width: 1"),
        Case("convt2d_err_chan", "aten::conv_transpose2d.input", convt2d(r(1, 3, 8, 8), r(4, 2, 3, 3)),
             error="Given transposed=1, weight of size [4, 2, 3, 3], expected input[1, 3, 8, 8] to have 4 channels, but got 3 channels instead"),
        Case("convt2d_err_small", "aten::conv_transpose2d.input",
             convt2d(r(1, 3, 1, 1), r(3, 2, 3, 3), None, (1, 1), (2, 2)),
             error="Given input size per channel: (1 x 1). Calculated output size per channel: (-1 x -1). Output size is too small"),
    ]
    # ---- convolution / _convolution ----
    c += [
        Case("convolution", "aten::convolution",
             [x, w, r(4), [1, 2], [1, 0], [1, 1], False, [0, 0], 1]),
        Case("convolution_transposed", "aten::convolution",
             [r(1, 3, 8, 8), r(3, 2, 3, 3), None, [1, 1], [0, 0], [1, 1], True, [0, 0], 1]),
        Case("_convolution", "aten::_convolution",
             [x, w, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1, False, False, True, True]),
        Case("_convolution_deprecated", "aten::_convolution.deprecated",
             [x, w, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1, False, False, True]),
        Case("convolution_err_rank", "aten::convolution",
             [r(3, 8, 8), w, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1],
             error="Expected 4-dimensional input for 4-dimensional weight [4, 3, 3, 3], but got 3-dimensional input of size [3, 8, 8] instead"),
        Case("convolution_err_outpad", "aten::convolution",
             [x, w, None, [1, 1], [0, 0], [1, 1], True, [-1, 0], 1],
             error="negative output_padding is not supported"),
    ]
    # ---- errors ----
    c += [
        Case("conv2d_err_rank", "aten::conv2d", conv2d(r(2, 3), w),
             error="Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [2, 3]"),
        Case("conv1d_err_rank", "aten::conv1d", [r(2, 3, 4, 5), r(4, 3, 3), None, [1], [0], [1], 1],
             error="Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: [2, 3, 4, 5]"),
        Case("conv2d_err_channels", "aten::conv2d", conv2d(r(1, 3, 8, 8), r(4, 2, 3, 3)),
             error="Given groups=1, weight of size [4, 2, 3, 3], expected input[1, 3, 8, 8] to have 2 channels, but got 3 channels instead"),
        Case("conv2d_err_groups_div", "aten::conv2d", conv2d(r(1, 4, 8, 8), r(3, 2, 3, 3), groups=2),
             error="Given groups=2, expected weight to be divisible by 2 at dimension 0, but got weight of size [[3, 2, 3, 3]] instead"),
        Case("conv2d_err_bias", "aten::conv2d", conv2d(r(1, 3, 8, 8), w, r(5)),
             error="Given weight of size [4, 3, 3, 3], expected bias to be 1-dimensional with 4 elements, but got bias of size [5] instead"),
        Case("conv2d_err_kernel", "aten::conv2d", conv2d(r(1, 3, 2, 2), w),
             error="Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size"),
        Case("conv2d_err_stride", "aten::conv2d", conv2d(x, w, stride=(0, 0)),
             error="non-positive stride is not supported"),
        Case("conv2d_err_padding", "aten::conv2d", conv2d(x, w, padding=(-1, -1)),
             error="negative padding is not supported"),
        Case("conv2d_err_dilation", "aten::conv2d", conv2d(x, w, dilation=(0, 0)),
             error="non-positive dilation is not supported"),
        Case("conv2d_err_groups", "aten::conv2d", conv2d(x, w, groups=0),
             error="non-positive groups is not supported"),
        Case("conv2d_err_stride_len", "aten::conv2d", [x, w, None, [1, 1, 1], [0, 0], [1, 1], 1],
             error="expected stride to be a single integer value or a list of 2 values to match the convolution dimensions, but got stride=[1, 1, 1]"),
        Case("conv2d_err_dtype", "aten::conv2d", conv2d(x, w.double()),
             error="Input type (torch.FloatTensor) and weight type (torch.DoubleTensor) should be the same"),
        Case("conv2d_err_bias_dtype", "aten::conv2d", conv2d(x, w, r(4).double()),
             error="Input type (float) and bias type (double) should be the same"),
    ]
    return c
