# Constructs TorchScript does not have: each chunk fails to compile with a message naming the
# construct, at the annotated line.

def f(x: int) -> int:
    # expect-error@+1: 'global' statements are not supported
    global y
    return x
# ---
def f(x: int) -> int:
    # expect-error@+1: set literals are not supported
    s = {1, 2}
    return x
# ---
def f(x: int) -> List[int]:
    # expect-error@+1: 'if' clauses in comprehensions are not supported
    return [i for i in range(x) if i > 1]
# ---
def f(x: int) -> int:
    for i in range(x):
        pass
    # expect-error@+1: 'else' after a 'for' loop is not supported
    else:
        pass
    return x
# ---
def f(x: int) -> int:
    # expect-error@+1: import statements are only allowed at the top level
    import math
    return x
# ---
def f(x: int) -> int:
    # expect-error@+1: 'raise ... from ...' is not supported
    raise ValueError("a") from None
# ---
def f(x: int) -> int:
    # expect-error@+1: class definitions are only allowed at the top level
    class Foo:
        pass
    return x
# ---
def f(x: int) -> int:
    # expect-error@+1: exceptions must derive from BaseException
    raise "oops"
# ---
def f(x: int) -> int:
    # expect-error@+1: '**' arguments are not supported
    return g(**x)
