// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import java.util.ArrayList;
import java.util.List;

/**
 * RPC marshalling (MAPPING.md "RPC" facts): the message label is the method's number in
 * declaration order; {@code in}/{@code inout}/{@code refin} arguments go in MR0 onwards, one
 * 64-bit word each; the reply has label 0, MR0 = the return value (non-void methods), then
 * the {@code out} and {@code inout} arguments in order. The server reads every argument before
 * calling the implementation and writes the reply after. Strings and types wider than a word
 * travel through the connection's buffer; their register holds the offset. Arrays take two
 * registers, offset and count; arrays of strings are laid out by {@link RpcStringArrays}.
 */
final class RpcStubWriter {
  private final String api;

  RpcStubWriter(String api) {
    this.api = api;
  }

  /** The C prototype of {@code <iface>_<method>}, as CAmkES declares it on both sides. */
  static String prototype(String iface, CamkesModel.Method m) {
    List<String> params = new ArrayList<>();
    for (CamkesModel.Parameter p : m.parameters()) params.add(param(p));
    return returnType(m) + " " + iface + "_" + m.name() + "(" + (params.isEmpty() ? "void"
        : String.join(", ", params)) + ")";
  }

  /** CAmkES declares a string result {@code char *} (the caller owns it). */
  static String returnType(CamkesModel.Method m) {
    if (m.returnType().equals("void")) return "void";
    String t = RpcTypes.cType(m.returnType());
    return t.equals("const char *") ? "char *" : t;
  }

  /**
   * camkes-tool's parameter spelling (rpc-connector-common-from.c): an array is a count and a
   * pointer, {@code size_t x_sz, const T *x} in, {@code size_t *x_sz, T **x} out/inout,
   * {@code const size_t *x_sz, T **x} refin; an array of strings is {@code char **x} in,
   * {@code char ***x} otherwise (camkes-tool's helpers/marshal.c).
   */
  private static String param(CamkesModel.Parameter p) {
    String t = RpcTypes.cType(p.type());
    String dir = p.direction() == null ? "in" : p.direction();
    if (RpcTypes.carrier(p) == RpcTypes.Carrier.STRING_ARRAY) {
      return switch (dir) {
        case "in" -> "size_t " + p.name() + "_sz, char **" + p.name();
        case "refin" -> "const size_t *" + p.name() + "_sz, char ***" + p.name();
        default -> "size_t *" + p.name() + "_sz, char ***" + p.name();
      };
    }
    if (p.array()) {
      return switch (dir) {
        case "in" -> "size_t " + p.name() + "_sz, const " + t + " *" + p.name();
        case "refin" -> "const size_t *" + p.name() + "_sz, " + t + " **" + p.name();
        default -> "size_t *" + p.name() + "_sz, " + t + " **" + p.name();
      };
    }
    return switch (dir) {
      case "out", "inout" -> (t.equals("const char *") ? "char **" : t + " *") + p.name();
      case "refin" -> (t.equals("const char *") ? "const char *" : "const " + t + " *") + p.name();
      default -> (t.endsWith("*") ? t : t + " ") + p.name();
    };
  }

