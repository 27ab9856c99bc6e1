// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.json.Json;
import dev.cpkit.json.JsonException;
import dev.cpkit.json.JsonValue;
import dev.cpkit.json.JsonValue.JArray;
import dev.cpkit.json.JsonValue.JBool;
import dev.cpkit.json.JsonValue.JNull;
import dev.cpkit.json.JsonValue.JNumber;
import dev.cpkit.json.JsonValue.JObject;
import dev.cpkit.json.JsonValue.JString;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel configuration a fork SDK ships as {@code board/B/C/config.json} (the kernel
 * build's generated configuration), reduced to what the fork's tool reads. Keys are read in
 * the fork's order, so the first missing or bad key is the one the fork trips over; every
 * such problem is a crash (a Python traceback) in the fork, a located IMG08x error here.
 *
 * @param arch {@code aarch64}, {@code riscv64} or {@code x86_64}
 * @param armPaBits 40 or 44 on aarch64, 0 elsewhere
 * @param ptLevels {@code PT_LEVELS} if present, else 0
 */
public record KernelConfig(
    String arch,
    boolean hypervisor,
    int armPaBits,
    long paddrUserDeviceTop,
    int rootCnodeBits,
    int fanOutLimit,
    boolean haveFpu,
    int numCpus,
    int ptLevels) {

  public boolean aarch64() {
    return arch.equals("aarch64");
  }

  public boolean riscv64() {
    return arch.equals("riscv64");
  }

  /** Reads and checks {@code config.json}; {@code where} names it in messages. */
  public static KernelConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.CharacterCodingException e) {
      // the fork's open() decodes the file as UTF-8 and dies with a UnicodeDecodeError
      throw BuildException.crash("IMG080", "the kernel configuration '" + file + "' is not"
          + " UTF-8 text", "UnicodeDecodeError");
    } catch (IOException e) {
      throw BuildException.crash("IMG080", "cannot read the kernel configuration '" + file
          + "': " + e.getMessage(), "OSError");
    }
    return parse(file.toString(), text);
  }

  static KernelConfig parse(String where, String text) {
    JsonValue root;
    try {
      // a repeated key keeps the last value, as the fork's json.load does
      root = Json.parse(text, Json.DuplicateKeys.LAST_WINS).root();
    } catch (JsonException e) {
      throw BuildException.crash("IMG080", "the kernel configuration '" + where + "' is not a"
          + " JSON object: line " + e.line() + ", column " + e.column() + ": " + e.reason(),
          "json.decoder.JSONDecodeError");
    }
    if (!(root instanceof JObject json)) {
      throw BuildException.crash("IMG080", "the kernel configuration '" + where + "' is not a"
          + " JSON object: the top level is not an object", "json.decoder.JSONDecodeError");
    }
    Reader r = new Reader(where, json);
    JsonValue archValue = r.get("SEL4_ARCH");
    String arch = archValue instanceof JString s ? s.value() : null;
    if (arch == null || !List.of("aarch64", "riscv64", "x86_64").contains(arch)) {
      throw BuildException.crash("IMG082", "the kernel configuration '" + where + "' has"
          + " SEL4_ARCH " + show(archValue) + "; the fork's tool knows aarch64, riscv64 and"
          + " x86_64", "Exception: Unsupported seL4 architecture: " + show(archValue));
    }
    // the fork: ARM_HYPERVISOR_SUPPORT or RISCV_HYPERVISOR_SUPPORT, both optional, by truth
    boolean hyp = truthy(json.get("ARM_HYPERVISOR_SUPPORT"))
        || truthy(json.get("RISCV_HYPERVISOR_SUPPORT"));
    int paBits = 0;
    if (arch.equals("aarch64")) {
      if (truthy(r.get("ARM_PA_SIZE_BITS_40"))) {
        paBits = 40;
      } else if (truthy(r.get("ARM_PA_SIZE_BITS_44"))) {
        paBits = 44;
      } else {
        throw BuildException.crash("IMG082", "the kernel configuration '" + where + "' sets"
            + " neither ARM_PA_SIZE_BITS_40 nor ARM_PA_SIZE_BITS_44",
            "Exception: Unsupported number of physical adddress bits");
      }
    }
    r.get("WORD_SIZE"); // read (and required) but not used, as in the fork
    long deviceTop = r.integer("PADDR_USER_DEVICE_TOP", 1, Long.MAX_VALUE);
    int rootBits = (int) r.integer("ROOT_CNODE_SIZE_BITS", 1, 27);
    int fanOut = (int) r.integer("RETYPE_FAN_OUT_LIMIT", 1, Integer.MAX_VALUE);
    boolean fpu = truthy(r.get("HAVE_FPU"));
    // 0 is let through: the fork then rejects every PD's cpu ("between 0 and -1"), as here
    int cpus = (int) r.integer("MAX_NUM_NODES", 0, 256);
    int levels = r.has("PT_LEVELS") ? (int) r.integer("PT_LEVELS", 0, 16) : 0;
    if (r.has("XSAVE_SIZE")) r.integer("XSAVE_SIZE", 0, Integer.MAX_VALUE);
    return new KernelConfig(arch, hyp, paBits, deviceTop, rootBits, fanOut, fpu, cpus, levels);
  }

  /** Python's truth value of a JSON value; an absent optional key (null) is false. */
  static boolean truthy(JsonValue v) {
    if (v == null || v instanceof JNull) return false;
    if (v instanceof JBool b) return b.value();
    if (v instanceof JString s) return !s.value().isEmpty();
    if (v instanceof JNumber n) return isFloat(n) ? Double.parseDouble(n.text()) != 0.0
        : new BigInteger(n.text()).signum() != 0;
    if (v instanceof JObject o) return !o.members().isEmpty();
    if (v instanceof JArray a) return !a.elements().isEmpty();
    return true;
  }

  /** Whether Python's json reads this number as a float (a fraction or an exponent). */
  private static boolean isFloat(JNumber n) {
    String t = n.text();
    return t.indexOf('.') >= 0 || t.indexOf('e') >= 0 || t.indexOf('E') >= 0;
  }

  /** A value as the fork's messages show it: Python's str() of what json.load gives. */
  private static String show(JsonValue v) {
    return v instanceof JString s ? s.value() : repr(v);
  }

  /** Python's repr() of a JSON value ({@code None}, {@code True}, {@code [1, 'x']}, ...). */
  private static String repr(JsonValue v) {
    if (v instanceof JNull) return "None";
    if (v instanceof JBool b) return b.value() ? "True" : "False";
    if (v instanceof JNumber n) return isFloat(n) ? floatRepr(n) : n.text();
    if (v instanceof JString s) return stringRepr(s.value());
    StringBuilder b = new StringBuilder();
    String sep = "";
    if (v instanceof JArray a) {
      b.append('[');
      for (JsonValue e : a.elements()) {
        b.append(sep).append(repr(e));
        sep = ", ";
      }
      return b.append(']').toString();
    }
    b.append('{');
    for (var e : ((JObject) v).members().entrySet()) {
      b.append(sep).append(repr(new JString(e.getKey(), 0))).append(": ")
          .append(repr(e.getValue()));
      sep = ", ";
    }
    return b.append('}').toString();
  }

  /** Python's repr() of a str: single quotes unless it holds ' and no ". */
  private static String stringRepr(String v) {
    char q = v.indexOf('\'') >= 0 && v.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder().append(q);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' || c == q) b.append('\\').append(c);
      else if (c == '\n') b.append("\\n");
      else if (c == '\t') b.append("\\t");
      else if (c == '\r') b.append("\\r");
      else if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
      else b.append(c);
    }
    return b.append(q).toString();
  }

  /**
   * Python's repr() of a float: the shortest digits that read back to the same double (Java's
   * BigDecimal of Double.toString), positional from 1e-4 to below 1e16, else d.ddde+XX.
   */
  private static String floatRepr(JNumber n) {
    double d = Double.parseDouble(n.text());
    if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
    if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
    BigDecimal x = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exponent = x.precision() - x.scale() - 1;
    if (exponent >= -4 && exponent < 16) {
      String p = x.toPlainString();
      return p.indexOf('.') >= 0 ? p : p + ".0";
    }
    String digits = x.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
        + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
  }

  /** Required keys and Python's int() of their values. */
  private record Reader(String where, JObject json) {
    boolean has(String key) {
      return json.members().containsKey(key);
    }

    JsonValue get(String key) {
      if (!has(key)) {
        throw BuildException.crash("IMG081", "the kernel configuration '" + where + "' has no"
            + " key " + key, "KeyError: '" + key + "'");
      }
      return json.get(key);
    }

    long integer(String key, long min, long max) {
      JsonValue v = get(key);
      BigInteger n = pythonInt(v);
      if (n == null) {
        throw BuildException.crash("IMG082", "the kernel configuration '" + where + "' has " + key
            + " = " + show(v) + ", which is not an integer", "ValueError: invalid literal for"
            + " int() with base 10: '" + show(v) + "'");
      }
      if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
        throw BuildException.crash("IMG082", "the kernel configuration '" + where + "' has " + key
            + " = " + n + ", outside " + min + ".." + max, null);
      }
      return n.longValue();
    }

    /** int(v) for a JSON value: booleans, numbers (truncated), decimal strings; else null. */
    private static BigInteger pythonInt(JsonValue v) {
      if (v instanceof JBool b) return b.value() ? BigInteger.ONE : BigInteger.ZERO;
      if (v instanceof JNumber n) {
        if (!isFloat(n)) return new BigInteger(n.text());
        // json.load gives a float; int() truncates it and fails on inf
        double d = Double.parseDouble(n.text());
        return Double.isInfinite(d) ? null : new BigDecimal(d).toBigInteger();
      }
      if (v instanceof JString s) {
        String t = s.value().strip();
        if (!t.matches("[+-]?[0-9](_?[0-9])*")) return null;
        return new BigInteger(t.replace("_", ""));
      }
      return null;
    }
  }
}
