// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.system.Dialect;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules and error cases on small CAmkES inputs: what MAPPING.md requires, one at a time. */
class MigrateRulesTest {
  @TempDir Path dir;

  private static final String RPC3 = """
      import <std_connector.camkes>;
      procedure P { int f(in int x); };
      component Top { provides P p; }
      component Mid { provides P p; uses P q; }
      component Low { control; uses P q; }
      assembly {
          composition {
              component Top top;
              component Mid mid;
              component Low low;
              connection seL4RPCCall a(from mid.q, to top.p);
              connection seL4RPCCall b(from low.q, to mid.p);
          }
          %s
      }
      """;

  private Migrator.Result migrate(String text) throws Exception {
    return Fixtures.migrateText(dir, text, Dialect.SEL4CP);
  }

  private static List<String> codes(Migrator.Result r) {
    return r.diagnostics().stream().map(Diagnostic::code).toList();
  }

  @Test
  void prioritiesAreDerivedFromTheCallGraph() throws Exception {
    Migrator.Result r = migrate(RPC3.formatted(""));
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    assertThat(r.plan().pd("top").priority()).isEqualTo(254);
    assertThat(r.plan().pd("mid").priority()).isEqualTo(253);
    assertThat(r.plan().pd("low").priority()).isEqualTo(252);
    assertThat(r.sdf()).contains("name=\"top\" priority=\"254\" pp=\"true\"");
    assertThat(r.report().entries()).anyMatch(e -> e.kind() == Kind.APPROXIMATE
        && e.construct().equals("instance low priority (not set)"));
  }

  @Test
  void explicitPrioritiesThatBreakTheRuleAreAnErrorNamingBoth() throws Exception {
    Migrator.Result r = migrate(RPC3.formatted(
        "configuration { top.priority = 10; mid.priority = 20; low.priority = 5; }"));
    assertThat(r.ok()).isFalse();
    Diagnostic d = r.diagnostics().stream().filter(x -> x.code().equals("MIG005")).findFirst()
        .orElseThrow();
    assertThat(d.message()).contains("'mid'", "'top'", "connection 'a'");
    assertThat(d.span().line()).isEqualTo(11);
    assertThat(d.notes().get(0).message()).contains("--fix-priorities");
  }

  @Test
  void fixPrioritiesRaisesServers() throws Exception {
    var text = RPC3.formatted(
        "configuration { top.priority = 10; mid.priority = 20; low.priority = 5; }");
    java.nio.file.Files.writeString(dir.resolve("app.camkes"), text);
    Path f = dir.resolve("app.camkes");
    Migrator.Result r = Fixtures.migrate(f, Fixtures.options(f, Dialect.SEL4CP)
        .withFixPriorities(true));
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    assertThat(r.plan().pd("top").priority()).isEqualTo(21);
  }

  @Test
  void aCallCycleIsAnError() throws Exception {
    Migrator.Result r = migrate("""
        import <std_connector.camkes>;
        procedure P { void f(void); };
        component A { provides P p; uses P q; }
        assembly {
            composition {
                component A x;
                component A y;
                connection seL4RPCCall c1(from x.q, to y.p);
                connection seL4RPCCall c2(from y.q, to x.p);
            }
        }
        """);
    assertThat(codes(r)).contains("MIG006");
    assertThat(r.diagnostics().stream().filter(d -> d.code().equals("MIG006")).findFirst()
        .orElseThrow().message()).contains("x -> y -> x");
  }

  @Test
  void anUnknownConnectorIsAnErrorWithItsName() throws Exception {
    Migrator.Result r = migrate("""
        import <std_connector.camkes>;
        connector MyConn { from Event; to Event; }
        component A { emits E e; }
        component B { consumes E e; }
        assembly {
            composition {
                component A a;
                component B b;
                connection MyConn c(from a.e, to b.e);
            }
        }
        """);
    assertThat(codes(r)).containsExactly("MIG002");
    assertThat(r.diagnostics().get(0).message()).contains("'MyConn'", "'c'");
    assertThat(r.diagnostics().get(0).span().line()).isEqualTo(9);
    assertThat(r.sdf()).isNull();
  }

