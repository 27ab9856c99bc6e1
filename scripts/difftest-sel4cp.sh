#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Differential test of cpkit's sel4cp and sel4cp-dev readers against the reference Python
# parsers. The references are not part of cpkit; point at their tool/ directories:
#
#   SEL4CP_REF_TOOL      seL4/microkit at e6f235e, tool/            (sel4cp dialect)
#   SEL4CP_DEV_REF_TOOL  Ivan-Velickovic/sel4cp at 3902541, tool/   (sel4cp-dev dialect)
#
# e.g.  git --git-dir=MIRROR archive e6f235e tool | tar -x -C /tmp/ref/sel4cp
#       SEL4CP_REF_TOOL=/tmp/ref/sel4cp/tool SEL4CP_DEV_REF_TOOL=/tmp/ref/sel4cp-dev/tool \
#         scripts/difftest-sel4cp.sh [WORK_DIR]
#
# A dialect whose reference is missing is skipped. Exit status 1 if any case differs
# (known differences, listed in docs/differential-testing.md, excepted).
# Set DIFFTEST_CORPUS=1 to also rebuild src/test/resources/sdf/{sel4cp,sel4cp-dev}.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
py=${PYTHON:-/usr/bin/python3}
helper="$here/scripts/difftest_sel4cp.py"
status=0
ran=0

cd "$here"
mvn -q -DskipTests test-compile
cp="target/classes:target/test-classes"

# run DIALECT BOARD CPUS HYP REF_TOOL: generate, run both sides, compare
run() {
  local dialect=$1 board=$2 cpus=$3 hyp=$4 tool=$5
  local cases="$work/$dialect" tag="$work/$dialect.$board"
  [ -d "$cases" ] || "$py" "$helper" gen "$dialect" "$cases"
  "$py" "$helper" ref "$tool" "$dialect" "$cpus" "$hyp" "$cases" "$tag.ref.tsv"
  java -cp "$cp" dev.cpkit.sdf.Sel4cpDifferentialCorpusTest "$dialect" "$board" "$cases" \
    "$tag.cpkit.tsv"
  echo "== $dialect on $board"
  if ! "$py" "$helper" compare "$tag.ref.tsv" "$tag.cpkit.tsv" > "$tag.cmp"; then status=1; fi
  tail -n 1 "$tag.cmp"
  ran=1
}

if [ -n "${SEL4CP_REF_TOOL:-}" ] && [ -f "$SEL4CP_REF_TOOL/sel4coreplat/sysxml.py" ]; then
  run sel4cp - 1 0 "$SEL4CP_REF_TOOL"
else
  echo "sel4cp: SEL4CP_REF_TOOL not set or not a reference tool/ directory; skipped"
fi
if [ -n "${SEL4CP_DEV_REF_TOOL:-}" ] && [ -f "$SEL4CP_DEV_REF_TOOL/sel4coreplat/sysxml.py" ]; then
  run sel4cp-dev qemu_arm_virt 1 1 "$SEL4CP_DEV_REF_TOOL"
  run sel4cp-dev imx8mm_evk_4_cores_hyp 4 1 "$SEL4CP_DEV_REF_TOOL"
  run sel4cp-dev imx8mm_evk 1 0 "$SEL4CP_DEV_REF_TOOL"
else
  echo "sel4cp-dev: SEL4CP_DEV_REF_TOOL not set or not a reference tool/ directory; skipped"
fi
[ "$ran" = 1 ] || exit 0

if [ "${DIFFTEST_CORPUS:-0}" = 1 ]; then
  res="$here/src/test/resources/sdf"
  if [ -f "$work/sel4cp.-.ref.tsv" ]; then
    rm -rf "$res/sel4cp" && mkdir -p "$res/sel4cp"
    "$py" "$helper" corpus "$work/sel4cp.-.ref.tsv" "$work/sel4cp" - "$res/sel4cp" 420
  fi
  if [ -f "$work/sel4cp-dev.qemu_arm_virt.ref.tsv" ]; then
    rm -rf "$res/sel4cp-dev" && mkdir -p "$res/sel4cp-dev"
    "$py" "$helper" corpus "$work/sel4cp-dev.qemu_arm_virt.ref.tsv" "$work/sel4cp-dev" - \
      "$res/sel4cp-dev" 340
    for b in imx8mm_evk_4_cores_hyp imx8mm_evk; do
      "$py" "$helper" corpus "$work/sel4cp-dev.$b.ref.tsv" "$work/sel4cp-dev" "$b" \
        "$res/sel4cp-dev" 30 "$work/sel4cp-dev.qemu_arm_virt.ref.tsv"
    done
  fi
fi
echo "results in $work"
exit $status
