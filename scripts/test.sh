#!/usr/bin/env bash
# `npm test`: all three tiers.
#   build      the web app (npm run build), read by the static-asset tests and served by tier 3;
#   tiers 1+2  vitest: domain unit tests, and API/repository tests on SQLite and (when PostgreSQL
#              binaries exist) on a throwaway PostgreSQL cluster (scripts/with-postgres.sh sets
#              GUATU_TEST_PG_URL; the server tests run on both engines when it is set);
#   tier 3     Playwright on the built app (scripts/e2e.sh), needs /usr/bin/chromium.
# Missing PostgreSQL or Chromium: a loud SKIPPED banner, or a failure when CI=true.
# All tiers run even if one fails; the exit code is non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."

CI_MODE=0
case "${CI:-}" in true | 1 | yes) CI_MODE=1 ;; esac

banner() {
  echo
  echo "################################################################################"
  local line
  for line in "$@"; do echo "##  $line"; done
  echo "################################################################################"
  echo
}

failed=0
summary=()

# ---- the web build (the static-asset tests read it, tier 3 serves it) ---------------------------
echo "==> web build: npm run build"
if npm run build; then
  export GUATU_WEB_BUILT=1
else
  failed=1
  summary+=("web build: FAILED")
fi

# ---- tiers 1+2 -------------------------------------------------------------------------------
if PG_BINDIR_FOUND="$(bash scripts/with-postgres.sh --check 2>/dev/null)"; then
  echo "==> tiers 1+2: vitest on SQLite and PostgreSQL ($PG_BINDIR_FOUND)"
  if bash scripts/with-postgres.sh npx vitest run; then
    summary+=("unit+api(sqlite+postgres): passed")
  else
    failed=1
    summary+=("unit+api(sqlite+postgres): FAILED")
  fi
else
  if [[ $CI_MODE -eq 1 ]]; then
    banner "FAILED: PostgreSQL server binaries not found (initdb/pg_ctl) and CI=true." \
      "The repository/API tests must run on PostgreSQL in CI: apt-get install -y postgresql" \
      "Running them on SQLite anyway, for information; this tier fails regardless."
    npx vitest run || true
    failed=1
    summary+=("unit+api: FAILED (no PostgreSQL with CI=true)")
  else
    banner "SKIPPED: PostgreSQL tests -- no PostgreSQL server binaries found." \
      "Repository/API tests run on SQLite only. Install postgresql to run them on both engines."
    echo "==> tiers 1+2: vitest on SQLite only"
    if npx vitest run; then
      summary+=("unit+api(sqlite only): passed; postgres: SKIPPED")
    else
      failed=1
      summary+=("unit+api(sqlite only): FAILED; postgres: SKIPPED")
    fi
  fi
fi

# ---- tier 3 ----------------------------------------------------------------------------------
if [[ -x /usr/bin/chromium ]]; then
  if ! { command -v fc-list >/dev/null 2>&1 && [[ -n "$(fc-list :lang=zh family 2>/dev/null)" ]]; }; then
    banner "WARNING: no CJK font (fonts-noto-cjk): Chinese renders as boxes in screenshots." \
      "Run: bash scripts/ensure-chromium.sh"
  fi
  echo "==> tier 3: Playwright (scripts/e2e.sh)"
  if bash scripts/e2e.sh; then
    summary+=("e2e: passed")
  else
    failed=1
    summary+=("e2e: FAILED")
  fi
else
  if [[ $CI_MODE -eq 1 ]]; then
    banner "FAILED: /usr/bin/chromium not found and CI=true: browser tests cannot run." \
      "Run: bash scripts/ensure-chromium.sh"
    failed=1
    summary+=("e2e: FAILED (no Chromium, CI)")
  else
    banner "SKIPPED: browser tests (Playwright) -- /usr/bin/chromium not found." \
      "Run: bash scripts/ensure-chromium.sh   (apt-get install chromium fonts-noto-cjk)"
    summary+=("e2e: SKIPPED (no Chromium)")
  fi
fi

echo
joined="$(printf '%s; ' "${summary[@]}")"
joined="${joined%; }"
if [[ $failed -eq 0 ]]; then
  echo "npm test: PASSED -- $joined"
else
  echo "npm test: FAILED -- $joined"
fi
exit "$failed"
