// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf.xml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A small, strict, non-validating XML parser for system description files.
 *
 * <p>Why not a library: both reference tools locate an element at its {@code <}, and cpkit
 * also points at attribute names and values; the JDK parsers only report the end of a start
 * tag. Writing the parser also keeps start-up fast (the whole {@code cpkit check} process is
 * benchmarked against the Python tool) and makes DTD and entity attacks impossible by
 * construction: a DOCTYPE is refused, only the five predefined entities and character
 * references exist, and nesting is limited.
 *
 * <p>It is iterative (no recursion), so deep nesting cannot overflow the stack. Errors carry
 * expat's message names and positions so the sel4cp format can report them as the Python
 * tools do.
 */
public final class XmlParser {
  /** Deeper nesting is refused; the Python reference tools crash (RecursionError) well before. */
  public static final int MAX_DEPTH = 512;

  private final String s;
  private final int n;
  private int pos;

  private XmlParser(String text) {
    this.s = text;
    this.n = text.length();
  }

  /** The result: a root element, or the first syntax error. */
  public record Result(XmlElement root, XmlSyntaxError error) {}

  public static Result parse(String text) {
    XmlParser p = new XmlParser(text);
    try {
      return new Result(p.document(), null);
    } catch (Failure f) {
      return new Result(null, f.error);
    }
  }

  private static final class Failure extends RuntimeException {
    final XmlSyntaxError error;

    Failure(XmlSyntaxError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }

  private Failure fail(String message, int at) {
    return new Failure(new XmlSyntaxError(message, at, false));
  }

  private Failure refuse(String message, int at) {
    return new Failure(new XmlSyntaxError(message, at, true));
  }

  // document = BOM? xmldecl? misc* element misc*
  private XmlElement document() {
    if (n > 0 && s.charAt(0) == '\uFEFF') pos = 1;
    if (s.startsWith("<?xml", pos) && pos + 5 < n && isSpace(s.charAt(pos + 5))) {
      int close = s.indexOf("?>", pos);
      if (close < 0) throw fail("unclosed token", pos);
      pos = close + 2;
    }
    miscellany(false);
    if (pos >= n) throw fail("no element found", n);
    if (s.charAt(pos) != '<') throw fail("syntax error", pos);
    XmlElement root = elementTree();
    miscellany(true);
    if (pos < n) throw fail("junk after document element", pos);
    return root;
  }

  /** Whitespace, comments and processing instructions outside the root element. */
  private void miscellany(boolean afterRoot) {
    while (pos < n) {
      char c = s.charAt(pos);
      if (isSpace(c)) {
        pos++;
      } else if (s.startsWith("<!--", pos)) {
        comment();
      } else if (s.startsWith("<?", pos)) {
        processingInstruction();
      } else if (s.startsWith("<!DOCTYPE", pos)) {
        if (afterRoot) throw fail("junk after document element", pos);
        throw refuse("DOCTYPE declarations are not allowed in a system description", pos);
      } else {
        return;
      }
    }
  }

  private int comment() {
    int start = pos;
    int close = s.indexOf("-->", pos + 4);
    if (close < 0) throw fail("unclosed token", start);
    int dd = s.indexOf("--", pos + 4);
    if (dd >= 0 && dd < close) throw fail("not well-formed (invalid token)", dd);
    pos = close + 3;
    return start;
  }

  private int processingInstruction() {
    int start = pos;
    int close = s.indexOf("?>", pos + 2);
    if (close < 0) throw fail("unclosed token", start);
    int nameEnd = pos + 2;
    while (nameEnd < close && isNameChar(s.charAt(nameEnd))) nameEnd++;
    if (nameEnd == pos + 2) throw fail("not well-formed (invalid token)", pos + 2);
    if (s.substring(pos + 2, nameEnd).equalsIgnoreCase("xml")) {
      throw fail("XML or text declaration not at start of entity", start);
    }
    pos = close + 2;
    return start;
  }

