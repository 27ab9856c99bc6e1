// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.sdf.xml.XmlComment;
import dev.cpkit.sdf.xml.XmlElement;
import dev.cpkit.sdf.xml.XmlNode;
import dev.cpkit.sdf.xml.XmlParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the comments of an SDF so that {@code cpkit fmt} keeps them: each comment is
 * attached to the element that follows it among its siblings (comments after the last
 * element of {@code <system>} are kept at its end; others at the end of an element are
 * attached to the element itself). Processing instructions are dropped.
 */
public final class SdfComments {
  /** Key of the comments after the last element of the root. */
  static final int END_OF_ROOT = -2;

  private SdfComments() {}

  public static Map<Integer, List<String>> collect(String text) {
    XmlParser.Result parsed = XmlParser.parse(text);
    Map<Integer, List<String>> out = new HashMap<>();
    if (parsed.root() == null) return out;
    XmlElement root = parsed.root();
    List<String> beforeRoot = new ArrayList<>();
    int end = text.indexOf('<', text.startsWith("<?xml") ? 1 : 0);
    while (end >= 0 && end < root.start()) {
      if (text.startsWith("<!--", end)) {
        int close = text.indexOf("-->", end);
        beforeRoot.add(text.substring(end, close + 3));
        end = close + 3;
      }
      end = text.indexOf('<', end + 1);
    }
    if (!beforeRoot.isEmpty()) out.put(root.start(), beforeRoot);
    Deque<XmlElement> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      XmlElement e = stack.pop();
      List<String> pending = new ArrayList<>();
      for (XmlNode n : e.children()) {
        if (n instanceof XmlComment c && text.startsWith("<!--", c.start())) {
          pending.add(text.substring(c.start(), c.end()));
        } else if (n instanceof XmlElement child) {
          if (!pending.isEmpty()) {
            out.computeIfAbsent(child.start(), k -> new ArrayList<>()).addAll(pending);
            pending = new ArrayList<>();
          }
          stack.push(child);
        }
      }
      if (!pending.isEmpty()) {
        int key = e == root ? END_OF_ROOT : e.start();
        out.computeIfAbsent(key, k -> new ArrayList<>()).addAll(pending);
      }
    }
    return out;
  }
}
