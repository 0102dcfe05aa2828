#!/usr/bin/env bash
# Re-vendor Mermaid, which the pages with diagrams load from the site itself (no CDN):
#   scripts/vendor-mermaid.sh [VERSION]   (then commit docs/assets/javascripts/vendor/)
# The tarball comes from the npm registry and must match the integrity npm publishes.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-11.17.2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
expected=$(npm view "mermaid@$version" dist.integrity)
(cd "$tmp" && npm pack --silent "mermaid@$version" >/dev/null)
actual="sha512-$(openssl dgst -sha512 -binary "$tmp/mermaid-$version.tgz" | base64 -w0)"
[ "$actual" = "$expected" ] || { echo "integrity mismatch: $actual != $expected" >&2; exit 1; }
tar -xzf "$tmp/mermaid-$version.tgz" -C "$tmp" package/dist/mermaid.min.js package/LICENSE
out=docs/assets/javascripts/vendor
rm -f "$out"/mermaid*.min.js
cp "$tmp/package/dist/mermaid.min.js" "$out/mermaid.min.js"
echo "mermaid $version $expected" >"$out/mermaid-version.txt"
cp "$tmp/package/LICENSE" "$out/mermaid-LICENSE.txt"
echo "vendored mermaid $version ($expected)"
