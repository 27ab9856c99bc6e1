// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Translation phases 2 and 3 of C: splices backslash-newlines and replaces comments, giving
 * logical lines. A comment that stays within one physical line becomes spaces of the same
 * width so that columns of the following tokens still match the original file.
 */
final class PpLines {
  /** A logical line: its text, its first physical line (1-based) and start offset. */
  record Line(String text, int line, int offset) {}

  private PpLines() {}

  static List<Line> split(SourceFile file, DiagnosticSink sink) {
    String s = file.text();
    List<Line> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int line = 1;
    int startLine = 1;
    int startOffset = 0;
    int i = 0;
    int n = s.length();
    char quote = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == '\n'
          || (s.charAt(i + 1) == '\r' && i + 2 < n && s.charAt(i + 2) == '\n'))) {
        i += s.charAt(i + 1) == '\r' ? 3 : 2;
        line++;
        continue;
      }
      if (c == '\n') {
        out.add(new Line(stripCr(cur), startLine, startOffset));
        cur.setLength(0);
        quote = 0;
        i++;
        line++;
        startLine = line;
        startOffset = i;
        continue;
      }
      if (quote != 0) {
        cur.append(c);
        if (c == '\\' && i + 1 < n && s.charAt(i + 1) != '\n') {
          cur.append(s.charAt(i + 1));
          i += 2;
          continue;
        }
        if (c == quote) quote = 0;
        i++;
        continue;
      }
      if (c == '"' || c == '\'') {
        quote = c;
        cur.append(c);
        i++;
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
        // Line comment: runs to the end of the line (a splice continues it).
        while (i < n && s.charAt(i) != '\n') {
          if (s.charAt(i) == '\\' && i + 1 < n && s.charAt(i + 1) == '\n') {
            line++;
            i++;
          }
          i++;
        }
        cur.append(' ');
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        if (end < 0) {
          sink.report(Diags.error("CAM001", "unterminated comment", file.span(i, i + 2)));
          i = n;
          break;
        }
        String body = s.substring(i, end + 2);
        int newlines = (int) body.chars().filter(ch -> ch == '\n').count();
        cur.append(newlines == 0 ? " ".repeat(body.length()) : " ");
        line += newlines;
        i = end + 2;
      } else {
        cur.append(c);
        i++;
      }
    }
    if (cur.length() > 0 || startOffset < n) out.add(new Line(stripCr(cur), startLine, startOffset));
    return out;
  }

  private static String stripCr(StringBuilder b) {
    int len = b.length();
    return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
  }

  /** Splits a logical line into preprocessing tokens. */
  static List<PpToken> tokens(String s) {
    List<PpToken> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    boolean space = false;
    while (i < n) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\f' || c == '\u000b' || c == '\r') {
        space = true;
        i++;
        continue;
      }
      int start = i;
      PpToken.Kind kind;
      if (Character.isLetter(c) || c == '_' || c == '$') {
        while (i < n && isIdentPart(s.charAt(i))) i++;
        kind = PpToken.Kind.IDENT;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
        i++;
        while (i < n) {
          char d = s.charAt(i);
          if ((d == '+' || d == '-') && "eEpP".indexOf(s.charAt(i - 1)) >= 0) i++;
          else if (isIdentPart(d) || d == '.') i++;
          else break;
        }
        kind = PpToken.Kind.NUMBER;
      } else if (c == '"' || c == '\'') {
        i++;
        while (i < n && s.charAt(i) != c) i += s.charAt(i) == '\\' ? 2 : 1;
        i = Math.min(n, i + 1);
        kind = c == '"' ? PpToken.Kind.STRING : PpToken.Kind.CHAR;
      } else if (s.startsWith("##", i) || s.startsWith("...", i)) {
        i += s.startsWith("##", i) ? 2 : 3;
        kind = PpToken.Kind.PUNCT;
      } else {
        i++;
        kind = PpToken.Kind.PUNCT;
      }
      out.add(PpToken.of(kind, s.substring(start, i), space).at(start));
      space = false;
    }
    return out;
  }

  static boolean isIdentPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
