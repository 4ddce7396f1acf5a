#!/bin/sh
# Installs what the tests need on a Debian machine, when it is missing:
# - tesseract with its Russian, Kazakh and Kyrgyz data, for the OCR test of scanned PDFs;
# - chromium and chromium-driver, for the browser test (tests/e2e/browser.rs), and the
#   DejaVu fonts the stylesheet names, so that its screenshots show every Kazakh letter;
# - the npm package axe-core, pinned in tests/browser/package-lock.json, into
#   tests/browser/node_modules (git-ignored), which the browser test loads into the pages.
# Runs as root or through sudo; does nothing when everything is there.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
packages="tesseract-ocr tesseract-ocr-rus tesseract-ocr-kaz tesseract-ocr-kir chromium chromium-driver fonts-dejavu-core"
command -v npm >/dev/null 2>&1 || packages="$packages npm"
missing=""
for package in $packages; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi
if [ ! -f "$here/browser/node_modules/axe-core/axe.min.js" ]; then
  echo "installing: axe-core (npm)"
  npm ci --prefix "$here/browser" --no-audit --no-fund --loglevel=error
fi
