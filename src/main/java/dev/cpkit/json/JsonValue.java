// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.json;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value that remembers where it started ({@code offset}: a character index into
 * the decoded text), so that a file that is valid JSON but has the wrong shape can still be
 * reported at the right place.
 */
public sealed interface JsonValue {
  int offset();

  /** What the value is, for messages ("a string", "an object"...). */
  String kind();

  /** An object; members keep the file's order. Keys are unique (duplicates are refused). */
  record JObject(Map<String, JsonValue> members, int offset) implements JsonValue {
    public JObject {
      members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
    }

    public String kind() {
      return "an object";
    }

    public JsonValue get(String key) {
      return members.get(key);
    }
  }

  record JArray(List<JsonValue> elements, int offset) implements JsonValue {
    public JArray {
      elements = List.copyOf(elements);
    }

    public String kind() {
      return "an array";
    }
  }

  record JString(String value, int offset) implements JsonValue {
    public String kind() {
      return "a string";
    }
  }

  /** A number, kept as written: the files hold 64-bit addresses that a double cannot. */
  record JNumber(String text, int offset) implements JsonValue {
    public String kind() {
      return "a number";
    }

    /** Whether it is written as an integer (no fraction, no exponent). */
    public boolean isInteger() {
      return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
    }

    /** The integer value, or null when the number has a fraction or an exponent. */
    public BigInteger integer() {
      return isInteger() ? new BigInteger(text) : null;
    }
  }

  record JBool(boolean value, int offset) implements JsonValue {
    public String kind() {
      return "a boolean";
    }
  }

  record JNull(int offset) implements JsonValue {
    public String kind() {
      return "null";
    }
  }
}
