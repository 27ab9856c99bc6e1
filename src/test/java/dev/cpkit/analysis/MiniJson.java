// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.json.Json;
import dev.cpkit.json.JsonValue;
import dev.cpkit.json.JsonValue.JArray;
import dev.cpkit.json.JsonValue.JBool;
import dev.cpkit.json.JsonValue.JNull;
import dev.cpkit.json.JsonValue.JNumber;
import dev.cpkit.json.JsonValue.JObject;
import dev.cpkit.json.JsonValue.JString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: a report parsed by cpkit's strict JSON reader ({@link Json}), as plain Java
 * values (Map, List, String, Boolean, null; integers as Long, other numbers as Double).
 */
final class MiniJson {
  private MiniJson() {}

  static Object parse(String text) {
    return plain(Json.parse(text).root());
  }

  private static Object plain(JsonValue v) {
    if (v instanceof JNull) return null;
    if (v instanceof JBool b) return b.value();
    if (v instanceof JString s) return s.value();
    if (v instanceof JNumber n) {
      return n.isInteger() ? (Object) Long.parseLong(n.text()) : (Object) Double.parseDouble(
          n.text());
    }
    if (v instanceof JArray a) {
      List<Object> out = new ArrayList<>();
      for (JsonValue e : a.elements()) out.add(plain(e));
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((JObject) v).members().forEach((k, e) -> out.put(k, plain(e)));
    return out;
  }
}
