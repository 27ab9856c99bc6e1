// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.codegen;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.system.SystemDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * The library entry point of {@code cpkit headers} (also used by the migrator): a validated
 * system in, one generated file per protection domain out, nothing when a name clashes.
 */
public final class HeaderGenerator {
  private HeaderGenerator() {}

  public enum Lang {
    C(".h"),
    RUST(".rs");

    private final String extension;

    Lang(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }
  }

  /**
   * @param prefix put in front of every constant name (a C identifier start, or empty)
   * @param sourceName how the header comment names the SDF (keep it free of absolute paths
   *     so that output does not depend on where it was generated)
   */
  public record Options(Lang lang, String prefix, String sourceName) {}

  /** A file to write: {@code fileName} has no directory part. */
  public record GeneratedFile(String pd, String fileName, String text) {}

  /** The files (empty when there are errors) and the problems found. */
  public record Result(List<GeneratedFile> files, List<Diagnostic> diagnostics) {
    public Result {
      files = List.copyOf(files);
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
      return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
  }

  /** Throws IllegalArgumentException when the prefix cannot start a C identifier. */
  public static Result generate(SystemDescription system, Options options) {
    SymbolTable.Result table = SymbolTable.build(system, options.prefix());
    if (!table.ok()) return new Result(List.of(), table.diagnostics());
    List<GeneratedFile> files = new ArrayList<>();
    for (PdSymbols p : table.pds().values()) {
      String text = options.lang() == Lang.C
          ? CHeaderWriter.write(p, options.sourceName(), system.dialect().id())
          : RustModuleWriter.write(p, options.sourceName(), system.dialect().id());
      files.add(new GeneratedFile(p.pd(), p.fileStem() + options.lang().extension(), text));
    }
    return new Result(files, table.diagnostics());
  }
}
