#!/usr/bin/env bash
# Set-up for a fresh Debian/Ubuntu machine, idempotent (`npm run setup`; .ci/run calls it too):
# system packages (skipped when present), npm packages, and code-server with Node 24 — a real VS Code
# for the integration tests and `npm start` — cached in ${XDG_CACHE_HOME:-~/.cache}/custom-speech.
# Needs Node.js >= 20 with npm on PATH, root or sudo for apt, and the npm registry and Debian apt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DEBIAN_FRONTEND=noninteractive

# chromium: the browser that drives code-server in tests; build-essential python3 libkrb5-dev
# pkg-config: code-server's native modules; espeak-ng sox: sample and test speech; sctk: the
# reference WER scorer; time: peak memory in benchmarks; pocketsphinx pocketsphinx-en-us
# sphinxtrain sphinxbase-utils: the local engine's decoder, US English model and dictionary, and
# acoustic adaptation (sphinxtrain's bw, map_adapt, mllr_solve; sphinx_fe for the features);
# pocketsphinx-testdata: real read speech for checking the decoder.
APT_PACKAGES=(
  ca-certificates git
  chromium
  build-essential python3 libkrb5-dev pkg-config
  espeak-ng sox sctk
  pocketsphinx pocketsphinx-en-us pocketsphinx-testdata sphinxtrain sphinxbase-utils
  time
)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  echo "setup: installing system packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup: system packages present"
fi

if ! command -v node >/dev/null || ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  echo "setup: Node.js >= 20 with npm is required on PATH (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

node scripts/install-code-server.mjs --quiet
echo "setup: done (node $(node --version), code-server cached in ${XDG_CACHE_HOME:-$HOME/.cache}/custom-speech)"
