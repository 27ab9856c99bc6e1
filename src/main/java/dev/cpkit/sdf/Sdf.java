// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.diag.Trace;
import dev.cpkit.sdf.xml.XmlDecoder;
import dev.cpkit.sdf.xml.XmlElement;
import dev.cpkit.sdf.xml.XmlParser;
import dev.cpkit.sdf.xml.XmlSyntaxError;
import dev.cpkit.system.Board;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;
import java.nio.file.Path;
import java.util.List;

/**
 * The SDF front end: bytes in, a validated {@link SystemDescription} and diagnostics out. The
 * first error reported is the one the dialect's reference tool reports; the rest are extra.
 */
public final class Sdf {
  private Sdf() {}

  /**
   * What to check against.
   *
   * @param searchPaths where program images and prefill files are looked up (Microkit)
   */
  public record Options(Dialect dialect, Board board, List<Path> searchPaths,
      boolean findProgramImages, boolean lint) {
    public Options {
      searchPaths = List.copyOf(searchPaths);
    }

    /**
     * Options that do not look for program images (they are usually built later) and do add
     * cpkit's own warnings.
     */
    public Options(Dialect dialect, Board board, List<Path> searchPaths) {
      this(dialect, board, searchPaths, false, true);
    }

    public Options(Dialect dialect, Board board, List<Path> searchPaths,
        boolean findProgramImages) {
      this(dialect, board, searchPaths, findProgramImages, true);
    }

    /** The same options without cpkit's own warnings (the sel4cp format never shows them). */
    public Options withoutLint() {
      return new Options(dialect, board, searchPaths, findProgramImages, false);
    }

    /** The dialect's default board and no search path. */
    public static Options of(Dialect dialect) {
      return new Options(dialect, BoardTable.get().defaultBoard(dialect), List.of());
    }
  }

  /** The system (null when there are errors) and every diagnostic, in report order. */
  public record Result(SystemDescription system, List<Diagnostic> diagnostics, SourceFile file) {
    public boolean ok() {
      for (Diagnostic d : diagnostics) if (d.isError()) return false;
      return true;
    }
  }

  /** Checks one file's contents. {@code fileName} is used in messages exactly as given. */
  public static Result check(String fileName, byte[] bytes, Options options) {
    DiagnosticSink sink = new DiagnosticSink();
    Dialect dialect = options.dialect();
    Trace.mark("start of check");
    XmlDecoder.Decoded decoded = XmlDecoder.decode(bytes);
    Trace.mark("decode");
    if (!decoded.ok()) {
      SourceFile partial = new SourceFile(fileName, decoded.partial());
      Reporter r = new Reporter(partial, sink, !dialect.isPython());
      xmlError(r, dialect, new XmlSyntaxError("not well-formed (invalid token)",
          decoded.badOffset(), false), "these bytes cannot be decoded: the file is read as UTF-8"
          + " unless a byte-order mark or its XML declaration names another encoding");
      return new Result(null, sink.diagnostics(), partial);
    }
    SourceFile file = new SourceFile(fileName, decoded.text());
    Reporter reporter = new Reporter(file, sink, !dialect.isPython());
    // the Python tools read the file with ElementTree, which resolves namespaces: a default
    // xmlns renames every element ({uri}tag) and an unbound prefix is an XML error
    XmlParser.Result parsed = XmlParser.parse(decoded.text(), dialect.isPython()
        ? XmlParser.Names.ELEMENT_TREE : XmlParser.Names.AS_WRITTEN);
    if (parsed.error() != null) {
      xmlError(reporter, dialect, parsed.error(), dialect.isPython() && parsed.error().message()
          .equals("unbound prefix") ? "the sel4cp tools read the file with XML namespaces: a"
              + " prefix needs an xmlns: declaration" : null);
      return new Result(null, sink.diagnostics(), file);
    }
    Trace.mark("parse");
    XmlElement root = parsed.root();
    SystemDescription system = dialect.isPython()
        ? new Sel4cpReader(reporter, dialect, options.board())
            .read(root, !parsed.onlyWhitespaceText())
        : new MicrokitReader(reporter, options.board(), options.searchPaths()).read(root);
    if (dialect.isPython() && !root.tag().equals("system")) {
      // sysxml.py never looks at the root's name; Microkit requires 'system'
      reporter.warning(Code.SDF100, "the root element is '" + root.tag() + "', not 'system'")
          .span(reporter.at(root))
          .hint(dialect + " ignores the root element's name; Microkit rejects anything but"
              + " <system>")
          .report();
    }
    if (!sink.hasErrors() && system != null && options.findProgramImages()) {
      findProgramImages(reporter, system, options.searchPaths(), dialect);
    }
    Trace.mark("elements and system rules");
    if (!sink.hasErrors() && system != null && options.lint()) {
      sink.addAll(SystemLint.check(system));
    }
    Trace.mark("cpkit warnings");
    List<Diagnostic> diagnostics = sink.diagnostics();
    if (sink.hasErrors()) {
      // A region used only by an element that had an error would be reported unused; the
      // reference tools print this warning only for valid systems, and so does cpkit.
      List<Diagnostic> kept = new java.util.ArrayList<>(diagnostics.size());
      for (Diagnostic d : diagnostics) if (!d.code().equals("SDF018")) kept.add(d);
      diagnostics = List.copyOf(kept);
    }
    return new Result(sink.hasErrors() ? null : system, diagnostics, file);
  }

