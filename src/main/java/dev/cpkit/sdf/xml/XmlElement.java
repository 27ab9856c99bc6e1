// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf.xml;

import java.util.ArrayList;
import java.util.List;

/**
 * An element: tag, attributes in document order, and child nodes. {@code start} is the offset
 * of its {@code <}, which is where both reference tools locate an element.
 */
public record XmlElement(
    String tag, List<XmlAttribute> attributes, List<XmlNode> children, int start, int nameEnd,
    int end)
    implements XmlNode {

  public XmlAttribute attribute(String name) {
    for (XmlAttribute a : attributes) if (a.name().equals(name)) return a;
    return null;
  }

  public String value(String name) {
    XmlAttribute a = attribute(name);
    return a == null ? null : a.value();
  }

  public boolean has(String name) {
    return attribute(name) != null;
  }

  /** Child elements only, in document order. */
  public List<XmlElement> elements() {
    List<XmlElement> out = new ArrayList<>();
    for (XmlNode n : children) if (n instanceof XmlElement e) out.add(e);
    return out;
  }

  /**
   * ElementTree's {@code text}: all character data before the first child element (comments
   * are dropped by ElementTree, so text on both sides of one is joined). Null when none.
   */
  public XmlText etText() {
    return joinedText(0);
  }

  /** ElementTree's {@code tail} of child element number {@code index} among {@code children}. */
  XmlText joinedText(int from) {
    StringBuilder sb = null;
    int start = -1;
    int end = -1;
    for (int i = from; i < children.size(); i++) {
      XmlNode n = children.get(i);
      if (n instanceof XmlElement) break;
      if (n instanceof XmlText t) {
        if (sb == null) {
          sb = new StringBuilder();
          start = t.start();
        }
        sb.append(t.text());
        end = t.end();
      }
    }
    return sb == null ? null : new XmlText(sb.toString(), start, end);
  }

  /** ElementTree's {@code tail} of the given child element: the text after its end tag. */
  public XmlText etTail(XmlElement child) {
    // children are in document order, so their start offsets increase: binary search keeps
    // a walk over an element with 100,000 children linear overall
    int lo = 0;
    int hi = children.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int start = children.get(mid).start();
      if (start < child.start()) {
        lo = mid + 1;
      } else if (start > child.start()) {
        hi = mid - 1;
      } else {
        return children.get(mid) == child ? joinedText(mid + 1) : null;
      }
    }
    return null;
  }
}
