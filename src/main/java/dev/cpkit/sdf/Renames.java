// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.sdf.xml.XmlAttribute;
import dev.cpkit.sdf.xml.XmlElement;
import dev.cpkit.sdf.xml.XmlParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Attribute names that sel4cp-dev renamed (Ivan-Velickovic/sel4cp@4962f4c, April 2023):
 * {@code vm_id} on a virtual machine and {@code pd_id} on a child PD became {@code id}. The
 * transition guide's VM examples still use the old names. {@link #apply} rewrites them in the
 * text without moving any other character, so source offsets stay valid.
 */
public final class Renames {
  private Renames() {}

  /** One rewritten attribute, at the offset of its name. */
  public record Rename(String from, String to, int offset) {}

  /** The text with old attribute names replaced, and what was replaced. */
  public record Result(String text, List<Rename> renames) {}

  public static Result apply(String text) {
    XmlParser.Result parsed = XmlParser.parse(text);
    if (parsed.root() == null) return new Result(text, List.of());
    StringBuilder sb = new StringBuilder(text);
    List<Rename> done = new ArrayList<>();
    Deque<XmlElement> stack = new ArrayDeque<>();
    stack.push(parsed.root());
    while (!stack.isEmpty()) {
      XmlElement e = stack.pop();
      String old = e.tag().equals("virtual_machine") ? "vm_id"
          : e.tag().equals("protection_domain") ? "pd_id" : null;
      XmlAttribute a = old == null ? null : e.attribute(old);
      if (a != null && !e.has("id")) {
        // "vm_id" -> "id   ": XML allows spaces before '=', and offsets do not move
        sb.replace(a.nameStart(), a.nameStart() + old.length(), "id" + " ".repeat(old.length() - 2));
        done.add(new Rename(old, "id", a.nameStart()));
      }
      for (XmlElement c : e.elements()) stack.push(c);
    }
    done.sort((x, y) -> Integer.compare(x.offset(), y.offset()));
    return new Result(sb.toString(), done);
  }
}
