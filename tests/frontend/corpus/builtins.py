# Builtins: min, max, abs, len, int/float/bool/str, print, math functions and constants,
# getattr with a literal name.

def minmax(a: int, b: float, xs: List[int]) -> Tuple[int, float, int, int, int, float]:
    return min(a, 3), max(b, 1.0), max(xs), min(xs), abs(-a), abs(b)
# run: minmax(5, -2.5, [4, 1, 9])
# graph: minmax

def casts(x: float, s: str, n: int) -> Tuple[int, float, bool, bool, str, bool]:
    return int(x), float(n), bool(n), bool(s), str(x), bool([1])
# run: casts(3.7, "", 0)
# graph: casts

def printing(n: int, x: Tensor) -> int:
    print("n is", n)
    print(n * 2, "twice", 1.5, True)
    return n
# run: printing(4, torch.ones(1))
# expect: n is 4
# expect: 8 twice 1.5 True

def print_formats(x: float) -> int:
    print(2.0, x, 1e-7, 1e20, -0.0, 100000000.0, 1.0 / 3.0, None, "bare")
    print([1, 2], [1.5, 2.0], (1, 2.5, "a"), (7,), {"k": 1.0}, ["x", "y"], [True])
    return 0
# run: print_formats(123456789.123)
# expect: 2. 123456789.123 9.9999999999999995e-08 1e+20 0. 100000000. 0.33333333333333331 None bare
# expect: [1, 2] [1.5, 2.] (1, 2.5, a) (7,) {k: 1.} [x, y] [True]

def maths(x: float, n: int) -> Tuple[float, float, float, int, float]:
    return math.sqrt(n), math.exp(x), math.log(x), math.floor(x), math.pi * 2
# run: maths(1.5, 4)
# graph: maths

def attr(x: Tensor) -> int:
    return getattr(x, "ndim")
# run: attr(torch.ones(2, 3))

# Aliases resolve to their canonical ops (PyTorch's NormalizeOps), and torch.linalg, torch.special
# and torch.fft name aten::linalg_*, special_* and fft_* ops.
def aliases(x: Tensor, y: Tensor) -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor]:
    a = torch.absolute(x) + x.clip(-0.5, 0.5) + torch.arctan2(x, y) + torch.fix(x * 3)
    b = torch.true_divide(x, y) - torch.negative(y) + torch.multiply(x, 2)
    c = torch.special.expit(x) + torch.special.logit(x.clamp(0.1, 0.9)) + torch.special.erf(x)
    return (a, b, c, x.swapaxes(0, 1), torch.linalg.vector_norm(x), torch.det(x),
            torch.linalg.det(x), torch.inverse(x))
# run: aliases(torch.tensor([[0.5, -1.25], [2.0, 0.75]]), torch.tensor([[1.5, 2.0], [-0.5, 4.0]]))
# graph: aliases

def statistics(x: Tensor) -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor]:
    q = torch.quantile(x, torch.tensor([0.25, 0.5]), dim=1, keepdim=True)
    m = torch.mode(x.round(), 0)
    return q, torch.nanmedian(x), m[0], torch.histc(x, 4), torch.trapz(x, dx=0.5)
# run: statistics(torch.tensor([[0.5, -1.25, 3.0], [2.0, 0.75, float("nan")]]))
# graph: statistics
