// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpkit.json.JsonValue.JArray;
import dev.cpkit.json.JsonValue.JBool;
import dev.cpkit.json.JsonValue.JNumber;
import dev.cpkit.json.JsonValue.JObject;
import dev.cpkit.json.JsonValue.JString;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {
  @Test
  void readsTheShapesOfTheSdkFiles() {
    Json.Document d = Json.parse("{\"devices\": [{\"start\": 0, \"end\": 18446744073709551615}],"
        + " \"SEL4_ARCH\": \"aarch64\", \"HAVE_FPU\": true, \"x\": null, \"f\": -1.5e3}");
    JObject o = (JObject) d.root();
    assertThat(o.members().keySet()).containsExactly("devices", "SEL4_ARCH", "HAVE_FPU", "x",
        "f");
    JObject region = (JObject) ((JArray) o.get("devices")).elements().get(0);
    // 2^64 - 1: kept exactly, no double rounding
    assertThat(((JNumber) region.get("end")).integer())
        .isEqualTo(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
    assertThat(((JString) o.get("SEL4_ARCH")).value()).isEqualTo("aarch64");
    assertThat(((JBool) o.get("HAVE_FPU")).value()).isTrue();
    assertThat(((JNumber) o.get("f")).isInteger()).isFalse();
    // offsets: '{' at 0; "aarch64" starts after `..."SEL4_ARCH": `
    assertThat(o.offset()).isZero();
    assertThat(o.get("SEL4_ARCH").offset())
        .isEqualTo(d.text().indexOf("\"aarch64\""));
  }

  @Test
  void escapesAndSurrogatePairs() {
    JString s = (JString) Json.parse("\"a\\n\\u00e9\\ud83d\\ude00\\/\\\"\"").root();
    assertThat(s.value()).isEqualTo("a\n\u00e9\ud83d\ude00/\"");
    JString raw = (JString) Json.parse("\"\ud83d\ude00\"".getBytes(StandardCharsets.UTF_8))
        .root();
    assertThat(raw.value()).isEqualTo("\ud83d\ude00");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    // text | line | column | reason starts with
    "{\"a\": 1,}|1|9|expected a string key",
    "[1, 2|1|6|expected ']'",
    "01|1|1|number with a leading zero",
    "{\"a\": 1, \"a\": 2}|1|10|duplicate key",
    "\"\\x\"|1|2|invalid escape",
    "\"\\ud800\"|1|2|unpaired surrogate escape",
    "1 2|1|3|unexpected '2' after the JSON value",
    "tru|1|1|expected a value",
    "-|1|1|invalid number",
    "1.|1|1|invalid number",
    "|1|1|expected a value, found end of input",
    "\"abc|1|1|unterminated string",
  })
  void malformedTextIsLocated(String text, int line, int column, String reason) {
    String t = text == null ? "" : text;
    assertThatThrownBy(() -> Json.parse(t))
        .isInstanceOfSatisfying(JsonException.class, e -> {
          assertThat(e.line()).isEqualTo(line);
          assertThat(e.column()).isEqualTo(column);
          assertThat(e.reason()).startsWith(reason);
        });
  }

  @Test
  void linesAndColumnsCountNewlines() {
    // line 2 is "  1}": the '1' is its third character
    assertThatThrownBy(() -> Json.parse("{\"a\"\n  1}"))
        .isInstanceOfSatisfying(JsonException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.column()).isEqualTo(3);
          assertThat(e.offset()).isEqualTo(7);
        });
    assertThatThrownBy(() -> Json.parse("// c\n{}")).hasMessageStartingWith("1:1: expected a");
  }

  @Test
  void controlCharactersBomAndBadUtf8AreRefused() {
    assertThatThrownBy(() -> Json.parse("\"a\tb\""))
        .hasMessageContaining("unescaped control character");
    assertThatThrownBy(() -> Json.parse("\uFEFF{}")).hasMessageContaining("byte-order mark");
    // 0xC3 0x28: a lead byte followed by a non-continuation byte, at byte 6
    byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '(', '"', '}'};
    assertThatThrownBy(() -> Json.parse(bad))
        .isInstanceOfSatisfying(JsonException.class, e -> {
          assertThat(e.offset()).isEqualTo(6);
          assertThat(e.reason()).contains("not UTF-8");
        });
  }

  @Test
  void repeatedKeysCanKeepTheLastValue() {
    String t = "{\"a\": 1, \"b\": 2, \"a\": {\"c\": 3, \"c\": 4}}";
    assertThatThrownBy(() -> Json.parse(t)).hasMessageContaining("duplicate key \"a\"");
    // as Python's json module: the last value, at the key's first position (also when nested)
    JObject o = (JObject) Json.parse(t, Json.DuplicateKeys.LAST_WINS).root();
    assertThat(o.members().keySet()).containsExactly("a", "b");
    JObject a = (JObject) o.get("a");
    assertThat(a.members().keySet()).containsExactly("c");
    assertThat(((JNumber) a.get("c")).text()).isEqualTo("4");
  }

  @Test
  void nestingIsLimited() {
    String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
    assertThatThrownBy(() -> Json.parse(deep)).hasMessageContaining("nesting deeper");
    String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    assertThat(Json.parse(ok).root()).isInstanceOf(JArray.class);
  }
}
