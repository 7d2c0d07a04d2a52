#!/usr/bin/env bash
# Installs the real external programs the peer tests talk to:
#  - Prometheus (promtool), Alertmanager and node-exporter, from Debian, via ../shared/tools/peers.sh
#  - Chromium (headless, for the dashboard's browser test) and a font for it, from Debian
#  - the manifest validator, copied to artifacts/manifest-validator (shared/ may be read-only) with `npm ci`
# Idempotent. Tests find both without further setup.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${MAO_SHARED_DIR:-$root/../shared}
[[ -d "$shared/tools" ]] || { echo "install-peers: $shared/tools not found (set MAO_SHARED_DIR)" >&2; exit 1; }

bash "$shared/tools/peers.sh" install

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get -qq update && apt-get -qq -y install --no-install-recommends nodejs npm >/dev/null
fi

if ! command -v chromium >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get -qq update && apt-get -qq -y install --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

dest=$root/artifacts/manifest-validator
src=$shared/tools/manifest-validator
if [[ ! -d "$dest/node_modules" ]] || ! cmp -s "$src/package-lock.json" "$dest/package-lock.json" || ! cmp -s "$src/validate.mjs" "$dest/validate.mjs"; then
  rm -rf "$dest"
  mkdir -p "$dest"
  cp "$src/package.json" "$src/package-lock.json" "$src/validate.mjs" "$dest/"
  chmod -R u+w "$dest"
  (cd "$dest" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
echo "install-peers: promtool $(promtool --version 2>&1 | head -n1 | awk '{print $3}'), $(chromium --version 2>/dev/null | head -n1), validator in $dest"
