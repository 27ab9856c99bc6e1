// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.system.Board;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Channel;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.Irq;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import dev.cpkit.system.VirtualMachine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The canonical writer round-trips: for random valid systems, write → read gives the same
 * model (spans aside), and writing that again gives the same text.
 */
class SdfWriterProperties {

  @Property(tries = 300)
  void sel4cpRoundTrips(@ForAll long seed) {
    roundTrip(new RandomSystems(seed, Dialect.SEL4CP).system());
  }

  @Property(tries = 300)
  void sel4cpDevRoundTrips(@ForAll long seed) {
    roundTrip(new RandomSystems(seed, Dialect.SEL4CP_DEV).system());
  }

  @Property(tries = 300)
  void microkitRoundTrips(@ForAll long seed) {
    roundTrip(new MicrokitSystems(seed).system());
  }

  @Property(tries = 50)
  void writingIsDeterministic(@ForAll long seed, @ForAll @IntRange(min = 0, max = 1) int d) {
    Dialect dialect = d == 0 ? Dialect.SEL4CP : Dialect.SEL4CP_DEV;
    SystemDescription s = new RandomSystems(seed, dialect).system();
    assertThat(SdfWriter.write(s, dialect)).isEqualTo(SdfWriter.write(s, dialect));
  }

  static void roundTrip(SystemDescription generated) {
    Dialect dialect = generated.dialect();
    String text = SdfWriter.write(generated, dialect);
    Sdf.Result read = Sdf.check("generated.system", text.getBytes(StandardCharsets.UTF_8),
        new Sdf.Options(dialect, generated.board(), List.of()));
    assertThat(read.diagnostics().stream().filter(d -> d.isError()).toList())
        .as("errors reading back:\n%s", text).isEmpty();
    assertThat(Models.withoutSpans(read.system())).as(text)
        .isEqualTo(Models.withoutSpans(generated));
    assertThat(SdfWriter.write(read.system(), dialect)).isEqualTo(text);
  }

  /** Random valid systems of the Python dialects, with the defaults the readers apply. */
  static final class RandomSystems {
    private final Random rnd;
    private final Dialect dialect;
    private final Board board;
    private final Set<String> names = new HashSet<>();
    private final Set<Long> irqNumbers = new HashSet<>();

    RandomSystems(long seed, Dialect dialect) {
      this.rnd = new Random(seed);
      this.dialect = dialect;
      this.board = dialect == Dialect.SEL4CP_DEV
          ? BoardTable.get().board(dialect, "imx8mm_evk_4_cores_hyp")
          : BoardTable.get().defaultBoard(dialect);
    }

    SystemDescription system() {
      List<MemoryRegion> mrs = new ArrayList<>();
      int nMr = rnd.nextInt(6);
      for (int i = 0; i < nMr; i++) mrs.add(region());
      List<ProtectionDomain> pds = new ArrayList<>();
      int nPd = 1 + rnd.nextInt(5);
      List<List<Integer>> usedIds = new ArrayList<>();
      for (int i = 0; i < nPd; i++) pds.add(pd(mrs, false, 0));
      List<ProtectionDomain> all = new ArrayList<>();
      for (ProtectionDomain pd : pds) collect(pd, all);
      for (ProtectionDomain pd : all) {
        List<Integer> ids = new ArrayList<>();
        for (Irq irq : pd.irqs()) ids.add(irq.id());
        usedIds.add(ids);
      }
      List<Channel> channels = new ArrayList<>();
      int nCh = rnd.nextInt(6);
      int maxId = dialect == Dialect.SEL4CP ? 63 : 64;
      for (int i = 0; i < nCh; i++) {
        int a = rnd.nextInt(all.size());
        int b = rnd.nextInt(all.size());
        if (a == b) continue;
        int ia = freeId(usedIds.get(a), maxId);
        int ib = freeId(usedIds.get(b), maxId);
        channels.add(new Channel(
            new Channel.End(all.get(a).name(), ia, false, true, null, null),
            new Channel.End(all.get(b).name(), ib, false, true, null, null), null));
      }
      return new SystemDescription(dialect, board, mrs, pds, channels, List.of(), null, null);
    }

