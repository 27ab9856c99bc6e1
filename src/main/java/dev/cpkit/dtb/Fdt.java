// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.dtb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A flattened device tree (DTB, format versions 16 and 17) read into memory. Parsing checks
 * every offset and length against the blob, so a truncated or corrupt file is a
 * {@link DtbException} naming the offset, never an index error or a hang.
 *
 * <pre>
 * Fdt fdt = Fdt.read(Path.of("board.dtb"));
 * Node uart = fdt.node("/pl011@9000000");       // or fdt.alias("serial0")
 * List&lt;Reg&gt; regs = uart.regs();   List&lt;Interrupt&gt; irqs = uart.interrupts();
 * </pre>
 */
public final class Fdt {
  static final long MAGIC = 0xd00dfeedL;
  private static final int BEGIN_NODE = 1;
  private static final int END_NODE = 2;
  private static final int PROP = 3;
  private static final int NOP = 4;
  private static final int END = 9;
  /** Real trees are under 20 levels deep; the bound keeps a hostile blob from exhausting memory. */
  static final int MAX_DEPTH = 256;

  private final Node root;
  private final int size;
  private final int version;

  private Fdt(Node root, int size, int version) {
    this.root = root;
    this.size = size;
    this.version = version;
  }

  /** Reads a .dtb file. */
  public static Fdt read(Path file) throws IOException, DtbException {
    return parse(Files.readAllBytes(file));
  }

  /** Parses a blob. */
  public static Fdt parse(byte[] blob) throws DtbException {
    if (blob.length < 40) {
      if (blob.length >= 4 && u32(blob, 0) != MAGIC) throw badMagic(blob);
      throw new DtbException("truncated device tree: " + blob.length + " bytes, the header alone has 40", 0);
    }
    if (u32(blob, 0) != MAGIC) throw badMagic(blob);
    long total = u32(blob, 4);
    long offStruct = u32(blob, 8);
    long offStrings = u32(blob, 12);
    long version = u32(blob, 20);
    long lastComp = u32(blob, 24);
    long sizeStrings = u32(blob, 32);
    long sizeStruct = u32(blob, 36);
    if (total > blob.length) {
      throw new DtbException("truncated device tree: the header says " + total + " bytes, the file has " + blob.length, 4);
    }
    if (version < 16 || lastComp > 17) {
      throw new DtbException("unsupported device tree version " + version + " (compatible with "
          + lastComp + "); versions 16 and 17 are read", 20);
    }
    checkBlock("structure", offStruct, sizeStruct, total, 8);
    checkBlock("strings", offStrings, sizeStrings, total, 12);
    Reader r = new Reader(blob, (int) offStruct, (int) (offStruct + sizeStruct), (int) offStrings, (int) sizeStrings);
    return new Fdt(r.tree(), blob.length, (int) version);
  }

  private static DtbException badMagic(byte[] blob) {
    return new DtbException("not a device tree blob: magic 0x" + Long.toHexString(u32(blob, 0))
        + ", expected 0xd00dfeed (a .dts source must be compiled with dtc, or passed with --dts)", 0);
  }

  private static void checkBlock(String what, long off, long len, long total, int headerField) throws DtbException {
    if (off > total || len > total - off) {
      throw new DtbException("the " + what + " block (offset " + off + ", " + len
          + " bytes) lies outside the " + total + "-byte blob", headerField);
    }
  }

  static long u32(byte[] b, int at) {
    return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
  }

  /** The root node ("/"). */
  public Node root() {
    return root;
  }

  /** Size of the blob in bytes (CAmkES reports it as {@code dtb-size}). */
  public int size() {
    return size;
  }

  public int version() {
    return version;
  }

  /**
   * The node at an absolute path ("/soc/serial@9000000"), or null. A component without a unit
   * address ("/soc/serial") matches a child by name when exactly one child has that name.
   */
  public Node node(String path) {
    if (!path.startsWith("/")) return null;
    Node n = root;
    for (String part : path.substring(1).split("/", -1)) {
      if (part.isEmpty()) continue;
      Node next = n.child(part);
      if (next == null && part.indexOf('@') < 0) next = uniqueByBaseName(n, part);
      if (next == null) return null;
      n = next;
    }
    return n;
  }

