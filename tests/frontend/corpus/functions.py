# Several functions in one unit calling each other: defaults, keyword arguments, tuple
# results, missing annotations (Tensor) and inferred return types.

def helper(x: int, scale: int = 2) -> int:
    return x * scale

def uses_helper(n: int) -> Tuple[int, int, int]:
    return helper(n), helper(n, 3), helper(scale=4, x=n)
# run: uses_helper(5)

def unannotated(x, y):
    return x * y + 1
# run: unannotated(torch.ones(2), torch.full([2], 3.0))

def pair(a: int) -> Tuple[int, int]:
    return a, a + 1

def unpack_call(a: int) -> int:
    x, y = pair(a)
    return x * y
# run: unpack_call(3)

def inferred(flag: bool):
    if flag:
        return 1
    return 2
# run: inferred(True)
# graph: inferred

def no_return(xs: List[int]):
    xs.append(1)
# run: no_return([0])
# graph: no_return