  /** The client stub for one method over channel constant {@code ch}. */
  void clientStub(CWriter w, String iface, String ch, String buf, int label,
      CamkesModel.Method m) {
    w.open(prototype(iface, m) + " {");
    boolean usesBuf = !m.returnType().equals("void")
        && RpcTypes.buffered(RpcTypes.carrier(m.returnType(), false));
    for (CamkesModel.Parameter p : m.parameters()) {
      if (RpcTypes.buffered(RpcTypes.carrier(p))) usesBuf = true;
    }
    if (usesBuf) {
      w.line("char *camkes_buf = (char *)(uintptr_t)" + buf + ";");
      w.line("uint64_t camkes_off = 0;");
      w.line("(void)camkes_buf;");
      if (!m.returnType().equals("void")
          && RpcTypes.carrier(m.returnType(), false) == RpcTypes.Carrier.OPAQUE) {
        // the server writes a wide result at offset 0
        String rt = RpcTypes.cType(m.returnType());
        w.line("if (sizeof(" + rt + ") > sizeof(uint64_t)) camkes_off = (sizeof(" + rt
            + ") + 7) & ~(uint64_t)7;");
      }
    }
    int mr = 0;
    for (CamkesModel.Parameter p : m.parameters()) {
      String t = RpcTypes.cType(p.type());
      RpcTypes.Carrier k = RpcTypes.carrier(p);
      boolean in = RpcTypes.isIn(p);
      boolean inout = "inout".equals(p.direction());
      boolean ref = !in || "refin".equals(p.direction());
      if (k == RpcTypes.Carrier.STRING_ARRAY) {
        if (in || inout) {
          RpcStringArrays.put(w, api, ref ? "(*" + p.name() + "_sz)" : p.name() + "_sz",
              ref ? "(*" + p.name() + ")" : p.name(), "camkes_off", mr);
          mr += 2;
        }
        continue;
      }
      if (k == RpcTypes.Carrier.ARRAY) {
        if (in || inout) {
          putArray(w, t, ref ? "(*" + p.name() + "_sz)" : p.name() + "_sz",
              ref ? "(*" + p.name() + ")" : p.name(), mr);
          mr += 2;
        }
        continue;
      }
      String val = ref ? "(*" + p.name() + ")" : p.name();
      if (in || inout) {
        w.line(api + "_mr_set(" + mr + ", " + encode(k, t, val, "camkes_buf", "camkes_off", w)
            + ");");
        mr++;
      } else if (k == RpcTypes.Carrier.OPAQUE) {
        // a wide out argument needs room in the buffer: its register carries the offset
        String off = "camkes_out_" + p.name();
        w.line("uint64_t " + off + " = camkes_off;");
        w.line("if (sizeof(" + t + ") > sizeof(uint64_t)) camkes_off += (sizeof(" + t
            + ") + 7) & ~(uint64_t)7;");
        w.line(api + "_mr_set(" + mr + ", " + off + ");");
        mr++;
      }
    }
    if (RpcTypes.variableOutputs(m)) {
      // where the server may write strings and arrays back: after everything sent
      w.line(api + "_mr_set(" + mr++ + ", camkes_off);");
    }
    w.line(api + "_msginfo camkes_reply = " + api + "_ppcall(" + ch + ", " + api
        + "_msginfo_new(" + label + ", " + mr + "));");
    w.line("(void)camkes_reply;");
    int rmr = 0;
    String ret = null;
    if (!m.returnType().equals("void")) {
      String t = RpcTypes.cType(m.returnType());
      RpcTypes.Carrier k = RpcTypes.carrier(m.returnType(), false);
      if (k == RpcTypes.Carrier.STRING) {
        w.line("char *camkes_ret;");
        getString(w, "camkes_ret", rmr++);
      } else {
        w.line(t + " camkes_ret;");
        decode(w, k, t, "camkes_ret", rmr++, "camkes_buf");
      }
      ret = "camkes_ret";
    }
    for (CamkesModel.Parameter p : m.parameters()) {
      if (RpcTypes.isIn(p)) continue;
      String t = RpcTypes.cType(p.type());
      RpcTypes.Carrier k = RpcTypes.carrier(p);
      if (k == RpcTypes.Carrier.STRING_ARRAY) {
        RpcStringArrays.get(w, api, "*" + p.name(), "*" + p.name() + "_sz", rmr);
        rmr += 2;
      } else if (k == RpcTypes.Carrier.ARRAY) {
        w.open("{");
        w.line("uint64_t camkes_w = " + api + "_mr_get(" + rmr++ + ");");
        w.line("*" + p.name() + "_sz = (size_t)" + api + "_mr_get(" + rmr++ + ");");
        w.line("*" + p.name() + " = (" + t + " *)(void *)(camkes_buf + camkes_w);");
        w.close("}");
      } else if (k == RpcTypes.Carrier.STRING) {
        getString(w, "(*" + p.name() + ")", rmr++);
      } else {
        decode(w, k, t, "(*" + p.name() + ")", rmr++, "camkes_buf");
      }
    }
    if (ret != null) w.line("return " + ret + ";");
    w.close("}");
  }

