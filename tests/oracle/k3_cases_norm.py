"""Cases for the normalisation ops (batch_norm incl. running-stat updates, native_batch_norm,
instance_norm, layer_norm, native_layer_norm, group_norm, native_group_norm). See
k3_cases.py."""
import torch

from k3_cases import Case

r = torch.randn
CL = torch.channels_last


def bn(x, w, b, rm, rv, training, momentum=0.1, eps=1e-5):
    return [x, w, b, rm, rv, training, momentum, eps, True]


def cases():
    c = []
    x = r(4, 3, 5, 6) * 2 + 1
    w, b = r(3), r(3)
    rm, rv = r(3), r(3).abs() + 0.5
    c += [
        Case("batch_norm_train", "aten::batch_norm", bn(x, w, b, rm.clone(), rv.clone(), True), check_args=[3, 4]),
        Case("batch_norm_train_momentum", "aten::batch_norm", bn(x, None, None, rm.clone(), rv.clone(), True, 0.3),
             check_args=[3, 4]),
        Case("batch_norm_train_nostats", "aten::batch_norm", bn(x, w, b, None, None, True)),
        Case("batch_norm_eval", "aten::batch_norm", bn(x, w, b, rm.clone(), rv.clone(), False), check_args=[3, 4]),
        Case("batch_norm_eval_noaffine", "aten::batch_norm", bn(x, None, None, rm.clone(), rv.clone(), False, eps=1e-3)),
        Case("batch_norm_2d_input", "aten::batch_norm", bn(r(8, 3), w, b, rm.clone(), rv.clone(), True), check_args=[3, 4]),
        Case("batch_norm_3d_input", "aten::batch_norm", bn(r(4, 3, 7), w, b, rm.clone(), rv.clone(), True), check_args=[3, 4]),
        Case("batch_norm_cl_train", "aten::batch_norm", bn(x.to(memory_format=CL), w, b, rm.clone(), rv.clone(), True),
             check_args=[3, 4]),
        Case("batch_norm_cl_eval", "aten::batch_norm", bn(x.to(memory_format=CL), w, b, rm.clone(), rv.clone(), False)),
        Case("batch_norm_noncontig", "aten::batch_norm", bn(r(4, 3, 5, 12)[..., ::2], w, b, rm.clone(), rv.clone(), True),
             check_args=[3, 4]),
        Case("batch_norm_f64", "aten::batch_norm", bn(x.double(), w.double(), b.double(), rm.clone().double(),
                                                     rv.clone().double(), True), check_args=[3, 4]),
        Case("batch_norm_bf16", "aten::batch_norm", bn(x.bfloat16(), w, b, rm.clone(), rv.clone(), False)),
        Case("batch_norm_one_per_channel", "aten::batch_norm", bn(r(1, 3), None, None, torch.zeros(3), torch.ones(3), True),
             check_args=[3], atol=1e-5),
        Case("batch_norm_empty", "aten::batch_norm", bn(r(0, 3, 5), None, None, torch.zeros(3), torch.ones(3), True)),
        Case("native_batch_norm_train", "aten::native_batch_norm", bn(x, w, b, rm.clone(), rv.clone(), True)[:8],
             check_args=[3, 4]),
        Case("native_batch_norm_eval", "aten::native_batch_norm", bn(x, w, b, rm.clone(), rv.clone(), False)[:8]),
        Case("batch_norm_err_eval_mean", "aten::batch_norm", bn(x, None, None, None, None, False),
             error="running_mean must be defined in evaluation mode"),
        Case("batch_norm_err_eval_var", "aten::batch_norm", bn(x, None, None, rm.clone(), None, False),
             error="running_var must be defined in evaluation mode"),
        Case("batch_norm_err_weight", "aten::batch_norm", bn(x, r(4), None, None, None, True),
             error="weight should contain 3 elements not 4"),
        Case("batch_norm_err_running", "aten::batch_norm", bn(x, None, None, r(4), r(4), True),
             error="running_mean should contain 3 elements not 4"),
        Case("batch_norm_err_long", "aten::batch_norm", bn(torch.ones(2, 3, dtype=torch.long), None, None, None, None, True),
             error="\"batch_norm\" not implemented for 'Long'"),
        Case("batch_norm_err_mixed", "aten::batch_norm", bn(x, w.double(), None, None, None, True),
             error="mixed dtype (CPU): expect parameter to have scalar type of Float"),
    ]
    xi = r(3, 4, 5, 5)
    c += [
        Case("instance_norm", "aten::instance_norm", [xi, r(4), r(4), None, None, True, 0.1, 1e-5, True]),
        Case("instance_norm_running", "aten::instance_norm",
             [xi, None, None, torch.zeros(4), torch.ones(4), True, 0.2, 1e-5, True], check_args=[3, 4]),
        Case("instance_norm_eval", "aten::instance_norm",
             [xi, r(4), r(4), r(4), r(4).abs() + 0.1, False, 0.1, 1e-5, True]),
        Case("instance_norm_1d", "aten::instance_norm", [r(2, 3, 7), None, None, None, None, True, 0.1, 1e-5, True]),
        Case("instance_norm_err", "aten::instance_norm", [xi, None, None, None, None, False, 0.1, 1e-5, True],
             error="Expected running_mean and running_var to be defined when use_input_stats is false"),
    ]
    c += [
        Case("layer_norm", "aten::layer_norm", [r(4, 7, 10) * 3 + 2, [10], r(10), r(10), 1e-5, True]),
        Case("layer_norm_2dims", "aten::layer_norm", [r(4, 7, 10), [7, 10], r(7, 10), None, 1e-3, True]),
        Case("layer_norm_noaffine", "aten::layer_norm", [r(3, 9), [9], None, None, 1e-5, True]),
        Case("layer_norm_noncontig", "aten::layer_norm", [r(10, 4).t(), [10], r(10), r(10), 1e-5, True]),
        Case("layer_norm_cl", "aten::layer_norm", [r(2, 3, 4, 4).to(memory_format=CL), [4], None, None, 1e-5, True]),
        Case("layer_norm_f64", "aten::layer_norm", [r(4, 10).double(), [10], r(10).double(), r(10).double(), 1e-5, True]),
        Case("native_layer_norm", "aten::native_layer_norm", [r(2, 3, 4), [3, 4], r(3, 4), r(3, 4), 1e-5]),
        Case("layer_norm_err_shape", "aten::layer_norm", [r(2, 4), [5], None, None, 1e-5, True],
             error="Given normalized_shape=[5], expected input with shape [*, 5], but got input of size[2, 4]"),
        Case("layer_norm_err_weight", "aten::layer_norm", [r(2, 4), [4], r(5), None, 1e-5, True],
             error="Expected weight to be of same shape as normalized_shape, but got weight of shape [5] and normalized_shape = [4]"),
        Case("layer_norm_err_empty", "aten::layer_norm", [r(2, 4), [], None, None, 1e-5, True],
             error="Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []"),
        Case("layer_norm_err_long", "aten::layer_norm", [torch.ones(2, 4, dtype=torch.long), [4], None, None, 1e-5, True],
             error="\"LayerNormKernelImpl\" not implemented for 'Long'"),
    ]
    c += [
        Case("group_norm", "aten::group_norm", [r(3, 6, 5, 4) * 2 - 1, 3, r(6), r(6), 1e-5, True]),
        Case("group_norm_1group", "aten::group_norm", [r(3, 6, 5), 1, None, None, 1e-5, True]),
        Case("group_norm_2d", "aten::group_norm", [r(3, 6), 2, r(6), None, 1e-5, True]),
        Case("group_norm_cl", "aten::group_norm", [r(2, 4, 3, 5).to(memory_format=CL), 2, r(4), r(4), 1e-5, True]),
        Case("group_norm_f64", "aten::group_norm", [r(2, 4, 3).double(), 4, r(4).double(), r(4).double(), 1e-5, True]),
        Case("native_group_norm", "aten::native_group_norm", [r(2, 4, 6), r(4), r(4), 2, 4, 6, 2, 1e-5]),
        Case("group_norm_err_groups", "aten::group_norm", [r(2, 5, 4), 2, None, None, 1e-5, True],
             error="Expected number of channels in input to be divisible by num_groups, but got input of shape [2, 5, 4] and num_groups=2"),
        Case("group_norm_err_weight", "aten::group_norm", [r(2, 4, 4), 2, r(3), None, 1e-5, True],
             error="Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [3] and input of shape [2, 4, 4]"),
    ]
    return c
