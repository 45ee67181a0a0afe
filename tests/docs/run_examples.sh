#!/usr/bin/env bash
# Builds and runs examples/ and the complete programs of docs/guide.md against an installed
# wick, the way a user would:
#
#   run_examples.sh SOURCE_DIR BUILD_DIR PYTHON [CXX_COMPILER] [SANITIZE]
#
# 1. `cmake --install BUILD_DIR` into BUILD_DIR/tests/tmp/install (checks the CMake package);
# 2. configures each examples/<name> project with -G Ninja -DCMAKE_PREFIX_PATH=<install> and
#    one generated project holding the guide's C++ examples (tests/docs/extract_guide.py);
# 3. builds them (warnings are errors), PyTorch writes the archive load_pytorch_model reads;
# 4. runs every example (exit status 0 required; each checks its own results), then the
#    guide's examples in document order in one directory, Python blocks with PYTHON and shell
#    blocks with bash, the installed `wick` first on PATH.
#
# Build directories under BUILD_DIR/tests/tmp/docs are kept between runs, so a rerun only
# rebuilds what changed. SANITIZE (e.g. address,undefined) matches a sanitizer build of wick.
set -euo pipefail

if [[ $# -lt 3 ]]; then
  echo "usage: $0 SOURCE_DIR BUILD_DIR PYTHON [CXX_COMPILER] [SANITIZE]" >&2
  exit 2
fi
src=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
python=$3
cxx=${4:-}
sanitize=${5:-}
prefix=$build/tests/tmp/install
work=$build/tests/tmp/docs
examples=(trace_function trace_module compile_script load_pytorch_model serve_threads)
jobs=$(nproc 2>/dev/null || echo 2)
start=$SECONDS

mkdir -p "$work"
exec </dev/null

phase() { printf '[docs %3ds] %s\n' $((SECONDS - start)) "$*"; }

# Runs a command with its output in a log; on failure prints the log's end and exits.
run_logged() {
  local log=$1
  shift
  if ! "$@" >"$log" 2>&1; then
    echo "FAILED: $*" >&2
    tail -n 60 "$log" >&2
    exit 1
  fi
}

phase "installing $build into $prefix"
run_logged "$work/install.log" cmake --install "$build" --prefix "$prefix"
for f in lib/cmake/wick/wickConfig.cmake bin/wick include/wick/wick.h; do
  [[ -e $prefix/$f ]] || { echo "the install has no $f" >&2; exit 1; }
done

# PyTorch writes the model for load_pytorch_model while C++ compiles.
lpm_data=$work/run/load_pytorch_model
rm -rf "$work/run"
mkdir -p "$lpm_data" "$work/run/guide"
"$python" "$src/examples/load_pytorch_model/make_model.py" "$lpm_data" \
  >"$work/make_model.log" 2>&1 &
make_model_pid=$!

phase "extracting the guide's examples"
"$python" "$src/tests/docs/extract_guide.py" "$src/README.md" "$src/docs/guide.md" "$work/guide_src"

flags="-Wall -Wextra -Werror"
link_flags=""
if [[ -n $sanitize ]]; then
  flags="$flags -fsanitize=$sanitize -fno-omit-frame-pointer"
  link_flags="-fsanitize=$sanitize"
fi
cmake_args=(-G Ninja "-DCMAKE_PREFIX_PATH=$prefix" "-DCMAKE_CXX_FLAGS=$flags"
            "-DCMAKE_EXE_LINKER_FLAGS=$link_flags")
[[ -n $cxx ]] && cmake_args+=("-DCMAKE_CXX_COMPILER=$cxx")
if command -v ccache >/dev/null; then cmake_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi

phase "configuring ${#examples[@]} examples and the guide"
for e in "${examples[@]}"; do
  run_logged "$work/configure-$e.log" \
    cmake -S "$src/examples/$e" -B "$work/build/$e" "${cmake_args[@]}"
done
run_logged "$work/configure-guide.log" \
  cmake -S "$work/guide_src" -B "$work/build/guide" "${cmake_args[@]}"

phase "building"
# The guide project (many small programs sharing a precompiled header) builds in parallel
# with the examples (one source file each).
( cmake --build "$work/build/guide" --parallel "$jobs" >"$work/build-guide.log" 2>&1 ) &
guide_pid=$!
examples_ok=1
for e in "${examples[@]}"; do
  if ! cmake --build "$work/build/$e" --parallel 1 >"$work/build-$e.log" 2>&1; then
    echo "FAILED: building example $e" >&2
    tail -n 60 "$work/build-$e.log" >&2
    examples_ok=0
  fi
done
if ! wait "$guide_pid"; then
  echo "FAILED: building the guide's examples" >&2
  tail -n 60 "$work/build-guide.log" >&2
  exit 1
fi
[[ $examples_ok == 1 ]] || exit 1
if ! wait "$make_model_pid"; then
  echo "FAILED: examples/load_pytorch_model/make_model.py" >&2
  cat "$work/make_model.log" >&2
  exit 1
fi

failures=0
# Runs one example; its output goes to a log that is shown when it fails.
check() {
  local name=$1 dir=$2
  shift 2
  local log=$work/run/$name.log
  if (cd "$dir" && "$@") >"$log" 2>&1; then
    echo "  ok    $name"
  else
    echo "  FAIL  $name (exit status $?): $*"
    sed 's/^/        /' "$log" | tail -n 40
    failures=$((failures + 1))
  fi
}

phase "running examples/"
check trace_function "$work/run" "$work/build/trace_function/trace_function"
check trace_module "$work/run" "$work/build/trace_module/trace_module" "$work/run/trace_module.pt"
check compile_script "$work/run" "$work/build/compile_script/compile_script"
check load_pytorch_model "$work/run" "$work/build/load_pytorch_model/load_pytorch_model" \
  "$lpm_data/model.pt" "$lpm_data/expected.pt"
check serve_threads "$work/run" "$work/build/serve_threads/serve_threads"

phase "running the guide's examples in document order"
export PATH="$prefix/bin:$PATH"
while read -r kind name; do
  case $kind in
    cpp) check "guide:$name" "$work/run/guide" "$work/build/guide/$name" ;;
    python) check "guide:$name" "$work/run/guide" "$python" "$work/guide_src/$name.py" ;;
    sh) check "guide:$name" "$work/run/guide" bash -e -o pipefail "$work/guide_src/$name.sh" ;;
    *) echo "unknown example kind '$kind'" >&2; exit 1 ;;
  esac
done <"$work/guide_src/steps.txt"

phase "done: $failures failure(s)"
[[ $failures == 0 ]]
