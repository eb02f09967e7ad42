#!/usr/bin/env bash
# build.sh builds the complete static site into dist/: the engine as wasm, Go's wasm_exec.js,
# the bundled scripts (CodeMirror from npm), the pages rendered from lessons/*.md, the service
# worker, and .gz/.br copies of the larger files. dist/ is replaced only when the build succeeds.
#
# Needs: Go, Node.js with npm (for the locked front-end packages), gzip; brotli if present.
set -euo pipefail
cd "$(dirname "$0")"

out=dist.tmp
rm -rf "$out" "$out.boot.js"
mkdir -p "$out/assets"

# Front-end packages, exactly as locked. Reinstalled only when the lock file changed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
esbuild=node_modules/.bin/esbuild
"$esbuild" site/js/main.js --bundle --minify --format=iife --target=es2022 --log-level=warning --outfile="$out/assets/app.js"
# boot.js is inlined into the pages by pagegen, below, so it is not a file of dist/.
"$esbuild" site/js/boot.js --minify --target=es2022 --log-level=warning --outfile="$out.boot.js"
"$esbuild" site/js/worker.js --bundle --minify --format=iife --target=es2022 --log-level=warning --outfile="$out/assets/worker.js"
"$esbuild" site/js/lab/worker.js --bundle --minify --format=iife --target=es2022 --log-level=warning --outfile="$out/assets/lab-worker.js"
"$esbuild" site/css/site.css --minify --log-level=warning --outfile="$out/assets/site.css"
cp site/icon.svg "$out/assets/icon.svg"

# The engine. The ES-module transform is not linked here (size budget); see wasm/main.go.
# LOOPLAB_ENGINE_PKG=./site/testdata/fakeengine builds the page against a canned trace instead.
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$out/engine.wasm" "${LOOPLAB_ENGINE_PKG:-./wasm}"
# The ES-module transform: a second module, which the worker loads only for a program that needs it.
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$out/esm.wasm" ./wasm/esm
# The load lab (lab/): small, in a worker of its own, loaded when a lesson with a lab opens.
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$out/lab.wasm" ./wasm/lab
goroot=$(go env GOROOT)
if [ -f "$goroot/lib/wasm/wasm_exec.js" ]; then
  cp "$goroot/lib/wasm/wasm_exec.js" "$out/"
else
  cp "$goroot/misc/wasm/wasm_exec.js" "$out/"
fi

# Pages and the service worker (last: its version hashes every other file).
go run ./site/pagegen -lessons lessons -out "$out" -boot "$out.boot.js"
rm -f "$out.boot.js"

# Precompressed copies for servers that send them by Accept-Encoding. A file unchanged since the
# last build keeps its copies, so a lesson edit does not recompress the 20 MB engine.
# LOOPLAB_BROTLI=0 skips brotli (about 80 s for the engine at quality 11); serve uses it for
# quick rebuilds. Deploy a build made without it.
have_brotli=1
if [ "${LOOPLAB_BROTLI:-1}" = 0 ]; then
  have_brotli=0
elif ! command -v brotli >/dev/null; then
  have_brotli=0
  echo "build.sh: brotli not installed (apt-get install brotli); skipping .br files" >&2
fi
find "$out" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' \) -size +1k |
while read -r f; do
  old="dist/${f#"$out"/}"
  for ext in gz br; do
    if [ -f "$old.$ext" ] && cmp -s "$f" "$old"; then
      cp -p "$old.$ext" "$f.$ext"
    elif [ "$ext" = br ] && [ "$have_brotli" = 0 ]; then
      continue
    elif [ "$ext" = gz ]; then
      gzip -9 -n -k "$f"
    else
      brotli -q 11 -k "$f"
    fi
  done
done

rm -rf dist.old
[ -d dist ] && mv dist dist.old
mv "$out" dist
rm -rf dist.old
echo "build.sh: dist/ ready ($(du -sh dist | cut -f1))"
