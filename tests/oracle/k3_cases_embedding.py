"""Cases for embedding. See k3_cases.py."""
import torch

from k3_cases import Case

r = torch.randn


def cases():
    w = r(10, 4)
    return [
        Case("embedding", "aten::embedding", [w, torch.tensor([[1, 2, 9], [0, 0, 4]]), -1, False, False]),
        Case("embedding_int32", "aten::embedding", [w, torch.tensor([3, 1], dtype=torch.int32), -1, False, False]),
        Case("embedding_padding_idx", "aten::embedding", [w, torch.tensor([0, 2, 0]), 0, True, False]),
        Case("embedding_0d", "aten::embedding", [w, torch.tensor(3), -1, False, False]),
        Case("embedding_empty", "aten::embedding", [w, torch.zeros(0, 2, dtype=torch.long), -1, False, False]),
        Case("embedding_noncontig", "aten::embedding", [r(4, 10).t(), torch.tensor([1, 5]), -1, False, False]),
        Case("embedding_f64", "aten::embedding", [w.double(), torch.tensor([1, 5]), -1, False, False]),
        Case("embedding_err_range", "aten::embedding", [w, torch.tensor([1, 10]), -1, False, False],
             error="index out of range in self"),
        Case("embedding_err_negative", "aten::embedding", [w, torch.tensor([-1]), -1, False, False],
             error="index out of range in self"),
        Case("embedding_err_dtype", "aten::embedding", [w, torch.tensor([1.0]), -1, False, False],
             error="Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead (while checking arguments for embedding)"),
        Case("embedding_err_weight", "aten::embedding", [r(10), torch.tensor([1]), -1, False, False],
             error="'weight' must be 2-D"),
    ]
