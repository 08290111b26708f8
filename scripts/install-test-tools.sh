#!/usr/bin/env bash
# Installs the pinned npm packages the tests use (tests/node/package.json
# and its lock file) into tests/node/node_modules.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../tests/node"
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi
