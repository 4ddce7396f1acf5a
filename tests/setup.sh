#!/bin/sh
# Installs the system packages the tests need on a Debian machine, when they are missing:
# tesseract with its Russian, Kazakh and Kyrgyz data, for the OCR test of scanned PDFs.
# Runs as root or through sudo; does nothing when everything is there.
set -eu
packages="tesseract-ocr tesseract-ocr-rus tesseract-ocr-kaz tesseract-ocr-kir"
missing=""
for package in $packages; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
