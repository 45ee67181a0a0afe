"""Cases for the fused attention ops against nn.MultiheadAttention and
nn.TransformerEncoderLayer in eval mode (the modules' 1.13 fast paths call these ops). See
k3_cases.py."""
import torch
from torch import nn

from k3_cases import Case

r = torch.randn


def mha_case(name, mha, q, k, v, kpm=None, need_weights=True, average=True):
    # The module's own (non fast path) result for cross attention is a transposed view; the
    # op returns contiguous outputs, so only self-attention cases compare strides.
    args = [q, k, v, mha.embed_dim, mha.num_heads, mha.in_proj_weight.detach(), mha.in_proj_bias.detach(),
            mha.out_proj.weight.detach(), mha.out_proj.bias.detach(), kpm, need_weights, average,
            None if kpm is None else 1]

    def expected():
        out, w = mha(q, k, v, key_padding_mask=kpm, need_weights=need_weights,
                     average_attn_weights=average)
        return out, w
    return Case(name, "aten::_native_multi_head_attention", args, expected=expected,
                rtol=1e-4, atol=1e-5, strides=q is k and k is v)


def encoder_case(name, layer, src, kpm=None):
    sa = layer.self_attn
    args = [src, sa.embed_dim, sa.num_heads, sa.in_proj_weight, sa.in_proj_bias, sa.out_proj.weight,
            sa.out_proj.bias, layer.activation_relu_or_gelu == 2, layer.norm_first, layer.norm1.eps,
            layer.norm1.weight, layer.norm1.bias, layer.norm2.weight, layer.norm2.bias,
            layer.linear1.weight, layer.linear1.bias, layer.linear2.weight, layer.linear2.bias,
            kpm, None if kpm is None else 1]
    args = [a.detach() if isinstance(a, torch.Tensor) else a for a in args]
    return Case(name, "aten::_transformer_encoder_layer_fwd", args,
                expected=lambda: layer(src, src_key_padding_mask=kpm), rtol=1e-4, atol=1e-5)


def cases():
    c = []
    mha = nn.MultiheadAttention(16, 4, batch_first=True).eval()
    q = r(2, 5, 16)
    kpm = torch.tensor([[False, False, False, True, True], [False, True, False, False, False]])
    c += [
        mha_case("mha_self", mha, q, q, q),
        mha_case("mha_self_per_head", mha, q, q, q, average=False),
        mha_case("mha_no_weights", mha, q, q, q, need_weights=False),
        mha_case("mha_key_padding", mha, q, q, q, kpm=kpm),
        mha_case("mha_cross", mha, q, r(2, 5, 16), r(2, 5, 16)),
        mha_case("mha_kv_shared", mha, q, q + 1, q + 1),
    ]
    full = kpm.clone()
    full[0] = True  # every key of sample 0 masked: NaN rows, as in PyTorch
    c.append(mha_case("mha_all_masked", mha, q, q, q, kpm=full))
    mha2 = nn.MultiheadAttention(8, 2, batch_first=True).eval()
    q2 = r(3, 4, 8)
    m4 = torch.rand(3, 2, 4, 4) > 0.7
    args = [q2, q2, q2, 8, 2, mha2.in_proj_weight.detach(), mha2.in_proj_bias.detach(),
            mha2.out_proj.weight.detach(), mha2.out_proj.bias.detach()]
    c += [
        Case("mha_mask_type2", "aten::_native_multi_head_attention", args + [m4, True, False, 2]),
        Case("mha_float_mask", "aten::_native_multi_head_attention",
             args + [torch.tensor([[0., 1, 0, 0], [0, 0, 0, 1], [1, 0, 0, 0]]), True, True, 1]),
        Case("mha_empty", "aten::_native_multi_head_attention",
             [r(3, 0, 8), r(3, 0, 8), r(3, 0, 8)] + args[3:] + [None, True, True, None]),
        Case("mha_err_embed", "aten::_native_multi_head_attention",
             [q2, q2, q2, 7] + args[4:] + [None, True, True, None],
             error="passed-in embed_dim 7 didn't match last dim of query 8"),
        Case("mha_err_heads", "aten::_native_multi_head_attention",
             [q2, q2, q2, 8, 3] + args[5:] + [None, True, True, None],
             error="`embed_dim` must divide evenly by `num_heads`"),
        Case("mha_err_rank", "aten::_native_multi_head_attention",
             [q2[0], q2[0], q2[0]] + args[3:] + [None, True, True, None],
             error="expected 3-D `query`, got 2-D tensor"),
        Case("mha_err_shapes", "aten::_native_multi_head_attention",
             [q2, q2[:, :2], q2[:, :2]] + args[3:] + [None, True, True, None],
             error="expected `query`/`key`/`value` shapes to match"),
        Case("mha_err_mask_type", "aten::_native_multi_head_attention",
             args + [m4, True, True, None], error="Mask Type should be defined"),
        Case("mha_err_src_mask", "aten::_native_multi_head_attention",
             args + [m4, True, True, 0],
             error="src_mask not currently supported on CPU"),
    ]
    for norm_first in (False, True):
        for act in ("relu", "gelu"):
            layer = nn.TransformerEncoderLayer(16, 4, 32, activation=act, batch_first=True,
                                               norm_first=norm_first).eval()
            name = f"encoder_{act}_{'pre' if norm_first else 'post'}norm"
            c.append(encoder_case(name, layer, r(2, 6, 16)))
    layer = nn.TransformerEncoderLayer(16, 4, 32, batch_first=True).eval()
    kpm6 = torch.tensor([[False] * 4 + [True] * 2, [False] * 6])
    c.append(encoder_case("encoder_key_padding", layer, r(2, 6, 16), kpm6))
    c.append(encoder_case("encoder_empty", layer, r(2, 0, 16)))
    return c
