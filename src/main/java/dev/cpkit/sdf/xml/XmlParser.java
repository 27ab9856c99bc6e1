// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf.xml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * <p>The sel4cp tools print expat's error position ({@code XML parse error: FILE:LINE.COL}),
 * so errors follow expat's tokenizer: a bad character is reported where it is, a token cut
 * off by the end of the file at the token's start, a mismatched end tag at its name, a
 * reference to an undefined entity at the {@code &} in text but at the start tag in an
 * attribute value, and so on (checked against expat 2.5 by {@code scripts/difftest-sel4cp.sh}).
 *
 * <p>It is iterative (no recursion), so deep nesting cannot overflow the stack.
 */
public final class XmlParser {
  /**
   * Deeper nesting is refused. The Python reference tools crash (RecursionError) at about
   * this depth, and read anything shallower, so the limit sits just above their own.
   */
  public static final int MAX_DEPTH = 1000;

  static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

  /** How element and attribute names are reported. */
  public enum Names {
    /** As written, {@code xmlns} attributes kept (roxmltree-like callers, the formatter). */
    AS_WRITTEN,
    /**
     * As Python's ElementTree names them: namespaces resolved to {@code {uri}local}, namespace
     * declarations dropped, expat's namespace errors (unbound prefix...) reported.
     */
    ELEMENT_TREE
  }

  private static final String INVALID = "not well-formed (invalid token)";
  private static final String UNCLOSED = "unclosed token";

  private final String s;
  /**
   * The same text as an array: start-up speed matters ({@code cpkit check} is one short
   * process), and before the JIT has compiled the scanning loops an array read is one
   * bytecode where {@code String.charAt} is a call with two checks.
   */
  private final char[] cs;
  private final int n;
  private final boolean ns;
  /** Whether some text node holds a character other than XML white space. */
  private boolean sawText;
  private int pos;

  private XmlParser(String text, Names names) {
    this.s = text;
    this.cs = text.toCharArray();
    this.n = text.length();
    this.ns = names == Names.ELEMENT_TREE;
  }

  /** The result: a root element, or the first syntax error. */
  /**
   * The root, or the first syntax error.
   *
   * @param onlyWhitespaceText no text node holds anything but XML white space, so a reader
   *     that refuses stray text can skip looking for it
   */
  public record Result(XmlElement root, XmlSyntaxError error, boolean onlyWhitespaceText) {
    public Result(XmlElement root, XmlSyntaxError error) {
      this(root, error, false);
    }
  }

  public static Result parse(String text) {
    return parse(text, Names.AS_WRITTEN);
  }

  public static Result parse(String text, Names names) {
    return new XmlParser(text, names).run();
  }

