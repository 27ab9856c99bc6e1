// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.codegen;

import java.util.Set;

/**
 * The naming rule of generated constants (docs/headers.md, "Naming rule"): a name from the
 * SDF is upper-cased, every character a C identifier cannot hold becomes {@code _}, and a
 * leading digit gets an {@code _} in front. One rule for C and Rust, so that the C and Rust
 * code of one system use the same names.
 */
public final class CNames {
  private CNames() {}

  private static final Set<String> C_KEYWORDS = Set.of("auto", "break", "case", "char",
      "const", "continue", "default", "do", "double", "else", "enum", "extern", "float", "for",
      "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short",
      "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
      "volatile", "while", "_Bool", "_Complex", "_Imaginary", "bool", "true", "false",
      // C++ keywords a symbol must avoid too, since the header is also included from C++
      "class", "delete", "new", "namespace", "template", "this", "throw", "try", "catch",
      "public", "private", "protected", "virtual", "friend", "operator", "using", "typename",
      "explicit", "mutable", "export", "nullptr", "constexpr", "decltype", "noexcept");

  /** A part of a constant name: upper-cased, non-identifier characters replaced by '_'. */
  public static String part(String raw) {
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if ((c >= 'a' && c <= 'z')) {
        sb.append((char) (c - 'a' + 'A'));
      } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
        sb.append(c);
      } else {
        sb.append('_');
      }
    }
    return sb.toString();
  }

  /** A whole constant name: the prefix, then the parts; a leading digit gets '_' in front. */
  public static String constant(String prefix, String name) {
    String n = prefix + name;
    if (!n.isEmpty() && Character.isDigit(n.charAt(0))) n = "_" + n;
    return n;
  }

  /** Whether s can be used as-is as a C (and C++) identifier: a setvar symbol must be one. */
  public static boolean isCIdentifier(String s) {
    if (s == null || s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
          || (i > 0 && c >= '0' && c <= '9');
      if (!ok) return false;
    }
    return !C_KEYWORDS.contains(s);
  }

  /** Whether a --prefix value can start every C identifier (empty is fine). */
  public static boolean isValidPrefix(String prefix) {
    return prefix.matches("([A-Za-z_][A-Za-z0-9_]*)?");
  }

  /**
   * The file name for a PD: characters outside {@code [A-Za-z0-9_.-]} become '_', and a name
   * that is empty or only dots becomes '_'; so every output stays directly inside the output
   * directory whatever the PD is called.
   */
  public static String fileStem(String pdName) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pdName.length(); i++) {
      char c = pdName.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-' || c == '.';
      sb.append(ok ? c : '_');
    }
    String s = sb.toString();
    if (s.chars().allMatch(c -> c == '.')) s = "_" + s.replace('.', '_');
    if (s.startsWith(".")) s = "_" + s.substring(1);
    return s;
  }
}
