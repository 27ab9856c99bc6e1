// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.Channel;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.Irq;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bundled CAmkES examples migrate to the structure of the transition guide's own seL4CP
 * versions (kept as `examples/sdf/`): the same protection domains and priorities, the same
 * regions mapped with the same rights into the same PDs, channels between the same PDs and the
 * same irqs. Names of regions, addresses and ids may differ; the heap regions CAmkES gives
 * every component (and the guide leaves out) are not compared.
 */
class GuideStructureTest {

  @ParameterizedTest
  @CsvSource({"ping-pong, ping-pong.system", "hw-device, driver.system"})
  void migratedExampleHasTheGuidesStructure(String example, String guide) throws IOException {
    Migrator.Result migrated = Fixtures.migrate(Fixtures.example(example), Dialect.SEL4CP);
    assertThat(migrated.ok()).as("%s", migrated.diagnostics()).isTrue();
    SystemDescription ours = read(example + ".system",
        migrated.sdf().getBytes(StandardCharsets.UTF_8));
    SystemDescription theirs = read(guide, Files.readAllBytes(Path.of("examples/sdf", guide)));
    assertThat(structure(ours)).isEqualTo(structure(theirs));
  }

  private static SystemDescription read(String name, byte[] bytes) {
    Sdf.Result r = Sdf.check(name, bytes, Sdf.Options.of(Dialect.SEL4CP));
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    return r.system();
  }

  /** Everything the guide's structure fixes, with names and addresses left out. */
  static Map<String, List<String>> structure(SystemDescription s) {
    Map<String, MemoryRegion> regions = new TreeMap<>();
    for (MemoryRegion mr : s.memoryRegions()) regions.put(mr.name(), mr);
    Map<String, List<String>> out = new TreeMap<>();
    for (ProtectionDomain pd : s.protectionDomains()) {
      List<String> facts = new ArrayList<>();
      facts.add("priority " + pd.priority());
      for (Mapping m : pd.maps()) {
        MemoryRegion mr = regions.get(m.mr());
        if (mr.name().endsWith("_heap")) continue;
        facts.add("map " + Long.toHexString(mr.size())
            + (mr.physAddr() == null ? "" : " @" + Long.toHexString(mr.physAddr()))
            + " " + m.perms());
      }
      for (Irq irq : pd.irqs()) facts.add("irq " + irq.irq());
      for (Channel c : s.channels()) {
        if (c.a().pd().equals(pd.name())) facts.add("channel to " + c.b().pd());
        if (c.b().pd().equals(pd.name())) facts.add("channel to " + c.a().pd());
      }
      facts.sort(null);
      out.put(pd.name(), facts);
    }
    return out;
  }
}