  private Result run() {
    try {
      XmlElement root = document();
      return new Result(root, null, !sawText);
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

  private char at(int i) {
    return i < n ? cs[i] : '\0';
  }

  // ---- document level ------------------------------------------------------------------

  // document = BOM? xmldecl? misc* element misc*
  private XmlElement document() {
    if (n > 0 && cs[0] == '\uFEFF') pos = 1;
    if (s.startsWith("<?xml", pos) && (isSpace(at(pos + 5)) || at(pos + 5) == '?')) {
      xmlDeclaration();
    }
    prolog();
    XmlElement root = elementTree();
    epilog();
    return root;
  }

  private static final String BAD_DECL = "XML declaration not well-formed";
  private static final List<String> DECL_NAMES = List.of("version", "encoding", "standalone");

  /**
   * {@code <?xml version=... encoding=... standalone=...?>}, read as expat reads it: a
   * pseudo-attribute name runs to '=' or a space, values hold only {@code [A-Za-z0-9._-]}
   * (reported at the first other character), then the names are checked (version first, the
   * others optional and in order: reported at the name) and the values (a version or
   * standalone value at its start, an encoding that does not start with a letter likewise).
   */
  private void xmlDeclaration() {
    int start = pos;
    int end = s.indexOf("?>", start);
    if (end < 0) throw fail(UNCLOSED, start);
    for (int i = start; i < end; i++) if (isBadChar(cs[i])) throw fail(INVALID, i);
    int i = start + 5;
    int next = 0;
    while (true) {
      int spaceStart = i;
      while (i < end && isSpace(cs[i])) i++;
      if (i == end) break;
      if (i == spaceStart) throw fail(BAD_DECL, i);
      int nameStart = i;
      while (i < end && cs[i] != '=' && !isSpace(cs[i])) {
        if (cs[i] >= 0x80) throw fail(BAD_DECL, i);
        i++;
      }
      String name = s.substring(nameStart, i);
      while (i < end && isSpace(cs[i])) i++;
      if (i == end || cs[i] != '=') throw fail(BAD_DECL, i);
      i++;
      while (i < end && isSpace(cs[i])) i++;
      if (i == end) throw fail(BAD_DECL, i);
      char quote = cs[i];
      if (quote != '"' && quote != '\'') throw fail(BAD_DECL, i);
      int valueStart = ++i;
      while (i < end && cs[i] != quote) {
        if (!isDeclarationValueChar(cs[i])) throw fail(BAD_DECL, i);
        i++;
      }
      if (i == end) throw fail(BAD_DECL, i);
      int index = DECL_NAMES.indexOf(name);
      if (index < next || (next == 0 && index != 0)) throw fail(BAD_DECL, nameStart);
      if (!goodDeclarationValue(index, s.substring(valueStart, i))) {
        throw fail(BAD_DECL, valueStart);
      }
      i++;
      next = index + 1;
    }
    if (next == 0) throw fail(BAD_DECL, i);
    pos = end + 2;
  }

  private static boolean isDeclarationValueChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == '-';
  }

  private static boolean goodDeclarationValue(int which, String v) {
    return switch (which) {
      case 0 -> !v.isEmpty();
      case 1 -> !v.isEmpty() && ((v.charAt(0) >= 'a' && v.charAt(0) <= 'z')
          || (v.charAt(0) >= 'A' && v.charAt(0) <= 'Z'));
      default -> v.equals("yes") || v.equals("no");
    };
  }

  /** Whitespace, comments and processing instructions before the root element. */
  private void prolog() {
    while (true) {
      if (pos >= n) throw fail("no element found", n);
      char c = cs[pos];
      if (isSpace(c)) {
        pos++;
      } else if (c == '<') {
        char d = at(pos + 1);
        if (isNameStart(d)) return;
        if (d == '!' || d == '?') {
          misc(true);
        } else if (pos + 1 >= n) {
          throw fail(UNCLOSED, pos);
        } else {
          throw fail(INVALID, pos + 1);
        }
      } else {
        throw prologJunk();
      }
    }
  }

  /**
   * Text before the root: expat's prolog tokenizer reads a name or name token, which must be
   * followed by a separator (else the next character is the invalid token), and then the
   * prolog grammar rejects it as a syntax error; a few characters are not tokens at all.
   */
  private Failure prologJunk() {
    char c = cs[pos];
    int start = pos;
    if (isNameChar(c) || c == '"' || c == '\'') {
      if (isNameChar(c)) {
        while (pos < n && isNameChar(cs[pos])) pos++;
      } else {
        int close = s.indexOf(c, pos + 1);
        if (close < 0) return fail(UNCLOSED, start);
        pos = close + 1;
      }
      if (pos >= n || isSpace(cs[pos]) || ">)]|,[?*+%".indexOf(cs[pos]) >= 0) {
        return fail("syntax error", start);
      }
      return fail(INVALID, pos);
    }
    if ("[]()|,%>?*+".indexOf(c) >= 0) return fail("syntax error", pos);
    return fail(INVALID, pos);
  }

  /** After the root element: only whitespace, comments and processing instructions. */
  private void epilog() {
    while (pos < n) {
      char c = cs[pos];
      if (isSpace(c)) {
        pos++;
      } else if (c == '<' && (at(pos + 1) == '!' || at(pos + 1) == '?')) {
        misc(false);
      } else if (c == '<' && isNameStart(at(pos + 1))) {
        throw fail("junk after document element", pos);
      } else if (c == '<') {
        throw fail(pos + 1 >= n ? UNCLOSED : INVALID, pos + 1 >= n ? pos : pos + 1);
      } else if (c == '&' || isBadChar(c)) {
        throw fail(INVALID, pos);
      } else {
        throw fail("junk after document element", pos);
      }
    }
  }

  /** A comment, PI or declaration outside the root element, at {@code <!} or {@code <?}. */
  private void misc(boolean beforeRoot) {
    if (cs[pos + 1] == '?') {
      processingInstruction();
      return;
    }
    if (s.startsWith("<!--", pos)) {
      comment();
      return;
    }
    if (at(pos + 2) == '-') throw fail(pos + 3 >= n ? UNCLOSED : INVALID, pos + 3 >= n ? pos : pos + 3);
    int nameStart = pos + 2;
    if (!isNameStart(at(nameStart))) {
      throw fail(nameStart >= n ? UNCLOSED : INVALID, nameStart >= n ? pos : nameStart);
    }
    int end = nameStart;
    while (end < n && isNameChar(cs[end])) end++;
    if (end >= n) throw fail(UNCLOSED, pos);
    if (!isSpace(cs[end]) && cs[end] != '%' && cs[end] != '[') {
      throw fail(INVALID, end);
    }
    if (beforeRoot && s.substring(nameStart, end).equals("DOCTYPE")) {
      throw refuse("DOCTYPE declarations are not allowed in a system description", pos);
    }
    throw fail("syntax error", pos);
  }

  /** {@code <!-- ... -->}: "--" may only end it. Returns its start. */
  private int comment() {
    int start = pos;
    int i = pos + 4;
    while (true) {
      if (i >= n) throw fail(UNCLOSED, start);
      char c = cs[i];
      if (c == '-' && at(i + 1) == '-') {
        if (i + 2 >= n) throw fail(UNCLOSED, start);
        if (cs[i + 2] != '>') throw fail(INVALID, i + 2);
        pos = i + 3;
        return start;
      }
      if (isBadChar(c)) throw fail(INVALID, i);
      i++;
    }
  }

  /** {@code <?target ...?>}; the target "xml" in any case is reserved. Returns its start. */
  private int processingInstruction() {
    int start = pos;
    int i = pos + 2;
    if (i >= n) throw fail(UNCLOSED, start);
    if (!isNameStart(cs[i])) throw fail(INVALID, i);
    while (i < n && isNameChar(cs[i])) i++;
    String target = s.substring(pos + 2, i);
    if (i >= n) throw fail(UNCLOSED, start);
    char c = cs[i];
    if (target.equalsIgnoreCase("xml")) {
      if (!target.equals("xml")) throw fail(INVALID, i);
      if (isSpace(c) || c == '?') throw fail("XML or text declaration not at start of entity", start);
    }
    if (c == '?') {
      if (i + 1 >= n) throw fail(UNCLOSED, start);
      if (cs[i + 1] != '>') throw fail(INVALID, i + 1);
      pos = i + 2;
      return start;
    }
    if (!isSpace(c)) throw fail(INVALID, i);
    while (true) {
      if (i >= n) throw fail(UNCLOSED, start);
      char d = cs[i];
      if (d == '?' && at(i + 1) == '>') {
        pos = i + 2;
        return start;
      }
      if (isBadChar(d)) throw fail(INVALID, i);
      i++;
    }
  }

  // ---- elements ------------------------------------------------------------------------

  /** Builds a tree for the element starting at {@code pos}, without recursion. */
  private XmlElement elementTree() {
    Deque<Open> stack = new ArrayDeque<>();
    Namespaces scope = ns ? new Namespaces(null) : null;
    Open root = startTag(scope);
    if (root.selfClosed) return root.build(pos);
    stack.push(root);
    XmlElement finished = null;
    while (!stack.isEmpty()) {
      XmlElement done = step(stack);
      if (done != null) finished = done;
    }
    return finished;
  }

  /**
   * One token inside the root: text, an end tag, a comment, CDATA, a processing instruction or
   * a start tag. Returns the element an end tag completed, else null. A method of its own
   * because it runs once per token: called thousands of times it is compiled early, which
   * matters in a short-lived process, where a long loop body would wait for on-stack
   * replacement.
   */
  private XmlElement step(Deque<Open> stack) {
    Open top = stack.peek();
    if (pos >= n) throw fail("no element found", n);
    char c = cs[pos];
    if (c != '<') {
      text(top);
      return null;
    }
    char d = at(pos + 1);
    if (d == '/') {
      endTag(top);
      stack.pop();
      XmlElement finished = top.build(pos);
      if (!stack.isEmpty()) stack.peek().children.add(finished);
      return finished;
    }
    if (d == '!') {
      markupDeclaration(top);
    } else if (d == '?') {
      int start = processingInstruction();
      top.children.add(new XmlComment(start, pos));
    } else if (pos + 1 >= n) {
      throw fail(UNCLOSED, pos);
    } else if (!isNameStart(d)) {
      throw fail(INVALID, pos + 1);
    } else {
      if (stack.size() >= MAX_DEPTH) {
        throw refuse("elements are nested more than " + MAX_DEPTH + " levels deep", pos);
      }
      Open child = startTag(top.scope);
      if (child.selfClosed) top.children.add(child.build(pos));
      else stack.push(child);
    }
    return null;
  }

  /** {@code <!--} or {@code <![CDATA[} inside an element. */
  private void markupDeclaration(Open top) {
    if (s.startsWith("<!--", pos)) {
      int start = comment();
      top.children.add(new XmlComment(start, pos));
      return;
    }
    String open = cs[pos + 2] == '-' ? "<!--" : "<![CDATA[";
    for (int i = 2; i < open.length(); i++) {
      if (pos + i >= n) throw fail(UNCLOSED, pos);
      if (cs[pos + i] != open.charAt(i)) throw fail(INVALID, pos + i);
    }
    int start = pos;
    int i = pos + 9;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (i >= n) throw fail("unclosed CDATA section", n);
      if (s.startsWith("]]>", i)) break;
      char c = cs[i];
      if (isBadChar(c)) throw fail(INVALID, i);
      i = appendNormalisedNewline(sb, i);
    }
    noteText(sb);
    top.addText(sb.toString(), start, i + 3);
    pos = i + 3;
  }

