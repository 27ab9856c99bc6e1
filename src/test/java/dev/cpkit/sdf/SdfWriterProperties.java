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
}