    private static void collect(ProtectionDomain pd, List<ProtectionDomain> out) {
      out.add(pd);
      for (ProtectionDomain c : pd.children()) collect(c, out);
    }

    private int freeId(List<Integer> used, int max) {
      int id;
      do {
        id = rnd.nextInt(max);
      } while (used.contains(id));
      used.add(id);
      return id;
    }

    private MemoryRegion region() {
      boolean big = rnd.nextInt(4) == 0;
      long page = big ? 0x200000 : 0x1000;
      boolean pageGiven = big || rnd.nextBoolean();
      long size = page * (1 + rnd.nextInt(16));
      Long phys = rnd.nextBoolean() ? page * rnd.nextInt(1 << 20) : null;
      return new MemoryRegion(name(), size, true, page, pageGiven, phys, null, null, null);
    }

    private ProtectionDomain pd(List<MemoryRegion> mrs, boolean child, int depth) {
      long budget = rnd.nextBoolean() ? 1000 : 1 + rnd.nextInt(100000);
      long period = rnd.nextBoolean() ? budget : budget + rnd.nextInt(100000);
      List<Mapping> maps = new ArrayList<>();
      for (int i = 0; i < rnd.nextInt(4) && !mrs.isEmpty(); i++) {
        maps.add(map(mrs.get(rnd.nextInt(mrs.size())), true));
      }
      List<Irq> irqs = new ArrayList<>();
      Set<Integer> ids = new HashSet<>();
      for (int i = 0; i < rnd.nextInt(3); i++) {
        long number;
        do {
          number = rnd.nextInt(1024);
        } while (!irqNumbers.add(number));
        int id;
        do {
          id = rnd.nextInt(63);
        } while (!ids.add(id));
        String trigger = dialect == Dialect.SEL4CP_DEV && rnd.nextBoolean() ? "edge" : "level";
        irqs.add(Irq.conventional(number, id, trigger, null, null));
      }
      List<ProtectionDomain.Setvar> setvars = new ArrayList<>();
      if (!mrs.isEmpty() && rnd.nextInt(3) == 0) {
        setvars.add(new ProtectionDomain.Setvar(symbol(), mrs.get(0).name(), null));
      }
      List<ProtectionDomain> children = new ArrayList<>();
      VirtualMachine vm = null;
      int cpu = 0;
      if (dialect == Dialect.SEL4CP_DEV) {
        cpu = rnd.nextInt(board.cores());
        if (depth < 2) {
          Set<Integer> childIds = new HashSet<>();
          for (int i = 0; i < rnd.nextInt(3); i++) {
            ProtectionDomain c = pd(mrs, true, depth + 1);
            if (childIds.add(c.id())) children.add(c);
          }
        }
        if (rnd.nextInt(3) == 0) {
          List<Mapping> vmMaps = new ArrayList<>();
          for (int i = 0; i < rnd.nextInt(3) && !mrs.isEmpty(); i++) {
            vmMaps.add(map(mrs.get(rnd.nextInt(mrs.size())), false));
          }
          long vb = rnd.nextBoolean() ? 1000 : rnd.nextInt(5000);
          vm = new VirtualMachine(name(), rnd.nextInt(256), rnd.nextInt(board.cores()),
              rnd.nextInt(255), vb, rnd.nextBoolean() ? vb : vb + 7, List.of(), vmMaps, null);
        }
      }
      return new ProtectionDomain(name(), child ? rnd.nextInt(256) : null, rnd.nextInt(255),
          budget, period, rnd.nextBoolean(), rnd.nextBoolean(), cpu, 0x1000, false, true, null,
          null, new ProtectionDomain.ProgramImage(name() + ".elf", null, null), maps, irqs,
          setvars, List.of(), children, vm, List.of(), null);
    }

    private Mapping map(MemoryRegion mr, boolean inPd) {
      String[] perms = inPd ? new String[] {"r", "rw", "rx", "rwx", "x", ""}
          : new String[] {"r", "rw", "rwx", "w"};
      String setvar = inPd && rnd.nextBoolean() ? symbol() : null;
      return new Mapping(mr.name(), mr.pageSize() * rnd.nextInt(1 << 16),
          perms[rnd.nextInt(perms.length)], rnd.nextBoolean(), setvar, null, null, null);
    }

