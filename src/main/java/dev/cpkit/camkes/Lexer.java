// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.diag.SourceSpan;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits preprocessed CAmkES text into tokens. Lines starting with {@code #} are cpp line
 * markers (they move the mapping to the original file and line) or leftover directives
 * (ignored, as the reference lexer ignores them). Comments are accepted too, so the lexer also
 * works on text that did not go through cpp.
 */
final class Lexer {
  static final Set<String> KEYWORDS = Set.of(
      "assembly", "attribute", "Buf", "char", "component", "composition", "configuration",
      "connection", "connector", "consumes", "control", "dataport", "Dataport", "Dataports",
      "emits", "Event", "Events", "export", "False", "false", "from", "group", "hardware", "has",
      "import", "in", "include", "inout", "int", "integer", "int64_t", "maybe", "mutex", "out",
      "procedure", "Procedure", "Procedures", "provides", "refin", "semaphore", "schedule",
      "binary_semaphore", "signed", "struct", "string", "ticks", "thread", "threads", "True",
      "true", "to", "uint64_t", "unsigned", "us", "uses", "void", "with");

  private static final List<String> PUNCT = List.of(
      "<-", "->", "**", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
      "{", "}", "(", ")", "[", "]", ";", ",", ".", "=", ":", "?", "+", "-", "*", "/", "%",
      "<", ">", "&", "|", "^", "!", "~");

  private final SourceFile text;
  private final Preprocessed pre;
  private final SourceSet sources;
  private final DiagnosticSink sink;
  private final Map<SourceFile, int[]> lineStarts = new IdentityHashMap<>();

  // The current line marker: output line `markerLine` is followed by line `origLine` of `origFile`.
  private String origFile;
  private int markerLine;
  private int origLine = 1;
  private boolean truncated;

  Lexer(Preprocessed pre, String topName, SourceSet sources, DiagnosticSink sink) {
    this.text = pre.output();
    this.pre = pre;
    this.sources = sources;
    this.sink = sink;
    this.origFile = topName;
  }

