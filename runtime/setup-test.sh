#!/bin/sh
# Installs what the browser tests need: headless Chromium and its WebDriver (Debian packages
# chromium and chromium-driver). Idempotent and quiet when both are installed already.
# Run as root, or as a user with sudo. Then: cd bundles/org.flam.serve && mvn -B verify -Pbrowser
set -eu

PACKAGES="chromium chromium-driver"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "setup-test.sh: need root or sudo to install:$missing" >&2
    exit 1
fi

echo "setup-test.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
APT="$SUDO apt-get -o DPkg::Lock::Timeout=300 -q"
if ! $APT install -y --no-install-recommends $missing >/dev/null 2>&1; then
    $APT update >/dev/null
    $APT install -y --no-install-recommends $missing >/dev/null
fi
for b in /usr/bin/chromium /usr/bin/chromedriver; do
    [ -x "$b" ] || { echo "setup-test.sh: $b missing after install" >&2; exit 1; }
done
