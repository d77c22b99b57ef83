#!/usr/bin/env bash
# Install the system tools the test suite compares against, when missing.
# xmllint (libxml2-utils): third XSD engine.  chromium: browser rendering test.
# java: runs the Nu Html Checker.  Needs root (CI and dev machines run as root).
set -euo pipefail
need=()
command -v xmllint  >/dev/null 2>&1 || need+=(libxml2-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium fonts-liberation)  # fonts: only recommended
command -v java     >/dev/null 2>&1 || need+=(default-jre-headless)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
    echo "setup-system: missing ${need[*]}; install them (apt-get install ${need[*]}) or run as root" >&2
    exit 0
fi
echo "setup-system: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
