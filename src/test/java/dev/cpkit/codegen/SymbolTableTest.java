// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.system.Channel;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolTableTest {
  static final String PPC = """
      <system>
          <protection_domain name="server" priority="200" pp="true">
              <program_image path="s.elf" />
          </protection_domain>
          <protection_domain name="client" priority="100">
              <program_image path="c.elf" />
          </protection_domain>
          <channel><end pd="server" id="3" /><end pd="client" id="9" /></channel>
      </system>
      """;

  @Test
  void clashesAreReportedAndNothingIsGenerated() {
    SystemDescription s = TestSystems.load(TestSystems.resource("codegen", "clash.system"),
        Dialect.SEL4CP);
    HeaderGenerator.Result r = HeaderGenerator.generate(s,
        new HeaderGenerator.Options(HeaderGenerator.Lang.C, "", "clash.system"));
    assertThat(r.ok()).isFalse();
    assertThat(r.files()).isEmpty();
    assertThat(r.diagnostics()).extracting(Diagnostic::code)
        .containsExactly("HDR001", "HDR002", "HDR003");
    assertThat(r.diagnostics().get(0).message()).isEqualTo("in the header of 'hub', channel 1"
        + " (to 'a.b') and channel 0 (to 'a-b') would both be named CH_A_B_0");
    assertThat(r.diagnostics().get(0).span().line()).isEqualTo(16);
    assertThat(r.diagnostics().get(2).message()).contains("'x/y' and 'X_y'");
  }

  @Test
  void sel4cpPpIsReadFromTheServingPd() {
    SymbolTable.Result t = SymbolTable.build(TestSystems.parse("ppc.system", PPC,
        Dialect.SEL4CP), "");
    PdSymbols client = t.pds().get("client");
    assertThat(client.channels()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("CH_SERVER");
      assertThat(c.id()).isEqualTo(9);
      assertThat(c.mayPpcall()).isTrue();
    });
    assertThat(client.servesPpcall()).isFalse();
    assertThat(t.pds().get("server").servesPpcall()).isTrue();
    assertThat(t.pds().get("server").channel(3).mayPpcall()).isFalse();
  }

  @Test
  void microkitPpAndNotifyAreReadFromTheChannelEnds() {
    SystemDescription mk = TestSystems.asMicrokit(TestSystems.parse("ppc.system", PPC,
        Dialect.SEL4CP));
    Channel c = mk.channels().get(0);
    // the server's end may not notify: Microkit's notify="false"
    Channel quiet = new Channel(new Channel.End(c.a().pd(), c.a().id(), c.a().pp(), false,
        "server_ch", c.a().span()), c.b(), c.span());
    mk = new SystemDescription(mk.dialect(), mk.board(), mk.memoryRegions(),
        mk.protectionDomains(), List.of(quiet), mk.ioAddressSpaces(), mk.domains(), mk.span());
    HeaderGenerator.Result r = HeaderGenerator.generate(mk,
        new HeaderGenerator.Options(HeaderGenerator.Lang.C, "", "ppc.system"));
    String server = r.files().get(0).text();
    String client = r.files().get(1).text();
    assertThat(server).contains("(microkit)")
        .contains("#define SERVER_SERVES_PPCALL 1")
        .contains("#define CH_CLIENT 3 /* to 'client' (its id 9); may not notify it; it may"
            + " ppcall this PD */")
        .contains("extern uint64_t server_ch; /* setvar_id: id of the channel to 'client' */");
    assertThat(client).contains("#define CH_SERVER 9 /* to 'server' (its id 3); it may not"
        + " notify this PD */")
        .contains("#define CH_SERVER_PPCALL 1 /* this PD may ppcall 'server' over this channel */");
  }

  @Test
  void namingRule() {
    assertThat(CNames.part("net-driver.0")).isEqualTo("NET_DRIVER_0");
    assertThat(CNames.part("ümlaut")).isEqualTo("_MLAUT");
    assertThat(CNames.constant("", "2ND")).isEqualTo("_2ND");
    assertThat(CNames.constant("P_", "2ND")).isEqualTo("P_2ND");
    assertThat(CNames.fileStem("../evil")).isEqualTo("_._evil");
    assertThat(CNames.fileStem("..")).isEqualTo("___");
    assertThat(CNames.fileStem("a/b\\c")).isEqualTo("a_b_c");
    assertThat(Path.of("out").resolve(CNames.fileStem("../../x") + ".h").normalize()
        .getParent()).isEqualTo(Path.of("out"));
    assertThat(CNames.isCIdentifier("buf_1")).isTrue();
    assertThat(CNames.isCIdentifier("1buf")).isFalse();
    assertThat(CNames.isCIdentifier("class")).isFalse();
    assertThat(CNames.isValidPrefix("")).isTrue();
    assertThat(CNames.isValidPrefix("9x")).isFalse();
    assertThatThrownBy(() -> SymbolTable.build(TestSystems.parse("ppc.system", PPC,
        Dialect.SEL4CP), "a-")).isInstanceOf(IllegalArgumentException.class);
  }
}
