// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.json.JsonValue.JArray;
import dev.cpkit.json.JsonValue.JBool;
import dev.cpkit.json.JsonValue.JNull;
import dev.cpkit.json.JsonValue.JNumber;
import dev.cpkit.json.JsonValue.JObject;
import dev.cpkit.json.JsonValue.JString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random JSON documents are written with random whitespace and read back unchanged; damaged
 * ones (characters and bytes changed, inserted, deleted) are either read or refused with a
 * {@link JsonException} inside the text, never with another exception.
 */
class JsonFuzzProperties {
  private static final String[] TOKENS = {
    "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00", "0", "-", ".", "e",
    "+", "01", "1e", "true", "nul", "\u0000", "\ud800", "\uFEFF", " ", "\n", "é", "\u2028"
  };

  @Property(tries = 300)
  void writtenValuesReadBackEqual(@ForAll long seed) {
    Random rnd = new Random(seed);
    Object v = random(rnd, 0);
    StringBuilder b = new StringBuilder();
    write(v, b, rnd);
    JsonValue parsed = Json.parse(b.toString().getBytes(StandardCharsets.UTF_8)).root();
    assertThat(plain(parsed)).isEqualTo(v);
  }

  @Property(tries = 500)
  void damagedTextIsReadOrLocated(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 6) int mutations) {
    Random rnd = new Random(seed);
    StringBuilder b = new StringBuilder();
    write(random(rnd, 0), b, rnd);
    for (int k = 0; k < mutations; k++) mutate(b, rnd);
    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
    if (rnd.nextInt(8) == 0 && bytes.length > 0) bytes[rnd.nextInt(bytes.length)] ^= 0x80;
    try {
      assertThat(Json.parse(bytes).root()).isNotNull();
    } catch (JsonException e) {
      assertThat(e.offset()).isBetween(0, bytes.length);
      assertThat(e.line()).isPositive();
      assertThat(e.column()).isPositive();
      assertThat(e.reason()).isNotBlank();
    }
  }

  private static void mutate(StringBuilder t, Random rnd) {
    int at = t.length() == 0 ? 0 : rnd.nextInt(t.length() + 1);
    switch (rnd.nextInt(3)) {
      case 0 -> t.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
      case 1 -> {
        if (at < t.length()) t.deleteCharAt(at);
      }
      default -> {
        if (at < t.length()) t.setCharAt(at, (char) rnd.nextInt(128));
      }
    }
  }

  /** A random value as plain Java: Map, List, String, Boolean, null, Num. */
  private static Object random(Random rnd, int depth) {
    int kind = rnd.nextInt(depth > 4 ? 4 : 6);
    return switch (kind) {
      case 0 -> randomString(rnd);
      case 1 -> number(rnd);
      case 2 -> rnd.nextBoolean();
      case 3 -> null;
      case 4 -> {
        List<Object> l = new ArrayList<>();
        for (int k = rnd.nextInt(4); k > 0; k--) l.add(random(rnd, depth + 1));
        yield l;
      }
      default -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = rnd.nextInt(4); k > 0; k--) m.put(randomString(rnd), random(rnd, depth + 1));
        yield m;
      }
    };
  }

  private static String randomString(Random rnd) {
    StringBuilder b = new StringBuilder();
    for (int k = rnd.nextInt(6); k > 0; k--) {
      int c = switch (rnd.nextInt(4)) {
        case 0 -> rnd.nextInt(0x20);
        case 1 -> 0x20 + rnd.nextInt(0x60);
        case 2 -> 0xa0 + rnd.nextInt(0xd000);
        default -> 0x1f600 + rnd.nextInt(0x50);
      };
      b.appendCodePoint(c);
    }
    return b.toString();
  }

  private static Num number(Random rnd) {
    String n = switch (rnd.nextInt(4)) {
      case 0 -> Long.toUnsignedString(rnd.nextLong());
      case 1 -> Integer.toString(rnd.nextInt(100));
      case 2 -> "-" + (1 + rnd.nextInt(9)) + "." + rnd.nextInt(1000);
      default -> rnd.nextInt(10) + "e" + (rnd.nextBoolean() ? "-" : "+") + rnd.nextInt(30);
    };
    return new Num(n);
  }

  /** A number in the generator's values: its text. */
  private record Num(String text) {}

  private static void write(Object v, StringBuilder b, Random rnd) {
    space(b, rnd);
    if (v == null) {
      b.append("null");
    } else if (v instanceof Boolean x) {
      b.append(x);
    } else if (v instanceof Num n) {
      b.append(n.text());
    } else if (v instanceof String s) {
      quote(s, b, rnd);
    } else if (v instanceof List<?> l) {
      b.append('[');
      for (int k = 0; k < l.size(); k++) {
        if (k > 0) b.append(',');
        write(l.get(k), b, rnd);
      }
      space(b, rnd);
      b.append(']');
    } else if (v instanceof Map<?, ?> m) {
      b.append('{');
      int k = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (k++ > 0) b.append(',');
        space(b, rnd);
        quote((String) e.getKey(), b, rnd);
        space(b, rnd);
        b.append(':');
        write(e.getValue(), b, rnd);
      }
      space(b, rnd);
      b.append('}');
    }
    space(b, rnd);
  }

  private static void space(StringBuilder b, Random rnd) {
    for (int k = rnd.nextInt(3); k > 0; k--) b.append(" \t\n\r".charAt(rnd.nextInt(4)));
  }

  private static void quote(String s, StringBuilder b, Random rnd) {
    b.append('"');
    // a supplementary character is escaped as a whole pair or not at all
    s.codePoints().forEach(c -> {
      if (c == '"' || c == '\\') {
        b.append('\\').append((char) c);
      } else if (c < 0x20 || rnd.nextInt(10) == 0) {
        for (char u : Character.toChars(c)) b.append(String.format("\\u%04x", (int) u));
      } else {
        b.appendCodePoint(c);
      }
    });
    b.append('"');
  }

  /** The parsed value as plain Java, in the generator's terms. */
  private static Object plain(JsonValue v) {
    if (v instanceof JNull) return null;
    if (v instanceof JBool x) return x.value();
    if (v instanceof JNumber n) return new Num(n.text());
    if (v instanceof JString s) return s.value();
    if (v instanceof JArray a) {
      List<Object> l = new ArrayList<>();
      for (JsonValue e : a.elements()) l.add(plain(e));
      return l;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : ((JObject) v).members().entrySet()) {
      m.put(e.getKey(), plain(e.getValue()));
    }
    return m;
  }
}
