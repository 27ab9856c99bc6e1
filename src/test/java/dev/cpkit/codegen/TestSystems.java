// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.sdf.DialectConverter;
import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper shared by the codegen, lint and upgrade tests: validated models from SDFs. */
public final class TestSystems {
  private TestSystems() {}

  public static SystemDescription load(Path file, Dialect dialect) {
    try {
      return parse(file.toString(), Files.readString(file), dialect);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SystemDescription parse(String name, String text, Dialect dialect) {
    Sdf.Result r = Sdf.check(name, text.getBytes(StandardCharsets.UTF_8),
        Sdf.Options.of(dialect));
    assertThat(r.ok()).as("%s is valid %s: %s", name, dialect, r.diagnostics()).isTrue();
    return r.system();
  }

  /**
   * A Microkit model of a sel4cp system, made by the converter (the Microkit reader is
   * developed separately, so Microkit-dialect tests build their models this way).
   */
  public static SystemDescription asMicrokit(SystemDescription sel4cp) {
    DialectConverter.Result r = DialectConverter.convert(sel4cp, Dialect.MICROKIT,
        dev.cpkit.system.BoardTable.get().defaultBoard(Dialect.MICROKIT));
    assertThat(r.ok()).as("converts: %s", r.report()).isTrue();
    return r.system();
  }

  public static Path resource(String first, String... more) {
    return Path.of("src", "test", "resources").resolve(Path.of(first, more));
  }
}