  private static Node uniqueByBaseName(Node n, String base) {
    Node found = null;
    for (Node c : n.children()) {
      if (c.name().startsWith(base + "@")) {
        if (found != null) return null;
        found = c;
      }
    }
    return found;
  }

  /** The path an {@code /aliases} entry names, or null when there is no such alias. */
  public String aliasPath(String alias) {
    Node aliases = root.child("aliases");
    Property p = aliases == null ? null : aliases.property(alias);
    return p == null ? null : p.string();
  }

  /** The node an {@code /aliases} entry names, or null. */
  public Node alias(String alias) {
    String path = aliasPath(alias);
    return path == null ? null : node(path);
  }

  /** Every node except the root, in blob (pre-)order: the order CAmkES' path queries search. */
  public List<Node> nodes() {
    List<Node> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(Node n, List<Node> out) {
    for (Node c : n.children()) {
      out.add(c);
      collect(c, out);
    }
  }

  /** Walks the structure block; every read is bounds-checked. */
  private static final class Reader {
    private final byte[] b;
    private final int end;
    private final int strings;
    private final int stringsSize;
    private int pos;

    Reader(byte[] b, int start, int end, int strings, int stringsSize) {
      this.b = b;
      this.pos = start;
      this.end = end;
      this.strings = strings;
      this.stringsSize = stringsSize;
    }

    Node tree() throws DtbException {
      int token = skipNops();
      if (token != BEGIN_NODE) throw new DtbException("the structure block does not start with a node", pos - 4);
      cstring();  // the root's name is empty
      align();
      Node root = new Node("", null);
      Node current = root;
      int depth = 1;
      while (true) {
        int at = pos;
        token = next();
        switch (token) {
          case BEGIN_NODE -> {
            if (current == null) throw new DtbException("a second root node", at);
            if (++depth > MAX_DEPTH) throw new DtbException("nodes nested more than " + MAX_DEPTH + " deep", at);
            String name = cstring();
            align();
            if (name.isEmpty()) throw new DtbException("a node without a name under " + current.path(), at);
            Node n = new Node(name, current);
            current.add(n);
            current = n;
          }
          case END_NODE -> {
            if (current == null) throw new DtbException("an end-of-node token outside any node", at);
            current = current.parent();
            depth--;
          }
          case PROP -> {
            if (current == null) throw new DtbException("a property outside any node", at);
            long len = next() & 0xffffffffL;
            long nameOff = next() & 0xffffffffL;
            if (len > end - pos) throw new DtbException("property value of " + len + " bytes runs past the structure block", at);
            if (nameOff >= stringsSize) {
              throw new DtbException("property name offset " + nameOff + " is outside the " + stringsSize
                  + "-byte strings block", at);
            }
            byte[] value = new byte[(int) len];
            System.arraycopy(b, pos, value, 0, (int) len);
            pos += (int) len;
            align();
            current.add(new Property(name((int) nameOff, at), value));
          }
          case NOP -> { }
          case END -> {
            if (current != null) throw new DtbException("the structure block ends inside node " + current.path(), at);
            return root;
          }
          default -> throw new DtbException("unknown structure token 0x" + Integer.toHexString(token), at);
        }
      }
    }

    private int skipNops() throws DtbException {
      int t;
      do {
        t = next();
      } while (t == NOP);
      return t;
    }

    private int next() throws DtbException {
      if (pos + 4 > end) throw new DtbException("truncated structure block (no end token)", pos);
      int v = (int) u32(b, pos);
      pos += 4;
      return v;
    }

    private void align() throws DtbException {
      pos = (pos + 3) & ~3;
      if (pos > end) throw new DtbException("truncated structure block", end);
    }

    private String cstring() throws DtbException {
      int start = pos;
      while (pos < end && b[pos] != 0) pos++;
      if (pos >= end) throw new DtbException("unterminated node name", start);
      String s = new String(b, start, pos - start, StandardCharsets.ISO_8859_1);
      pos++;
      return s;
    }

    private String name(int off, int at) throws DtbException {
      int start = strings + off;
      int limit = strings + stringsSize;
      int i = start;
      while (i < limit && b[i] != 0) i++;
      if (i >= limit) throw new DtbException("property name at strings offset " + off + " is not terminated", at);
      return new String(b, start, i - start, StandardCharsets.ISO_8859_1);
    }
  }
}