  /**
   * Copies {@code count} elements into the buffer at {@code camkes_off}; registers {@code mr}
   * and {@code mr + 1} carry the offset and the count. What does not fit is cut off, as
   * strings are (the buffer is one page).
   */
  private void putArray(CWriter w, String t, String count, String ptr, int mr) {
    w.open("{");
    w.line("uint64_t camkes_room = camkes_off < CAMKES_RPC_BUF_SIZE ? (CAMKES_RPC_BUF_SIZE -"
        + " camkes_off) / sizeof(" + t + ") : 0;");
    w.line("uint64_t camkes_n = " + count + " < camkes_room ? " + count + " : camkes_room;");
    w.line("if (camkes_n > 0) __builtin_memcpy(camkes_buf + camkes_off, " + ptr + ", camkes_n *"
        + " sizeof(" + t + "));");
    w.line(api + "_mr_set(" + mr + ", camkes_off);");
    w.line(api + "_mr_set(" + (mr + 1) + ", camkes_n);");
    w.line("camkes_off += (camkes_n * sizeof(" + t + ") + 7) & ~(uint64_t)7;");
    w.close("}");
  }

  /** A string the other side wrote into the buffer: its offset, or all ones for NULL. */
  private void getString(CWriter w, String dst, int mr) {
    w.open("{");
    w.line("uint64_t camkes_w = " + api + "_mr_get(" + mr + ");");
    w.line(dst + " = camkes_w == UINT64_MAX ? NULL : camkes_buf + camkes_w;");
    w.close("}");
  }

  /**
   * Writes a string or an array the server produced at {@code camkes_free} and its offset
   * (and count) into the reply registers.
   */
  private void putOutput(CWriter w, RpcTypes.Carrier k, String t, String local, int mr) {
    w.open("{");
    if (k == RpcTypes.Carrier.STRING) {
      w.line("uint64_t camkes_so = UINT64_MAX;");
      w.open("if (" + local + " != NULL && camkes_free < CAMKES_RPC_BUF_SIZE) {");
      w.line("camkes_so = camkes_free;");
      w.line("camkes_free += camkes_strput(camkes_buf + camkes_free, " + local
          + ", CAMKES_RPC_BUF_SIZE - camkes_free);");
      w.close("}");
      w.line(api + "_mr_set(" + mr + ", camkes_so);");
    } else {
      w.line("uint64_t camkes_room = camkes_free < CAMKES_RPC_BUF_SIZE ? (CAMKES_RPC_BUF_SIZE -"
          + " camkes_free) / sizeof(" + t + ") : 0;");
      w.line("uint64_t camkes_n = " + local + " == NULL ? 0 : " + local + "_sz;");
      w.line("if (camkes_n > camkes_room) camkes_n = camkes_room;");
      w.line("if (camkes_n > 0) __builtin_memcpy(camkes_buf + camkes_free, " + local
          + ", camkes_n * sizeof(" + t + "));");
      w.line(api + "_mr_set(" + mr + ", camkes_free);");
      w.line(api + "_mr_set(" + (mr + 1) + ", camkes_n);");
      w.line("camkes_free += (camkes_n * sizeof(" + t + ") + 7) & ~(uint64_t)7;");
    }
    w.close("}");
  }

