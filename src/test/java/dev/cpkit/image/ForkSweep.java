// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.cli.Main;
import dev.cpkit.image.fixture.SyntheticSdk.Board;
import dev.cpkit.image.fixture.SyntheticSdk.ForkConfig;
import dev.cpkit.image.fixture.SyntheticSdk.Program;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A by-hand differential check against the fork's tool, not run in CI: writes {@code n}
 * random fork cases (PD trees with ids, pp, passive, cpu, budgets, maps, fixed regions, IRQs
 * with triggers, channels and, for hypervisor configurations, VMs) over six configurations
 * (aarch64 with 1 and 3 CPUs, both hypervisor PA sizes, RISC-V with and without FPU and
 * hypervisor), and builds each with cpkit ({@code cp.img}, {@code cp.txt}, {@code cp.out},
 * {@code cp.err} with the exit status). Then run the fork on each folder and compare:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$DEPS dev.cpkit.image.ForkSweep /tmp/sweep 120 5000
 * for c in /tmp/sweep/*; do (cd $c &amp;&amp; SEL4CP_SDK=$PWD/sdk PYTHONPATH=/tmp/b2fork/tool \
 *   PYTHONHASHSEED=0 /usr/bin/python3 -m sel4coreplat case.system --board $(ls sdk/board) \
 *   --config debug -o ref.img -r ref.txt &gt; ref.out 2&gt; ref.err; echo "rc=$?" &gt;&gt; ref.err;
 *   cmp -s ref.out cp.out &amp;&amp; [ "$(tail -1 ref.err)" = "$(tail -1 cp.err)" ] &amp;&amp;
 *   { [ ! -f ref.img ] || { cmp -s ref.img cp.img &amp;&amp; cmp -s ref.txt cp.txt; }; } ||
 *   echo "DIFF $c"); done
 * </pre>
 *
 * (arguments: folder, number of cases, first seed; {@code $DEPS} from
 * {@code mvn dependency:build-classpath}).
 */
public final class ForkSweep {
  private ForkSweep() {}

  static Random r;
  static StringBuilder sb;
  static int pdCount;
  static List<String> pdNames = new ArrayList<>();
  static int irqNo;
  static List<String> mrs = new ArrayList<>();
  static Map<String, Long> mrPage = new HashMap<>();
  static Set<String> usedMr = new HashSet<>();
  static ForkConfig cfg;
  static int vmCount;

