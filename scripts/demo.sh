#!/usr/bin/env bash
# Sets up, builds and runs `wick demo` (the README's main command).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
"${WICK_BUILD_DIR:-build}/tools/wick/wick" demo