  /** One {@code case} of the server's dispatch on the label. */
  void serverCase(CWriter w, String iface, String buf, int label, CamkesModel.Method m) {
    w.open("case " + label + ": {");
    boolean usesBuf = buf != null;
    if (usesBuf) w.line("char *camkes_buf = (char *)(uintptr_t)" + buf + ";");
    else w.line("char *camkes_buf = NULL;");
    w.line("(void)camkes_buf;");
    int mr = 0;
    List<String> args = new ArrayList<>();
    for (CamkesModel.Parameter p : m.parameters()) {
      String t = RpcTypes.cType(p.type());
      RpcTypes.Carrier k = RpcTypes.carrier(p);
      String local = "camkes_a_" + p.name();
      boolean in = RpcTypes.isIn(p);
      boolean inout = "inout".equals(p.direction());
      boolean byValue = in && !"refin".equals(p.direction());
      if (k == RpcTypes.Carrier.STRING_ARRAY) {
        // the table is rewritten into pointers in place, the texts are read in place
        w.line("char **" + local + " = NULL;");
        w.line("size_t " + local + "_sz = 0;");
        if (in || inout) {
          RpcStringArrays.get(w, api, local, local + "_sz", mr);
          mr += 2;
        }
        args.add(byValue ? local + "_sz" : "&" + local + "_sz");
        args.add(byValue ? local : "&" + local);
        continue;
      }
      if (k == RpcTypes.Carrier.ARRAY) {
        // in place: the implementation reads (and for inout may rewrite) the client's copy
        if (in || inout) {
          w.line((byValue ? "const " : "") + t + " *" + local + " = (" + (byValue ? "const " : "")
              + t + " *)(void *)(camkes_buf + " + api + "_mr_get(" + mr++ + "));");
          w.line("size_t " + local + "_sz = (size_t)" + api + "_mr_get(" + mr++ + ");");
        } else {
          w.line(t + " *" + local + " = NULL;");
          w.line("size_t " + local + "_sz = 0;");
        }
        args.add(byValue ? local + "_sz" : "&" + local + "_sz");
        args.add(byValue ? local : "&" + local);
        continue;
      }
      if (k == RpcTypes.Carrier.STRING) {
        if (in) {
          // the buffer holds the text
          w.line("const char *" + local + " = camkes_buf + " + api + "_mr_get(" + mr++ + ");");
          args.add(local);
        } else {
          w.line("char *" + local + " = " + (inout ? "camkes_buf + " + api + "_mr_get(" + mr++
              + ")" : "NULL") + ";");
          args.add("&" + local);
        }
        continue;
      }
      w.line(t + " " + local + ";");
      w.line("__builtin_memset(&" + local + ", 0, sizeof(" + local + "));");
      if (inout && k == RpcTypes.Carrier.OPAQUE) {
        w.line("uint64_t camkes_out_" + p.name() + " = " + api + "_mr_get(" + mr + ");");
        decode(w, k, t, local, mr++, "camkes_buf");
      } else if (in || inout) {
        decode(w, k, t, local, mr++, "camkes_buf");
      } else if (k == RpcTypes.Carrier.OPAQUE) {
        w.line("uint64_t camkes_out_" + p.name() + " = " + api + "_mr_get(" + mr++ + ");");
      }
      args.add(byValue ? local : "&" + local);
    }
    boolean variable = RpcTypes.variableOutputs(m);
    if (variable) w.line("uint64_t camkes_free = " + api + "_mr_get(" + mr++ + ");");
    String call = iface + "_" + m.name() + "(" + String.join(", ", args) + ")";
    int rmr = 0;
    if (m.returnType().equals("void")) {
      w.line(call + ";");
    } else {
      String t = RpcTypes.cType(m.returnType());
      RpcTypes.Carrier k = RpcTypes.carrier(m.returnType(), false);
      if (k == RpcTypes.Carrier.STRING) {
        w.line("char *camkes_ret = " + call + ";");
        putOutput(w, k, t, "camkes_ret", rmr++);
      } else {
        w.line(t + " camkes_ret = " + call + ";");
        w.line("uint64_t camkes_off = 0;");
        w.line("(void)camkes_off;");
        w.line(api + "_mr_set(" + rmr++ + ", " + encode(k, t, "camkes_ret", "camkes_buf",
            "camkes_off", w) + ");");
      }
    }
    for (CamkesModel.Parameter p : m.parameters()) {
      if (RpcTypes.isIn(p)) continue;
      String t = RpcTypes.cType(p.type());
      RpcTypes.Carrier k = RpcTypes.carrier(p);
      String local = "camkes_a_" + p.name();
      if (k == RpcTypes.Carrier.STRING_ARRAY) {
        RpcStringArrays.put(w, api, "(" + local + " == NULL ? 0 : " + local + "_sz)", local,
            "camkes_free", rmr);
        rmr += 2;
      } else if (k == RpcTypes.Carrier.ARRAY || k == RpcTypes.Carrier.STRING) {
        putOutput(w, k, t, local, rmr);
        rmr += k == RpcTypes.Carrier.ARRAY ? 2 : 1;
      } else if (k == RpcTypes.Carrier.OPAQUE) {
        // wide values go back to the offset the client chose, narrow ones in the register
        w.line("uint64_t camkes_w_" + p.name() + " = camkes_out_" + p.name() + ";");
        w.line("if (sizeof(" + t + ") > sizeof(uint64_t)) __builtin_memcpy(camkes_buf + camkes_w_"
            + p.name() + ", &" + local + ", sizeof(" + t + "));");
        w.line("else { camkes_w_" + p.name() + " = 0; __builtin_memcpy(&camkes_w_" + p.name()
            + ", &" + local + ", sizeof(" + t + ")); }");
        w.line(api + "_mr_set(" + rmr++ + ", camkes_w_" + p.name() + ");");
      } else {
        w.line(api + "_mr_set(" + rmr++ + ", " + encode(k, t, local, "camkes_buf", null, w)
            + ");");
      }
    }
    w.line("return " + api + "_msginfo_new(0, " + rmr + ");");
    w.close("}");
  }

