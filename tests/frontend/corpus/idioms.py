# Idioms of scripted models: nested and starred unpacking, Optional defaults, augmented
# assignment to list and dict items, list methods, tensor shapes and joins, int/float
# arithmetic, implicit truth values, tensor to scalar conversions, devices, membership.

def unpacking(t: Tuple[Tuple[int, str], float, int, int]) -> Tuple[int, str, float, List[int], int]:
    (a, b), c, *d = t
    e, *f, g = (1, 2, 3, 4)
    return a, b, c, [len(d), len(f)], g
# run: unpacking(((1, "x"), 2.5, 3, 4))
# graph: unpacking

def enum_pairs(pairs: List[Tuple[int, str]]) -> List[str]:
    out: List[str] = []
    for i, (n, s) in enumerate(pairs):
        out.append(str(i) + s + str(n))
    return out
# run: enum_pairs([(1, "a"), (2, "b")])

def optional_list(xs: Optional[List[int]] = None, t: Tuple[int, int] = (1, 2)) -> int:
    if xs is None:
        xs = [t[0], t[1]]
    xs[0] += 10
    return sum(xs)
# run: optional_list()
# run: optional_list([5])
# graph: optional_list

def container_aug(d: Dict[str, int], xs: List[float]) -> Tuple[Dict[str, int], List[float]]:
    d["a"] += 1
    xs[-1] *= 2.0
    del xs[0]
    return d, xs
# run: container_aug({"a": 1}, [1.0, 2.0, 3.0])
# graph: container_aug

def list_methods(xs: List[int]) -> Tuple[List[int], int, int, int, List[int], List[int]]:
    ys = xs.copy()
    ys.insert(0, 9)
    ys.extend([7, 7])
    last = ys.pop()
    ys.sort()
    zs = sorted(xs)
    zs.reverse()
    ws = xs + [0]
    ws.clear()
    return ys, last, ys.index(9), ys.count(7), zs, ws
# run: list_methods([3, 1, 2])
# graph: list_methods

def tensor_shapes(x: Tensor) -> Tuple[int, int, int, List[int], int, Tensor, Tensor]:
    return x.shape[0], x.size()[-1], len(x), list(x.shape), x.numel(), x.sum(dim=1, keepdim=True), x.mean(dim=[0, 1])
# run: tensor_shapes(torch.arange(6.0).view(2, 3))
# graph: tensor_shapes

def joins(a: Tensor, b: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
    return torch.cat([a, b], dim=0), torch.stack((a, b)), torch.cat((a, b), 0)
# run: joins(torch.ones(2), torch.zeros(2))
# graph: joins

def number_ops(a: int, b: int, x: float) -> Tuple[float, int, int, int, float, float, Tuple[int, int], bool]:
    return a / b, a // b, -a // b, -a % b, 2 ** -1, x // 2.0, divmod(a, b), math.isnan(float("nan"))
# run: number_ops(7, 2, 7.5)
# graph: number_ops

def implicit_bool(t: Tensor, n: int, s: str, xs: List[int]) -> List[int]:
    out: List[int] = []
    if bool(t):
        out.append(1)
    if n:
        out.append(2)
    if s:
        out.append(3)
    if xs:
        out.append(4)
    if not xs:
        out.append(5)
    return out
# run: implicit_bool(torch.tensor(1), 0, "a", [])
# graph: implicit_bool

def scalars(x: Tensor) -> Tuple[float, int, float, bool, Tensor, Tensor]:
    return x.sum().item(), int(x[0]), float(x.max()), bool(x[1] > 0), torch.tensor([1, 2]), torch.tensor(3.5)
# run: scalars(torch.tensor([2.0, -1.0]))
# graph: scalars

def returns_none(xs: List[int]) -> None:
    xs.append(0)
# run: returns_none([1])

def dict_annotated(keys: List[str]) -> Dict[str, Tensor]:
    d: Dict[str, Tensor] = {}
    for k in keys:
        d[k] = torch.ones(1) * len(k)
    return d
# run: dict_annotated(["a", "bb"])
# graph: dict_annotated

def devices(x: Tensor, d: Device) -> Tuple[Device, str, Tensor, bool]:
    return x.device, d.type, x.to(device=x.device), torch.device("cpu") == d
# run: devices(torch.ones(1), torch.device("cpu"))
# graph: devices

def membership(d: Dict[str, int], s: str) -> Tuple[bool, bool, bool, int]:
    n = 0
    for c in s:
        if c in d:
            n += d[c]
    return "a" in d, "z" not in d, "x" not in s, n
# run: membership({"a": 1, "b": 2}, "abc")
# graph: membership

def assert_refine(x: Any) -> int:
    assert isinstance(x, int)
    return x + 1
# run: assert_refine(3)
# graph: assert_refine

def tuple_len(t: Tuple[int, int, str]) -> int:
    return len(t)
# run: tuple_len((1, 2, "a"))
