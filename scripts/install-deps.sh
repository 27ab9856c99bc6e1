#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Installs the Debian packages cpkit's optional features and their tests use. Tests that need
# a package skip with a message naming it when it is absent, so this script is a convenience
# for CI and developers, not a requirement for `mvn test`.
#   cpp            built-in vs system C preprocessor differential tests (CAmkES front end)
#   graphviz       cpkit graph: the DOT validity test
#   chromium       cpkit graph: the HTML page test (headless)
#   gcc-aarch64-linux-gnu  cpkit migrate: cross-compiling the generated C and the Makefile test
set -u
want="cpp graphviz chromium gcc-aarch64-linux-gnu"
missing=""
for p in $want; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null 2>&1 \
      || echo "install-deps: could not install$missing; tests that need them will skip" >&2
  else
    echo "install-deps: not root; missing$missing (tests that need them will skip)" >&2
  fi
fi
exit 0
