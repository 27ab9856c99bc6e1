// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * analyse with the C code of each bundled CAmkES example, migrated: the least-privilege
 * checks that need code find only what is really there.
 */
class AnalyseExamplesTest {
  @TempDir Path dir;

  static List<String> codes(String text, String prefix) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\\[(" + prefix + "\\d+)\\]").matcher(text);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource({
      "ethdriver, sel4cp, ''",
      "hw-device, sel4cp, ''",
      "ping-pong, sel4cp, ''",
      "rpc-dataport-signal, sel4cp, ''",
      // each side only reads the data region of the queue it receives on
      "virtqueues, sel4cp, ANA304 ANA304",
      "vm-passthrough, microkit, ''",
  })
  void migratedExampleWithItsCode(String app, String dialect, String expected)
      throws IOException {
    Path out = LintCExamplesTest.migrate(dir, app, dialect);
    CliTest.Run r = CliTest.run("analyse", "--dialect", dialect,
        out.resolve(app + ".system").toString(), "--map", out.resolve("lint.map").toString(),
        "-I", out.resolve("include").toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(codes(r.out(), "ANA30[4-6]|ANA40"))
        .containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split(" ")));
    if (app.equals("virtqueues")) {
      assertThat(r.out()).contains("region 'virtq_conn1_data' is mapped writable (\"rw\") in"
          + " 'mydriver', whose code only reads it through 'recv_data'");
    }
  }
}
