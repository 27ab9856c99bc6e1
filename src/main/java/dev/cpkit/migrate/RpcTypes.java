// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import java.util.Map;

/**
 * How an RPC argument or result travels (MAPPING.md "RPC" facts): integer types, {@code bool}
 * and {@code char} as one 64-bit message register each (signed values sign-extended, unsigned
 * zero-extended); strings through the connection's buffer; any other named type (an enum, a
 * small struct) is copied byte for byte into one register when it fits in 8 bytes, else into
 * the buffer. Arrays of integers, enums and structs travel through the buffer too (an offset
 * and an element count in two registers); so do arrays of strings (the offset of a table of
 * string offsets, see {@link RpcStringArrays}) and {@code out}/{@code inout} strings and string
 * results, which the callee writes after the inputs. CAmkES has no array results (its grammar
 * gives a method a scalar type or {@code void}), so there are none to marshal.
 */
final class RpcTypes {
  private RpcTypes() {}

  enum Carrier { SIGNED, UNSIGNED, BOOL, STRING, OPAQUE, ARRAY, STRING_ARRAY }

  private static final Map<String, String> C_NAMES = Map.ofEntries(
      Map.entry("int", "int"), Map.entry("integer", "int"), Map.entry("signed", "int"),
      Map.entry("signed int", "int"), Map.entry("signed integer", "int"),
      Map.entry("unsigned", "unsigned int"), Map.entry("unsigned int", "unsigned int"),
      Map.entry("unsigned integer", "unsigned int"), Map.entry("char", "char"),
      Map.entry("signed char", "signed char"), Map.entry("unsigned char", "unsigned char"),
      Map.entry("string", "const char *"), Map.entry("_Bool", "bool"));

  private static final java.util.Set<String> SIGNED = java.util.Set.of("int", "signed char",
      "short", "long", "int8_t", "int16_t", "int32_t", "int64_t", "intptr_t", "ssize_t",
      "ptrdiff_t", "intmax_t", "off_t", "seL4_Int64");

  private static final java.util.Set<String> UNSIGNED = java.util.Set.of("unsigned int",
      "unsigned char", "char", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "uintptr_t",
      "size_t", "uintmax_t", "seL4_Word", "seL4_CPtr", "seL4_Uint64", "seL4_Uint32",
      "dma_addr_t", "paddr_t", "vaddr_t");

  /** The C spelling of a CAmkES type ({@code unsigned} → {@code unsigned int}, ...). */
  static String cType(String camkes) {
    String t = camkes.trim().replaceAll("\\s+", " ");
    return C_NAMES.getOrDefault(t, t);
  }

  static Carrier carrier(String camkesType, boolean array) {
    String c = cType(camkesType);
    if (array) return c.equals("const char *") ? Carrier.STRING_ARRAY : Carrier.ARRAY;
    if (c.equals("const char *")) return Carrier.STRING;
    if (c.equals("bool")) return Carrier.BOOL;
    if (SIGNED.contains(c)) return Carrier.SIGNED;
    if (UNSIGNED.contains(c)) return Carrier.UNSIGNED;
    return Carrier.OPAQUE;
  }

  static Carrier carrier(CamkesModel.Parameter p) {
    return carrier(p.type(), p.array());
  }

  /** Why a method cannot be marshalled, or null when it can. */
  static String unsupported(CamkesModel.Method m) {
    if (m.parameters().size() * 2 + 2 > 100) return "more than 49 arguments";
    return null;
  }

  /** A value that does not fit a register: strings, arrays, named types (maybe wide). */
  static boolean buffered(Carrier k) {
    return k == Carrier.STRING || k == Carrier.OPAQUE || k == Carrier.ARRAY
        || k == Carrier.STRING_ARRAY;
  }

  /** Values whose size only the sender knows: strings, arrays, arrays of strings. */
  static boolean variable(Carrier k) {
    return k == Carrier.STRING || k == Carrier.ARRAY || k == Carrier.STRING_ARRAY;
  }

  /** Whether any method of the procedure has an array of strings. */
  static boolean hasStringArrays(CamkesModel.Procedure proc) {
    for (CamkesModel.Method m : proc.methods()) {
      for (CamkesModel.Parameter p : m.parameters()) {
        if (carrier(p) == Carrier.STRING_ARRAY) return true;
      }
    }
    return false;
  }

  /**
   * Whether the callee writes variable-sized data (an out/inout string, array or array of
   * strings, a string result): the caller then tells it the first free buffer offset in one more register.
   */
  static boolean variableOutputs(CamkesModel.Method m) {
    if (!m.returnType().equals("void") && carrier(m.returnType(), false) == Carrier.STRING) {
      return true;
    }
    for (CamkesModel.Parameter p : m.parameters()) {
      Carrier k = carrier(p);
      if (!isIn(p) && variable(k)) return true;
    }
    return false;
  }

  static boolean isIn(CamkesModel.Parameter p) {
    return p.direction() == null || p.direction().equals("in") || p.direction().equals("refin");
  }

  /** Whether arguments of the method go through the connection's buffer. */
  static boolean needsBuffer(CamkesModel.Procedure proc) {
    for (CamkesModel.Method m : proc.methods()) {
      if (unsupported(m) != null) continue;
      if (!allScalar(m)) return true;
    }
    return false;
  }

  /** Whether every method passes only register-sized scalars (an exact mapping). */
  static boolean allScalar(CamkesModel.Procedure proc) {
    for (CamkesModel.Method m : proc.methods()) {
      if (unsupported(m) != null || !allScalar(m)) return false;
    }
    return true;
  }

  private static boolean allScalar(CamkesModel.Method m) {
    if (!m.returnType().equals("void") && buffered(carrier(m.returnType(), false))) return false;
    for (CamkesModel.Parameter p : m.parameters()) {
      if (buffered(carrier(p))) return false;
    }
    return true;
  }
}
