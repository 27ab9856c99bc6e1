// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.SourceSpan;
import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Channel;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helper: systems from SDF text (validated), from the bundled examples, or by hand. */
public final class TestSystems {
  private TestSystems() {}

  /** The bundled examples and the dialect each is written in. */
  public static final List<String[]> EXAMPLES = List.of(
      new String[] {"ping-pong", "sel4cp"},
      new String[] {"driver", "sel4cp"},
      new String[] {"passive-server", "sel4cp"},
      new String[] {"vmm", "sel4cp-dev"});

  public static SystemDescription parse(Dialect d, String sdf) {
    Sdf.Result r = Sdf.check("test.system", sdf.getBytes(StandardCharsets.UTF_8),
        Sdf.Options.of(d));
    assertThat(r.diagnostics()).as("test SDF must be valid").noneMatch(x -> x.isError());
    return r.system();
  }

  public static SystemDescription example(String name, String dialect) throws IOException {
    Path p = Path.of("examples", "sdf", name + ".system");
    return parse(Dialect.byId(dialect), Files.readString(p));
  }

  private static SourceSpan span() {
    return SourceSpan.none("hand.system");
  }

  /** A Microkit PD built directly (the Microkit reader is written elsewhere). */
  public static ProtectionDomain microkitPd(String name, int priority, boolean passive,
      List<Mapping> maps) {
    return new ProtectionDomain(name, null, priority, 1000, 1000, false, passive, 0, 0x2000,
        false, true, null, null, new ProtectionDomain.ProgramImage(name + ".elf", null, span()),
        maps, List.of(), List.of(), List.of(), List.of(), null, List.of(), span());
  }

  public static Mapping map(String mr, long vaddr, String perms, boolean cached) {
    return new Mapping(mr, vaddr, perms, cached, null, null, null, span());
  }

  public static MemoryRegion region(String name, long size, Long phys) {
    return new MemoryRegion(name, size, true, 0x1000, false, phys, null, null, span());
  }

  /** A Microkit channel end: may {@code pp}-call and/or notify the other end. */
  public static Channel.End end(String pd, int id, boolean pp, boolean notifies) {
    return new Channel.End(pd, id, pp, notifies, null, span());
  }

  public static SystemDescription microkit(List<MemoryRegion> mrs, List<ProtectionDomain> pds,
      List<Channel> channels) {
    return new SystemDescription(Dialect.MICROKIT,
        BoardTable.get().defaultBoard(Dialect.MICROKIT), mrs, pds, channels, List.of(), null,
        span());
  }
}
