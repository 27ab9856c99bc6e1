// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cpkit.system.Board;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reader never throws and never returns a system alongside an error: every upstream case on
 * every Microkit board, and variants with each attribute emptied, made hex, made negative or
 * removed.
 */
class MicrokitRobustnessTest {
  private static final Path FOLDER = ConformanceTest.ROOT.resolve("microkit-sdf");
  private static final Pattern ATTRIBUTE = Pattern.compile(" [a-z_]+=\"[^\"]*\"");

  @Test
  void upstreamCasesAndTheirMutationsOnEveryBoard() throws IOException {
    assumeTrue(Files.isDirectory(FOLDER), "conformance data absent");
    List<Path> files;
    try (Stream<Path> s = Files.list(FOLDER)) {
      files = s.filter(p -> p.toString().endsWith(".system")).sorted().toList();
    }
    List<Board> boards = BoardTable.get().names(Dialect.MICROKIT).stream()
        .map(n -> BoardTable.get().board(Dialect.MICROKIT, n))
        .toList();
    int runs = 0;
    for (Path f : files) {
      String text = Files.readString(f);
      for (Board b : boards) runs += run(f, text, b);
      for (String variant : mutations(text)) {
        runs += run(f, variant, boards.get(0));
        runs += run(f, variant, BoardTable.get().board(Dialect.MICROKIT,
            "DEFAULT_X86_64_KERNEL_CONFIG"));
      }
    }
    assertThat(runs).isGreaterThan(1000);
  }

  private static int run(Path f, String text, Board board) {
    Sdf.Result res = Sdf.check(f.getFileName().toString(),
        text.getBytes(StandardCharsets.UTF_8),
        new Sdf.Options(Dialect.MICROKIT, board, List.of(FOLDER.resolve("prefills"))));
    if (!res.ok()) assertThat(res.system()).as("%s on %s", f, board.name()).isNull();
    else assertThat(res.system()).as("%s on %s", f, board.name()).isNotNull();
    return 1;
  }

  private static List<String> mutations(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = ATTRIBUTE.matcher(text);
    while (m.find()) {
      String attr = m.group();
      String name = attr.substring(1, attr.indexOf('='));
      String head = text.substring(0, m.start());
      String tail = text.substring(m.end());
      out.add(head + tail);
      out.add(head + " " + name + "=\"\"" + tail);
      out.add(head + " " + name + "=\"0x\"" + tail);
      out.add(head + " " + name + "=\"-1\"" + tail);
      out.add(head + " " + name + "=\"0xffffffffffffffff\"" + tail);
    }
    return out;
  }
}
