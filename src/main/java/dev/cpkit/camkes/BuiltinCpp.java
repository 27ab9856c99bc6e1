// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.diag.SourceSpan;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * cpkit's own C preprocessor (the default {@code --cpp=builtin}): enough of C99 cpp for CAmkES
 * sources — object- and function-like macros with {@code #}/{@code ##} and variadics,
 * {@code #include}, conditionals, {@code #undef}, {@code #error}/{@code #warning},
 * {@code __FILE__}/{@code __LINE__}. Lines without macros are copied unchanged so columns stay
 * exact; every line keeps its original file and line through line markers.
 */
final class BuiltinCpp implements Preprocessor {
  static final int MAX_INCLUDE_DEPTH = 200;

  private final List<Path> includeDirs;
  private final Map<String, String> defines;
  private final SourceSet sources;

  private Map<String, Macro> macros;
  private CppOutput out;
  private DiagnosticSink sink;
  private Set<String> filesRead;
  private Set<String> onceFiles;
  private Set<String> reportedSelfRefs;

  BuiltinCpp(List<Path> includeDirs, Map<String, String> defines, SourceSet sources) {
    this.includeDirs = List.copyOf(includeDirs);
    this.defines = Map.copyOf(defines);
    this.sources = sources;
  }

  @Override
  public Preprocessed run(SourceFile file, Path dir, DiagnosticSink sink) {
    this.sink = sink;
    this.macros = new HashMap<>();
    this.out = new CppOutput();
    this.filesRead = new LinkedHashSet<>();
    this.onceFiles = new HashSet<>();
    this.reportedSelfRefs = new HashSet<>();
    for (var d : new java.util.TreeMap<>(defines).entrySet()) {
      macros.put(d.getKey(), new Macro(d.getKey(), null, false,
          PpLines.tokens(d.getValue()), null));
    }
    try {
      process(file, dir, 0);
    } catch (MacroExpander.Failure f) {
      // Only the output-size limit ends the whole run; it was reported where it happened.
    }
    SourceFile output = new SourceFile(file.name() + " (preprocessed)", out.text());
    return new Preprocessed(output, out.macroLines(), List.copyOf(filesRead));
  }

  private record Cond(boolean parentActive, boolean taken, boolean active, boolean sawElse,
      SourceSpan where) {}

  private void process(SourceFile file, Path dir, int depth) {
    filesRead.add(file.name());
    List<PpLines.Line> lines = PpLines.split(file, sink);
    Deque<Cond> conds = new ArrayDeque<>();
    int[] index = {0};
    out.marker(file.name(), 1, depth == 0 ? 0 : 1);
    while (index[0] < lines.size()) {
      PpLines.Line line = lines.get(index[0]++);
      List<PpToken> toks = PpLines.tokens(line.text());
      boolean active = conds.isEmpty() || conds.peek().active();
      if (!toks.isEmpty() && toks.get(0).is("#")) {
        directive(file, dir, depth, line, toks, conds, active);
        continue;
      }
      if (!active) continue;
      if (!hasMacro(toks)) {
        out.line(file.name(), line.line(), line.text(), List.of(), 0);
        continue;
      }
      MacroExpander x = new MacroExpander(macros, file.name(), line.line());
      List<PpToken> lastResult = List.of();
      MacroExpander.MoreLines more = () -> {
        if (index[0] >= lines.size()) return null;
        List<PpToken> next = PpLines.tokens(lines.get(index[0]).text());
        if (!next.isEmpty() && next.get(0).is("#")) return null;
        index[0]++;
        return next;
      };
      try {
        List<PpToken> result = x.expand(toks, more);
        lastResult = result;
        List<Preprocessed.MacroRange> ranges = new ArrayList<>();
        String joined = join(result, ranges);
        out.line(file.name(), line.line(), joined, ranges, 0);
      } catch (MacroExpander.Failure f) {
        sink.report(Diags.error("CAM010", f.getMessage(), lineSpan(file, line)));
        if (f.getMessage().startsWith("preprocessed output")) throw f;
      }
      for (String self : x.selfReferences()) {
        if (survives(self, lastResult) && reportedSelfRefs.add(self)) {
          sink.report(Diags.warning("CAM011", "macro '" + self
              + "' refers to itself; the inner use is not expanded", lineSpan(file, line)));
        }
      }
    }
    for (Cond c : conds) {
      sink.report(Diags.error("CAM012", "unterminated conditional directive", c.where()));
    }
  }

  /**
   * Whether a macro that was blocked inside its own expansion is still in the output (then the
   * user likely wrote a recursive macro by mistake; cpp is silent, we warn). Macros that block
   * only while their arguments are pre-expanded, as dispatch tricks do, are not reported.
   */
  private static boolean survives(String name, List<PpToken> output) {
    for (PpToken t : output) {
      if (t.kind() == PpToken.Kind.IDENT && t.text().equals(name) && t.hide().contains(name)) return true;
    }
    return false;
  }

  private static SourceSpan lineSpan(SourceFile file, PpLines.Line line) {
    int start = line.offset() + Math.max(0, indexOfNonBlank(line.text()));
    return file.span(start, line.offset() + Math.min(line.text().length(),
        file.text().length() - line.offset()));
  }

  private static int indexOfNonBlank(String s) {
    for (int i = 0; i < s.length(); i++) if (!Character.isWhitespace(s.charAt(i))) return i;
    return 0;
  }

  private boolean hasMacro(List<PpToken> toks) {
    for (PpToken t : toks) {
      if (t.kind() == PpToken.Kind.IDENT && (macros.containsKey(t.text())
          || t.text().equals("__LINE__") || t.text().equals("__FILE__"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Joins tokens with their spaces; two words that touch get a space so they stay two. Source
   * tokens are padded back to their original column where the text before them is shorter,
   * so that most columns survive an expansion earlier on the line.
   */
  static String join(List<PpToken> toks, List<Preprocessed.MacroRange> ranges) {
    StringBuilder b = new StringBuilder();
    for (PpToken t : toks) {
      boolean padded = false;
      if (t.macro() == null && t.column() > b.length()) {
        b.append(" ".repeat(t.column() - b.length()));
        padded = true;
      }
      boolean wordBoundary = b.length() > 0 && !t.text().isEmpty()
          && PpLines.isIdentPart(b.charAt(b.length() - 1)) && PpLines.isIdentPart(t.text().charAt(0));
      if (!padded && ((t.spaceBefore() && b.length() > 0) || wordBoundary)) b.append(' ');
      int start = b.length();
      b.append(t.text());
      if (t.macro() == null) continue;
      int last = ranges.size() - 1;
      if (last >= 0 && ranges.get(last).macro().equals(t.macro()) && ranges.get(last).end() >= start - 1) {
        ranges.set(last, new Preprocessed.MacroRange(ranges.get(last).start(), b.length(), t.macro()));
      } else {
        ranges.add(new Preprocessed.MacroRange(start, b.length(), t.macro()));
      }
    }
    return b.toString();
  }

  static String join(List<PpToken> toks) {
    return join(toks, new ArrayList<>());
  }

  private void directive(SourceFile file, Path dir, int depth, PpLines.Line line,
      List<PpToken> toks, Deque<Cond> conds, boolean active) {
    SourceSpan where = lineSpan(file, line);
    if (toks.size() == 1) return; // the null directive
    String name = toks.get(1).text();
    List<PpToken> rest = toks.subList(2, toks.size());
    switch (name) {
      case "if", "ifdef", "ifndef" -> {
        boolean value = active && condition(name, rest, file, line, where);
        conds.push(new Cond(active, value, value, false, where));
        return;
      }
      case "elif" -> {
        Cond c = conds.poll();
        if (c == null || c.sawElse()) {
          sink.report(Diags.error("CAM013", "#elif without #if", where));
          if (c != null) conds.push(c);
          return;
        }
        boolean value = c.parentActive() && !c.taken() && condition("if", rest, file, line, where);
        conds.push(new Cond(c.parentActive(), c.taken() || value, value, false, c.where()));
        return;
      }
      case "else" -> {
        Cond c = conds.poll();
        if (c == null || c.sawElse()) {
          sink.report(Diags.error("CAM013", "#else without #if", where));
          if (c != null) conds.push(c);
          return;
        }
        conds.push(new Cond(c.parentActive(), true, c.parentActive() && !c.taken(), true, c.where()));
        return;
      }
      case "endif" -> {
        if (conds.poll() == null) sink.report(Diags.error("CAM013", "#endif without #if", where));
        return;
      }
      default -> { }
    }
    if (!active) return;
    switch (name) {
      case "define" -> define(rest, where);
      case "undef" -> {
        if (rest.isEmpty() || rest.get(0).kind() != PpToken.Kind.IDENT) {
          sink.report(Diags.error("CAM014", "macro names must be identifiers", where));
        } else {
          macros.remove(rest.get(0).text());
        }
      }
      case "include", "include_next" -> include(file, dir, depth, line, rest, where);
      case "error" -> sink.report(Diags.error("CAM015", "#error " + directiveText(line, name), where));
      case "warning" -> sink.report(Diags.warning("CAM016", "#warning " + directiveText(line, name), where));
      case "pragma" -> {
        if (!rest.isEmpty() && rest.get(0).text().equals("once")) onceFiles.add(file.name());
      }
      case "line", "ident", "sccs", "assert", "unassert" -> { }
      default -> {
        if (toks.get(1).kind() != PpToken.Kind.NUMBER) {
          sink.report(Diags.error("CAM017", "invalid preprocessing directive #" + name, where));
        }
      }
    }
  }

  private static String directiveText(PpLines.Line line, String name) {
    String t = line.text();
    int at = t.indexOf(name);
    return t.substring(at + name.length()).trim();
  }

  private boolean condition(String kind, List<PpToken> rest, SourceFile file, PpLines.Line line,
      SourceSpan where) {
    if (!kind.equals("if")) {
      if (rest.isEmpty() || rest.get(0).kind() != PpToken.Kind.IDENT) {
        sink.report(Diags.error("CAM014", "macro names must be identifiers", where));
        return false;
      }
      boolean defined = macros.containsKey(rest.get(0).text());
      return kind.equals("ifdef") == defined;
    }
    List<PpToken> replaced = new ArrayList<>();
    for (int i = 0; i < rest.size(); i++) {
      PpToken t = rest.get(i);
      if (t.kind() == PpToken.Kind.IDENT && t.text().equals("defined")) {
        int j = i + 1;
        boolean paren = j < rest.size() && rest.get(j).is("(");
        if (paren) j++;
        if (j >= rest.size() || rest.get(j).kind() != PpToken.Kind.IDENT
            || (paren && (j + 1 >= rest.size() || !rest.get(j + 1).is(")")))) {
          sink.report(Diags.error("CAM018", "operator \"defined\" requires an identifier", where));
          return false;
        }
        boolean d = macros.containsKey(rest.get(j).text());
        replaced.add(PpToken.of(PpToken.Kind.NUMBER, d ? "1" : "0", t.spaceBefore()));
        i = paren ? j + 1 : j;
      } else {
        replaced.add(t);
      }
    }
    try {
      List<PpToken> expanded = new MacroExpander(macros, file.name(), line.line()).expand(replaced, null);
      return CppExpr.evaluate(expanded) != 0;
    } catch (MacroExpander.Failure f) {
      sink.report(Diags.error("CAM018", f.getMessage(), where));
      return false;
    }
  }

  private void define(List<PpToken> rest, SourceSpan where) {
    if (rest.isEmpty() || rest.get(0).kind() != PpToken.Kind.IDENT) {
      sink.report(Diags.error("CAM014", "macro names must be identifiers", where));
      return;
    }
    String name = rest.get(0).text();
    if (name.equals("defined")) {
      sink.report(Diags.error("CAM014", "\"defined\" cannot be used as a macro name", where));
      return;
    }
    List<String> params = null;
    boolean variadic = false;
    int i = 1;
    if (i < rest.size() && rest.get(i).is("(") && !rest.get(i).spaceBefore()) {
      params = new ArrayList<>();
      i++;
      while (true) {
        if (i >= rest.size()) {
          sink.report(Diags.error("CAM014", "missing ')' in macro parameter list", where));
          return;
        }
        PpToken p = rest.get(i++);
        if (p.is(")") && params.isEmpty()) break;
        if (p.is("...")) {
          params.add("__VA_ARGS__");
          variadic = true;
        } else if (p.kind() == PpToken.Kind.IDENT && !params.contains(p.text())) {
          params.add(p.text());
          if (i < rest.size() && rest.get(i).is("...")) { // GNU named variadic: args...
            variadic = true;
            i++;
          }
        } else {
          sink.report(Diags.error("CAM014", "invalid macro parameter '" + p.text() + "'", where));
          return;
        }
        PpToken sep = i < rest.size() ? rest.get(i++) : null;
        if (sep != null && sep.is(")")) break;
        if (sep == null || !sep.is(",") || variadic) {
          sink.report(Diags.error("CAM014", "expected ',' or ')' in macro parameter list", where));
          return;
        }
      }
    }
    List<PpToken> body = new ArrayList<>(rest.subList(i, rest.size()));
    if (!body.isEmpty()) body.set(0, body.get(0).withSpace(false));
    Macro m = new Macro(name, params, variadic, List.copyOf(body), where);
    if (params != null) {
      for (int k = 0; k < body.size(); k++) {
        if (body.get(k).is("#") && (k + 1 >= body.size() || m.paramIndex(body.get(k + 1)) < 0)) {
          sink.report(Diags.error("CAM014", "'#' is not followed by a macro parameter", where));
          return;
        }
      }
    }
    if (!body.isEmpty() && (body.get(0).is("##") || body.get(body.size() - 1).is("##"))) {
      sink.report(Diags.error("CAM014", "'##' cannot appear at either end of a macro expansion", where));
      return;
    }
    Macro old = macros.put(name, m);
    if (old != null && old.where() != null && !old.sameAs(m)) {
      sink.report(Diags.warning("CAM019", "'" + name + "' redefined", where,
          new dev.cpkit.diag.Diagnostic.Note("previous definition", old.where())));
    }
  }

  private void include(SourceFile file, Path dir, int depth, PpLines.Line line,
      List<PpToken> rest, SourceSpan where) {
    String spec = includeSpec(file, line, rest);
    if (spec == null) {
      sink.report(Diags.error("CAM020", "#include expects \"FILENAME\" or <FILENAME>", where));
      return;
    }
    boolean quoted = spec.startsWith("\"");
    String target = spec.substring(1, spec.length() - 1);
    if (depth + 1 > MAX_INCLUDE_DEPTH) {
      sink.report(Diags.error("CAM021", "#include nested too deeply (more than "
          + MAX_INCLUDE_DEPTH + " levels; is there an include cycle?)", where));
      return;
    }
    List<Path> search = new ArrayList<>();
    if (quoted && dir != null) search.add(dir);
    search.addAll(includeDirs);
    for (Path d : search) {
      Path p = SourceSet.resolve(d, target);
      if (p == null) continue;
      SourceFile inc = sources.load(p, p.toString());
      if (inc == null) continue;
      if (onceFiles.contains(inc.name())) return;
      process(inc, p.getParent() == null ? Path.of("") : p.getParent(), depth + 1);
      out.marker(file.name(), line.line() + 1, 2);
      return;
    }
    sink.report(Diags.error("CAM022", "'" + target + "' file not found (searched "
        + (search.isEmpty() ? "no directories" : search.size() + " director" + (search.size() == 1 ? "y" : "ies"))
        + ")", where, dev.cpkit.diag.Diagnostic.Note.hint("add the directory with -I DIR")));
  }

  private String includeSpec(SourceFile file, PpLines.Line line, List<PpToken> rest) {
    String t = line.text().trim();
    int at = t.indexOf("include");
    String raw = t.substring(at).replaceFirst("^include(_next)?", "").trim();
    if (raw.startsWith("\"")) {
      int end = raw.indexOf('"', 1);
      return end > 1 ? raw.substring(0, end + 1) : null;
    }
    if (raw.startsWith("<")) {
      int end = raw.indexOf('>');
      return end > 1 ? raw.substring(0, end + 1) : null;
    }
    try {
      List<PpToken> x = new MacroExpander(macros, file.name(), line.line()).expand(rest, null);
      if (x.size() == 1 && x.get(0).kind() == PpToken.Kind.STRING) return x.get(0).text();
      String joined = join(x).replace(" ", "");
      return joined.startsWith("<") && joined.endsWith(">") && joined.length() > 2 ? joined : null;
    } catch (MacroExpander.Failure f) {
      return null;
    }
  }
}
