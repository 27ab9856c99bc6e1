// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every CAMnnn code the front end reports has a row in docs/camkes.md's table. */
class DiagnosticCodesDocumentedTest {
  @Test
  void everyCodeIsDocumented() throws IOException {
    Pattern code = Pattern.compile("\"(CAM\\d{3})\"");
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/cpkit/camkes"))) {
      for (Path f : files.toList()) {
        Matcher m = code.matcher(Files.readString(f));
        while (m.find()) used.add(m.group(1));
      }
    }
    String docs = Files.readString(Path.of("docs/camkes.md"));
    Set<String> missing = new TreeSet<>();
    for (String c : used) {
      if (!docs.contains("| " + c + " |")) missing.add(c);
    }
    assertThat(used).contains("CAM150", "CAM151", "CAM152");
    assertThat(missing).as("codes without a row in docs/camkes.md").isEmpty();
  }
}
