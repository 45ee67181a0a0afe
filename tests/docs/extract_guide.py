"""Extracts the runnable examples of docs/guide.md into a CMake project.

    extract_guide.py DOC.md [DOC.md ...] OUTDIR     (docs/guide.md and README.md)

A fenced block is an example when its first line names it:

    ```cpp                          ```python                       ```sh
    // guide-example: NAME          # guide-example: NAME           # guide-example: NAME

OUTDIR receives NAME.cpp / NAME.py / NAME.sh, a CMakeLists.txt building every C++ example
against find_package(wick), and steps.txt listing "KIND NAME" in document order (the order
the examples run in, sharing one working directory).

A ```cpp block that defines main() without a name line is an error, so a complete program
cannot slip into the guide untested; neither can two examples with one name.
"""
import os
import re
import sys

FENCE = re.compile(r"^```([A-Za-z0-9_+-]*)\s*$")
TAGS = {
    "cpp": re.compile(r"^//\s*guide-example:\s*([a-z][a-z0-9_]*)\s*$"),
    "python": re.compile(r"^#\s*guide-example:\s*([a-z][a-z0-9_]*)\s*$"),
    "sh": re.compile(r"^#\s*guide-example:\s*([a-z][a-z0-9_]*)\s*$"),
}
EXTENSIONS = {"cpp": "cpp", "python": "py", "sh": "sh"}

CMAKE_HEADER = """\
# Generated from docs/guide.md by tests/docs/extract_guide.py.
cmake_minimum_required(VERSION 3.20)
project(wick_guide_examples LANGUAGES CXX)
find_package(wick REQUIRED)
"""


def blocks(lines):
    """Yields (language, first line number, body lines) for each fenced block."""
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        lang, start, body = m.group(1), i + 1, []
        i += 1
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        if i == len(lines):
            raise SystemExit(f"guide.md:{start}: unterminated ``` block")
        i += 1
        yield lang, start, body


def extract(guide_path):
    with open(guide_path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    examples, seen = [], {}
    for lang, line, body in blocks(lines):
        tag = TAGS.get(lang)
        name_match = tag.match(body[0]) if tag and body else None
        if not name_match:
            if lang == "cpp" and any(re.search(r"\bint\s+main\s*\(", b) for b in body):
                raise SystemExit(f"guide.md:{line}: a complete C++ program without a "
                                 "'// guide-example: NAME' first line")
            continue
        name = name_match.group(1)
        if name in seen:
            raise SystemExit(f"guide.md:{line}: example '{name}' is also defined at line "
                             f"{seen[name]}")
        seen[name] = line
        if lang == "cpp" and not any(b.strip() == "#include <wick/wick.h>" for b in body):
            # The generated project precompiles <wick/wick.h>; an example that includes it
            # itself compiles the same with or without the precompiled header.
            raise SystemExit(f"guide.md:{line}: example '{name}' must #include <wick/wick.h>")
        examples.append((lang, name, body))
    if not examples:
        raise SystemExit(f"{guide_path}: no examples found")
    return examples


def write_if_changed(path, text):
    """Keeps unchanged files untouched, so a rebuild of the project is incremental."""
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write(examples, outdir):
    os.makedirs(outdir, exist_ok=True)
    cmake = [CMAKE_HEADER]
    first_cpp = None
    for lang, name, body in examples:
        write_if_changed(os.path.join(outdir, f"{name}.{EXTENSIONS[lang]}"), "\n".join(body) + "\n")
        if lang != "cpp":
            continue
        cmake.append(f"add_executable({name} {name}.cpp)\n"
                     f"target_link_libraries({name} PRIVATE wick::wick)\n")
        if first_cpp is None:
            first_cpp = name
            cmake.append(f"target_precompile_headers({name} PRIVATE <wick/wick.h>)\n")
        else:
            cmake.append(f"target_precompile_headers({name} REUSE_FROM {first_cpp})\n")
    write_if_changed(os.path.join(outdir, "CMakeLists.txt"), "".join(cmake))
    write_if_changed(os.path.join(outdir, "steps.txt"),
                     "".join(f"{lang} {name}\n" for lang, name, _ in examples))


def main():
    if len(sys.argv) < 3:
        raise SystemExit("usage: extract_guide.py DOC.md [DOC.md ...] OUTDIR")
    examples = []
    for doc in sys.argv[1:-1]:
        examples += extract(doc)
    write(examples, sys.argv[-1])
    counts = {}
    for lang, _, _ in examples:
        counts[lang] = counts.get(lang, 0) + 1
    print("extracted " + ", ".join(f"{n} {lang}" for lang, n in sorted(counts.items())))


if __name__ == "__main__":
    main()