  public static void main(String[] a) throws Exception {
    Path root = Path.of(a[0]);
    int n = Integer.parseInt(a[1]);
    long seed0 = Long.parseLong(a[2]);
    ForkConfig[] cfgs = {ForkConfig.aarch64(), ForkConfig.aarch64().withCpus(3),
        ForkConfig.aarch64().withHypervisor(true),
            ForkConfig.aarch64().withHypervisor(false).withCpus(2),
        ForkConfig.riscv64(true), ForkConfig.riscv64(false).withHypervisor(false).withCpus(2)};
    for (int i = 0; i < n; i++) {
      r = new Random(seed0 + i);
      cfg = cfgs[i % cfgs.length];
      boolean rv = cfg.arch().equals("riscv64");
      Board b = rv ? Board.riscvLike() : Board.zcu102Like();
      sb = new StringBuilder("<system>\n");
      pdCount = 0; pdNames.clear(); irqNo = 40; mrs.clear(); mrPage.clear(); usedMr.clear();
          vmCount = 0;
      int nmr = 1 + r.nextInt(6);
      for (int m = 0; m < nmr; m++) {
        String name = "mr" + m;
        int kind = r.nextInt(5);
        long size = new long[] {0x1000, 0x3000, 0x10000, 0x200000, 0x2000}[kind];
        sb.append("  <memory_region name=\"").append(name).append("\" size=\"0x")
            .append(Long.toHexString(size)).append("\"");
        long page = 0x1000;
        if (kind == 3 && r.nextBoolean()) { sb.append(" page_size=\"0x200000\""); page = 0x200000; }
        if (kind == 4 || (kind == 0 && r.nextInt(3) == 0)) {
          long base = rv ? 0x10000000L + 0x10000L * m : 0xfe000000L + 0x10000L * m;
          sb.append(" phys_addr=\"0x").append(Long.toHexString(base)).append("\"");
        }
        sb.append(" />\n");
        mrs.add(name); mrPage.put(name, page);
      }
      StringBuilder body = new StringBuilder();
      int top = 1 + r.nextInt(5);
      for (int t = 0; t < top; t++) pd(body, 1, "  ");
      // make sure every MR is mapped: add maps to pd0 (first PD written) via extra PD
      StringBuilder extra = new StringBuilder();
      List<String> unused = new ArrayList<>();
      for (String m : mrs) if (!usedMr.contains(m)) unused.add(m);
      if (!unused.isEmpty()) {
        pdNames.add("sweeper");
        extra
            .append("  <protection_domain name=\"sweeper\" priority=\"3\">\n    <program_image path=\"p.elf\" />\n");
        long v = 0x60000000L;
        for (String m : unused) { extra.append("    <map mr=\"").append(m).append("\" vaddr=\"0x")
            .append(Long.toHexString(v)).append("\" />\n"); v += 0x400000; }
        extra.append("  </protection_domain>\n");
      }
      sb.append(body).append(extra);
      // channels
      int nch = r.nextInt(pdNames.size() * 2 + 1);
      Map<String, Integer> nextId = new HashMap<>();
      for (int c = 0; c < nch && pdNames.size() > 1; c++) {
        String x = pdNames.get(r.nextInt(pdNames.size()));
        String y = pdNames.get(r.nextInt(pdNames.size()));
        if (x.equals(y)) continue;
        int ix = nextId.merge(x, 1, Integer::sum);
        int iy = nextId.merge(y, 1, Integer::sum);
        if (ix > 30 || iy > 30) continue;
        sb.append("  <channel><end pd=\"").append(x).append("\" id=\"").append(ix)
            .append("\" /><end pd=\"")
            .append(y).append("\" id=\"").append(iy).append("\" /></channel>\n");
      }
      sb.append("</system>\n");
      String name = "r" + (seed0 + i);
      Map<String, Program> progs = new LinkedHashMap<>();
      progs.put("p.elf", Program.small());
      progs.put("q.elf", new Program(0x4800, 0x900, 0x5000, true, List.of()));
      ForkFixtures.write(new ForkFixtures.Case(name, b, cfg, sb.toString(), progs),
          root.resolve(name));
    }
    try (var dirs = Files.list(root)) {
      for (Path d : dirs.sorted().toList()) {
        String board = Files.list(d.resolve("sdk/board")).findFirst().get().getFileName().toString();
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new String[] {"build", d.resolve("case.system").toString(), "--sdk",
            d.resolve("sdk").toString(), "--board", board, "--config", "debug", "-o",
            d.resolve("cp.img").toString(), "-r", d.resolve("cp.txt").toString(), "--search-path",
            d.toString(), "--dialect", "sel4cp-dev", "--message-format", "sel4cp"},
            new PrintWriter(out), new PrintWriter(err));
        Files.writeString(d.resolve("cp.out"),
            out.toString().replace(d.resolve("case.system").toString(), "case.system"));
        Files.writeString(d.resolve("cp.err"),
            err.toString().replace(d.resolve("case.system").toString(),
            "case.system") + "rc=" + code + "\n");
      }
    }
  }

  /** One PD (and, below depth 3, its children) with random attributes and contents. */
  static void pd(StringBuilder o, int depth, String ind) {
    String name = "pd" + pdCount++;
    pdNames.add(name);
    o.append(ind).append("<protection_domain name=\"").append(name).append("\" priority=\"")
        .append(1 + r.nextInt(254)).append("\"");
    if (depth > 1) o.append(" id=\"").append(r.nextInt(256)).append("\"");
    if (r.nextInt(10) < 3) o.append(" pp=\"true\"");
    if (r.nextInt(10) < 1) o.append(" passive=\"true\"");
    if (cfg.cpus() > 1 && r.nextBoolean()) o.append(" cpu=\"").append(r.nextInt(cfg.cpus()))
        .append("\"");
    if (r.nextInt(4) == 0) o.append(" budget=\"").append(100 + r.nextInt(900))
        .append("\" period=\"1000\"");
    o.append(">\n").append(ind).append("  <program_image path=\"")
        .append(r.nextBoolean() ? "p.elf" : "q.elf").append("\" />\n");
    int nmap = r.nextInt(4);
    long v = 0x10000000L;
    for (int k = 0; k < nmap; k++) {
      String m = mrs.get(r.nextInt(mrs.size()));
      usedMr.add(m);
      o.append(ind).append("  <map mr=\"").append(m).append("\" vaddr=\"0x")
          .append(Long.toHexString(v)).append("\"")
          .append(r.nextBoolean() ? " perms=\"r\"" : r.nextBoolean() ? " perms=\"rwx\"" : "")
          .append(r.nextInt(3) == 0 ? " cached=\"false\"" : "").append(" />\n");
      v += 0x400000;
    }
    int nirq = r.nextInt(3);
    for (int k = 0; k < nirq; k++) {
      o.append(ind).append("  <irq irq=\"").append(irqNo++).append("\" id=\"").append(50 + k)
          .append("\"")
          .append(r.nextBoolean() ? " trigger=\"edge\"" : r.nextBoolean() ? " trigger=\"level\"" : "")
              .append(" />\n");
    }
    if (depth == 1 && cfg.hypervisor() && r.nextInt(3) == 0) {
      o.append(ind).append("  <virtual_machine name=\"vm").append(vmCount++).append("\" id=\"")
          .append(r.nextInt(100)).append("\" priority=\"").append(r.nextInt(200)).append("\"")
          .append(cfg.cpus() > 1 && r.nextBoolean() ? " cpu=\"1\"" : "").append(">\n");
      int vmaps = r.nextInt(3);
      long vv = 0x40000000L;
      for (int k = 0; k < vmaps; k++) {
        String m = mrs.get(r.nextInt(mrs.size()));
        usedMr.add(m);
        o.append(ind).append("    <map mr=\"").append(m).append("\" vaddr=\"0x")
            .append(Long.toHexString(vv)).append("\" perms=\"rwx\" />\n");
        vv += 0x400000;
      }
      o.append(ind).append("  </virtual_machine>\n");
    }
    if (depth < 3) {
      int kids = r.nextInt(depth == 1 ? 3 : 2);
      for (int k = 0; k < kids; k++) pd(o, depth + 1, ind + "  ");
    }
    o.append(ind).append("</protection_domain>\n");
  }
}