  @Test
  void moreChannelsThanTheDialectAllowsIsAnError() throws Exception {
    StringBuilder types = new StringBuilder();
    StringBuilder comp = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      types.append("    emits E e").append(i).append(";\n");
      comp.append("        component B b").append(i).append(";\n");
      comp.append("        connection seL4Notification c").append(i).append("(from a.e").append(i)
          .append(", to b").append(i).append(".e);\n");
    }
    Migrator.Result r = migrate("import <std_connector.camkes>;\ncomponent A {\n" + types
        + "}\ncomponent B { consumes E e; }\nassembly {\n    composition {\n"
        + "        component A a;\n" + comp + "    }\n}\n");
    assertThat(codes(r)).contains("MIG004");
    assertThat(r.diagnostics().stream().filter(d -> d.code().equals("MIG004")).findFirst()
        .orElseThrow().message()).contains("'a'", "63");
  }

  @Test
  void virtualMachinesNeedADialectWithThem() throws Exception {
    Migrator.Result r = migrate("""
        import <std_connector.camkes>;
        component VM { control; }
        assembly { composition { component VM vm0; } }
        """);
    assertThat(codes(r)).containsExactly("MIG003");
    assertThat(r.diagnostics().get(0).notes().get(0).message()).contains("--dialect sel4cp-dev");
  }

  @Test
  void priority255BecomesAndLongNamesAreShortened() throws Exception {
    Migrator.Result r = migrate("""
        import <std_connector.camkes>;
        component A { control; }
        assembly {
            composition { component A a_very_long_instance_name; component A b; }
            configuration { a_very_long_instance_name.priority = 255; b._priority = 7;
                            b.budget = 100; b.period = 50; }
        }
        """);
    assertThat(codes(r)).contains("MIG100", "MIG102", "MIG008");
    r = migrate("""
        import <std_connector.camkes>;
        component A { control; }
        assembly {
            composition { component A a_very_long_instance_name; component A a_very_long_instance_other; }
            configuration { a_very_long_instance_name.priority = 255; }
        }
        """);
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    List<String> names = r.plan().pds().stream().map(p -> p.name).toList();
    assertThat(names).allMatch(n -> n.length() <= 15).doesNotHaveDuplicates();
    assertThat(names.get(0)).startsWith("a_very_lon_");
    assertThat(r.plan().pds().get(0).priority()).isEqualTo(254);
    assertThat(r.report().entries()).anyMatch(e -> e.construct().contains("= 255")
        && e.kind() == Kind.APPROXIMATE);
  }

  @Test
  void hardwareWithoutAddressIsALocatedError() throws Exception {
    Migrator.Result r = migrate("""
        import <std_connector.camkes>;
        component Dev { hardware; dataport Buf mem; }
        component Drv { dataport Buf regs; }
        assembly {
            composition {
                component Dev dev;
                component Drv drv;
                connection seL4HardwareMMIO m(from drv.regs, to dev.mem);
            }
        }
        """);
    assertThat(codes(r)).containsExactly("MIG012");
    assertThat(r.diagnostics().get(0).notes().get(0).message()).contains("dev.mem_paddr");
  }

  private static final String HW_AT = """
      import <std_connector.camkes>;
      component Dev { hardware; dataport Buf mem; }
      component Drv { dataport Buf regs; }
      assembly {
          composition {
              component Dev dev;
              component Drv drv;
              connection seL4HardwareMMIO m(from drv.regs, to dev.mem);
          }
          configuration { dev.mem_paddr = %s; dev.mem_size = 0x10000; }
      }
      """;

  private Migrator.Result migrateOn(String board, String text) throws Exception {
    Path f = dir.resolve("app.camkes");
    java.nio.file.Files.writeString(f, text);
    MigrateOptions o = Fixtures.options(f, Dialect.SEL4CP);
    return Fixtures.migrate(f, board == null ? o
        : o.withBoard(dev.cpkit.system.BoardTable.get().board(Dialect.SEL4CP, board)));
  }

  @Test
  void deviceInTheBoardsRamIsALocatedWarning() throws Exception {
    // hw-device's i.MX8MM UART (0x30890000) is RAM on a zcu102: found booting it on a
    // reference sel4cp 1.2.6 SDK, where the reference tool stopped with a traceback
    Migrator.Result r = migrateOn("zcu102", HW_AT.formatted("0x30890000"));
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    assertThat(codes(r)).containsExactly("MIG106");
    Diagnostic d = r.diagnostics().get(0);
    assertThat(d.message()).contains("dev.mem", "0x30890000", "zcu102's RAM");
    assertThat(d.span().line()).isEqualTo(10);
    // zcu102's own UART1, the default board (RAM unknown) and the board it was written for
    assertThat(codes(migrateOn("zcu102", HW_AT.formatted("0xff010000")))).isEmpty();
    assertThat(codes(migrateOn(null, HW_AT.formatted("0x30890000")))).isEmpty();
    assertThat(codes(migrateOn("tqma8xqp1gb", HW_AT.formatted("0x5a070000")))).isEmpty();
  }

  @Test
  void hugeDataportIsAnError() throws Exception {
    Migrator.Result r = migrate("""
        import <std_connector.camkes>;
        component A { dataport Buf d; }
        assembly {
            composition { component A a; component A b;
                connection seL4SharedData s(from a.d, to b.d); }
            configuration { s.size = 0x10000000000; }
        }
        """);
    assertThat(codes(r)).containsExactly("MIG007");
  }

  @Test
  void microkitPutsPpOnTheCallersEndAndPassiveServersWork() throws Exception {
    var text = """
        import <std_connector.camkes>;
        procedure P { int f(in int x); };
        component S { provides P p; }
        component C { control; uses P q; }
        assembly {
            composition { component S s; component C c1; component C c2;
                connection seL4RPCCall a(from c1.q, to s.p);
                connection seL4RPCCall b(from c2.q, to s.p); }
            configuration { s.p_passive = true; }
        }
        """;
    Migrator.Result r = Fixtures.migrateText(dir, text, Dialect.MICROKIT);
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    assertThat(r.sdf()).contains("passive=\"true\"").doesNotContain("<protection_domain name=\"s\""
        + " priority=\"254\" pp");
    assertThat(r.sdf()).contains("<end pd=\"c1\" id=\"0\" pp=\"true\" />");
    // two clients of one server: each gets its own channel and sender id
    assertThat(r.plan().pd("s").channels()).extracting(PdPlan.ChannelUse::clientIndex)
        .containsExactly(0, 1);
  }

  @Test
  void unusedSettingsAreReportedNotDropped() throws Exception {
    Migrator.Result r = migrate("""
        import <std_connector.camkes>;
        component A { control; }
        assembly {
            composition { component A a; }
            configuration { a.cnode_size_bits = 12; a.simple = true; }
        }
        """);
    assertThat(r.report().entries()).filteredOn(e -> e.kind() == Kind.MANUAL)
        .extracting(ReportEntry::construct)
        .contains("setting a.cnode_size_bits = 12", "setting a.simple = true");
  }

  @Test
  void heapDefaultsToCamkesOneMebibyteAndZeroMeansNone() throws Exception {
    Migrator.Result r = migrate(RPC3.formatted(
        "configuration { top.heap_size = 0; mid.heap_size = 5000; }"));
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    // low: heap_size unset -> CAmkES's CONFIG_CAMKES_DEFAULT_HEAP_SIZE, 1 MiB
    assertThat(r.sdf()).contains("<memory_region name=\"low_heap\" size=\"0x100000\" />")
        .contains("<memory_region name=\"mid_heap\" size=\"0x2000\" />")
        .doesNotContain("top_heap");
    assertThat(r.plan().pd("top").maps()).noneMatch(m -> m.role() == PdPlan.MapRole.HEAP);
    assertThat(r.plan().pd("low").maps()).filteredOn(m -> m.role() == PdPlan.MapRole.HEAP)
        .singleElement().satisfies(m -> assertThat(m.symbol()).isEqualTo("camkes_heap"));
    assertThat(r.report().entries()).anyMatch(e -> e.kind() == Kind.APPROXIMATE
        && e.construct().equals("heap of low (heap_size unset)"));
    assertThat(r.report().entries()).anyMatch(e -> e.kind() == Kind.EXACT
        && e.construct().equals("setting top.heap_size = 0"));
  }

  @Test
  void arraysOutStringsAndArraysOfStringsAreMarshalled() throws Exception {
    Migrator.Result r = migrate("""
        import <std_connector.camkes>;
        procedure P {
            int f(in int xs[], out string s);
            void g(in string names[], refin string r[], out string o[], inout string io[]);
        };
        component S { provides P p; }
        component C { control; uses P q; }
        assembly {
            composition {
                component S s;
                component C c;
                connection seL4RPCCall a(from c.q, to s.p);
            }
        }
        """);
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    var files = Project.build(r, Project.ReportFormat.MD).files();
    String h = new String(files.get("include/c.h"), java.nio.charset.StandardCharsets.UTF_8);
    // camkes-tool's spelling (helpers/marshal.c): char ** in, char *** otherwise
    assertThat(h).contains("int q_f(size_t xs_sz, const int *xs, char **s);")
        .contains("void q_g(size_t names_sz, char **names, const size_t *r_sz, char ***r,"
            + " size_t *o_sz, char ***o, size_t *io_sz, char ***io);");
    String s = new String(files.get("include/s.h"), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(s).contains("void p_g(size_t names_sz, char **names,");
    assertThat(r.report().entries()).noneMatch(e -> e.kind() == Kind.MANUAL
        && e.construct().startsWith("method P."));
    assertThat(r.report().entries()).anyMatch(e -> e.kind() == Kind.APPROXIMATE
        && e.construct().startsWith("connection seL4RPCCall a") && e.todo().contains("malloc"));
  }

  /** CAmkES's grammar gives a method a scalar result or void: an array result does not parse. */
  @Test
  void arrayResultsAreNotCamkes() throws Exception {
    Path f = dir.resolve("app.camkes");
    java.nio.file.Files.writeString(f, """
        import <std_connector.camkes>;
        procedure P { string g(void)[]; };
        component S { provides P p; }
        component C { control; uses P q; }
        assembly {
            composition {
                component S s;
                component C c;
                connection seL4RPCCall a(from c.q, to s.p);
            }
        }
        """);
    var loaded = dev.cpkit.camkes.CamkesFrontEnd.load(f,
        dev.cpkit.camkes.CamkesFrontEnd.Options.defaults());
    assertThat(loaded.ok()).isFalse();
    assertThat(loaded.diagnostics()).anyMatch(d -> d.code().equals("CAM050"));
  }
}
