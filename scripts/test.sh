#!/usr/bin/env bash
# Installs what is missing, builds (dev preset: debug, warnings as errors)
# and runs the whole test suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-deps.sh
if [ -f tests/node/package.json ]; then bash scripts/install-test-tools.sh; fi
cmake --preset dev >/dev/null
cmake --build --preset dev
ctest --preset dev -j "$(nproc)"