  /** {@code </name S? >}, which must close {@code top}; reported at the name otherwise. */
  private void endTag(Open top) {
    int at = pos;
    int nameStart = pos + 2;
    if (nameStart >= n) throw fail(UNCLOSED, at);
    if (!isNameStart(cs[nameStart])) throw fail(INVALID, nameStart);
    pos = name(nameStart);
    int nameEnd = pos;
    skipSpace();
    if (pos >= n) throw fail(UNCLOSED, at);
    if (cs[pos] != '>') throw fail(INVALID, pos);
    if (nameEnd - nameStart != top.rawTag.length()
        || !s.regionMatches(nameStart, top.rawTag, 0, top.rawTag.length())) {
      throw fail("mismatched tag", nameStart);
    }
    pos++;
  }

  /** Character data up to the next {@code <}. */
  private void text(Open into) {
    int start = pos;
    // fast path: most text is whitespace between tags, with nothing to replace or refuse
    int i = pos;
    while (i < n) {
      char c = cs[i];
      if (c == '<' || c == '&' || c == ']' || c == '\r' || isBadChar(c)) break;
      i++;
    }
    if (i >= n || cs[i] == '<') {
      pos = i;
      String t = s.substring(start, i);
      noteText(t);
      into.addText(t, start, i);
      return;
    }
    StringBuilder sb = new StringBuilder();
    while (pos < n) {
      char c = cs[pos];
      if (c == '<') break;
      if (c == '&') {
        sb.append(reference(false, -1));
      } else if (c == ']' && s.startsWith("]]>", pos)) {
        throw fail(INVALID, pos + 2);
      } else if (isBadChar(c)) {
        throw fail(INVALID, pos);
      } else {
        pos = appendNormalisedNewline(sb, pos);
      }
    }
    noteText(sb);
    into.addText(sb.toString(), start, pos);
  }

