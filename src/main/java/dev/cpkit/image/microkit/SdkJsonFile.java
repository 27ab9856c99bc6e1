// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import dev.cpkit.diag.SourceFile;
import dev.cpkit.diag.SourceSpan;
import dev.cpkit.image.BuildException;
import dev.cpkit.json.Json;
import dev.cpkit.json.JsonException;
import dev.cpkit.json.JsonValue;
import dev.cpkit.json.JsonValue.JBool;
import dev.cpkit.json.JsonValue.JNumber;
import dev.cpkit.json.JsonValue.JObject;
import dev.cpkit.json.JsonValue.JString;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One of the SDK's generated JSON files, read and parsed, with typed accessors whose errors
 * point into the file (IMG105 missing, IMG106 unreadable, IMG107 not JSON, IMG108 a field is
 * missing, IMG109 a field has the wrong type or value).
 */
final class SdkJsonFile {
  /** Larger files are refused: the SDK's are a few kilobytes. */
  static final long MAX_SIZE = 16L << 20;
  static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final Path path;
  private final SourceFile source;
  private final Json.Document document;

  private SdkJsonFile(Path path, SourceFile source, Json.Document document) {
    this.path = path;
    this.source = source;
    this.document = document;
  }

  /**
   * Reads {@code path}; {@code description} names it in Microkit's missing-file message
   * ("microkit: error: kernel configuration file '...' does not exist").
   */
  static SdkJsonFile read(Path path, String description) {
    byte[] bytes;
    try {
      if (Files.size(path) > MAX_SIZE) {
        throw BuildException.user("IMG106", description + " '" + path + "' is larger than 16 MiB;"
            + " is it really the SDK's?", null);
      }
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw missing(description, path);
    } catch (IOException e) {
      throw BuildException.user("IMG106", "cannot read " + description + " '" + path + "': "
          + e.getMessage(), null);
    }
    try {
      Json.Document d = Json.parse(bytes);
      return new SdkJsonFile(path, new SourceFile(path.toString(), d.text()), d);
    } catch (JsonException e) {
      String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      SourceFile f = new SourceFile(path.toString(), text);
      // Microkit unwraps serde_json's result for most of these files (a panic), or reports
      // "Unable to parse" for the two it reads with parse_json_file
      throw BuildException.user("IMG107", description + " '" + path + "' is not valid JSON: "
          + e.reason(), null).at(f.point(Math.min(e.offset(), text.length())));
    }
  }

  static BuildException missing(String description, Path path) {
    return BuildException.user("IMG105", description + " '" + path + "' does not exist",
        "microkit: error: " + description + " '" + path + "' does not exist");
  }

  Path path() {
    return path;
  }

  JsonValue root() {
    return document.root();
  }

  SourceSpan at(JsonValue v) {
    return source.point(v.offset());
  }

  /** An error about {@code v}, located at it. */
  BuildException error(String code, JsonValue v, String message, String reference) {
    return BuildException.user(code, path.getFileName() + ": " + message, reference).at(at(v));
  }

  JObject object(JsonValue v, String what) {
    if (v instanceof JObject o) return o;
    throw error("IMG109", v, what + " must be an object, not " + v.kind(), null);
  }

  /** A member that must exist; Microkit's {@code json_str*} say "JSON field 'X' does not exist". */
  JsonValue field(JObject o, String key) {
    JsonValue v = o.get(key);
    if (v == null) {
      throw error("IMG108", o, "the field '" + key + "' is missing",
          "Error: \"JSON field '" + key + "' does not exist\"");
    }
    return v;
  }

  /** {@code json_str}: a string field. */
  String string(JObject o, String key) {
    JsonValue v = field(o, key);
    if (v instanceof JString s) return s.value();
    throw error("IMG109", v, "the field '" + key + "' must be a string, not " + v.kind(), null);
  }

  /**
   * {@code json_str_as_u64}: a string holding a decimal number below 2^64 (seL4's
   * gen_config.json writes numbers as strings); Rust's {@code parse::<u64>} allows a leading
   * '+'. Returned as an unsigned long.
   */
  long decimalString(JObject o, String key) {
    JsonValue v = field(o, key);
    if (!(v instanceof JString s)) {
      throw error("IMG109", v, "the field '" + key + "' must be a string holding a number, not "
          + v.kind(), null);
    }
    String t = s.value().startsWith("+") ? s.value().substring(1) : s.value();
    if (t.isEmpty() || t.length() > 20 || !t.chars().allMatch(c -> c >= '0' && c <= '9')
        || new BigInteger(t).compareTo(U64_MAX) > 0) {
      throw error("IMG109", v, "the field '" + key + "' must hold a decimal number below 2^64,"
          + " not \"" + s.value() + "\"", null);
    }
    return Long.parseUnsignedLong(t);
  }

  /** {@code json_str_as_bool}: a JSON boolean. */
  boolean bool(JObject o, String key) {
    JsonValue v = field(o, key);
    if (v instanceof JBool b) return b.value();
    throw error("IMG109", v, "the field '" + key + "' must be true or false, not " + v.kind(),
        null);
  }

  /** A u64 as serde reads it: a JSON integer in [0, 2^64). Returned as an unsigned long. */
  long u64(JObject o, String key) {
    return u64(field(o, key), key);
  }

  /** An optional u64 field: null when absent (serde's {@code Option}, or null in the file). */
  Long optionalU64(JObject o, String key) {
    JsonValue v = o.get(key);
    if (v == null || v instanceof JsonValue.JNull) return null;
    return u64(v, key);
  }

  long u64(JsonValue v, String what) {
    BigInteger n = v instanceof JNumber num ? num.integer() : null;
    if (n == null || n.signum() < 0 || n.compareTo(U64_MAX) > 0) {
      throw error("IMG109", v, "'" + what + "' must be an integer from 0 to 2^64-1, not "
          + (v instanceof JNumber num ? num.text() : v.kind()), null);
    }
    return n.longValue();
  }
}
