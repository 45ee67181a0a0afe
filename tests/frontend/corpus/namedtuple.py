# NamedTuple classes: construction (positional and keyword), field access, indexing and
# unpacking, as arguments and results.

class Point(NamedTuple):
    x: float
    y: float

class Pair(NamedTuple):
    first: Tensor
    count: int

def make(a: float, b: float) -> Point:
    return Point(a, b)
# run: make(1.5, 2.0)
# graph: make

def fields(p: Point) -> Tuple[float, float, float]:
    x, y = p
    return p.x + p.y, p[1], x * y
# run: fields(Point(3.0, 4.0))
# graph: fields

def keyword(t: Tensor) -> Pair:
    return Pair(count=t.numel(), first=t)
# run: keyword(torch.ones(2, 2))