  List<Token> tokens() {
    String s = text.text();
    int n = s.length();
    List<Token> out = new ArrayList<>();
    int i = 0;
    boolean lineStart = true;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\n') {
        lineStart = true;
        i++;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        i++;
        continue;
      }
      if (c == '#') {
        int end = s.indexOf('\n', i);
        if (end < 0) end = n;
        if (lineStart) marker(s.substring(i, end), text.lineOf(i));
        i = end;
        continue;
      }
      lineStart = false;
      int start = i;
      if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
        while (i < n && s.charAt(i) != '\n') i++;
        continue;
      }
      if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        if (end < 0) {
          sink.report(Diags.error("CAM001", "unterminated comment", span(i, i + 2)));
          truncated = true;
          break;
        }
        i = end + 2;
        continue;
      }
      if (Character.isLetter(c) || c == '_') {
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
        String word = s.substring(start, i);
        out.add(new Token(KEYWORDS.contains(word) ? Token.Kind.KEYWORD : Token.Kind.IDENT, word, span(start, i)));
      } else if (Character.isDigit(c)) {
        i = number(s, i, out);
      } else if (c == '"') {
        int end = i + 1;
        while (end < n && s.charAt(end) != '"') end++; // a string may span lines, as in CAmkES
        if (end >= n || s.charAt(end) != '"') {
          sink.report(Diags.error("CAM040", "unterminated string", span(i, Math.min(end, i + 1))));
          truncated = true;
          i = end;
          continue;
        }
        out.add(new Token(Token.Kind.STRING, s.substring(i, end + 1), span(i, end + 1)));
        i = end + 1;
      } else if (c == '<' && afterImportOrInclude(out)) {
        int end = i + 1;
        while (end < n && "<>;,\"{}\n".indexOf(s.charAt(end)) < 0) end++;
        if (end >= n || s.charAt(end) != '>') {
          sink.report(Diags.error("CAM042", "unterminated '<...>' file name", span(i, end)));
          i = end;
          continue;
        }
        out.add(new Token(Token.Kind.ANGLE, s.substring(i, end + 1), span(i, end + 1)));
        i = end + 1;
      } else {
        String p = punct(s, i);
        if (p == null) {
          sink.report(Diags.error("CAM041", "unexpected character '" + c + "'", span(i, i + 1)));
          i++;
          continue;
        }
        out.add(new Token(Token.Kind.PUNCT, p, span(i, i + p.length())));
        i += p.length();
      }
    }
    out.add(new Token(Token.Kind.EOF, "", span(n, n)));
    return out;
  }

  /** True when an unterminated comment or string ran to the end of the input. */
  boolean truncated() {
    return truncated;
  }

  private int number(String s, int i, List<Token> out) {
    int start = i;
    int n = s.length();
    if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
      i += 2;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0) i++;
    } else {
      while (i < n && Character.isDigit(s.charAt(i))) i++;
      if (i + 1 < n && s.charAt(i) == '.' && Character.isDigit(s.charAt(i + 1))) {
        i++;
        while (i < n && Character.isDigit(s.charAt(i))) i++;
      }
    }
    int end = i;
    while (end < n && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) end++;
    if (end > i || s.substring(start, i).equalsIgnoreCase("0x")) {
      sink.report(Diags.error("CAM043", "invalid number '" + s.substring(start, end) + "'", span(start, end)));
    }
    out.add(new Token(Token.Kind.NUMBER, s.substring(start, i), span(start, end)));
    return end;
  }

  private static boolean afterImportOrInclude(List<Token> out) {
    if (out.isEmpty()) return false;
    Token last = out.get(out.size() - 1);
    return last.is("import") || last.is("include");
  }

  private static String punct(String s, int i) {
    for (String p : PUNCT) if (s.startsWith(p, i)) return p;
    return null;
  }

  /** Reads {@code # 12 "file" 1 2} or {@code #line 12 "file"}; other directives are ignored. */
  private void marker(String line, int outLine) {
    String rest = line.substring(1).trim();
    if (rest.startsWith("line")) rest = rest.substring(4).trim();
    int sp = 0;
    while (sp < rest.length() && Character.isDigit(rest.charAt(sp))) sp++;
    if (sp == 0) return;
    int q1 = rest.indexOf('"', sp);
    int q2 = q1 < 0 ? -1 : rest.indexOf('"', q1 + 1);
    while (q2 > 0 && rest.charAt(q2 - 1) == '\\') q2 = rest.indexOf('"', q2 + 1);
    try {
      origLine = Integer.parseInt(rest.substring(0, sp));
    } catch (NumberFormatException e) {
      return;
    }
    if (q1 >= 0 && q2 > q1) {
      origFile = rest.substring(q1 + 1, q2).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    markerLine = outLine;
  }

  /** The span of output text [start, end), mapped back to the original file. */
  private SourceSpan span(int start, int end) {
    int outLine = text.lineOf(start);
    int line = origLine + (outLine - markerLine - 1);
    int column = text.columnOf(start);
    String macro = pre.macroAt(outLine, column - 1);
    SourceFile original = sources.get(origFile);
    if (macro == null && original != null) {
      int[] starts = lineStarts.computeIfAbsent(original, Lexer::lineTable);
      if (line >= 1 && line <= starts.length) {
        int lineEnd = line < starts.length ? starts[line] - 1 : original.text().length();
        int from = Math.min(starts[line - 1] + column - 1, lineEnd);
        return original.span(from, Math.min(from + (end - start), lineEnd));
      }
    }
    return new SourceSpan(text, start, end, new SourceSpan.Origin(origFile, line, column, macro));
  }

  private static int[] lineTable(SourceFile f) {
    String s = f.text();
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        if (n == starts.length) starts = java.util.Arrays.copyOf(starts, n * 2);
        starts[n++] = i + 1;
      }
    }
    return java.util.Arrays.copyOf(starts, n);
  }
}
