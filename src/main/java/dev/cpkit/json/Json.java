// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.json;

import dev.cpkit.json.JsonValue.JArray;
import dev.cpkit.json.JsonValue.JBool;
import dev.cpkit.json.JsonValue.JNull;
import dev.cpkit.json.JsonValue.JNumber;
import dev.cpkit.json.JsonValue.JObject;
import dev.cpkit.json.JsonValue.JString;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cpkit's one JSON reader, small and strict (RFC 8259), for the SDKs' generated files (the
 * Microkit SDK's, the fork SDK's {@code config.json}): one value with only whitespace around
 * it, UTF-8 without a byte-order mark, no comments, no trailing commas, no leading zeros, no
 * unpaired surrogates, no duplicate keys (unless {@link DuplicateKeys#LAST_WINS} is asked
 * for). Nesting is limited to {@link #MAX_DEPTH} levels, so hostile input cannot overflow the
 * stack. Every error is a {@link JsonException} with its position.
 */
public final class Json {
  /** Deeper nesting is refused; the SDKs' files are at most three levels deep. */
  public static final int MAX_DEPTH = 256;

  /** What a key repeated in one object is. */
  public enum DuplicateKeys {
    /** An error, located at the second occurrence (the default). */
    REFUSE,
    /**
     * Allowed: the last value is kept, at the key's first position, as Python's {@code json}
     * module does (for files a Python tool reads).
     */
    LAST_WINS
  }

  /** A parsed file: its text (for locating later errors) and its top-level value. */
  public record Document(String text, JsonValue root) {
    /** An error about {@code value}, located at its first character. */
    public JsonException error(JsonValue value, String reason) {
      return located(text, value.offset(), reason);
    }
  }

  private final String s;
  private final DuplicateKeys duplicates;
  private int i;
  private int depth;

  private Json(String s, DuplicateKeys duplicates) {
    this.s = s;
    this.duplicates = duplicates;
  }

  /** Decodes UTF-8 strictly and parses. */
  public static Document parse(byte[] bytes) {
    return parse(decode(bytes));
  }

  public static Document parse(String text) {
    return parse(text, DuplicateKeys.REFUSE);
  }

  public static Document parse(String text, DuplicateKeys duplicates) {
    Json p = new Json(text, duplicates);
    if (text.startsWith("\uFEFF")) throw p.error(0, "byte-order mark before the JSON text");
    p.skipSpace();
    JsonValue v = p.value();
    p.skipSpace();
    if (p.i < text.length()) throw p.error(p.i, "unexpected " + p.describe(p.i) + " after the"
        + " JSON value");
    return new Document(text, v);
  }

  private static String decode(byte[] bytes) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = d.decode(in, out, true);
    if (!r.isError()) r = d.flush(out);
    if (r.isError()) {
      // locate by the text decoded so far; the offset is the byte's
      String before = out.flip().toString();
      JsonException e = located(before, before.length(), "bytes that are not UTF-8");
      throw new JsonException("bytes that are not UTF-8 (at byte " + in.position() + ")",
          in.position(), e.line(), e.column());
    }
    return out.flip().toString();
  }

  /** A JsonException at {@code offset} of {@code text}, with its line and column. */
  static JsonException located(String text, int offset, String reason) {
    int line = 1;
    int col = 1;
    for (int k = 0; k < offset && k < text.length(); k++) {
      if (text.charAt(k) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new JsonException(reason, offset, line, col);
  }

  private JsonException error(int at, String reason) {
    return located(s, at, reason);
  }

  private String describe(int at) {
    if (at >= s.length()) return "end of input";
    char c = s.charAt(at);
    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
      return String.format("character U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  private void skipSpace() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      i++;
    }
  }

  private JsonValue value() {
    if (i >= s.length()) throw error(i, "expected a value, found end of input");
    char c = s.charAt(i);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> {
        int at = i;
        yield new JString(string(), at);
      }
      case 't' -> literal("true", new JBool(true, i));
      case 'f' -> literal("false", new JBool(false, i));
      case 'n' -> literal("null", new JNull(i));
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) yield number();
        throw error(i, "expected a value, found " + describe(i));
      }
    };
  }

  private JsonValue literal(String word, JsonValue v) {
    if (!s.startsWith(word, i)) throw error(i, "expected a value, found " + describe(i));
    i += word.length();
    return v;
  }

  private void enter(int at) {
    if (++depth > MAX_DEPTH) throw error(at, "nesting deeper than " + MAX_DEPTH + " levels");
  }

  private JObject object() {
    int start = i;
    enter(start);
    i++;
    Map<String, JsonValue> members = new LinkedHashMap<>();
    skipSpace();
    if (i < s.length() && s.charAt(i) == '}') {
      i++;
      depth--;
      return new JObject(members, start);
    }
    while (true) {
      skipSpace();
      if (i >= s.length() || s.charAt(i) != '"') {
        throw error(i, "expected a string key, found " + describe(i));
      }
      int keyAt = i;
      String key = string();
      if (duplicates == DuplicateKeys.REFUSE && members.containsKey(key)) {
        throw error(keyAt, "duplicate key \"" + key + "\"");
      }
      skipSpace();
      expect(':');
      skipSpace();
      members.put(key, value());
      skipSpace();
      if (i < s.length() && s.charAt(i) == ',') {
        i++;
        continue;
      }
      expect('}');
      depth--;
      return new JObject(members, start);
    }
  }

  private JArray array() {
    int start = i;
    enter(start);
    i++;
    List<JsonValue> out = new ArrayList<>();
    skipSpace();
    if (i < s.length() && s.charAt(i) == ']') {
      i++;
      depth--;
      return new JArray(out, start);
    }
    while (true) {
      skipSpace();
      out.add(value());
      skipSpace();
      if (i < s.length() && s.charAt(i) == ',') {
        i++;
        continue;
      }
      expect(']');
      depth--;
      return new JArray(out, start);
    }
  }

  private void expect(char c) {
    if (i >= s.length() || s.charAt(i) != c) {
      throw error(i, "expected '" + c + "', found " + describe(i));
    }
    i++;
  }

  private String string() {
    int start = i;
    i++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (i >= s.length()) throw error(start, "unterminated string");
      char c = s.charAt(i);
      if (c == '"') {
        i++;
        return b.toString();
      }
      if (c < 0x20) throw error(i, "unescaped control character in a string ("
          + describe(i) + ")");
      if (Character.isSurrogate(c)) {
        // the text came from strict UTF-8 (or a Java string): check pairs all the same
        if (Character.isHighSurrogate(c) && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          b.append(c).append(s.charAt(i + 1));
          i += 2;
          continue;
        }
        throw error(i, "unpaired surrogate in a string");
      }
      if (c != '\\') {
        b.append(c);
        i++;
        continue;
      }
      int esc = i;
      i++;
      if (i >= s.length()) throw error(start, "unterminated string");
      char e = s.charAt(i++);
      switch (e) {
        case '"' -> b.append('"');
        case '\\' -> b.append('\\');
        case '/' -> b.append('/');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          char u = hex4(esc);
          if (Character.isHighSurrogate(u)) {
            if (s.startsWith("\\u", i)) {
              int second = i;
              i += 2;
              char low = hex4(second);
              if (!Character.isLowSurrogate(low)) {
                throw error(esc, "unpaired surrogate escape in a string");
              }
              b.append(u).append(low);
            } else {
              throw error(esc, "unpaired surrogate escape in a string");
            }
          } else if (Character.isLowSurrogate(u)) {
            throw error(esc, "unpaired surrogate escape in a string");
          } else {
            b.append(u);
          }
        }
        default -> throw error(esc, "invalid escape '\\" + (e < 0x20 ? "?" : e) + "'");
      }
    }
  }

  private char hex4(int esc) {
    if (i + 4 > s.length()) throw error(esc, "\\u needs four hex digits");
    int v = 0;
    for (int k = 0; k < 4; k++) {
      int d = Character.digit(s.charAt(i + k), 16);
      // Character.digit accepts non-ASCII digits; JSON does not
      if (d < 0 || s.charAt(i + k) > 'f') throw error(esc, "\\u needs four hex digits");
      v = v * 16 + d;
    }
    i += 4;
    return (char) v;
  }

  private JNumber number() {
    int start = i;
    if (s.charAt(i) == '-') i++;
    if (i >= s.length() || !digit(s.charAt(i))) throw error(start, "invalid number");
    if (s.charAt(i) == '0') {
      i++;
      if (i < s.length() && digit(s.charAt(i))) throw error(start, "number with a leading zero");
    } else {
      while (i < s.length() && digit(s.charAt(i))) i++;
    }
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      if (i >= s.length() || !digit(s.charAt(i))) throw error(start, "invalid number");
      while (i < s.length() && digit(s.charAt(i))) i++;
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
      if (i >= s.length() || !digit(s.charAt(i))) throw error(start, "invalid number");
      while (i < s.length() && digit(s.charAt(i))) i++;
    }
    if (i - start > 400) throw error(start, "number longer than 400 characters");
    return new JNumber(s.substring(start, i), start);
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }
}
