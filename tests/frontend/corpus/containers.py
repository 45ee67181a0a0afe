# Lists, tuples and dicts: literals, indexing, slicing, methods, iteration and
# comprehensions; tuple unpacking (with a trailing comma and starred targets).

def lists(n: int) -> Tuple[List[int], int, int, List[int], bool]:
    xs = [1, 2, 3]
    xs.append(n)
    xs[0] = 10
    ys = xs[1:3]
    return xs, xs[-1], len(xs), ys, 2 in xs
# run: lists(4)
# graph: lists

def list_loop(xs: List[int]) -> int:
    s = 0
    for v in xs:
        s += v
    return s
# run: list_loop([3, 4, 5])
# graph: list_loop

def comprehension(n: int, xs: List[float]) -> Tuple[List[int], List[float]]:
    return [i * 2 for i in range(n)], [v + 1.0 for v in xs]
# run: comprehension(4, [0.5, 1.5])
# graph: comprehension

def empty_lists() -> Tuple[List[int], List[Tensor]]:
    a: List[int] = []
    b = annotate(List[Tensor], [])
    a.append(1)
    return a, b
# run: empty_lists()

def tuples(t: Tuple[int, float, str]) -> Tuple[str, int, float, Tuple[int, float]]:
    a, b, c = t
    first, *rest = t
    return c, a, b + t[1], t[0:2]
# run: tuples((1, 2.5, "x"))
# graph: tuples

def trailing_comma(x: Tensor) -> Tuple[Tensor, Tensor]:
    a, b, = torch.chunk(x, 2)
    return b, a
# run: trailing_comma(torch.arange(4))
# graph: trailing_comma

def unrolled(t: Tuple[int, str, float]) -> List[str]:
    out: List[str] = []
    for e in t:
        out.append(str(e))
    return out
# run: unrolled((1, "a", 2.5))
# graph: unrolled

def dicts(k: str, v: int) -> Tuple[Dict[str, int], int, bool, List[str], List[int]]:
    d = {"a": 1, "b": 2}
    d[k] = v
    total = 0
    for key in d.keys():
        total += d[key]
    for key, value in d.items():
        total += value
    return d, total, "a" in d, list(d.keys()), list(d.values())
# run: dicts("c", 5)
# graph: dicts

def dict_methods(d: Dict[str, int]) -> Tuple[int, int, int, Dict[str, int]]:
    a = d.get("x", 7)
    b = len(d)
    c = d.pop("a")
    d["z"] = 26
    return a, b, c, d
# run: dict_methods({"a": 1, "b": 2})

def dict_comp(n: int) -> Dict[int, int]:
    return {i: i * i for i in range(n)}
# run: dict_comp(4)
# graph: dict_comp

def enumerate_zip(xs: List[int], ys: List[str]) -> List[str]:
    out: List[str] = []
    for i, x in enumerate(xs):
        out.append(str(i) + ":" + str(x))
    for x, y in zip(xs, ys):
        out.append(y + str(x))
    return out
# run: enumerate_zip([1, 2, 3], ["a", "b"])
# graph: enumerate_zip