    private String symbol() {
      return "sym_" + Integer.toHexString(rnd.nextInt());
    }

    /** Unique names, some with characters that need escaping in XML. */
    private String name() {
      String[] odd = {"&", "<", ">", "\"", "'", " ", "\t", "é", "-", ".", "ünï"};
      String n;
      do {
        StringBuilder sb = new StringBuilder();
        int len = 1 + rnd.nextInt(10);
        for (int i = 0; i < len; i++) {
          sb.append(rnd.nextInt(8) == 0 ? odd[rnd.nextInt(odd.length)]
              : (char) ('a' + rnd.nextInt(26)));
        }
        n = sb.toString();
      } while (!names.add(n));
      return n;
    }
  }

  /** Random valid Microkit systems (AArch64, 4 cores, hypervisor), with reader defaults. */
  static final class MicrokitSystems {
    private final Random rnd;
    private final Board board = BoardTable.get().board(Dialect.MICROKIT,
        "SMP_AARCH64_KERNEL_CONFIG");
    private final Set<String> names = new HashSet<>();
    private final Set<Long> irqNumbers = new HashSet<>();
    private long nextPhys = 0x10000000L;
    private int symbols;

    MicrokitSystems(long seed) {
      this.rnd = new Random(seed);
    }

    SystemDescription system() {
      List<MemoryRegion> mrs = new ArrayList<>();
      for (int i = 0; i < rnd.nextInt(6); i++) mrs.add(region());
      List<ProtectionDomain> pds = new ArrayList<>();
      for (int i = 0; i < 1 + rnd.nextInt(4); i++) pds.add(pd(mrs, false, 0));
      List<ProtectionDomain> all = new ArrayList<>();
      for (ProtectionDomain pd : pds) RandomSystems.collect(pd, all);
      List<Set<Integer>> used = new ArrayList<>();
      for (ProtectionDomain pd : all) {
        Set<Integer> ids = new HashSet<>();
        for (Irq irq : pd.irqs()) ids.add(irq.id());
        used.add(ids);
      }
      List<Channel> channels = new ArrayList<>();
      for (int i = 0; i < rnd.nextInt(6); i++) {
        int a = rnd.nextInt(all.size());
        int b = rnd.nextInt(all.size());
        if (a == b) continue;
        ProtectionDomain pa = all.get(a);
        ProtectionDomain pb = all.get(b);
        boolean aCalls = pb.priority() > pa.priority() && rnd.nextBoolean();
        boolean bCalls = !aCalls && pa.priority() > pb.priority() && rnd.nextBoolean();
        channels.add(new Channel(end(pa, used.get(a), aCalls), end(pb, used.get(b), bCalls),
            null));
      }
      return new SystemDescription(Dialect.MICROKIT, board, mrs, pds, channels, List.of(), null,
          null);
    }

    private Channel.End end(ProtectionDomain pd, Set<Integer> used, boolean pp) {
      int id;
      do {
        id = rnd.nextInt(62);
      } while (!used.add(id));
      return new Channel.End(pd.name(), id, pp, rnd.nextInt(4) != 0,
          rnd.nextInt(4) == 0 ? symbol() : null, null);
    }

    private MemoryRegion region() {
      long page = rnd.nextInt(4) == 0 ? 0x200000 : 0x1000;
      long size = page * (1 + rnd.nextInt(8));
      Long phys = null;
      if (rnd.nextBoolean()) {
        nextPhys = (nextPhys + page - 1) / page * page;
        phys = nextPhys;
        nextPhys += size;
      }
      return new MemoryRegion(name(), size, true, page, true, phys, null, null, null);
    }

