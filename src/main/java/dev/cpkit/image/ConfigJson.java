// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small reader for the fork SDK's {@code config.json} (the kernel's generated
 * configuration): one JSON object whose values are read as strings, numbers, booleans, null,
 * arrays or objects. Numbers are kept as their text; strings are unescaped. Enough JSON for a
 * generated file, nothing more (no dependency for one file).
 */
final class ConfigJson {
  private final String text;
  private int pos;

  private ConfigJson(String text) {
    this.text = text;
  }

  /** A JSON number, kept as written (Python's int() is applied by the caller). */
  record Num(String text) {}

  /** Parses a document whose top level must be an object. */
  static Map<String, Object> parseObject(String text) {
    ConfigJson p = new ConfigJson(text);
    p.ws();
    Object v = p.value();
    p.ws();
    if (p.pos != text.length()) throw p.error("extra data");
    if (!(v instanceof Map)) throw new IllegalArgumentException("the top level is not an object");
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    return m;
  }

  private Object value() {
    if (pos >= text.length()) throw error("expecting value");
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      default:
        break;
    }
    if (text.startsWith("true", pos)) {
      pos += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return Boolean.FALSE;
    }
    if (text.startsWith("null", pos)) {
      pos += 4;
      return null;
    }
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) pos++;
    if (pos == start) throw error("expecting value");
    return new Num(text.substring(start, pos));
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    pos++;
    ws();
    if (peek() == '}') {
      pos++;
      return m;
    }
    while (true) {
      ws();
      if (peek() != '"') throw error("expecting property name enclosed in double quotes");
      String k = string();
      ws();
      if (peek() != ':') throw error("expecting ':' delimiter");
      pos++;
      ws();
      // a repeated key keeps the last value, as Python's json module does
      m.put(k, value());
      ws();
      char c = peek();
      pos++;
      if (c == '}') return m;
      if (c != ',') throw error("expecting ',' delimiter");
    }
  }

  private List<Object> array() {
    List<Object> l = new ArrayList<>();
    pos++;
    ws();
    if (peek() == ']') {
      pos++;
      return l;
    }
    while (true) {
      ws();
      l.add(value());
      ws();
      char c = peek();
      pos++;
      if (c == ']') return l;
      if (c != ',') throw error("expecting ',' delimiter");
    }
  }

  private String string() {
    StringBuilder s = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= text.length()) throw error("unterminated string");
      char c = text.charAt(pos++);
      if (c == '"') return s.toString();
      if (c != '\\') {
        s.append(c);
        continue;
      }
      if (pos >= text.length()) throw error("unterminated string");
      char e = text.charAt(pos++);
      switch (e) {
        case 'n' -> s.append('\n');
        case 't' -> s.append('\t');
        case 'r' -> s.append('\r');
        case 'b' -> s.append('\b');
        case 'f' -> s.append('\f');
        case 'u' -> {
          if (pos + 4 > text.length()) throw error("invalid \\uXXXX escape");
          s.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> s.append(e);
      }
    }
  }

  private char peek() {
    if (pos >= text.length()) throw error("unexpected end of data");
    return text.charAt(pos);
  }

  private void ws() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) pos++;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at character " + pos);
  }
}
