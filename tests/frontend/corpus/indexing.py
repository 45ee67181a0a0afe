# Indexing and slicing: tensors (ints, slices with steps, None, '...', negative indices,
# tensor, mask and list indices; assignment through them), lists, tuples, strings, dicts.

def tensor_index(x: Tensor, idx: Tensor, mask: Tensor):
    return x[idx], x[mask], x[:, idx], x[[0, 2]], x[idx, 1:], x[..., -1], x[1:, None, ::2], x[-2:, -3:-1]
# run: tensor_index(torch.arange(12.0).view(3, 4), torch.tensor([2, 0]), torch.tensor([True, False, True]))
# graph: tensor_index

def ellipsis_forms(x: Tensor):
    return x[..., 0], x[0, ...], x[None], x[None, None, 1], x[..., None], x[:, :, 1:3]
# run: ellipsis_forms(torch.arange(24.0).view(2, 3, 4))
# graph: ellipsis_forms

def tensor_setitem(x: Tensor, idx: Tensor) -> Tensor:
    y = x.clone()
    y[idx] = 0.0
    y[:, -1] = torch.tensor([7.0, 8.0, 9.0])
    y[y > 10] = -1.0
    y[0, 0] += 100
    return y
# run: tensor_setitem(torch.arange(12.0).view(3, 4), torch.tensor([1]))
# graph: tensor_setitem

def list_index(xs: List[int], i: int):
    ys = xs[1:]
    zs = xs[::2]
    ws = xs[-2:]
    vs = xs[:-1]
    us = xs[1:3]
    rs = xs[::-1]
    xs[-1] = 99
    return xs[i], xs[-i], ys, zs, ws, vs, us, rs, xs
# run: list_index([1, 2, 3, 4, 5], 1)
# graph: list_index

def tuple_index(t: Tuple[int, str, float, int]):
    return t[-1], t[1:3], t[::2], t[-3:], t[::-1], t[0]
# run: tuple_index((1, "a", 2.5, 4))
# graph: tuple_index

def string_index(s: str, i: int):
    return s[i], s[-1], s[1:-1], s[::-1], s[::2], s[-3:]
# run: string_index("abcdef", 2)
# graph: string_index

def dict_index(d: Dict[int, str], e: Dict[str, List[int]]):
    e["b"] = [len(d), 3]
    e["a"][0] = 5
    return d[2], e["a"], len(e["b"]), e
# run: dict_index({1: "x", 2: "y"}, {"a": [1, 2]})
# graph: dict_index

def index_errors(xs: List[int], i: int) -> int:
    return xs[i]
# run: index_errors([1, 2], 5)

def dict_missing(d: Dict[str, int]) -> int:
    return d["nope"]
# run: dict_missing({"a": 1})