  /**
   * The reference tools look for each program image in the current directory, then in each
   * search path, when they build the image; {@code check --search-path} does it up front.
   */
  private static void findProgramImages(Reporter r, SystemDescription s, List<Path> searchPaths,
      Dialect dialect) {
    for (var pd : s.allProtectionDomains()) {
      var image = pd.programImage();
      if (image == null) continue;
      if (!exists(image.path(), searchPaths)) {
        missingImage(r, "unable to find program image: '" + image.path() + "'", image.span(),
            searchPaths, dialect);
      } else if (image.pathForSymbols() != null && !exists(image.pathForSymbols(), searchPaths)) {
        missingImage(r, "unable to find program image for symbols: '" + image.pathForSymbols()
            + "'", image.span(), searchPaths, dialect);
      }
    }
  }

  private static boolean exists(String path, List<Path> searchPaths) {
    if (java.nio.file.Files.isRegularFile(Path.of(path))) return true;
    for (Path dir : searchPaths) {
      if (java.nio.file.Files.isRegularFile(dir.resolve(path))) return true;
    }
    return false;
  }

  private static void missingImage(Reporter r, String message, dev.cpkit.diag.SourceSpan at,
      List<Path> searchPaths, Dialect dialect) {
    // sel4cp prints a UserError; Microkit's main returns Err(String), which Rust prints with
    // Debug formatting, quotes included
    r.error(Code.SDF031, message)
        .span(at)
        .reference(dialect.isPython() ? "Error: {msg}" : "Error: \"{msg}\"", null)
        .hint("searched the current directory"
            + (searchPaths.isEmpty() ? "" : " and " + searchPaths))
        .report();
  }

  private static void xmlError(Reporter r, Dialect dialect, XmlSyntaxError e, String hint) {
    var at = r.file.point(e.offset());
    Code code = e.refused() ? Code.SDF002 : Code.SDF001;
    Reporter.Builder b = r.error(code, e.message()).span(at).hint(hint);
    if (e.refused()) {
      b.hint("cpkit reads system descriptions without DTDs or entity declarations, and refuses"
          + " them so that a file cannot make it read other files or expand without bound");
    }
    if (dialect.isPython()) {
      b.reference("XML parse error: {loc}", at);
    } else {
      b.reference("Could not parse '" + r.file.name() + "': {msg} at " + r.file.lineOf(e.offset())
          + ":" + r.file.columnOf(e.offset()), at);
    }
    b.report();
  }
}
