// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf.xml;

import java.util.ArrayList;
import java.util.List;

/**
 * An element: tag, attributes in document order, and child nodes. {@code start} is the offset
 * of its {@code <}, which is where both reference tools locate an element.
 *
 * <p>A class rather than a record so that it can keep its child elements at hand: readers ask
 * for them on every visit, and {@code cpkit check} runs mostly before the JIT has warmed up.
 * Elements compare by identity, as nodes of one tree.
 */
public final class XmlElement implements XmlNode {
  private final String tag;
  private final List<XmlAttribute> attributes;
  private final List<XmlNode> children;
  private final List<XmlElement> elements;
  private final int start;
  private final int nameEnd;
  private final int end;

  public XmlElement(String tag, List<XmlAttribute> attributes, List<XmlNode> children,
      int start, int nameEnd, int end) {
    this(tag, List.copyOf(attributes), List.copyOf(children), start, nameEnd, end, true);
  }

  /**
   * For the parser, which hands over lists nobody else holds: they are wrapped, not copied
   * (a large system has tens of thousands of elements, most of them leaves).
   */
  static XmlElement adopt(String tag, List<XmlAttribute> attributes, List<XmlNode> children,
      int start, int nameEnd, int end) {
    return new XmlElement(tag,
        attributes.isEmpty() ? List.of() : java.util.Collections.unmodifiableList(attributes),
        children.isEmpty() ? List.of() : java.util.Collections.unmodifiableList(children),
        start, nameEnd, end, true);
  }

  private XmlElement(String tag, List<XmlAttribute> attributes, List<XmlNode> children,
      int start, int nameEnd, int end, boolean owned) {
    this.tag = tag;
    this.attributes = attributes;
    this.children = children;
    List<XmlElement> els = null;
    for (int i = 0; i < children.size(); i++) {
      if (children.get(i) instanceof XmlElement e) {
        if (els == null) els = new ArrayList<>();
        els.add(e);
      }
    }
    this.elements = els == null ? List.of() : java.util.Collections.unmodifiableList(els);
    this.start = start;
    this.nameEnd = nameEnd;
    this.end = end;
  }

  public String tag() {
    return tag;
  }

  /** Attributes in document order. */
  public List<XmlAttribute> attributes() {
    return attributes;
  }

  /** Every child node: elements, text, comments. */
  public List<XmlNode> children() {
    return children;
  }

  @Override
  public int start() {
    return start;
  }

  /** Offset just after the tag name. */
  public int nameEnd() {
    return nameEnd;
  }

  /** Offset just after the element (its end tag, or {@code />}). */
  public int end() {
    return end;
  }

  @Override
  public String toString() {
    return "<" + tag + "> at " + start;
  }

  public XmlAttribute attribute(String name) {
    for (int i = 0; i < attributes.size(); i++) {
      XmlAttribute a = attributes.get(i);
      if (a.name().equals(name)) return a;
    }
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
    return elements;
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
    XmlText first = null;
    StringBuilder sb = null;
    int end = -1;
    for (int i = from; i < children.size(); i++) {
      XmlNode n = children.get(i);
      if (n instanceof XmlElement) break;
      if (n instanceof XmlText t) {
        if (first == null) {
          first = t; // usually the only one: returned as it is
        } else {
          if (sb == null) sb = new StringBuilder(first.text());
          sb.append(t.text());
          end = t.end();
        }
      }
    }
    return sb == null ? first : new XmlText(sb.toString(), first.start(), end);
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
