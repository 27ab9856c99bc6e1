#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Benchmarks `cpkit check` on a large generated system and, when the reference sel4cp tool is
# available, the reference parser on the same file in the same run.
#
#   bench/run.sh                      # cpkit only
#   SEL4CP_REF=/path/to/tool bench/run.sh
#   SEL4CP_DEV_REF=/path/to/fork/tool bench/run.sh   # also the fork's build (--dialect sel4cp-dev)
#
# SEL4CP_REF is the `tool` folder of seL4/microkit at e6f235e (it holds sel4coreplat/); it is
# not part of this repository; SEL4CP_DEV_REF is the `tool` folder of Ivan-Velickovic/sel4cp at
# 3902541. The references run under Debian's /usr/bin/python3.
# Environment: RUNS (whole-process repetitions, default 20), JMH_ARGS (extra JMH options).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${RUNS:-20}
py=/usr/bin/python3

(cd "$root" && mvn -q -DskipTests install)
(cd "$here" && mvn -q package)
jar="$here/target/cpkit-bench.jar"
sys="$here/target/large.system"
java -cp "$jar" dev.cpkit.bench.LargeSystem "$sys"
"$root/cpkit" check -q "$sys"   # builds the CDS archive if needed, and checks validity

# mean and min of a command over $runs runs, in milliseconds
measure() {
  label=$1; shift
  i=0; total=0; min=999999
  while [ $i -lt "$runs" ]; do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 )); total=$((total + ms)); [ $ms -lt $min ] && min=$ms
    i=$((i + 1))
  done
  echo "$label: mean $((total / runs)) ms, min $min ms over $runs runs"
}

echo "== whole process =="
measure "java hello world (JVM start-up floor)" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp "$jar" dev.cpkit.bench.Hello
measure "cpkit check (./cpkit)" "$root/cpkit" check -q "$sys"
if [ -n "${SEL4CP_REF:-}" ] && [ -d "$SEL4CP_REF/sel4coreplat" ]; then
  cat > "$here/target/ref_check.py" <<PY
import sys, time
sys.path.insert(0, "$SEL4CP_REF")
from sel4coreplat.sysxml import xml2system, PlatformDescription
from pathlib import Path
plat = PlatformDescription(page_sizes=(0x1000, 0x200000))
if len(sys.argv) > 2:
    n = int(sys.argv[2])
    for _ in range(5): xml2system(Path(sys.argv[1]), plat)
    t0 = time.perf_counter()
    for _ in range(n): xml2system(Path(sys.argv[1]), plat)
    print("reference in-process: %.1f ms per parse+validate (mean of %d after 5 warm-up)" % ((time.perf_counter() - t0) * 1000 / n, n))
else:
    xml2system(Path(sys.argv[1]), plat)
PY
  measure "reference sel4cp (python3 sysxml.py)" $py "$here/target/ref_check.py" "$sys"
  $py "$here/target/ref_check.py" "$sys" 20
else
  echo "(set SEL4CP_REF to compare with the reference tool)"
fi

echo "== cpkit build: generated 63-PD system on a synthetic SDK =="
java -cp "$jar" dev.cpkit.bench.BuildBenchmark "$here/target/build"
(cd "$here/target/build" && measure "cpkit build" "$root/cpkit" build bench.system --sdk sdk \
  --board zcu102 --config debug)
echo "cpkit build in process (whole command, after warm-up):"
java -cp "$jar" dev.cpkit.bench.BuildBenchmark "$here/target/build" --loop 50
if [ -n "${SEL4CP_REF:-}" ] && [ -d "$SEL4CP_REF/sel4coreplat" ]; then
  (cd "$here/target/build" && export SEL4CP_SDK="$here/target/build/sdk" \
    PYTHONPATH="$SEL4CP_REF" && measure "reference sel4cp build" $py -m sel4coreplat \
    bench.system --board zcu102 --config debug -o ref-loader.img -r ref-report.txt)
  (cd "$here/target/build" && SEL4CP_SDK="$here/target/build/sdk" PYTHONPATH="$SEL4CP_REF" \
    $py - <<'PY'
import io, sys, time, contextlib
from sel4coreplat.__main__ import main
argv = ["sel4cp", "bench.system", "--board", "zcu102", "--config", "debug",
        "-o", "ref-loader.img", "-r", "ref-report.txt"]
def once():
    sys.argv = argv
    with contextlib.redirect_stdout(io.StringIO()):
        main()
for _ in range(3): once()
t0 = time.perf_counter()
for _ in range(10): once()
print("reference build in process: %.1f ms per build (mean of 10 after 3)" % ((time.perf_counter() - t0) * 100))
PY
  )
fi

echo "== cpkit build --dialect sel4cp-dev: the same system on a synthetic fork SDK =="
java -cp "$jar" dev.cpkit.bench.BuildBenchmark "$here/target/build-fork" --fork
(cd "$here/target/build-fork" && measure "cpkit build (fork)" "$root/cpkit" build bench.system \
  --sdk sdk --board zcu102 --config debug --dialect sel4cp-dev)
echo "cpkit fork build in process (whole command, after warm-up):"
java -cp "$jar" dev.cpkit.bench.BuildBenchmark "$here/target/build-fork" --loop 50 --fork
if [ -n "${SEL4CP_DEV_REF:-}" ] && [ -d "$SEL4CP_DEV_REF/sel4coreplat" ]; then
  (cd "$here/target/build-fork" && export SEL4CP_SDK="$here/target/build-fork/sdk" \
    PYTHONPATH="$SEL4CP_DEV_REF" && measure "fork sel4cp build" $py -m sel4coreplat \
    bench.system --board zcu102 --config debug -o ref-loader.img -r ref-report.txt)
  (cd "$here/target/build-fork" && "$root/cpkit" build bench.system --sdk sdk --board zcu102 \
    --config debug --dialect sel4cp-dev -o cp.img -r cp.txt >/dev/null \
    && cmp cp.img ref-loader.img && cmp cp.txt ref-report.txt \
    && echo "fork build: image and report identical to the fork's")
fi

echo "== in-process (JMH) =="
java -jar "$jar" "CheckBenchmark|BuildBenchmark" ${JMH_ARGS:-} 2>&1 | grep -E "^(Benchmark|CheckBenchmark|BuildBenchmark)"
