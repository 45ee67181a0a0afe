"""Cases for interpolation and pixel shuffling. See k3_cases.py."""
import torch

from k3_cases import Case

r = torch.randn
CL = torch.channels_last


def cases():
    x = r(2, 3, 5, 7)
    xl = torch.randint(0, 9, (1, 2, 3, 3))
    un, ub = "aten::upsample_nearest2d", "aten::upsample_bilinear2d"
    c = [
        Case("nearest2d", un, [x, [10, 14], None, None]),
        Case("nearest2d_odd", un, [x, [7, 9], None, None]),
        Case("nearest2d_down", un, [x, [3, 4], None, None]),
        Case("nearest2d_scales", un, [x, [11, 15], 2.2, 2.1]),
        Case("nearest2d_cl", un, [x.to(memory_format=CL), [8, 13], None, None]),
        Case("nearest2d_noncontig", un, [r(2, 3, 5, 14)[..., ::2], [9, 9], None, None]),
        # PyTorch 1.13 has no integer nearest kernel; wick copies integers like any dtype.
        Case("nearest2d_long", un, [xl, [5, 7], None, None],
             expected=lambda: torch.ops.aten.upsample_nearest2d(xl.double(), [5, 7]).long()),
        Case("nearest2d_vec_scale", "aten::upsample_nearest2d.vec", [x, None, [1.7, 2.5]]),
        Case("nearest2d_vec_size", "aten::upsample_nearest2d.vec", [x, [6, 6], None]),
        Case("nearest1d", "aten::upsample_nearest1d", [r(2, 3, 7), [12], None]),
        Case("nearest1d_vec", "aten::upsample_nearest1d.vec", [r(2, 3, 7), None, [1.5]]),
        Case("bilinear2d", ub, [x, [10, 13], False, None, None]),
        Case("bilinear2d_align", ub, [x, [10, 13], True, None, None]),
        Case("bilinear2d_down", ub, [x, [3, 4], False, None, None]),
        Case("bilinear2d_scales", ub, [x, [11, 15], False, 2.2, 2.1]),
        Case("bilinear2d_cl", ub, [x.to(memory_format=CL), [9, 9], False, None, None]),
        Case("bilinear2d_f64", ub, [x.double(), [9, 11], True, None, None]),
        Case("bilinear2d_vec", "aten::upsample_bilinear2d.vec", [x, None, True, [2.0, 1.5]]),
        Case("bilinear2d_vec_size", "aten::upsample_bilinear2d.vec", [x, [4, 9], False, None]),
        Case("linear1d", "aten::upsample_linear1d", [r(2, 3, 7), [12], False, None]),
        Case("linear1d_vec", "aten::upsample_linear1d.vec", [r(2, 3, 7), None, True, [2.5]]),
        Case("nearest2d_err_rank", un, [r(2, 3, 4), [6, 8], None, None],
             error="It is expected input_size equals to 4, but got size 3"),
        Case("nearest2d_err_size", un, [x, [6], None, None],
             error="It is expected output_size equals to 2, but got size 1"),
        Case("nearest2d_err_zero", un, [r(1, 2, 3, 4), [0, 8], None, None],
             error="Input and output sizes should be greater than 0, but got input (H: 3, W: 4) output (H: 0, W: 8)"),
        Case("nearest2d_vec_err_both", "aten::upsample_nearest2d.vec", [x, [6, 8], [2.0, 2.0]],
             error="Must specify exactly one of output_size and scale_factors"),
        Case("bilinear2d_err_long", ub, [torch.ones(1, 2, 3, 4, dtype=torch.long), [6, 8], False, None, None],
             error="\"compute_indices_weights_linear\" not implemented for 'Long'"),
        Case("pixel_shuffle", "aten::pixel_shuffle", [r(2, 12, 3, 4), 2]),
        Case("pixel_shuffle_3d", "aten::pixel_shuffle", [r(18, 2, 3), 3]),
        Case("pixel_shuffle_5d", "aten::pixel_shuffle", [r(2, 2, 8, 3, 2), 2]),
        Case("pixel_shuffle_cl", "aten::pixel_shuffle", [r(2, 8, 4, 4).to(memory_format=CL), 2]),
        Case("pixel_unshuffle", "aten::pixel_unshuffle", [r(2, 3, 4, 6), 2]),
        Case("pixel_shuffle_err", "aten::pixel_shuffle", [r(1, 7, 3, 4), 2],
             error="pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=7 is not divisible by 4"),
        Case("pixel_shuffle_err_rank", "aten::pixel_shuffle", [r(7, 3), 2],
             error="pixel_shuffle expects input to have at least 3 dimensions, but got input with 2 dimension(s)"),
        Case("pixel_unshuffle_err", "aten::pixel_unshuffle", [r(1, 2, 5, 6), 2],
             error="pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=5 is not divisible by 2"),
    ]
    return c
