// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The integer constants visible to a PD's C code: {@code #define}s (object-like and
 * function-like, expanded as the preprocessor does: {@link MacroExpander}), enum constants,
 * file-scope {@code const} objects, the names of cpkit's generated header, and {@code -D}
 * values. A name defined twice with different bodies (in branches whose condition could not
 * be decided, or redefined) is ambiguous and evaluates to nothing, so the lint stays silent
 * rather than guess.
 */
public final class Constants implements MacroExpander.Source {
  private final Map<String, Macro> macros = new HashMap<>();
  private final Set<String> ambiguous = new HashSet<>();
  private final Map<String, Long> values = new HashMap<>();

  /** A value known from outside the sources (generated header name, -D); sources win. */
  public void preset(String name, long value) {
    values.putIfAbsent(name, value);
  }

  /** An object-like {@code #define name body}. */
  public void define(String name, List<Token> body) {
    define(Macro.object(name, body));
  }

  void define(Macro m) {
    values.remove(m.name());
    Macro prev = macros.putIfAbsent(m.name(), m);
    if (prev != null && !prev.sameAs(m)) ambiguous.add(m.name());
  }

  /** An enum constant or a file-scope const object: its value is known directly. */
  public void enumerator(String name, long value) {
    if (macros.containsKey(name)) return;
    Long prev = values.put(name, value);
    if (prev != null && prev != value) ambiguous.add(name);
  }

  public boolean isFunctionLike(String name) {
    Macro m = macros.get(name);
    return m != null && m.functionLike();
  }

  @Override
  public Macro macro(String name) {
    return macros.get(name);
  }

  @Override
  public boolean unknown(String name) {
    return ambiguous.contains(name);
  }

  /** The value of tokens as an integer constant expression, or null if not one. */
  public Long eval(List<Token> tokens) {
    return eval(tokens, Set.of());
  }

  /**
   * The value of tokens as an integer constant expression, or null if not one; the names in
   * {@code shadowed} are variables where the tokens are (a local or a parameter hides a
   * global constant of the same name), though macros still expand.
   */
  public Long eval(List<Token> tokens, Set<String> shadowed) {
    try {
      List<Token> expanded = MacroExpander.expand(tokens, this);
      return ConstExpr.evaluate(expanded,
          n -> ambiguous.contains(n) || shadowed.contains(n) ? null : values.get(n));
    } catch (NotConstant e) {
      return null;
    }
  }
}
