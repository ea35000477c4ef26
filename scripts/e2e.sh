#!/usr/bin/env bash
# Tier 3: build the web app, then run the Playwright specs in e2e/ against `node scripts/start.mjs`
# (see playwright.config.ts). Extra arguments go to `playwright test`, e.g. `npm run test:e2e -- e2e/login.spec.ts`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -x /usr/bin/chromium ]]; then
  echo "e2e.sh: /usr/bin/chromium not found; run: bash scripts/ensure-chromium.sh" >&2
  exit 1
fi

if [[ "${GUATU_WEB_BUILT:-}" == 1 ]]; then
  echo "==> e2e: web already built by scripts/test.sh"
else
  echo "==> e2e: npm run build"
  npm run build
fi
echo "==> e2e: playwright test"
exec npx playwright test "$@"
