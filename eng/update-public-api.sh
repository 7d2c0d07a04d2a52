#!/usr/bin/env bash
# Adds every symbol the PublicApiAnalyzers report as undeclared (RS0016) to the project's
# PublicAPI.Unshipped.txt, and drops the lines it reports as gone (RS0017). Review the diff:
# the public surface is a reviewed file.
#   eng/update-public-api.sh src/MultiAgent.Observability.Metrics
set -euo pipefail
dir=${1:?usage: eng/update-public-api.sh src/<Project>}
file="$dir/PublicAPI.Unshipped.txt"
out=$(dotnet build "$dir" -nologo -v q 2>&1 || true)
tmp=$(mktemp)
{ grep -v '^#nullable' "$file" || true
  grep -oP "error RS0016: Symbol '\K.*(?=' is not part of the declared public API)" <<<"$out" || true
} | sort -u >"$tmp"
gone=$(grep -oP "error RS0017: Symbol '\K.*(?=' is part of the declared API, but)" <<<"$out" | sort -u || true)
{ echo '#nullable enable'
  if [[ -n "$gone" ]]; then grep -vxF -f <(printf '%s\n' "$gone") "$tmp" || true; else cat "$tmp"; fi
} >"$file"
rm -f "$tmp"
echo "updated $file ($(($(wc -l <"$file") - 1)) symbols)"
