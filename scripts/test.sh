#!/usr/bin/env bash
# Sets up, builds and runs every test (the README's test command; .ci/run runs this).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
build_dir="${WICK_BUILD_DIR:-build}"
ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 1200
