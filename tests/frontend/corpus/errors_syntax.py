# Syntax errors: each chunk fails to compile, at the annotated line.

def f(x: int) -> int:
    # expect-error@+1: unterminated string literal
    s = 'abc
    return x
# ---
def f(x: int) -> int:
    if x:
        return 1
  # expect-error@+1: invalid indent level 2
  return 2
# ---
def f(x: int) -> int:
    # expect-error@+1: expected ':' but found newline
    if x > 1
        return 1
    return 2
# ---
def f(x: int) -> int:
    # expect-error@+1: expected an expression but found newline
    return x +
# ---
def f(x: int) -> int:
    # expect-error@+1: lambda expressions are not supported
    g = lambda y: y
    return x
# ---
def f(x: int) -> int:
    # expect-error@+1: expected a valid token but found '$'
    return x $ 1
# ---
def f(x: int) -> int:
    # expect-error@+1: 'try' statements are not supported
    try:
        return x
    except Exception:
        return 0
