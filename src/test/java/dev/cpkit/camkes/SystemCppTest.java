// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --cpp=system} and import-path limits. */
class SystemCppTest {
  @TempDir Path dir;

  private static CamkesFrontEnd.Options system(String executable) {
    return new CamkesFrontEnd.Options(List.of(), Map.of(), List.of(), CamkesFrontEnd.CppMode.SYSTEM, executable);
  }

  @Test
  void systemCppMessagesBecomeLocatedDiagnostics() throws IOException {
    Assumptions.assumeTrue(CppDifferentialTest.cppInstalled(), "system cpp is not installed");
    Path f = dir.resolve("app.camkes");
    Files.writeString(f, "component A { control; }\n\n#error from cpp\nassembly { composition { component A a; } }\n");
    CamkesFrontEnd.Result r = CamkesFrontEnd.load(f, system("cpp"));
    Diagnostic d = r.diagnostics().stream().filter(x -> x.code().equals("CAM030")).findFirst().orElseThrow();
    assertThat(d.message()).contains("#error from cpp");
    assertThat(d.span().line()).isEqualTo(3);
  }

  @Test
  void systemCppLineMarkersMapTokensBack() throws IOException {
    Assumptions.assumeTrue(CppDifferentialTest.cppInstalled(), "system cpp is not installed");
    Files.writeString(dir.resolve("h.h"), "\n\ncomponent FromHeader { control }\n");
    Path f = dir.resolve("app.camkes");
    Files.writeString(f, "#include \"h.h\"\nassembly { composition { component FromHeader a; } }\n");
    CamkesFrontEnd.Result r = CamkesFrontEnd.load(f, system("cpp"));
    Diagnostic d = r.diagnostics().get(0);
    assertThat(d.code()).isEqualTo("CAM050");
    assertThat(d.span().fileName()).endsWith("h.h");
    assertThat(d.span().line()).isEqualTo(3);
  }

  @Test
  void missingCppExecutableIsAnError() throws IOException {
    Path f = dir.resolve("app.camkes");
    Files.writeString(f, "component A { control; }\nassembly { composition { component A a; } }\n");
    CamkesFrontEnd.Result r = CamkesFrontEnd.load(f, system("no-such-cpp-for-cpkit"));
    assertThat(r.diagnostics()).extracting(Diagnostic::code).contains("CAM031");
  }

  @Test
  void importChainsAreBounded() throws IOException {
    for (int i = 0; i < 150; i++) {
      Files.writeString(dir.resolve("f" + i + ".camkes"), "import \"f" + (i + 1) + ".camkes\";\n");
    }
    Files.writeString(dir.resolve("f150.camkes"), "component A { control; }\n");
    CamkesFrontEnd.Result r = CamkesFrontEnd.load(dir.resolve("f0.camkes"), CamkesFrontEnd.Options.defaults());
    assertThat(r.diagnostics()).extracting(Diagnostic::code).contains("CAM072");
  }

  @Test
  void userImportPathWinsOverTheBuiltinLibrary() throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.writeString(lib.resolve("std_connector.camkes"), "connector OnlyMine { from Event; to Event; }\n");
    Path f = dir.resolve("app.camkes");
    Files.writeString(f, "import <std_connector.camkes>;\ncomponent A { control; }\n"
        + "assembly { composition { component A a; } }\n");
    CamkesFrontEnd.Result r = CamkesFrontEnd.load(f, CamkesFrontEnd.Options.defaults().withImportPath(List.of(lib)));
    assertThat(r.ok()).isTrue();
    assertThat(r.model().connectors()).extracting(CamkesModel.Connector::name).containsExactly("OnlyMine");
  }
}