  private void noteText(CharSequence t) {
    if (sawText) return;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        sawText = true;
        return;
      }
    }
  }

  /** Appends the character at {@code i} ({@code \r\n} and {@code \r} read as {@code \n}). */
  private int appendNormalisedNewline(StringBuilder sb, int i) {
    char c = cs[i];
    if (c == '\r') {
      sb.append('\n');
      return at(i + 1) == '\n' ? i + 2 : i + 1;
    }
    sb.append(c);
    return i + 1;
  }

  /**
   * {@code &name;} or {@code &#N;}/{@code &#xN;} at {@code pos}; returns the replacement.
   * Syntax errors are reported at the offending character; an undefined entity at the
   * {@code &} in text, at the start tag ({@code tagStart}) in an attribute value.
   */
  private String reference(boolean inAttribute, int tagStart) {
    int amp = pos;
    int i = pos + 1;
    if (i >= n) throw fail(UNCLOSED, inAttribute ? tagStart : amp);
    if (cs[i] == '#') return characterReference(amp, inAttribute ? tagStart : amp);
    if (!isNameStart(cs[i])) throw fail(INVALID, i);
    i = name(i);
    if (i >= n) throw fail(UNCLOSED, inAttribute ? tagStart : amp);
    if (cs[i] != ';') throw fail(INVALID, i);
    String body = s.substring(amp + 1, i);
    pos = i + 1;
    return switch (body) {
      case "lt" -> "<";
      case "gt" -> ">";
      case "amp" -> "&";
      case "quot" -> "\"";
      case "apos" -> "'";
      default -> throw fail("undefined entity", inAttribute ? tagStart : amp);
    };
  }

  private String characterReference(int amp, int unclosedAt) {
    int i = amp + 2;
    boolean hex = at(i) == 'x';
    if (hex) i++;
    int digitsStart = i;
    while (i < n && Character.digit(cs[i], hex ? 16 : 10) >= 0 && cs[i] < 0x80) i++;
    if (i >= n) throw fail(UNCLOSED, unclosedAt);
    if (cs[i] != ';' || i == digitsStart) throw fail(INVALID, i);
    pos = i + 1;
    String digits = s.substring(digitsStart, i);
    int code;
    try {
      code = Integer.parseInt(digits, hex ? 16 : 10);
    } catch (NumberFormatException e) {
      code = -1;
    }
    if (code <= 0 || !Character.isValidCodePoint(code)
        || (code < 0x20 && code != 9 && code != 10 && code != 13)
        || (code >= 0xD800 && code <= 0xDFFF) || code == 0xFFFE || code == 0xFFFF) {
      throw fail("reference to invalid character number", amp);
    }
    return new String(Character.toChars(code));
  }

  /** An element being built. */
  private static final class Open {
    final String tag;
    final String rawTag;
    final List<XmlAttribute> attributes;
    final List<XmlNode> children = new ArrayList<>();
    final int start;
    final int nameEnd;
    final Namespaces scope;
    boolean selfClosed;

    Open(String tag, String rawTag, List<XmlAttribute> attributes, int start, int nameEnd,
        Namespaces scope) {
      this.tag = tag;
      this.rawTag = rawTag;
      this.attributes = attributes;
      this.start = start;
      this.nameEnd = nameEnd;
      this.scope = scope;
    }

    void addText(String text, int from, int to) {
      if (!children.isEmpty() && children.get(children.size() - 1) instanceof XmlText t) {
        children.set(children.size() - 1, new XmlText(t.text() + text, t.start(), to));
      } else {
        children.add(new XmlText(text, from, to));
      }
    }

    XmlElement build(int end) {
      return XmlElement.adopt(tag, attributes, children, start, nameEnd, end);
    }
  }

  /** An attribute as tokenized: its raw name and unreplaced value. */
  private record RawAttribute(String name, int nameStart, int valueStart, int valueEnd) {}

  // stag = '<' Name (S attribute)* S? ('>' | '/>')
  private Open startTag(Namespaces parentScope) {
    int start = pos;
    pos = name(pos + 1);
    String rawTag = knownName(start + 1, pos);
    int nameEnd = pos;
    List<RawAttribute> raw = new ArrayList<>(4);
    boolean selfClosed;
    while (true) {
      boolean spaced = skipSpace();
      if (pos >= n) throw fail(UNCLOSED, start);
      char c = cs[pos];
      if (c == '>') {
        pos++;
        selfClosed = false;
        break;
      }
      if (c == '/') {
        if (pos + 1 >= n) throw fail(UNCLOSED, start);
        if (cs[pos + 1] != '>') throw fail(INVALID, pos + 1);
        pos += 2;
        selfClosed = true;
        break;
      }
      if (!spaced || !isNameStart(c)) throw fail(INVALID, pos);
      raw.add(attributeToken(start));
    }
    // expat checks the values' references and duplicate names once the tag is complete
    List<XmlAttribute> attributes = new ArrayList<>(raw.size());
    boolean prefixed = rawTag.indexOf(':') >= 0;
    boolean declares = false;
    for (int i = 0; i < raw.size(); i++) {
      RawAttribute a = raw.get(i);
      // a handful of attributes per tag: a quadratic scan beats allocating a set
      for (int j = 0; j < i; j++) {
        if (raw.get(j).name().equals(a.name())) throw fail("duplicate attribute", a.nameStart());
      }
      prefixed |= a.name().indexOf(':') >= 0;
      declares |= a.name().startsWith("xmlns");
      attributes.add(new XmlAttribute(a.name(), attributeValue(a, start), a.nameStart(),
          a.valueStart(), a.valueEnd()));
    }
    Namespaces scope = parentScope;
    String tag = rawTag;
    // namespace work only where a declaration or a prefix can change a name
    if (ns && (declares || prefixed || parentScope.hasDefault())) {
      scope = declares ? new Namespaces(parentScope) : parentScope;
      if (declares) attributes = scope.declare(attributes, start);
      tag = scope.resolve(rawTag, true, start);
      attributes = scope.resolveAttributes(attributes, start);
    }
    Open o = new Open(tag, rawTag, attributes, start, nameEnd, scope);
    o.selfClosed = selfClosed;
    return o;
  }

  // attribute = Name S? '=' S? ('"' value '"' | "'" value "'"), followed by S, '>' or '/'
  private RawAttribute attributeToken(int tagStart) {
    int nameStart = pos;
    pos = name(pos);
    String name = knownName(nameStart, pos);
    skipSpace();
    if (pos >= n) throw fail(UNCLOSED, tagStart);
    if (cs[pos] != '=') throw fail(INVALID, pos);
    pos++;
    skipSpace();
    if (pos >= n) throw fail(UNCLOSED, tagStart);
    char quote = cs[pos];
    if (quote != '"' && quote != '\'') throw fail(INVALID, pos);
    int valueStart = ++pos;
    while (true) {
      if (pos >= n) throw fail(UNCLOSED, tagStart);
      char c = cs[pos];
      if (c == quote) break;
      if (c == '<' || isBadChar(c)) throw fail(INVALID, pos);
      if (c == '&') checkReferenceSyntax(tagStart);
      else pos++;
    }
    int valueEnd = pos++;
    if (pos >= n) throw fail(UNCLOSED, tagStart);
    char after = cs[pos];
    if (!isSpace(after) && after != '>' && after != '/') throw fail(INVALID, pos);
    return new RawAttribute(name, nameStart, valueStart, valueEnd);
  }

  /** The tokenizer's pass over a reference in an attribute value: syntax only. */
  private void checkReferenceSyntax(int tagStart) {
    int save = pos;
    try {
      reference(true, tagStart);
    } catch (Failure f) {
      String m = f.error.message();
      if (!m.equals("undefined entity") && !m.startsWith("reference to invalid")) throw f;
      // entity and number checks come later, once the whole tag is read
      pos = s.indexOf(';', save) + 1;
    }
  }

  /** The normalised value: references replaced, literal whitespace turned into spaces. */
  private String attributeValue(RawAttribute a, int tagStart) {
    // fast path: a value without references or whitespace to normalise is the text itself
    boolean plain = true;
    for (int i = a.valueStart(); i < a.valueEnd() && plain; i++) {
      char c = cs[i];
      plain = c != '&' && c != '\t' && c != '\n' && c != '\r';
    }
    if (plain) return s.substring(a.valueStart(), a.valueEnd());
    StringBuilder sb = new StringBuilder();
    int save = pos;
    pos = a.valueStart();
    while (pos < a.valueEnd()) {
      char c = cs[pos];
      if (c == '&') {
        sb.append(reference(true, tagStart));
      } else if (c == '\r' && at(pos + 1) == '\n') {
        sb.append(' ');
        pos += 2;
      } else {
        sb.append(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
        pos++;
      }
    }
    pos = save;
    return sb.toString();
  }

  /**
   * The end of a name starting at {@code from} (a name-start character). With namespaces,
   * expat also refuses a name starting with ':' or holding two, at the offending colon.
   */
  private int name(int from) {
    int i = from;
    boolean colon = false;
    while (i < n && (cs[i] < 0x80 ? NAME_ASCII[cs[i]] : isNameChar(cs[i]))) {
      if (ns && cs[i] == ':') {
        if (i == from || colon || !isNameStart(at(i + 1)) || at(i + 1) == ':') {
          throw fail(INVALID, i == from || colon ? i : i + 1);
        }
        colon = true;
      }
      i++;
    }
    return i;
  }

  private boolean skipSpace() {
    int start = pos;
    while (pos < n && isSpace(cs[pos])) pos++;
    return pos > start;
  }

  // ---- namespaces (ElementTree names) ---------------------------------------------------

  /** The prefix bindings in scope for one element. */
  private final class Namespaces {
    private final Namespaces parent;
    private final Map<String, String> bound = new HashMap<>();

    Namespaces(Namespaces parent) {
      this.parent = parent;
      if (parent == null) bound.put("xml", XML_NS);
    }

    /** Whether a default namespace is in force, which renames unprefixed elements. */
    boolean hasDefault() {
      String uri = lookup("");
      return uri != null && !uri.isEmpty();
    }

    String lookup(String prefix) {
      for (Namespaces scope = this; scope != null; scope = scope.parent) {
        if (scope.bound.containsKey(prefix)) return scope.bound.get(prefix);
      }
      return null;
    }

    /** Takes the {@code xmlns} declarations out of the attributes and binds them. */
    List<XmlAttribute> declare(List<XmlAttribute> attributes, int tagStart) {
      List<XmlAttribute> rest = new ArrayList<>(attributes.size());
      for (XmlAttribute a : attributes) {
        if (a.name().equals("xmlns")) {
          bound.put("", a.value());
        } else if (a.name().startsWith("xmlns:")) {
          String prefix = a.name().substring(6);
          boolean isXml = a.value().equals(XML_NS);
          if (prefix.equals("xml") != isXml || prefix.equals("xmlns")) {
            throw fail(prefix.equals("xmlns")
                ? "reserved prefix (xmlns) must not be declared or undeclared"
                : isXml ? "prefix must not be bound to one of the reserved namespace names"
                : "reserved prefix (xml) must not be undeclared or bound to another namespace"
                    + " name", tagStart);
          }
          if (a.value().isEmpty()) throw fail("must not undeclare prefix", tagStart);
          bound.put(prefix, a.value());
        } else {
          rest.add(a);
        }
      }
      return rest;
    }

    /** {@code {uri}local} or {@code local}, as ElementTree spells a resolved name. */
    String resolve(String name, boolean element, int tagStart) {
      int colon = name.indexOf(':');
      String uri;
      String local = name;
      if (colon < 0) {
        uri = element ? lookup("") : null;
      } else {
        uri = lookup(name.substring(0, colon));
        if (uri == null) throw fail("unbound prefix", tagStart);
        local = name.substring(colon + 1);
      }
      return uri == null || uri.isEmpty() ? local : "{" + uri + "}" + local;
    }

    List<XmlAttribute> resolveAttributes(List<XmlAttribute> attributes, int tagStart) {
      List<XmlAttribute> out = new ArrayList<>(attributes.size());
      Set<String> seen = new HashSet<>();
      for (XmlAttribute a : attributes) {
        String name = resolve(a.name(), false, tagStart);
        out.add(new XmlAttribute(name, a.value(), a.nameStart(), a.valueStart(), a.valueEnd()));
      }
      for (XmlAttribute a : out) {
        if (!seen.add(a.name())) throw fail("duplicate attribute", tagStart);
      }
      return out;
    }
  }

  // ---- characters ----------------------------------------------------------------------

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** Characters XML 1.0 does not allow anywhere (surrogates are paired by the decoder). */
  private static boolean isBadChar(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF';
  }

  /**
   * Name characters as expat knows them: XML 1.0 letters and digits of the BMP; characters
   * outside the BMP are never part of a name.
   */
  /**
   * The element and attribute names of every SDF dialect. A name read from the file that is
   * one of these is returned as this very string: no copy, and its hash code is already known
   * when the readers look it up in their sets of allowed names.
   */
  private static final String[] VOCABULARY = {
    "system", "memory_region", "protection_domain", "program_image", "map", "irq", "setvar",
    "channel", "end", "virtual_machine", "vcpu", "ioport", "cspace", "cap_tcb", "cap_sc",
    "cap_vspace", "io_address_space", "iomap", "domains", "domain", "domain_schedule",
    "schedule_entry", "schedule_end_marker", "name", "size", "page_size", "phys_addr",
    "prefill_path", "prefill_bootinfo", "priority", "budget", "period", "pp", "passive",
    "stack_size", "smc", "cpu", "fpu", "id", "setvar_id", "path", "path_for_symbols", "mr",
    "vaddr", "perms", "cached", "setvar_vaddr", "setvar_size", "setvar_prefill_size",
    "trigger", "pin", "vector", "ioapic", "polarity", "pcidev", "handle", "addr", "symbol",
    "region_paddr", "pd", "notify", "slot", "peripheral_id", "domain_id", "iovaddr",
    "start_index", "index_shift", "duration", "setvar_addr"
  };
  private static final String[][] VOCABULARY_BY_HASH = new String[256][];

  static {
    for (String w : VOCABULARY) {
      int h = vocabularyHash(w.length(), w.charAt(0), w.charAt(w.length() - 1));
      String[] old = VOCABULARY_BY_HASH[h];
      String[] now = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
      now[now.length - 1] = w;
      VOCABULARY_BY_HASH[h] = now;
    }
  }

  private static int vocabularyHash(int length, char first, char last) {
    return (length * 31 + first * 7 + last) & 0xFF;
  }

  /** The name in {@code [from, to)}: a {@link #VOCABULARY} string when it is one. */
  private String knownName(int from, int to) {
    int len = to - from;
    if (len > 0) {
      String[] candidates = VOCABULARY_BY_HASH[vocabularyHash(len, cs[from], cs[to - 1])];
      if (candidates != null) {
        for (String w : candidates) {
          if (w.length() == len && s.regionMatches(from, w, 0, len)) return w;
        }
      }
    }
    return s.substring(from, to);
  }

  /** {@link #isNameChar} for ASCII, as a table: names are scanned a character at a time. */
  private static final boolean[] NAME_ASCII = new boolean[0x80];

  static {
    for (char c = 0; c < 0x80; c++) NAME_ASCII[c] = isNameChar(c);
  }

  static boolean isNameStart(char c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    if (Character.isSurrogate(c)) return false;
    int type = Character.getType(c);
    return type == Character.UPPERCASE_LETTER || type == Character.LOWERCASE_LETTER
        || type == Character.TITLECASE_LETTER || type == Character.OTHER_LETTER
        || type == Character.LETTER_NUMBER;
  }

  static boolean isNameChar(char c) {
    if (isNameStart(c)) return true;
    if (c < 0x80) return (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (c == 0xB7) return true;
    if (Character.isSurrogate(c)) return false;
    int type = Character.getType(c);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK
        || type == Character.MODIFIER_LETTER;
  }
}
