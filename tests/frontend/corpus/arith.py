# Scalar arithmetic: int/float promotion, division, powers, bitwise operators, comparisons
# (chained ones too), boolean logic and the conditional expression.

def int_ops(a: int, b: int) -> Tuple[int, int, int, int, float, float]:
    return a + b * 2 - 1, a // b, a % b, -a, a ** 2, a / b
# run: int_ops(7, 2)
# run: int_ops(-7, 3)
# graph: int_ops

def float_ops(a: float, b: int) -> Tuple[float, float, float, float]:
    return a * b + a / 2, a - b, a ** 0.5, -a
# run: float_ops(2.5, 3)
# graph: float_ops

def bits(a: int, b: int) -> Tuple[int, int, int, int, int]:
    return a & b, a | b, a ^ b, a << 2, a >> 1
# run: bits(12, 10)
# graph: bits

def compare(a: int, b: float) -> Tuple[bool, bool, bool, bool, bool, bool]:
    return a < b, a <= b, a > b, a >= b, a == b, a != b
# run: compare(2, 2.0)
# run: compare(1, 2.5)


def logic(a: bool, b: bool, n: int) -> Tuple[bool, bool, bool, bool]:
    return a and b, a or b, not a, (n > 2 and a) or (n < 0)
# run: logic(True, False, 3)
# run: logic(False, True, -1)
# graph: logic

def ternary(n: int) -> int:
    return n * 2 if n > 3 else n - 1
# run: ternary(5)
# run: ternary(1)
# graph: ternary

def augmented(n: int) -> int:
    x = n
    x += 3
    x -= 1
    x *= 4
    return x
# run: augmented(5)
# ---
# Chained comparisons follow Python (TorchScript's own parser does not chain them).
# oracle: python

def chained(a: int, b: int, c: int) -> bool:
    return a < b <= c
# run: chained(1, 2, 2)
# run: chained(1, 3, 2)
# graph: chained
