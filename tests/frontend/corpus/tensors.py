# Tensor code: operators with scalars on either side, methods, torch functions with
# keyword arguments, dtype names, casts, indexing and slicing, sizes.

def arith(x: Tensor, y: Tensor, n: int) -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor]:
    return x + y, x * 2, 2 * x, x - 1.5, -x + (n * 2) ** 2 - x @ y
# run: arith(torch.arange(3.0), torch.ones(3), 2)
# graph: arith

def compare(x: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
    return x > 1, 2 <= x, (x == 1) | (x < 0.5)
# run: compare(torch.arange(3.0))
# graph: compare

def methods(x: Tensor) -> Tuple[Tensor, Tensor, Tensor, List[int], int, int]:
    return x.sum(), x.view(-1, 1), x.float(), x.size(), x.dim(), x.size(0)
# run: methods(torch.arange(6).view(2, 3))
# graph: methods

def factories(n: int) -> Tuple[Tensor, Tensor, Tensor]:
    return torch.zeros(2, n), torch.ones([n], dtype=torch.float64), torch.full([2], 3.5)
# run: factories(3)
# graph: factories

def indexing(x: Tensor) -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor]:
    return x[0], x[:, 1], x[0, 1:3], x[None, ..., ::2], x[-1]
# run: indexing(torch.arange(12.0).view(3, 4))
# graph: indexing

def setitem(x: Tensor) -> Tensor:
    y = x.clone()
    y[0] = 5
    y[1, 1:] = torch.zeros(2)
    return y
# run: setitem(torch.arange(9.0).view(3, 3))
# graph: setitem

def inplace(x: Tensor) -> Tensor:
    y = x.clone()
    y += 1
    y *= 2
    return y
# run: inplace(torch.ones(3))
# graph: inplace

def shape_math(x: Tensor) -> Tensor:
    n = x.size(0)
    return x.view(n, -1).sum(1) * n
# run: shape_math(torch.arange(6.0))
# graph: shape_math

def condition(x: Tensor) -> int:
    if bool(x.sum() > 2):
        return 1
    if x.numel() == 0:
        return 2
    return 3
# run: condition(torch.ones(3))
# run: condition(torch.zeros(3))
# graph: condition

def dtypes(x: Tensor) -> Tuple[Tensor, Tensor, int]:
    return x.to(torch.int32), x.long(), x.dim()
# run: dtypes(torch.tensor([1.5, -2.5]))

def shifts(x: Tensor, y: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
    z = x.clone()
    z <<= 1
    return x << y, (x >> 1) << 2, z
# run: shifts(torch.tensor([1, -3, 5]), torch.tensor([0, 2, 33]))
# graph: shifts

def prim_to(x: Tensor, dtype: Optional[int]) -> Tuple[Tensor, Tensor]:
    return x.to(dtype), x.to(device=None, dtype=torch.float64)
# run: prim_to(torch.tensor([1.5, -2.5]), 4)
# run: prim_to(torch.tensor([1.5, -2.5]), None)
# graph: prim_to

# x.tolist() takes its type from the annotation (prim::tolist).
def to_lists(x: Tensor) -> Tuple[List[List[float]], List[float], float, List[int], List[bool]]:
    a = torch.jit.annotate(List[List[float]], x.tolist())
    b: List[float] = x[0].tolist()
    c = torch.jit.annotate(float, x[1, 1].tolist())
    d: List[int] = x[0].long().tolist()
    e: List[bool] = (x[1] > 0).tolist()
    return a, b, c, d, e
# run: to_lists(torch.tensor([[0.1, -2.0, 3.5], [4.0, 0.0, -6.25]]))
# run: to_lists(torch.tensor([[1.5, 2.0, 3.0], [4.0, 5.0, 6.0]]).t())
# graph: to_lists

def to_list_return(x: Tensor) -> List[List[int]]:
    return x.tolist()
# run: to_list_return(torch.arange(6).view(2, 3))
# run: to_list_return(torch.zeros(3, 0, dtype=torch.long))
# run: to_list_return(torch.arange(3))
# run: to_list_return(torch.ones(2, 2))

# Tensor properties that are operators.
def tensor_properties(x: Tensor) -> Tuple[List[int], List[int], List[int], bool, bool, int, bool]:
    return (x.T.shape, x.mT.shape, x.H.shape, x.is_contiguous(), x.t().is_contiguous(),
            x[:, 1:].storage_offset(), x.is_leaf)
# run: tensor_properties(torch.ones(2, 3))
# graph: tensor_properties