  /** Builds a tree for the element starting at {@code pos}, without recursion. */
  private XmlElement elementTree() {
    Deque<Open> stack = new ArrayDeque<>();
    XmlElement finished = null;
    Open root = startTag();
    if (root.selfClosed) return root.build(pos);
    stack.push(root);
    while (!stack.isEmpty()) {
      Open top = stack.peek();
      if (pos >= n) throw fail("no element found", n);
      char c = s.charAt(pos);
      if (c == '<') {
        if (s.startsWith("</", pos)) {
          int at = pos;
          pos += 2;
          int nameStart = pos;
          name();
          String tag = s.substring(nameStart, pos);
          skipSpace();
          if (pos >= n) throw fail("unclosed token", at);
          if (s.charAt(pos) != '>') throw fail("not well-formed (invalid token)", pos);
          if (!tag.equals(top.tag)) throw fail("mismatched tag", at);
          pos++;
          stack.pop();
          finished = top.build(pos);
          if (!stack.isEmpty()) stack.peek().children.add(finished);
        } else if (s.startsWith("<!--", pos)) {
          int start = comment();
          top.children.add(new XmlComment(start, pos));
        } else if (s.startsWith("<![CDATA[", pos)) {
          int start = pos;
          int close = s.indexOf("]]>", pos + 9);
          if (close < 0) throw fail("unclosed CDATA section", start);
          top.addText(s.substring(pos + 9, close), start, close + 3);
          pos = close + 3;
        } else if (s.startsWith("<?", pos)) {
          int start = processingInstruction();
          top.children.add(new XmlComment(start, pos));
        } else if (s.startsWith("<!", pos)) {
          throw fail("not well-formed (invalid token)", pos + 1);
        } else {
          if (stack.size() >= MAX_DEPTH) {
            throw refuse("elements are nested more than " + MAX_DEPTH + " levels deep", pos);
          }
          Open child = startTag();
          if (child.selfClosed) {
            top.children.add(child.build(pos));
          } else {
            stack.push(child);
          }
        }
      } else {
        text(top);
      }
    }
    return finished;
  }

