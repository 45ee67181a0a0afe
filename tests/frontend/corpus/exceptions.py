# raise and assert: compiled to prim::RaiseException with the message; running a raising
# path reports the message.

def checked(n: int) -> int:
    assert n > 0, "n must be positive"
    if n == 5:
        raise ValueError("five is not allowed: " + str(n))
    if n == 7:
        raise RuntimeError("seven")
    return n
# run: checked(3)
# run: checked(-1)
# run: checked(5)
# run: checked(7)
# graph: checked

def plain_assert(x: int) -> int:
    assert x != 2
    return x
# run: plain_assert(2)
# graph: plain_assert

def always_raises(x: int) -> int:
    raise Exception("always")
# run: always_raises(1)
# graph: always_raises
