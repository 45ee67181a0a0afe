"""Cases for the nested-tensor ops of nn.TransformerEncoder's inference fast path. See
k3_cases.py.

- _nested_tensor_from_mask_left_aligned and the errors of _nested_tensor_from_mask are
  ordinary cases (replayed through wick's registry).
- "path_*" cases run the whole path and are replayed by tests/nnops/nested_test.cpp, not by
  the generic runner: their op is the path's last one, to_padded_tensor, and their arguments
  are [src, src_key_padding_mask, layer parameters (12 per layer, flattened), num_layers,
  embed_dim, num_heads, use_gelu, eps]. The expected result is PyTorch's chain
  _nested_tensor_from_mask(src, ~mask) -> _transformer_encoder_layer_fwd per layer ->
  to_padded_tensor(0.), checked here to equal nn.TransformerEncoder's output (so the module
  does take that path).
"""
import warnings

import torch
from torch import nn

from k3_cases import Case

warnings.filterwarnings("ignore", message="The PyTorch API of nested tensors")

r = torch.randn


def layer_params(layer):
    sa = layer.self_attn
    ps = [sa.in_proj_weight, sa.in_proj_bias, sa.out_proj.weight, sa.out_proj.bias,
          layer.norm1.weight, layer.norm1.bias, layer.norm2.weight, layer.norm2.bias,
          layer.linear1.weight, layer.linear1.bias, layer.linear2.weight, layer.linear2.bias]
    return [p.detach() for p in ps]


def padding_mask(lengths, padded):
    return torch.tensor([[j >= n for j in range(padded)] for n in lengths])


def path_case(name, d_model, heads, lengths, padded, num_layers=2, activation="relu"):
    layer = nn.TransformerEncoderLayer(d_model, heads, dim_feedforward=2 * d_model,
                                       activation=activation, batch_first=True)
    encoder = nn.TransformerEncoder(layer, num_layers=num_layers).eval()
    src = r(len(lengths), padded, d_model)
    mask = padding_mask(lengths, padded)
    use_gelu = activation == "gelu"
    eps = encoder.layers[0].norm1.eps
    params = [p for l in encoder.layers for p in layer_params(l)]

    def expected():
        with torch.no_grad():
            nt = torch._nested_tensor_from_mask(src, mask.logical_not(), mask_check=False)
            for l in encoder.layers:
                nt = torch._transformer_encoder_layer_fwd(
                    nt, d_model, heads, *layer_params(l)[:4], use_gelu, False, eps,
                    *layer_params(l)[4:], None, None)
            out = nt.to_padded_tensor(0.)
            module_out = encoder(src, src_key_padding_mask=mask)
        assert out.shape == module_out.shape and torch.equal(out, module_out), name
        return out
    args = [src, mask, params, num_layers, d_model, heads, use_gelu, eps]
    return Case(name, "aten::to_padded_tensor", args, expected=expected, rtol=1e-4, atol=1e-5)


def left_aligned_cases():
    t = r(3, 4, 2)
    rows = {
        "aligned": [[1, 1, 0, 0], [1, 1, 1, 1], [1, 0, 0, 0]],
        "gap": [[1, 0, 1, 0], [1, 1, 1, 1], [1, 0, 0, 0]],
        "leading_pad": [[0, 1, 1, 1], [1, 1, 1, 1], [1, 1, 0, 0]],
        "all_pad": [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]],
    }
    return [Case("left_aligned_" + k, "aten::_nested_tensor_from_mask_left_aligned",
                 [t, torch.tensor(v, dtype=torch.bool)]) for k, v in rows.items()]


def error_cases():
    t = r(2, 4, 3)
    mask = torch.tensor([[True, True, False, False], [True, True, True, False]])
    gap = torch.tensor([[True, False, True, False], [True, True, True, True]])
    out = []
    for op in ("aten::_nested_tensor_from_mask", "aten::_nested_tensor_from_mask_left_aligned"):
        short = "from_mask" if op.endswith("mask") else "left_aligned"
        extra = [True] if op.endswith("mask") else []
        for name, args, error in [
            ("int_mask", [t, mask.long()], "Expected mask to be of ScalarType Bool, but got Long instead"),
            ("mask_1d", [t, mask[0]], "Padding mask should be 2D"),
            ("input_2d", [t[0], mask], "Input should be a 3D tensor, N * L * D"),
            ("mask_shape", [t, mask[:, :3]], "Mask size should match input size"),
        ]:
            out.append(Case(f"{short}_err_{name}", op, args + extra, error=error))
    out.append(Case("from_mask_err_gap", "aten::_nested_tensor_from_mask", [t, gap, True],
                    error="Mask must be left-aligned without gaps"))
    return out


def cases():
    return left_aligned_cases() + error_cases() + [
        path_case("path_mixed_lengths", 8, 2, [5, 3, 1], 5),
        # Every sequence is shorter than the mask: the result has the longest one's length.
        path_case("path_all_shorter", 8, 2, [3, 2, 3], 6),
        path_case("path_full_lengths", 8, 4, [4, 4], 4, num_layers=1),
        path_case("path_empty_sequence_gelu", 16, 4, [0, 4, 2], 5, activation="gelu"),
        path_case("path_one_token", 8, 2, [1, 1], 3, num_layers=3),
    ]
