#!/usr/bin/env bash
# Installs what is missing and builds the release binary: build/release/presslint.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
