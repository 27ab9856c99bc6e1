// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Dialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CAmkES {@code _domain} and the kernel's domain schedule → Microkit {@code <domains>}. */
class MigrateDomainsTest {
  @TempDir Path dir;

  static final Path DOMAINS = Fixtures.DATA.resolve("domains/domains.camkes");

  private static final String TWO = """
      import <std_connector.camkes>;
      component A { control; emits E e; }
      component B { control; consumes E e; }
      component C { control; }
      assembly {
          composition {
              component A a;
              component B b;
              component C c;
              connection seL4Notification n(from a.e, to b.e);
          }
          configuration { %s }
      }
      """;

  private static List<String> codes(Migrator.Result r) {
    return r.diagnostics().stream().map(Diagnostic::code).toList();
  }

  /** The migrated SDF passes cpkit's own microkit check. */
  private static void rechecked(Migrator.Result r) {
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    Sdf.Result check = Sdf.check("app.system", r.sdf().getBytes(StandardCharsets.UTF_8),
        Sdf.Options.of(Dialect.MICROKIT));
    assertThat(check.ok()).as("%s", check.diagnostics()).isTrue();
  }

  @Test
  void scheduleFileIsTranslatedEntryByEntryInMicroseconds() {
    Migrator.Result r = Fixtures.migrate(DOMAINS, Dialect.MICROKIT);
    rechecked(r);
    assertThat(r.plan().pd("sensor").domain()).isEqualTo("domain_0");
    assertThat(r.plan().pd("logger").domain()).isEqualTo("domain_1");
    assertThat(r.sdf())
        .contains("<domain name=\"domain_0\" id=\"0\" />")
        .contains("<domain name=\"domain_1\" id=\"1\" />")
        .contains("name=\"sensor\"").contains("domain=\"domain_0\"")
        .contains("domain=\"domain_1\"");
    // 5, 2, 1 kernel ticks of 2 ms (seL4's default KernelTimerTickMS)
    assertThat(r.sdf()).containsSubsequence(
        "<schedule_entry domain=\"domain_0\" duration=\"10000 us\" />",
        "<schedule_entry domain=\"domain_1\" duration=\"4000 us\" />",
        "<schedule_entry domain=\"domain_0\" duration=\"2000 us\" />");
    assertThat(r.report().entries()).anyMatch(e -> e.kind() == Kind.APPROXIMATE
        && e.construct().equals("kernel domain schedule domain_schedule.c")
        && e.result().contains("kernel ticks of 2 ms"));
    assertThat(codes(r)).doesNotContain("MIG107");
  }

  @Test
  void withoutScheduleFileTheScheduleIsARoundRobinReportedAsApproximate() throws Exception {
    Migrator.Result r = Fixtures.migrateText(dir, TWO.formatted("a._domain = 2; b._domain = 3;"),
        Dialect.MICROKIT);
    rechecked(r);
    // c has no _domain: CAmkES's domain 0, declared and scheduled too
    assertThat(r.plan().pd("c").domain()).isEqualTo("domain_0");
    assertThat(r.sdf()).containsSubsequence(
        "<schedule_entry domain=\"domain_0\" duration=\"2000 us\" />",
        "<schedule_entry domain=\"domain_2\" duration=\"2000 us\" />",
        "<schedule_entry domain=\"domain_3\" duration=\"2000 us\" />");
    assertThat(r.report().entries()).anyMatch(e -> e.kind() == Kind.APPROXIMATE
        && e.construct().equals("domain schedule (none in the project)"));
  }

  @Test
  void msUnderMcsAndTheTickFromCmake() throws Exception {
    Files.writeString(dir.resolve("settings.cmake"), "set(KernelIsMCS ON CACHE BOOL \"\")\n"
        + "set(KernelDomainSchedule \"${CMAKE_CURRENT_LIST_DIR}/sched/s.c\")\n");
    Files.createDirectories(dir.resolve("sched"));
    Files.writeString(dir.resolve("sched/s.c"), "dschedule_t ksDomSchedule[] = {\n"
        + "  {1, 3}, // positional\n#if CONFIG_NUM_DOMAINS > 2\n  { .length = 4, .domain = 0 },\n"
        + "#endif\n  { .domain = X, .length = 1 },\n};\n");
    Migrator.Result r = Fixtures.migrateText(dir, TWO.formatted("b._domain = 1;"),
        Dialect.MICROKIT);
    rechecked(r);
    assertThat(r.sdf()).containsSubsequence(
        "<schedule_entry domain=\"domain_1\" duration=\"3000 us\" />",
        "<schedule_entry domain=\"domain_0\" duration=\"4000 us\" />")
        .doesNotContain("duration=\"1000 us\"");
    // the #if lines and the unreadable entry are warned about
    assertThat(codes(r)).filteredOn("MIG107"::equals).hasSize(3);
  }

  @Test
  void theAssemblysScheduleWinsAndKeepsItsUnits() throws Exception {
    Files.writeString(dir.resolve("domain_schedule.c"),
        "const dschedule_t ksDomSchedule[] = {{ .domain = 0, .length = 9 }};\n");
    Migrator.Result r = Fixtures.migrateText(dir, TWO.formatted("a._domain = 1;").replace(
        "configuration", "schedule { [ (1, 500 us), (0, 3 ticks) ] }\n    configuration"),
        Dialect.MICROKIT);
    rechecked(r);
    assertThat(r.sdf()).containsSubsequence(
        "<schedule_entry domain=\"domain_1\" duration=\"500 us\" />",
        "<schedule_entry domain=\"domain_0\" duration=\"3 ticks\" />")
        .doesNotContain("9000");
    assertThat(r.report().entries()).anyMatch(e -> e.construct().equals("assembly schedule")
        && e.kind() == Kind.EXACT && e.todo().contains("domain_schedule.c is not used"));
  }