    private ProtectionDomain pd(List<MemoryRegion> mrs, boolean child, int depth) {
      long budget = rnd.nextBoolean() ? 1000 : 1 + rnd.nextInt(100000);
      long period = rnd.nextBoolean() ? budget : budget + rnd.nextInt(100000);
      int cpu = rnd.nextInt(board.cores());
      List<Irq> irqs = new ArrayList<>();
      Set<Integer> ids = new HashSet<>();
      for (int i = 0; i < rnd.nextInt(3); i++) {
        long number;
        do {
          number = rnd.nextInt(1024);
        } while (!irqNumbers.add(number));
        int id;
        do {
          id = rnd.nextInt(62);
        } while (!ids.add(id));
        irqs.add(Irq.conventional(number, id, rnd.nextBoolean() ? "edge" : "level",
            rnd.nextInt(3) == 0 ? symbol() : null, null));
      }
      List<ProtectionDomain.Setvar> setvars = new ArrayList<>();
      if (!mrs.isEmpty() && rnd.nextInt(3) == 0) {
        setvars.add(new ProtectionDomain.Setvar(symbol(), mrs.get(0).name(), null));
      }
      List<ProtectionDomain> children = new ArrayList<>();
      Set<Integer> childIds = new HashSet<>();
      if (depth < 2) {
        for (int i = 0; i < rnd.nextInt(3); i++) {
          ProtectionDomain c = pd(mrs, true, depth + 1);
          if (childIds.add(c.id())) children.add(c);
        }
      }
      VirtualMachine vm = null;
      if (rnd.nextInt(3) == 0) {
        List<VirtualMachine.Vcpu> vcpus = new ArrayList<>();
        Set<Integer> vcpuIds = new HashSet<>();
        for (int i = 0; i < 1 + rnd.nextInt(3); i++) {
          int id = rnd.nextInt(62);
          if (childIds.contains(id) || !vcpuIds.add(id)) continue;
          vcpus.add(new VirtualMachine.Vcpu(id, rnd.nextInt(board.cores()), null, null));
        }
        if (!vcpus.isEmpty()) {
          long vb = rnd.nextBoolean() ? 1000 : 1 + rnd.nextInt(5000);
          vm = new VirtualMachine(name(), null, cpu, rnd.nextInt(255), vb,
              rnd.nextBoolean() ? vb : vb + 7, vcpus, maps(mrs, false), null);
        }
      }
      long stack = rnd.nextBoolean() ? 0x2000 : 0x1000L * (1 + rnd.nextInt(32));
      return new ProtectionDomain(name(), child ? rnd.nextInt(62) : null, rnd.nextInt(255),
          budget, period, false, rnd.nextBoolean(), cpu, stack, false, rnd.nextBoolean(), null,
          child && rnd.nextBoolean() ? symbol() : null,
          new ProtectionDomain.ProgramImage(name() + ".elf",
              rnd.nextInt(4) == 0 ? name() + ".dbg" : null, null),
          maps(mrs, true), irqs, setvars, List.of(), children, vm, List.of(), null);
    }

    /** Mappings laid out one after another, so that none overlaps. */
    private List<Mapping> maps(List<MemoryRegion> mrs, boolean inPd) {
      List<Mapping> out = new ArrayList<>();
      long cursor = 0x1000000;
      String[] perms = {"r", "rw", "rx", "rwx", "x", "wx"};
      for (int i = 0; i < rnd.nextInt(4) && !mrs.isEmpty(); i++) {
        MemoryRegion mr = mrs.get(rnd.nextInt(mrs.size()));
        cursor = (cursor + mr.pageSize() - 1) / mr.pageSize() * mr.pageSize();
        out.add(new Mapping(mr.name(), cursor, perms[rnd.nextInt(perms.length)],
            rnd.nextBoolean(), inPd && rnd.nextBoolean() ? symbol() : null,
            inPd && rnd.nextInt(4) == 0 ? symbol() : null, null, null));
        cursor += mr.size() + mr.pageSize() * rnd.nextInt(3);
      }
      return out;
    }

    private String symbol() {
      return "sym_" + symbols++;
    }

    private String name() {
      String n;
      do {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1 + rnd.nextInt(8); i++) sb.append((char) ('a' + rnd.nextInt(26)));
        if (rnd.nextInt(6) == 0) sb.append("&<\"é");
        n = sb.toString();
      } while (n.equals("monitor") || !names.add(n));
      return n;
    }
  }
}
