#!/usr/bin/env bash
# Configures and builds wick with Ninja into build/ (or $WICK_BUILD_DIR).
# Extra arguments go to cmake, e.g. -DWICK_SANITIZE=address,undefined.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${WICK_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${WICK_BUILD_TYPE:-Release}" "$@"
cmake --build "$build_dir"