  @Test
  void anAssemblyScheduleAloneStillMakesDomains() throws Exception {
    String text = TWO.formatted("").replace("configuration",
        "schedule { [ (0, 2 ticks) ] }\n    configuration");
    Migrator.Result r = Fixtures.migrateText(dir, text, Dialect.MICROKIT);
    rechecked(r);
    assertThat(r.sdf()).contains("duration=\"2 ticks\"").contains("domain=\"domain_0\"");
    Migrator.Result cp = Fixtures.migrateText(dir, text, Dialect.SEL4CP);
    assertThat(cp.ok()).as("%s", cp.diagnostics()).isTrue();
    assertThat(cp.report().entries()).anyMatch(e -> e.construct().equals("assembly schedule")
        && e.kind() == Kind.MANUAL);
  }

  @Test
  void aDomainBeyondTheBoardsIsMig013() throws Exception {
    Migrator.Result r = Fixtures.migrateText(dir, TWO.formatted("a._domain = 16;"),
        Dialect.MICROKIT);
    assertThat(r.ok()).isFalse();
    Diagnostic d = r.diagnostics().stream().filter(x -> x.code().equals("MIG013")).findFirst()
        .orElseThrow();
    assertThat(d.message()).contains("domain 16").contains("has 16 domains");
  }

  @Test
  void aScheduleLongerThanTheBoardAllowsIsMig013() throws Exception {
    StringBuilder c = new StringBuilder("const dschedule_t ksDomSchedule[] = {\n");
    for (int i = 0; i < 100; i++) c.append("  { .domain = 0, .length = 1 },\n");
    Files.writeString(dir.resolve("domain_schedule.c"), c.append("};\n").toString());
    Migrator.Result r = Fixtures.migrateText(dir, TWO.formatted("a._domain = 0;"),
        Dialect.MICROKIT);
    assertThat(codes(r)).contains("MIG013");
  }

  @Test
  void aScheduleFileDomainBeyondTheBoardsIsMig013() throws Exception {
    Files.writeString(dir.resolve("domain_schedule.c"),
        "const dschedule_t ksDomSchedule[] = {{ .domain = 0, .length = 1 }, {20, 1}};\n");
    Migrator.Result r = Fixtures.migrateText(dir, TWO.formatted("a._domain = 0;"),
        Dialect.MICROKIT);
    assertThat(r.ok()).isFalse();
    assertThat(r.diagnostics()).anyMatch(d -> d.code().equals("MIG013")
        && d.message().contains("domain_schedule.c: ksDomSchedule runs domain 20"));
  }

  @Test
  void aPdInADomainTheScheduleNeverRunsIsMig107() throws Exception {
    Files.writeString(dir.resolve("domain_schedule.c"),
        "const dschedule_t ksDomSchedule[] = {{ .domain = 0, .length = 1 }};\n");
    Migrator.Result r = Fixtures.migrateText(dir, TWO.formatted("b._domain = 1;"),
        Dialect.MICROKIT);
    rechecked(r);
    assertThat(r.diagnostics()).anyMatch(d -> d.code().equals("MIG107")
        && d.message().contains("PD 'b' is in domain_1"));
  }

  @Test
  void multicoreBoardsDropTheDomainsWithMig107() throws Exception {
    Path f = dir.resolve("app.camkes");
    Files.writeString(f, TWO.formatted("a._domain = 1;"));
    MigrateOptions o = Fixtures.options(f, Dialect.MICROKIT).withBoard(BoardTable.get()
        .board(Dialect.MICROKIT, "SMP_AARCH64_KERNEL_CONFIG"));
    Migrator.Result r = Fixtures.migrate(f, o);
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    assertThat(codes(r)).contains("MIG107");
    assertThat(r.sdf()).doesNotContain("<domains");
  }

  @Test
  void sel4cpReportsWhatWouldBeNeeded() {
    for (Dialect d : new Dialect[] {Dialect.SEL4CP, Dialect.SEL4CP_DEV}) {
      Migrator.Result r = Fixtures.migrate(DOMAINS, d);
      assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
      assertThat(r.sdf()).doesNotContain("domain=");
      List<ReportEntry> manual = new ArrayList<>(r.report().entries());
      manual.removeIf(e -> e.kind() != Kind.MANUAL || !e.construct().contains("_domain"));
      assertThat(manual).hasSize(2).allMatch(e -> e.todo().contains("--dialect microkit"));
    }
  }

  @Test
  void withoutDomainSettingsNothingChanges() throws Exception {
    Migrator.Result r = Fixtures.migrateText(dir, TWO.formatted(""), Dialect.MICROKIT);
    rechecked(r);
    assertThat(r.sdf()).doesNotContain("<domains").doesNotContain("domain=");
  }

  @Test
  void scanReadsHexAndSuffixes() {
    List<String> problems = new ArrayList<>();
    List<KernelSchedule.Entry> e = KernelSchedule.parse("/* ksDomSchedule */ const dschedule_t"
        + " ksDomSchedule[2] = { {.domain=0x1, .length=10u}, {.domain = 0, .length = 2UL} };",
        problems);
    assertThat(e).containsExactly(new KernelSchedule.Entry(1, 10), new KernelSchedule.Entry(0, 2));
    assertThat(problems).isEmpty();
  }
}
