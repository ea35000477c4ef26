#!/usr/bin/env bash
# Make sure the browser tests can run: Debian's Chromium at /usr/bin/chromium (Playwright cannot
# download its own browsers here) and a CJK font (without one, Chinese renders as boxes).
# Idempotent; prints nothing when everything is already there.
set -euo pipefail

have_chromium() { [[ -x /usr/bin/chromium ]]; }
have_cjk_font() { command -v fc-list >/dev/null 2>&1 && [[ -n "$(fc-list :lang=zh family 2>/dev/null)" ]]; }

if have_chromium && have_cjk_font; then
  exit 0
fi

missing=()
have_chromium || missing+=("chromium")
have_cjk_font || missing+=("CJK font")
echo "ensure-chromium.sh: missing ${missing[*]}; installing chromium fonts-noto-cjk with apt-get" >&2

SUDO=()
if [[ $EUID -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "ensure-chromium.sh: not root and no sudo: install chromium and fonts-noto-cjk by hand" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk fontconfig
# Make the new fonts visible to fontconfig now, not at the next cache refresh.
command -v fc-cache >/dev/null 2>&1 && fc-cache -f >/dev/null 2>&1 || true

if ! have_chromium || ! have_cjk_font; then
  echo "ensure-chromium.sh: still missing after apt-get: chromium at /usr/bin/chromium or a CJK font" >&2
  exit 1
fi
echo "ensure-chromium.sh: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) and a CJK font are installed" >&2
