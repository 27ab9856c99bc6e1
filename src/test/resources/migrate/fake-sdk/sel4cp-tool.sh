#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# A stand-in for the SDK tool: records its arguments and creates the image and report.
echo tool "$@"
while [ $# -gt 0 ]; do case "$1" in -o) echo image > "$2";; -r) echo report > "$2";; esac; shift; done