  /** Character data up to the next {@code <}. */
  private void text(Open into) {
    int start = pos;
    StringBuilder sb = null;
    int runStart = pos;
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == '<') break;
      if (c == '&') {
        if (sb == null) sb = new StringBuilder();
        sb.append(s, runStart, pos);
        sb.append(reference());
        runStart = pos;
      } else if (c == ']' && s.startsWith("]]>", pos)) {
        throw fail("not well-formed (invalid token)", pos);
      } else {
        checkChar(c, pos);
        pos++;
      }
    }
    String value = sb == null ? s.substring(runStart, pos) : sb.append(s, runStart, pos).toString();
    into.addText(value, start, pos);
  }

  private void checkChar(char c, int at) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      throw fail("not well-formed (invalid token)", at);
    }
    if (c == '\uFFFE' || c == '\uFFFF') throw fail("not well-formed (invalid token)", at);
  }

  /** {@code &name;} or {@code &#N;}/{@code &#xN;} at {@code pos}; returns the replacement. */
  private String reference() {
    int at = pos;
    int semi = s.indexOf(';', pos);
    if (semi < 0 || semi - pos > 12) {
      // expat reports a reference that never ends as a token that does not end
      throw fail(semi < 0 ? "unclosed token" : "not well-formed (invalid token)", at);
    }
    String body = s.substring(pos + 1, semi);
    pos = semi + 1;
    if (body.startsWith("#")) {
      int code;
      try {
        code = body.startsWith("#x") ? Integer.parseInt(body.substring(2), 16)
            : Integer.parseInt(body.substring(1), 10);
      } catch (NumberFormatException e) {
        throw fail("not well-formed (invalid token)", at);
      }
      if (!Character.isValidCodePoint(code) || code == 0
          || (code < 0x20 && code != 9 && code != 10 && code != 13)
          || (code >= 0xD800 && code <= 0xDFFF) || code == 0xFFFE || code == 0xFFFF) {
        throw fail("reference to invalid character number", at);
      }
      return new String(Character.toChars(code));
    }
    return switch (body) {
      case "lt" -> "<";
      case "gt" -> ">";
      case "amp" -> "&";
      case "quot" -> "\"";
      case "apos" -> "'";
      default -> {
        if (body.isEmpty() || !isNameStart(body.charAt(0))) {
          throw fail("not well-formed (invalid token)", at);
        }
        throw fail("undefined entity", at);
      }
    };
  }

  /** An element being built. */
  private static final class Open {
    final String tag;
    final List<XmlAttribute> attributes;
    final List<XmlNode> children = new ArrayList<>();
    final int start;
    final int nameEnd;
    boolean selfClosed;

    Open(String tag, List<XmlAttribute> attributes, int start, int nameEnd) {
      this.tag = tag;
      this.attributes = attributes;
      this.start = start;
      this.nameEnd = nameEnd;
    }

    void addText(String text, int from, int to) {
      if (!children.isEmpty() && children.get(children.size() - 1) instanceof XmlText t) {
        children.set(children.size() - 1, new XmlText(t.text() + text, t.start(), to));
      } else {
        children.add(new XmlText(text, from, to));
      }
    }

    XmlElement build(int end) {
      return new XmlElement(tag, List.copyOf(attributes), List.copyOf(children), start, nameEnd,
          end);
    }
  }

  // stag = '<' Name (S attribute)* S? ('>' | '/>')
  private Open startTag() {
    int start = pos;
    pos++;
    if (pos >= n) throw fail("unclosed token", start);
    if (!isNameStart(s.charAt(pos))) throw fail("not well-formed (invalid token)", pos);
    name();
    String tag = s.substring(start + 1, pos);
    int nameEnd = pos;
    List<XmlAttribute> attributes = new ArrayList<>(4);
    while (true) {
      boolean spaced = skipSpace();
      if (pos >= n) throw fail("unclosed token", start);
      char c = s.charAt(pos);
      if (c == '>') {
        pos++;
        return new Open(tag, attributes, start, nameEnd);
      }
      if (c == '/') {
        if (pos + 1 >= n) throw fail("unclosed token", start);
        if (s.charAt(pos + 1) != '>') throw fail("not well-formed (invalid token)", pos);
        pos += 2;
        Open o = new Open(tag, attributes, start, nameEnd);
        o.selfClosed = true;
        return o;
      }
      if (!spaced || !isNameStart(c)) throw fail("not well-formed (invalid token)", pos);
      attributes.add(attribute(attributes, start));
    }
  }

  // attribute = Name S? '=' S? ('"' value '"' | "'" value "'")
  private XmlAttribute attribute(List<XmlAttribute> seen, int tagStart) {
    int nameStart = pos;
    name();
    String name = s.substring(nameStart, pos);
    skipSpace();
    if (pos >= n) throw fail("unclosed token", tagStart);
    if (s.charAt(pos) != '=') throw fail("not well-formed (invalid token)", pos);
    pos++;
    skipSpace();
    if (pos >= n) throw fail("unclosed token", tagStart);
    char quote = s.charAt(pos);
    if (quote != '"' && quote != '\'') throw fail("not well-formed (invalid token)", pos);
    pos++;
    int valueStart = pos;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= n) throw fail("unclosed token", tagStart);
      char c = s.charAt(pos);
      if (c == quote) break;
      if (c == '<') throw fail("not well-formed (invalid token)", pos);
      if (c == '&') {
        String r = reference();
        // a character reference to whitespace is kept; literal whitespace is normalised
        sb.append(r);
        continue;
      }
      checkChar(c, pos);
      sb.append(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
      pos++;
    }
    int valueEnd = pos;
    pos++;
    for (XmlAttribute a : seen) {
      if (a.name().equals(name)) throw fail("duplicate attribute", nameStart);
    }
    return new XmlAttribute(name, sb.toString(), nameStart, valueStart, valueEnd);
  }

  private void name() {
    while (pos < n && isNameChar(s.charAt(pos))) pos++;
  }

  private boolean skipSpace() {
    int start = pos;
    while (pos < n && isSpace(s.charAt(pos))) pos++;
    return pos > start;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
        || (c >= 0xC0 && c != 0xD7 && c != 0xF7 && !Character.isWhitespace(c)
            && c != '\uFFFE' && c != '\uFFFF');
  }

  private static boolean isNameChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == 0xB7;
  }
}
