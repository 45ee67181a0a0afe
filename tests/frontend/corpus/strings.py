# Strings: literals with escapes, concatenation, methods, formatting, slicing, membership
# and conversions to and from numbers.

def methods(s: str) -> Tuple[str, str, bool, bool, int, List[str], str]:
    return s.upper(), s.lower(), s.startswith("ab"), s.endswith("z"), s.find("c"), s.split(","), s.strip()
# run: methods(" abc,Def ")
# graph: methods

def formatting(n: int, x: float, name: str) -> Tuple[str, str, str]:
    return "{} and {}".format(n, x), "name: " + name, str(n) + str(x) + str(True)
# run: formatting(3, 2.5, "wick")
# graph: formatting

def slicing(s: str) -> Tuple[str, str, str, str, int]:
    return s[1:], s[:-1], s[::2], s[2], len(s)
# run: slicing("abcdef")
# graph: slicing

def escapes() -> str:
    return "tab\there\nquote\"s 'single' \\ back" + 'other \'quotes\''
# run: escapes()

def conversions(s: str, n: int, x: float) -> Tuple[int, float, str, int, float]:
    return int(s), float(s + ".5"), str(x), int(x), float(n)
# run: conversions("12", 4, 3.75)
# graph: conversions

def contains(s: str, parts: List[str]) -> Tuple[bool, bool, str]:
    return "b" in s, "z" in s, "-".join(parts)
# run: contains("abc", ["x", "y"])

# The % operator on strings (aten::percentFormat).
def percent_format(n: int, x: float, s: str) -> str:
    return "%d items, %i, %f, %e, %s, %c%c, 100%%" % (n, -2.5, x, x, s, 65, "z")
# run: percent_format(3, 0.1, "abc")
# run: percent_format(-7, 12345.678, "")
# graph: percent_format

def percent_single(n: int) -> str:
    return "n=%d" % n + " %s" % [1, 2] + " %s" % (2.5,) + "%s" % None
# run: percent_single(5)

def percent_tensor(t: Tensor) -> str:
    return "t: %s" % t
# run: percent_tensor(torch.tensor([1.0, 2.0]))

def percent_errors(k: int) -> str:
    if k == 0:
        return "%d %d" % (1,)
    if k == 1:
        return "%d" % (1, 2)
    if k == 2:
        return "abc%" % 1
    if k == 3:
        return "%d" % "s"
    if k == 4:
        return "%x" % 5
    return "%c" % 2.5
# run: percent_errors(0)
# run: percent_errors(1)
# run: percent_errors(2)
# run: percent_errors(3)
# run: percent_errors(4)
# run: percent_errors(5)
