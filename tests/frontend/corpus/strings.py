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
