// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.lint.LintCode;
import dev.cpkit.upgrade.UpgCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/headers.md, lint-c.md and upgrade.md list every code with its declared summary. */
class DocsCodesTest {
  @Test
  void headerCodes() throws IOException {
    String doc = Files.readString(Path.of("docs", "headers.md"));
    for (HdrCode c : HdrCode.values()) {
      assertThat(doc).contains("| `" + c.name() + "` | " + c.summary() + " |");
    }
  }

  @Test
  void lintCodes() throws IOException {
    String doc = Files.readString(Path.of("docs", "lint-c.md"));
    for (LintCode c : LintCode.values()) {
      assertThat(doc).contains("| `" + c.name() + "` | " + c.severity().label() + " | "
          + c.summary() + " |");
    }
  }

  @Test
  void upgradeCodes() throws IOException {
    String doc = Files.readString(Path.of("docs", "upgrade.md"));
    for (UpgCode c : UpgCode.values()) {
      assertThat(doc).contains("| `" + c.name() + "` | " + c.severity().label() + " | "
          + c.summary() + " |");
    }
  }
}