  /**
   * The word that carries {@code val}. Wide values are first copied into the buffer (code
   * emitted before the register write), the word is then their offset.
   */
  private String encode(RpcTypes.Carrier k, String t, String val, String buf, String off,
      CWriter w) {
    switch (k) {
      case SIGNED:
        return "(uint64_t)(int64_t)" + val;
      case UNSIGNED:
        return "(uint64_t)" + val;
      case BOOL:
        return "(uint64_t)(" + val + " ? 1 : 0)";
      case STRING: {
        String o = "camkes_s" + w.toString().length();
        w.line("uint64_t " + o + " = " + off + ";");
        w.line(off + " += camkes_strput(" + buf + " + " + off + ", " + val + ", CAMKES_RPC_BUF_SIZE"
            + " - " + off + ");");
        return o;
      }
      default: {
        String o = "camkes_w" + w.toString().length();
        w.line("uint64_t " + o + " = 0;");
        if (off == null) {
          w.line("__builtin_memcpy(&" + o + ", &" + val + ", sizeof(" + t + ") <= sizeof(uint64_t)"
              + " ? sizeof(" + t + ") : sizeof(uint64_t));");
        } else {
          w.line("if (sizeof(" + t + ") <= sizeof(uint64_t)) __builtin_memcpy(&" + o + ", &" + val
              + ", sizeof(" + t + "));");
          w.line("else { " + o + " = " + off + "; __builtin_memcpy(" + buf + " + " + off + ", &"
              + val + ", sizeof(" + t + ")); " + off + " += (sizeof(" + t + ") + 7) &"
              + " ~(uint64_t)7; }");
        }
        return o;
      }
    }
  }

  /** Reads register {@code mr} into {@code dst}. */
  private void decode(CWriter w, RpcTypes.Carrier k, String t, String dst, int mr, String buf) {
    String get = api + "_mr_get(" + mr + ")";
    switch (k) {
      case SIGNED -> w.line(dst + " = (" + t + ")(int64_t)" + get + ";");
      case UNSIGNED -> w.line(dst + " = (" + t + ")" + get + ";");
      case BOOL -> w.line(dst + " = " + get + " != 0;");
      default -> {
        w.open("{");
        w.line("uint64_t camkes_w = " + get + ";");
        w.line("if (sizeof(" + t + ") <= sizeof(uint64_t)) __builtin_memcpy(&" + dst
            + ", &camkes_w, sizeof(" + t + "));");
        w.line("else __builtin_memcpy(&" + dst + ", " + buf + " + camkes_w, sizeof(" + t + "));");
        w.close("}");
      }
    }
  }
}
