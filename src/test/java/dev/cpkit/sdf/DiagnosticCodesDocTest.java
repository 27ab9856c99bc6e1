// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/diagnostics.md lists every code with the summary the code declares. */
class DiagnosticCodesDocTest {
  @Test
  void everyCodeIsDocumented() throws IOException {
    String doc = Files.readString(Path.of("docs", "diagnostics.md"));
    for (Code c : Code.values()) {
      assertThat(doc).contains("| `" + c.name() + "` | " + c.summary() + " |");
    }
  }
}
