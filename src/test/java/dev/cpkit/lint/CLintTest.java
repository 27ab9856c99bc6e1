// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpkit.codegen.TestSystems;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.system.Channel;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** lint-c on C files written for the purpose: src/test/resources/lint. */
class CLintTest {
  static final Path DIR = TestSystems.resource("lint");
  static final SystemDescription SYSTEM = TestSystems.load(DIR.resolve("system.system"),
      Dialect.SEL4CP);

  static SourceFile source(Path p) {
    try {
      return new SourceFile(p.toString(), Files.readString(p));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Resolves quoted includes next to the including file, as the CLI does. */
  static final CLint.IncludeResolver NEXT_TO = (name, quoted, from) -> {
    Path p = Path.of(from.name()).resolveSibling(name);
    return quoted && Files.isRegularFile(p) ? source(p) : null;
  };

  static List<Diagnostic> lint(SystemDescription s, String pd, String... files) {
    List<SourceFile> sources = new ArrayList<>();
    for (String f : files) sources.add(source(DIR.resolve(f)));
    return CLint.check(s, pd, sources, new CLint.Options("", Map.of(), NEXT_TO));
  }

  /** Each finding as "CODE file:line:col". */
  static List<String> where(List<Diagnostic> ds) {
    return ds.stream().map(d -> d.code() + " " + Path.of(d.span().fileName()).getFileName()
        + ":" + d.span().line() + ":" + d.span().column()).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"client", "server", "driver", "logger"})
  void cleanCodeHasNoFinding(String pd) {
    assertThat(lint(SYSTEM, pd, "clean/" + pd + ".c")).isEmpty();
  }

  @Test
  void badClientHasEveryFinding() {
    List<Diagnostic> ds = lint(SYSTEM, "client", "bad/client.c");
    assertThat(where(ds)).containsExactly(
        "LNT010 client.c:6:11",
        "LNT001 client.c:10:5",
        "LNT003 client.c:11:5",
        "LNT004 client.c:12:5",
        "LNT005 client.c:13:5",
        "LNT007 client.c:16:6",
        "LNT007 client.c:16:6",
        "LNT006 client.c:21:5",
        "LNT008 client.c:26:16",
        "LNT011 system.system:11:9");
    assertThat(ds.get(0).notes().get(0).message()).isEqualTo("did you mean 'client_buf'?");
    assertThat(ds.get(1).message()).isEqualTo("sel4cp_notify(BAD): 9 is not a channel of"
        + " 'client'");
    assertThat(ds.get(2).message()).isEqualTo("sel4cp_ppcall(CH_DRIVER, ...): 'driver' does not"
        + " accept protected calls over channel 1");
    assertThat(ds.get(3).message()).contains("'logger' has priority 50, not strictly higher"
        + " than the 100 of 'client'");
    assertThat(ds.get(4).message()).isEqualTo("sel4cp_irq_ack(1): 1 is the channel to 'driver',"
        + " not an irq");
    assertThat(ds.get(5).message()).contains("channel 1 (CH_DRIVER, from 'driver')");
    assertThat(ds.get(6).message()).contains("channel 2 (CH_LOGGER, from 'logger')");
    assertThat(ds.get(7).message()).isEqualTo("case 5: in notified() is 5, which is no channel"
        + " or irq of 'client'");
    assertThat(ds).filteredOn(Diagnostic::isError).hasSize(6);
  }

  @Test
  void badDriverNotifiesAnIrqAndAcksAChannel() {
    List<Diagnostic> ds = lint(SYSTEM, "driver", "bad/driver.c");
    assertThat(where(ds)).containsExactly("LNT002 driver.c:9:9", "LNT005 driver.c:12:9");
    assertThat(ds.get(0).message()).isEqualTo("sel4cp_notify(IRQ_142): 7 is an irq id of"
        + " 'driver' (interrupt 142, level-triggered), not a channel; notifying it signals"
        + " nothing");
  }

  @Test
  void serverWithoutProtectedIsReportedAtThePd() {
    List<Diagnostic> ds = lint(SYSTEM, "server", "bad/server.c");
    assertThat(where(ds)).containsExactly("LNT009 system.system:13:5");
    assertThat(ds.get(0).message()).isEqualTo("'server' receives protected calls from 'client'"
        + " (channel 0), 'driver' (channel 1) but no source defines protected()");
  }

  @Test
  void missingNotifiedWarnsOnce() {
    List<Diagnostic> ds = CLint.check(SYSTEM, "logger", List.of(new SourceFile("l.c",
        "sel4cp_msginfo protected(sel4cp_channel c, sel4cp_msginfo m) { return m; }\n")),
        CLint.Options.defaults());
    assertThat(where(ds)).containsExactly("LNT007 system.system:22:5");
  }

  @Test
  void escapingChannelParameterSuppressesCoverageWarnings() {
    String c = """
        void handle(unsigned ch);
        void notified(sel4cp_channel ch) { handle(ch); }
        """;
    assertThat(CLint.check(SYSTEM, "client", List.of(new SourceFile("c.c", c + "uintptr_t"
        + " client_buf;\n")), CLint.Options.defaults())).isEmpty();
  }

  @Test
  void dashDValuesAndBoardBranches() {
    String c = """
        uintptr_t client_buf;
        #ifdef A
        #define X 1
        #else
        #define X 9
        #endif
        void init(void) { sel4cp_notify(X); sel4cp_notify(FROM_CMDLINE); }
        """;
    String noNotified = "no source of 'client' defines notified(), so nothing handles its"
        + " channels and irqs: 0 (CH_SERVER, from 'server'), 1 (CH_DRIVER, from 'driver'), 2"
        + " (CH_LOGGER, from 'logger')";
    // no -D A: A is not defined, the #else branch counts
    List<Diagnostic> ds = CLint.check(SYSTEM, "client", List.of(new SourceFile("c.c", c)),
        new CLint.Options("", Map.of("FROM_CMDLINE", 40L), (n, q, f) -> null));
    assertThat(ds).extracting(Diagnostic::message).containsExactly(
        "sel4cp_notify(X): 9 is not a channel of 'client'",
        "sel4cp_notify(FROM_CMDLINE): 40 is not a channel of 'client'", noNotified);
    // -D A: the first branch counts, X is 1
    ds = CLint.check(SYSTEM, "client", List.of(new SourceFile("c.c", c)),
        new CLint.Options("", Map.of("FROM_CMDLINE", 40L, "A", 1L), (n, q, f) -> null));
    assertThat(ds).extracting(Diagnostic::message).containsExactly(
        "sel4cp_notify(FROM_CMDLINE): 40 is not a channel of 'client'", noNotified);
    // after a header that was not found (and may define A): ambiguous, not judged
    ds = CLint.check(SYSTEM, "client", List.of(new SourceFile("c.c",
        "#include \"board.h\"\n" + c)), new CLint.Options("", Map.of("FROM_CMDLINE", 40L),
        (n, q, f) -> null));
    assertThat(ds).extracting(Diagnostic::message).containsExactly(
        "sel4cp_notify(FROM_CMDLINE): 40 is not a channel of 'client'", noNotified);
  }

  @Test
  void prefixedGeneratedNames() {
    String c = "uintptr_t client_buf;\nvoid init(void) { sel4cp_notify(SYS_CH_SERVER + 5); }\n"
        + "void notified(sel4cp_channel ch) { (void)ch; }\n";
    List<Diagnostic> ds = CLint.check(SYSTEM, "client", List.of(new SourceFile("c.c", c)),
        new CLint.Options("SYS_", Map.of(), (n, q, f) -> null));
    assertThat(ds).extracting(Diagnostic::message)
        .containsExactly("sel4cp_notify(SYS_CH_SERVER + 5): 5 is not a channel of 'client'");
  }

  @Test
  void microkitNotifyFalseAndPpOnTheEnd() {
    SystemDescription mk = TestSystems.asMicrokit(TestSystems.parse("mk.system", """
        <system>
            <memory_region name="buf" size="0x1000" />
            <protection_domain name="client" priority="100">
                <program_image path="c.elf" />
                <map mr="buf" vaddr="0x2000000" setvar_vaddr="client_buf" />
            </protection_domain>
            <protection_domain name="server" priority="200" pp="true">
                <program_image path="s.elf" />
            </protection_domain>
            <protection_domain name="driver" priority="150">
                <program_image path="d.elf" />
            </protection_domain>
            <channel><end pd="client" id="0" /><end pd="server" id="0" /></channel>
            <channel><end pd="client" id="1" /><end pd="driver" id="1" /></channel>
        </system>
        """, Dialect.SEL4CP));
    List<Channel> channels = new ArrayList<>();
    for (Channel ch : mk.channels()) {
      // client's end towards the server may not notify
      Channel.End a = ch.a().pd().equals("client") && ch.b().pd().equals("server")
          ? new Channel.End("client", 0, ch.a().pp(), false, null, ch.a().span()) : ch.a();
      channels.add(new Channel(a, ch.b(), ch.span()));
    }
    mk = new SystemDescription(mk.dialect(), mk.board(), mk.memoryRegions(),
        mk.protectionDomains(), channels, List.of(), null, mk.span());
    String c = """
        uintptr_t client_buf;
        void init(void) {
            microkit_notify(CH_SERVER);
            microkit_ppcall(CH_SERVER, microkit_msginfo_new(0, 0));
            microkit_ppcall(CH_DRIVER, microkit_msginfo_new(0, 0));
        }
        void notified(microkit_channel ch) { (void)ch; }
        """;
    List<Diagnostic> ds = CLint.check(mk, "client", List.of(new SourceFile("c.c", c)),
        CLint.Options.defaults());
    assertThat(ds).extracting(Diagnostic::code).containsExactly("LNT012", "LNT003");
    assertThat(ds.get(1).notes().get(0).message()).isEqualTo("set pp=\"true\" on the end of"
        + " 'client' of this channel");
  }

  @Test
  void unknownPdIsAnErrorWithASuggestion() {
    assertThatThrownBy(() -> CLint.check(SYSTEM, "cliant", List.of(), CLint.Options.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("did you mean 'client'?");
  }

  static final SystemDescription TWO = TestSystems.parse("two.system", """
      <system>
          <protection_domain name="sender" priority="1">
              <program_image path="s.elf" />
          </protection_domain>
          <protection_domain name="receiver" priority="2">
              <program_image path="r.elf" />
          </protection_domain>
          <channel><end pd="sender" id="0" /><end pd="receiver" id="4" /></channel>
      </system>
      """, Dialect.SEL4CP);

  static final SourceFile SENDER = new SourceFile("s.c", """
      void init(void) { sel4cp_notify(0); }
      void notified(sel4cp_channel ch) { }
      """);

  @Test
  void aNotificationThePeersCodeNeverSendsNeedNotBeHandled() {
    // the sender notifies but never handles; the receiver handles but never notifies
    SourceFile receiver = new SourceFile("r.c", """
        void notified(sel4cp_channel ch) { switch (ch) { case 4: break; } }
        """);
    assertThat(CLint.checkAll(TWO, Map.of("sender", List.of(SENDER), "receiver",
        List.of(receiver)), CLint.Options.defaults())).isEmpty();
    // linted alone, the sender cannot know that the receiver never notifies channel 0
    assertThat(where(CLint.check(TWO, "sender", List.of(SENDER), CLint.Options.defaults())))
        .containsExactly("LNT007 s.c:2:6");
    // a receiver that notifies through a variable may notify anything: the warning stays
    SourceFile vague = new SourceFile("r.c", """
        static int peer = 4;
        void notified(sel4cp_channel ch) { switch (ch) { case 4: sel4cp_notify(peer); } }
        """);
    assertThat(where(CLint.checkAll(TWO, Map.of("sender", List.of(SENDER), "receiver",
        List.of(vague)), CLint.Options.defaults()))).containsExactly("LNT007 s.c:2:6");
  }
}
