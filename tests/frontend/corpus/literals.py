# Literals and small forms: exponent floats, float('inf'), line continuation with a
# backslash and inside brackets, `not in`, math constants.

def literals(x: Tensor) -> Tensor:
    eps = 1e-05
    big = float('inf')
    third = 3.
    total = eps + \
        third
    if total < big:
        x = x + total
    return x
# run: literals(torch.ones(2))
# graph: literals

def brackets(a: int, b: int) -> List[int]:
    values = [a,
              b,
              a + b]
    return values
# run: brackets(1, 2)

def membership(xs: List[int], k: int) -> bool:
    return k not in xs
# run: membership([1, 2, 3], 4)
# run: membership([1, 2, 3], 2)

def constants(r: float) -> float:
    return math.pi * r * r + math.e
# run: constants(2.0)
