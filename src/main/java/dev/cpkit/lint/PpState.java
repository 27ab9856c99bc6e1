// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The macros of one translation unit at a point of the walk over its directives: those
 * certainly defined, those that may or may not be (defined or undefined in a branch whose
 * condition was not decided), and what the includes that were not found may define.
 */
final class PpState implements MacroExpander.Source {
  enum Status { DEFINED, UNDEFINED, UNKNOWN }

  private final Map<String, Macro> defined = new HashMap<>();
  private final Set<String> uncertain = new HashSet<>();
  private final Set<String> undefinedHere = new HashSet<>();
  private final List<Predicate<String>> unfound = new ArrayList<>();

  /** A translation unit's start: the {@code -D} values and the generated header's names. */
  PpState(Map<String, Long> presets) {
    presets.forEach((n, v) -> defined.put(n, Macro.object(n, number(v))));
  }

  private static List<Token> number(long v) {
    return List.of(new Token(Token.Kind.NUMBER, Long.toUnsignedString(v), 0, 0));
  }

  /** A {@code #define}; {@code certain} when its branch is known to be taken. */
  void define(Macro m, boolean certain) {
    if (certain) {
      defined.put(m.name(), m);
      uncertain.remove(m.name());
      undefinedHere.remove(m.name());
    } else {
      uncertain.add(m.name());
    }
  }

  void undef(String name, boolean certain) {
    if (certain) {
      defined.remove(name);
      uncertain.remove(name);
      undefinedHere.add(name);
    } else {
      uncertain.add(name);
    }
  }

  /** An {@code #include} that was not found. */
  void unfound(String spelled) {
    Predicate<String> may = UnfoundHeaders.mayDefine(spelled);
    unfound.add(may);
    undefinedHere.removeIf(may);
  }

  Status status(String name) {
    if (uncertain.contains(name)) return Status.UNKNOWN;
    if (defined.containsKey(name)) return Status.DEFINED;
    if (undefinedHere.contains(name)) return Status.UNDEFINED;
    for (Predicate<String> p : unfound) if (p.test(name)) return Status.UNKNOWN;
    return Status.UNDEFINED;
  }

  @Override
  public Macro macro(String name) {
    return defined.get(name);
  }

  @Override
  public boolean unknown(String name) {
    return status(name) == Status.UNKNOWN;
  }
}
