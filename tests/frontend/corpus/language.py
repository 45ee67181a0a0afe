# Language forms: bitwise operators on tensors and scalars, operator namespaces, math,
# dtype names, annotations, getattr, iteration over dicts and tuples, while loops with
# break/continue, comprehensions, string methods, empty list arguments.

def tensor_bits(x: Tensor, y: Tensor) -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor, Tensor]:
    return x & y, x | y, x ^ y, ~x, (x > 2) & (y < 3), x & 2
# run: tensor_bits(torch.tensor([1, 6, 3]), torch.tensor([3, 5, 1]))
# graph: tensor_bits

def scalar_bits(a: int, b: bool) -> Tuple[int, bool, bool, int, bool, int]:
    return a ^ 3, b & True, b | False, a & 6, b ^ True, (a | 8) >> 2
# run: scalar_bits(5, True)
# graph: scalar_bits

def bits_augmented(x: Tensor, n: int) -> Tuple[Tensor, int]:
    y = x.clone()
    y &= 3
    y |= 8
    y ^= 1
    n <<= 2
    n >>= 1
    n |= 1
    n &= 14
    n ^= 5
    return y, n
# run: bits_augmented(torch.tensor([5, 6]), 7)

def op_namespaces(x: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
    return ops.aten.relu(x), torch.ops.aten.neg(x), torch.ops.aten.add(x, x, alpha=2)
# run: op_namespaces(torch.tensor([-1.0, 2.0]))
# graph: op_namespaces

def math_fns(x: float, n: int) -> Tuple[float, float, float, int, int, float, float, bool, bool, float]:
    return math.sin(x), math.cos(x), math.tanh(x), math.ceil(x), math.floor(x), math.pow(x, 2.0), math.fabs(-x), math.isnan(x), math.isinf(math.inf), math.log10(100.0)
# run: math_fns(0.5, 3)
# graph: math_fns

def math_constants() -> Tuple[float, float, float, float]:
    return math.pi, math.e, math.inf, math.tau
# run: math_constants()

def dtype_names(x: Tensor) -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor, bool, bool]:
    return x.to(torch.float32), x.to(torch.long), x.to(dtype=torch.int64), torch.zeros(2, dtype=torch.float64), x.to(torch.bool), x.dtype == torch.float, x.to(torch.half).dtype == torch.float16
# run: dtype_names(torch.tensor([1.5, 0.0]))
# graph: dtype_names

def annotations(x: int) -> Tuple[List[int], Dict[str, float], Optional[int], List[Optional[int]]]:
    b = annotate(List[int], [])
    b.append(x)
    c = torch.jit.annotate(Dict[str, float], {})
    c["k"] = 1.5
    d = annotate(Optional[int], None)
    e: List[Optional[int]] = [None, x]
    return b, c, d, e
# run: annotations(4)
# graph: annotations

def getattr_forms(x: Tensor) -> Tuple[int, List[int], int]:
    return getattr(x, "ndim"), getattr(x, "shape"), getattr(x, "size")(0)
# run: getattr_forms(torch.ones(2, 3))

def dict_iteration(d: Dict[str, int]) -> Tuple[List[str], int, List[str]]:
    keys: List[str] = []
    for k in d:
        keys.append(k)
    total = 0
    for v in d.values():
        total += v
    pairs: List[str] = []
    for k, v in d.items():
        pairs.append(k + "=" + str(v))
    return keys, total, pairs
# run: dict_iteration({"b": 2, "a": 1, "c": 3})
# graph: dict_iteration

def tuple_loop(t: Tuple[int, float, str, Tensor]) -> List[str]:
    out: List[str] = []
    for e in t:
        if isinstance(e, Tensor):
            out.append("tensor")
        else:
            out.append(str(e))
    return out
# run: tuple_loop((1, 2.5, "s", torch.ones(1)))
# graph: tuple_loop

def while_forms(n: int) -> Tuple[int, int, List[int]]:
    i = 0
    evens = 0
    seen: List[int] = []
    while True:
        i += 1
        if i > n:
            break
        if i % 2 == 1:
            continue
        evens += 1
        seen.append(i)
    j = n
    while j > 0 and len(seen) < 10:
        j -= 3
    return evens, j, seen
# run: while_forms(7)
# run: while_forms(0)
# graph: while_forms

def list_comps(n: int, xs: List[int], t: Tensor) -> Tuple[List[int], List[List[int]], List[str], List[Tensor]]:
    return [x * x for x in xs], [[i, j] for (i, j) in zip(xs, range(n))], [str(i) for i in range(n)], [r * 2 for r in t]
# run: list_comps(3, [4, 5, 6, 7], torch.arange(3.0))
# graph: list_comps

def dict_comps(names: List[str]) -> Tuple[Dict[str, int], Dict[int, str]]:
    return {s: len(s) for s in names}, {i: s for (i, s) in enumerate(names)}
# run: dict_comps(["ab", "c"])
# graph: dict_comps

def string_methods(s: str, parts: List[str]) -> Tuple[str, str, str, int, bool, bool, bool, str, str, List[str], str]:
    return s.replace("a", "o"), s.capitalize(), s.title(), s.count("a"), s.isdigit(), s.isalpha(), s.islower(), s.lstrip("b"), s.rstrip("a"), s.split(), "{}-{}-{}".format(s, len(parts), 1.5)
# run: string_methods("banana", ["x"])
# graph: string_methods

def string_ops(s: str, n: int) -> Tuple[bool, bool, bool, str, str, str, int, List[str]]:
    return s == "ab", s < "b", "a" in s, s + str(n), str(1.25), str([1, 2]), ord("a"), list(s)
# run: string_ops("ab", 2)
# graph: string_ops

def empty_list_arguments(x: Tensor) -> Tuple[Tensor, int, int]:
    return torch.zeros([]), len_of([]), len_of_floats([])
def len_of(xs: List[int]) -> int:
    return len(xs)
def len_of_floats(xs: List[float]) -> int:
    return len(xs)
# run: empty_list_arguments(torch.ones(1))
# graph: empty_list_arguments

# A generator expression is evaluated eagerly, as a list comprehension.
def generators(n: int, xs: List[int]) -> Tuple[int, int, List[int], bool]:
    return sum(i for i in range(n)), max(x * 2 for x in xs), list((x + 1 for x in xs)), any(x > 4 for x in xs)
# run: generators(4, [1, 5, 3])
# graph: generators

# A variable may change its type when it is assigned again in the same block.
def retype(x: int) -> List[int]:
    y = x + 1
    y = [y, x]
    return y
# run: retype(2)
# graph: retype
