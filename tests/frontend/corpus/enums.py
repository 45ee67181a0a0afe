# Enum classes: members as constants, `.name` and `.value` (int, float and str values),
# == and != between members, iteration over the class, enums as arguments, results, list
# elements and in prints, and the errors for what TorchScript does not allow.

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = -3

class Mode(Enum):
    FAST = "fast"
    SLOW = "slow"

class Scale(enum.Enum):
    HALF = 0.5
    DOUBLE = 2.0

def pick(c: Color, x: Tensor) -> Tensor:
    if c == Color.RED:
        return x + c.value
    elif c != Color.GREEN:
        return x * c.value
    return x
# run: pick(Color.RED, torch.ones(2))
# run: pick(Color.GREEN, torch.ones(2))
# run: pick(Color.BLUE, torch.ones(2))
# graph: pick

def describe(c: Color, m: Mode) -> str:
    return c.name + ":" + m.value + ":" + m.name
# run: describe(Color.BLUE, Mode.SLOW)
# graph: describe

def scaled(s: Scale, x: float) -> float:
    return x * s.value
# run: scaled(Scale.HALF, 3.0)
# run: scaled(Scale.DOUBLE, 3.0)
# graph: scaled

def folded(x: float) -> Tuple[float, bool, str]:
    return x * Scale.DOUBLE.value, Color.RED == Color.GREEN, Mode.FAST.name
# run: folded(1.5)
# graph: folded

def total() -> int:
    t = 0
    for c in Color:
        t = t * 10 + c.value
    return t
# run: total()
# graph: total

def values() -> List[int]:
    return [c.value for c in Color]
# run: values()

def names() -> List[str]:
    out: List[str] = []
    for m in Mode:
        out.append(m.name)
    return out
# run: names()

def choose(flag: bool) -> Color:
    if flag:
        return Color.GREEN
    return Color.BLUE
# run: choose(True)
# run: choose(False)
# graph: choose

def members(c: Color) -> List[Color]:
    return [c, Color.RED]
# run: members(Color.BLUE)

def shown(c: Color) -> str:
    print(c, [c])
    return str(c)
# run: shown(Color.GREEN)
# expect: Enum<Color.GREEN> [Enum<Color.GREEN>]

def defaulted(x: int, c: Color = Color.GREEN) -> int:
    return x * c.value
# run: defaulted(5)
# run: defaulted(5, Color.BLUE)

def same(a: Color, b: Color) -> Tuple[bool, bool]:
    return a == b, a != b
# run: same(Color.RED, Color.RED)
# run: same(Color.RED, Color.BLUE)
# ---
class Color(Enum):
    RED = 1
    GREEN = 2

def f() -> Color:
    # expect-error@+1: cannot call a EnumClass
    return Color(1)
# ---
class Color(Enum):
    RED = 1
    GREEN = 2

def f() -> Color:
    # expect-error@+1: 'Enum<__torch__.Color>' has no attribute 'BLUE'
    return Color.BLUE
# ---
class Flag(Enum):
    # expect-error@+1: Cannot create Enum with value type 'bool', only int, float and string are supported
    ON = True

def f(x: Flag) -> int:
    return 1
# ---
class Color(Enum):
    RED = 1

def f(c: Color) -> int:
    # expect-error@+1: 'Enum<__torch__.Color>' object has no attribute or method 'foo'
    return c.foo
