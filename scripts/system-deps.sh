#!/usr/bin/env bash
# Makes sure the Debian packages the test suite needs are installed.
#
#   scripts/system-deps.sh          # called by `make test`; CI installs the same list in .ci/run
#
# As root, missing packages are installed (apt-get update + install, non-interactive). As anyone
# else it prints the exact command to run and fails, rather than asking for a password mid-run.
#   chromium        the real browser for tests/browser (Playwright drives /usr/bin/chromium)
#   fonts-noto-cjk  Japanese glyphs in that browser (without it screenshots show empty boxes)
#   postgresql      the second database the suite runs on (a throwaway cluster, see with-postgres.sh)
#   gettext         msgfmt, to compile the Japanese/English message catalogues
#   poppler-utils   pdftotext/pdftoppm, to check generated PDFs
#   libpango-1.0-0, libpangoft2-1.0-0  the text layout WeasyPrint needs for the printable summary PDF
#   nginx           the proxy in front of two servers in scripts/scale-smoke.sh (not started as
#                   a service: the script runs its own on a loopback port)
set -euo pipefail

PACKAGES=(chromium fonts-noto-cjk postgresql gettext poppler-utils libpango-1.0-0 libpangoft2-1.0-0
  nginx)

if ! command -v dpkg-query >/dev/null; then
  echo "This check knows Debian's package names only. Install the equivalents of:" >&2
  echo "  ${PACKAGES[*]}  (and Node.js with npm)" >&2
  echo "then run the tests with SKIP_SYSTEM_DEPS=1 make test" >&2
  exit 1
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "==> installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q "${missing[@]}"
  else
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool is missing: install Node.js 18 or newer with npm (Debian: apt-get install -y nodejs npm)" >&2
    exit 1
  fi
done
