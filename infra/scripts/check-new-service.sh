#!/usr/bin/env bash
# Proves the service template: copies this checkout to a scratch folder, runs
# `npm run new-service <name>` there, builds, typechecks and lints the new service, runs its
# RPC and e2e tests (the e2e one starts it from the registry next to the gateway), and the
# registry test that holds docker-compose and k8s to the registry. Leaves nothing behind: the
# scratch folder is removed and the tests drop their databases. Needs a built checkout
# (`npm run build`). Usage: bash infra/scripts/check-new-service.sh [name]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
name="${1:-probe$(date +%s | tail -c 6)}"
[ -f "$root/apps/e2e/dist/stack.js" ] && [ -f "$root/apps/gateway/dist/main.js" ] || { echo "build first: npm run build" >&2; exit 1; }
scratch="$(mktemp -d "${TMPDIR:-/tmp}/xb-new-service.XXXXXX")"
[ -n "${KEEP_SCRATCH:-}" ] || trap 'rm -rf "$scratch"' EXIT
before="$(cd "$root" && git status --porcelain 2>/dev/null || true)"

echo "[check] copying the checkout to $scratch"
# Sources as git sees them (tracked and new files, not ignored ones), then the builds and
# node_modules. node_modules is hard-linked (nothing here writes into it; its @xb/* links are
# relative, so they point into the copy); dist folders are real copies, since tsc rewrites them.
(cd "$root" && { git ls-files -co --exclude-standard | tar -cf - -T - ; } | tar -xf - -C "$scratch")
cp -al "$root/node_modules" "$scratch/node_modules"
[ -d "$root/apps/console/node_modules" ] && cp -al "$root/apps/console/node_modules" "$scratch/apps/console/node_modules"
for d in "$root"/apps/*/dist "$root"/packages/*/dist; do
  rel="${d#"$root"/}"
  mkdir -p "$scratch/$(dirname "$rel")"
  cp -a "$d" "$scratch/$rel"
done

cd "$scratch"
echo "[check] npm run new-service $name"
node infra/scripts/new-service.mjs "$name"
echo "[check] build, typecheck, lint"
npm run build -w @xb/contracts >/dev/null
npm run build -w "@xb/$name-service" >/dev/null
npm run typecheck -w "@xb/$name-service" >/dev/null
npm run lint -w "@xb/$name-service" >/dev/null
echo "[check] its tests (RPC on the kit's harness, e2e on the platform stack)"
status=0
npm test -w "@xb/$name-service" >"$scratch/test.log" 2>&1 || status=$?
grep -E '^(PASS|FAIL)|Tests:|✕|✓' "$scratch/test.log" || true
[ "$status" = 0 ] || { tail -60 "$scratch/test.log" >&2; echo "[check] the new service's tests failed" >&2; exit 1; }
echo "[check] the registry test (docker-compose, k8s)"
(cd apps/e2e && node --experimental-vm-modules ../../node_modules/jest/bin/jest.js test/registry.spec.ts 2>&1 | grep -E 'Tests:')

after="$(cd "$root" && git status --porcelain 2>/dev/null || true)"
[ "$before" = "$after" ] || { echo "[check] the checkout changed while checking" >&2; exit 1; }
echo "[check] ok: $name generated, built and tested in a scratch copy; nothing left behind"
