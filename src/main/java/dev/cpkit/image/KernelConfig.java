// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
    } catch (IOException e) {
      throw BuildException.crash("IMG080", "cannot read the kernel configuration '" + file
          + "': " + e.getMessage(), "OSError");
    }
    return parse(file.toString(), text);
  }

  static KernelConfig parse(String where, String text) {
    Map<String, Object> json;
    try {
      json = ConfigJson.parseObject(text);
    } catch (IllegalArgumentException e) {
      throw BuildException.crash("IMG080", "the kernel configuration '" + where + "' is not a"
          + " JSON object: " + e.getMessage(), "json.decoder.JSONDecodeError");
    }
    Reader r = new Reader(where, json);
    Object archValue = r.get("SEL4_ARCH");
    String arch = archValue instanceof String s ? s : null;
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
    int levels = json.containsKey("PT_LEVELS") ? (int) r.integer("PT_LEVELS", 0, 16) : 0;
    if (json.containsKey("XSAVE_SIZE")) r.integer("XSAVE_SIZE", 0, Integer.MAX_VALUE);
    return new KernelConfig(arch, hyp, paBits, deviceTop, rootBits, fanOut, fpu, cpus, levels);
  }

  /** Python's truth value of a JSON value. */
  static boolean truthy(Object v) {
    if (v == null) return false;
    if (v instanceof Boolean b) return b;
    if (v instanceof String s) return !s.isEmpty();
    if (v instanceof ConfigJson.Num n) return new BigDecimal(n.text()).signum() != 0;
    if (v instanceof Map<?, ?> m) return !m.isEmpty();
    if (v instanceof List<?> l) return !l.isEmpty();
    return true;
  }

  private static String show(Object v) {
    if (v == null) return "None";
    if (v instanceof Boolean b) return b ? "True" : "False";
    if (v instanceof ConfigJson.Num n) return n.text();
    return String.valueOf(v);
  }

  /** Required keys and Python's int() of their values. */
  private record Reader(String where, Map<String, Object> json) {
    Object get(String key) {
      if (!json.containsKey(key)) {
        throw BuildException.crash("IMG081", "the kernel configuration '" + where + "' has no"
            + " key " + key, "KeyError: '" + key + "'");
      }
      return json.get(key);
    }

    long integer(String key, long min, long max) {
      Object v = get(key);
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
    private static BigInteger pythonInt(Object v) {
      if (v instanceof Boolean b) return b ? BigInteger.ONE : BigInteger.ZERO;
      if (v instanceof ConfigJson.Num n) {
        try {
          return new BigDecimal(n.text()).toBigInteger();
        } catch (NumberFormatException e) {
          return null;
        }
      }
      if (v instanceof String s) {
        String t = s.strip();
        if (!t.matches("[+-]?[0-9](_?[0-9])*")) return null;
        return new BigInteger(t.replace("_", ""));
      }
      return null;
    }
  }
}
