"""Cases for the matrix-product ops (mm, bmm, matmul, addmm, addmv, mv, dot, baddbmm, addbmm,
outer, linear, bilinear and the .out forms). See k3_cases.py."""
import torch

from k3_cases import Case

r = torch.randn


def cm(t):
    """Same values, column-major (transposed) strides."""
    return t.transpose(-1, -2).contiguous().transpose(-1, -2)


def strided(*shape):
    """A view with a stride-2 last dim and a storage offset."""
    base = r(*shape[:-1], 2 * shape[-1] + 1)
    return base[..., 1::2]


def ints(*shape, dtype=torch.int64):
    return torch.randint(-5, 6, shape, dtype=dtype)


def cases():
    c = []
    # ---- mm ----
    c += [
        Case("mm_f32", "aten::mm", [r(3, 4), r(4, 5)]),
        Case("mm_f64", "aten::mm", [r(3, 4).double(), r(4, 5).double()]),
        Case("mm_transposed", "aten::mm", [cm(r(6, 7)), cm(r(7, 3))]),
        Case("mm_strided", "aten::mm", [strided(5, 4), strided(4, 6)]),
        Case("mm_large", "aten::mm", [r(65, 130), r(130, 33)], rtol=1e-4, atol=1e-4),
        Case("mm_large_f64", "aten::mm", [r(70, 300).double(), cm(r(300, 520)).double()]),
        Case("mm_gemv_row", "aten::mm", [r(1, 300), r(300, 200)]),
        Case("mm_gemv_row_t", "aten::mm", [r(1, 300), cm(r(300, 37))]),
        Case("mm_gemv_col", "aten::mm", [r(37, 300), r(300, 1)]),
        Case("mm_gemv_col_t", "aten::mm", [cm(r(37, 300)), r(300, 1)]),
        Case("mm_k0", "aten::mm", [r(2, 0), r(0, 3)]),
        Case("mm_m0", "aten::mm", [r(0, 3), r(3, 4)]),
        Case("mm_int64", "aten::mm", [ints(4, 5), ints(5, 3)]),
        Case("mm_int32", "aten::mm", [ints(4, 5, dtype=torch.int32), ints(5, 3, dtype=torch.int32)]),
        Case("mm_uint8", "aten::mm", [ints(4, 5).abs().to(torch.uint8), ints(5, 3).abs().to(torch.uint8)]),
    ]
    # bfloat16 products accumulate in float32 (PyTorch 1.13's CPU path loses more precision),
    # so the reference is the float32 product rounded once.
    a, b = r(8, 16).bfloat16(), r(16, 4).bfloat16()
    c.append(Case("mm_bf16", "aten::mm", [a, b],
                  expected=lambda a=a, b=b: torch.mm(a.float(), b.float()).bfloat16()))
    a, b = r(5, 6).half(), r(6, 3).half()
    c.append(Case("mm_f16", "aten::mm", [a, b],
                  expected=lambda a=a, b=b: torch.mm(a.float(), b.float()).half()))
    c += [
        Case("mm_err_shape", "aten::mm", [r(2, 3), r(4, 5)],
             error="mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)"),
        Case("mm_err_1d", "aten::mm", [r(3), r(3, 4)], error="self must be a matrix"),
        Case("mm_err_1d_b", "aten::mm", [r(2, 3), r(3)], error="mat2 must be a matrix"),
        Case("mm_err_dtype", "aten::mm", [r(2, 3), r(3, 4).double()],
             error="expected scalar type Float but found Double"),
        Case("mm_err_bool", "aten::mm", [torch.ones(2, 2, dtype=torch.bool)] * 2,
             error="not implemented for 'Bool'"),
        Case("mm_out", "aten::mm.out", [r(3, 4), r(4, 2), torch.empty(0)], check_args=[2]),
        Case("mm_out_dtype", "aten::mm.out", [r(3, 4), r(4, 2), torch.empty(0).double()],
             error="Expected out tensor to have dtype float, but got double instead"),
    ]
    # ---- bmm / baddbmm / addbmm ----
    c += [
        Case("bmm_f32", "aten::bmm", [r(3, 4, 5), r(3, 5, 2)]),
        Case("bmm_big", "aten::bmm", [r(2, 150, 140), r(2, 140, 130)], rtol=1e-4, atol=1e-4),
        Case("bmm_transposed", "aten::bmm", [cm(r(4, 6, 5)), r(5, 4, 6).transpose(0, 1)]),
        Case("bmm_expanded", "aten::bmm", [r(1, 3, 4).expand(5, 3, 4), r(5, 4, 2)]),
        Case("bmm_f64", "aten::bmm", [r(2, 3, 4).double(), r(2, 4, 5).double()]),
        Case("bmm_int", "aten::bmm", [ints(2, 3, 4, dtype=torch.int32), ints(2, 4, 5, dtype=torch.int32)]),
        Case("bmm_empty", "aten::bmm", [r(0, 3, 4), r(0, 4, 5)]),
        Case("bmm_err_2d", "aten::bmm", [r(2, 3), r(3, 4)], error="batch1 must be a 3D tensor"),
        Case("bmm_err_batch", "aten::bmm", [r(2, 2, 3), r(3, 3, 4)],
             error="Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [3, 3]."),
        Case("bmm_out", "aten::bmm.out", [r(2, 3, 4), r(2, 4, 5), r(7)], check_args=[2]),
        Case("baddbmm", "aten::baddbmm", [r(2, 3, 5), r(2, 3, 4), r(2, 4, 5), 0.5, 2.0]),
        Case("baddbmm_bcast", "aten::baddbmm", [r(5), r(2, 3, 4), r(2, 4, 5), 1, 1]),
        Case("baddbmm_beta0_nan", "aten::baddbmm",
             [torch.full((2, 3, 5), float("nan")), r(2, 3, 4), r(2, 4, 5), 0, 1]),
        Case("baddbmm_err_self", "aten::baddbmm", [r(3, 2, 4), r(2, 2, 3), r(2, 3, 4), 1, 1],
             error="The expanded size of the tensor (2) must match the existing size (3) at non-singleton dimension 0"),
        Case("addbmm", "aten::addbmm", [r(3, 5), r(4, 3, 2), r(4, 2, 5), 0.5, 1.5]),
        Case("addbmm_empty_batch", "aten::addbmm", [r(3, 5), r(0, 3, 2), r(0, 2, 5), 2.0, 1.0]),
        Case("addbmm_err_inner", "aten::addbmm", [r(2, 4), r(2, 2, 3), r(2, 5, 4), 1, 1],
             error="Incompatible matrix sizes for bmm (2x3 and 5x4)"),
    ]
    # ---- matmul: every rank combination ----
    x3p = r(2, 5, 4).permute(0, 2, 1)  # batch outermost, last two dims transposed
    c += [
        Case("matmul_1d_1d", "aten::matmul", [r(7), r(7)]),
        Case("matmul_2d_1d", "aten::matmul", [r(3, 7), r(7)]),
        Case("matmul_1d_2d", "aten::matmul", [r(7), r(7, 4)]),
        Case("matmul_2d_2d", "aten::matmul", [r(3, 7), r(7, 4)]),
        Case("matmul_3d_2d", "aten::matmul", [r(2, 3, 7), r(7, 4)]),
        Case("matmul_3d_1d", "aten::matmul", [r(2, 3, 7), r(7)]),
        Case("matmul_1d_3d", "aten::matmul", [r(7), r(2, 7, 4)]),
        Case("matmul_2d_3d", "aten::matmul", [r(3, 7), r(2, 7, 4)]),
        Case("matmul_4d_3d", "aten::matmul", [r(2, 1, 3, 7), r(5, 7, 4)]),
        Case("matmul_4d_2d_nc", "aten::matmul", [r(2, 3, 7, 5).transpose(1, 2), r(5, 4)]),
        Case("matmul_3d_perm", "aten::matmul", [x3p, r(5, 6)]),
        Case("matmul_expand_batch", "aten::matmul", [r(3, 7), r(4, 1, 7, 2).expand(4, 3, 7, 2)]),
        Case("matmul_empty", "aten::matmul", [r(3, 5, 0), r(0, 0)]),
        Case("matmul_f64", "aten::matmul", [r(2, 3, 4).double(), r(2, 4, 5).double()]),
        Case("matmul_int", "aten::matmul", [ints(2, 3, 4), ints(4)]),
        Case("matmul_out", "aten::matmul.out", [r(2, 3, 3), r(3, 4), torch.empty(0)], check_args=[2]),
        Case("matmul_err_0d", "aten::matmul", [torch.tensor(1.0), r(2, 3)],
             error="both arguments to matmul need to be at least 1D, but they are 0D and 2D"),
        Case("matmul_err_dot", "aten::matmul", [r(3), r(4)],
             error="inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively"),
        Case("matmul_err_mv", "aten::matmul", [r(2, 3), r(4)], error="size mismatch, got 2, 2x3,4"),
        Case("matmul_err_fold", "aten::matmul", [r(2, 2, 3), r(4, 5)],
             error="mat1 and mat2 shapes cannot be multiplied (4x3 and 4x5)"),
        Case("matmul_err_bcast", "aten::matmul", [r(2, 2, 3), r(3, 3, 5)],
             error="The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0"),
        Case("matmul_err_dtype", "aten::matmul", [r(2, 3), r(3, 4).double()],
             error="expected scalar type Float but found Double"),
    ]
    # ---- addmm / addmv / mv / dot / outer ----
    c += [
        Case("addmm", "aten::addmm", [r(3, 5), r(3, 4), r(4, 5), 0.5, 2.0]),
        Case("addmm_bias_row", "aten::addmm", [r(5), r(3, 4), cm(r(4, 5)), 1, 1]),
        Case("addmm_beta0_nan", "aten::addmm", [torch.full((3, 5), float("nan")), r(3, 4), r(4, 5), 0, 1]),
        Case("addmm_int", "aten::addmm", [ints(2, 2), ints(2, 3), ints(3, 2), 2, 3]),
        Case("addmm_gemv", "aten::addmm", [r(100), r(1, 64), r(100, 64).t(), 1, 1]),
        Case("addmm_err_expand", "aten::addmm", [r(3, 3), r(2, 3), r(3, 4), 1, 1],
             error="The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [3, 3]"),
        Case("addmm_err_1d", "aten::addmm", [r(2, 4), r(3), r(3, 4), 1, 1],
             error="mat1 must be a matrix, got 1-D tensor"),
        Case("addmm_err_dtype", "aten::addmm", [r(2, 4).double(), r(2, 3), r(3, 4), 1, 1],
             error="self and mat2 must have the same dtype"),
        Case("addmv", "aten::addmv", [r(3), r(3, 4), r(4), 0.5, 2.0]),
        Case("addmv_scalar_self", "aten::addmv", [r(1), cm(r(3, 4)), strided(4), 1, 1]),
        Case("addmv_err", "aten::addmv", [r(3), r(2, 3), r(3), 1, 1], error="size mismatch, got 3, 2x3,3"),
        Case("mv", "aten::mv", [r(5, 300), r(300)]),
        Case("mv_t", "aten::mv", [cm(r(5, 300)), strided(300)]),
        Case("mv_f64", "aten::mv", [r(5, 3).double(), r(3).double()]),
        Case("mv_err", "aten::mv", [r(3), r(3)], error="vector + matrix @ vector expected, got 1, 1, 1"),
        Case("dot", "aten::dot", [r(1000), r(1000)], rtol=1e-4, atol=1e-4),
        Case("dot_strided", "aten::dot", [strided(33), strided(33)]),
        Case("dot_int", "aten::dot", [ints(10), ints(10)]),
        Case("dot_err_2d", "aten::dot", [r(3, 1), r(3)], error="1D tensors expected, but got 2D and 1D tensors"),
        Case("dot_err_dtype", "aten::dot", [r(3), r(3).double()],
             error="dot : expected both vectors to have same dtype, but found Float and Double"),
        Case("outer", "aten::outer", [r(3), r(4)]),
        Case("outer_promote", "aten::outer", [ints(3), r(4)]),
        Case("outer_err", "aten::outer", [r(2, 2), r(3)], error="outer: Expected 1-D argument self, but got 2-D"),
    ]
    # ---- linear / bilinear ----
    xb, wb, bb = r(4, 32).bfloat16(), r(6, 32).bfloat16(), r(6).bfloat16()
    c += [
        Case("linear_2d", "aten::linear", [r(4, 8), r(5, 8), r(5)]),
        Case("linear_3d", "aten::linear", [r(2, 3, 8), r(5, 8), r(5)]),
        Case("linear_3d_nc", "aten::linear", [r(3, 2, 8).transpose(0, 1), r(5, 8), r(5)]),
        Case("linear_4d", "aten::linear", [r(2, 3, 4, 8), r(5, 8), r(5)]),
        Case("linear_nobias", "aten::linear", [r(4, 8), r(5, 8), None]),
        Case("linear_1d", "aten::linear", [r(8), r(5, 8), r(5)]),
        Case("linear_1d_weight", "aten::linear", [r(2, 3, 8), r(8), None]),
        Case("linear_batch1", "aten::linear", [r(1, 512), r(1000, 512), r(1000)]),
        Case("linear_f64", "aten::linear", [r(4, 8).double(), r(5, 8).double(), r(5).double()]),
        Case("linear_int", "aten::linear", [ints(2, 3), ints(4, 3), ints(4)]),
        Case("linear_empty", "aten::linear", [r(0, 3), r(4, 3), r(4)]),
        Case("linear_err_shape", "aten::linear", [r(2, 3), r(4, 5), None],
             error="mat1 and mat2 shapes cannot be multiplied (2x3 and 5x4)"),
        Case("linear_err_3d_weight", "aten::linear", [r(2, 3), r(4, 3, 1), None],
             error="t() expects a tensor with <= 2 dimensions, but self is 3D"),
        Case("linear_bf16", "aten::linear", [xb, wb, bb],
             expected=lambda: torch.nn.functional.linear(xb.float(), wb.float(), bb.float()).bfloat16()),
        Case("bilinear", "aten::bilinear", [r(4, 3), r(4, 5), r(6, 3, 5), r(6)]),
        Case("bilinear_3d", "aten::bilinear", [r(2, 4, 3), r(2, 4, 5), r(6, 3, 5), None]),
        Case("bilinear_err", "aten::bilinear", [r(2, 3), r(2, 4), r(5, 3, 3), None],
             error="bilinear(): input2 size does not match weight size: got 4 but expected 3"),
    ]
    # ---- einsum (outputs are compared by value: PyTorch may return permuted views) ----
    e = "aten::einsum"
    c += [
        Case("einsum_mm", e, ["ij,jk->ik", [r(2, 3), r(3, 4)], None], strides=False),
        Case("einsum_implicit", e, ["Ba,ab", [r(2, 3), r(3, 4)], None], strides=False),
        Case("einsum_bmm", e, ["bij,bjk->bik", [r(2, 3, 4), r(2, 4, 5)], None], strides=False),
        Case("einsum_attention", e, ["bhqd,bhkd->bhqk", [r(2, 3, 4, 5), r(2, 3, 6, 5)], None], strides=False),
        Case("einsum_transpose", e, ["ij->ji", [r(2, 3)], None], strides=False),
        Case("einsum_diag", e, ["ii->i", [r(3, 3)], None], strides=False),
        Case("einsum_trace", e, ["ii", [r(3, 3)], None], strides=False),
        Case("einsum_sum", e, ["ij,ij->", [r(2, 3), r(2, 3)], None], strides=False),
        Case("einsum_outer", e, ["i,j", [r(2), r(3)], None], strides=False),
        Case("einsum_ellipsis", e, ["...ij,...jk->...ik", [r(2, 1, 2, 3), r(5, 3, 4)], None], strides=False),
        Case("einsum_broadcast", e, ["bij,j->bi", [r(2, 2, 3), r(1)], None], strides=False),
        Case("einsum_three", e, ["ij,jk,kl->il", [r(2, 3), r(3, 4), r(4, 5)], None], strides=False),
        Case("einsum_reduce_one", e, ["ijk,j->k", [r(2, 3, 4), r(3)], None], strides=False),
        Case("einsum_f64", e, ["ij,jk->ik", [r(2, 3).double(), r(3, 4).double()], None], strides=False),
        Case("einsum_err_size", e, ["ij,jk->ik", [r(2, 3), r(4, 4)], None],
             error="einsum(): subscript j has size 4 for operand 1 which does not broadcast with previously seen size 3"),
        Case("einsum_err_operands", e, ["ij,jk->ik", [r(2, 3)], None],
             error="einsum(): fewer operands were provided than specified in the equation"),
        Case("einsum_err_output", e, ["ij->ik", [r(2, 3)], None],
             error="einsum(): output subscript k does not appear in the equation for any input operand"),
        Case("einsum_err_dims", e, ["ijk->i", [r(2, 3)], None],
             error="einsum(): the number of subscripts in the equation (3) does not match the number of dimensions (2) for operand 0 and no ellipsis was given"),
        Case("einsum_err_char", e, ["i1->i", [r(2, 3)], None],
             error="einsum(): invalid subscript given at index 1 in the equation string, subscripts must be in [a-zA-Z]"),
    ]
    return c
