// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf.xml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a file into text as expat (the sel4cp tools' parser) would: UTF-16 by
 * byte-order mark or by a first {@code '<'} byte pair, an 8-bit {@code encoding} declaration,
 * anything else strict UTF-8. Malformed bytes are reported at the character where decoding
 * stopped, a declared encoding that cannot be used at its name.
 */
public final class XmlDecoder {
  private XmlDecoder() {}

  /** Either the text or the offset (in characters decoded so far) of the first bad byte. */
  public record Decoded(String text, int badOffset, String partial) {
    public boolean ok() {
      return badOffset < 0;
    }
  }

  /** The name in {@code <?xml ... encoding="NAME"} at the start of the file, and its offset. */
  private record EncodingName(String name, int start) {}

  /**
   * Finds the XML declaration's encoding name by hand: a regular expression would cost more
   * start-up time than the rest of decoding.
   */
  private static EncodingName encodingName(String head) {
    int i = head.startsWith("\uFEFF") ? 1 : 0;
    if (!head.startsWith("<?xml", i)) return null;
    int close = head.indexOf('>', i);
    int limit = close < 0 ? head.length() : close;
    int at = head.indexOf("encoding", i);
    if (at < 0 || at >= limit) return null;
    int j = at + "encoding".length();
    while (j < limit && isSpace(head.charAt(j))) j++;
    if (j >= limit || head.charAt(j) != '=') return null;
    j++;
    while (j < limit && isSpace(head.charAt(j))) j++;
    if (j >= limit || (head.charAt(j) != '"' && head.charAt(j) != '\'')) return null;
    char quote = head.charAt(j);
    int start = ++j;
    while (j < limit && isEncodingChar(head.charAt(j))) j++;
    if (j == start || j >= limit || head.charAt(j) != quote) return null;
    return new EncodingName(head.substring(start, j), start);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isEncodingChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == '-';
  }

  public static Decoded decode(byte[] bytes) {
    Decoded d = decodeBytes(bytes);
    return d.ok() ? new Decoded(loneCarriageReturns(d.text()), -1, null) : d;
  }

  private static Decoded decodeBytes(byte[] bytes) {
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      return run(StandardCharsets.UTF_16BE.newDecoder(), bytes, 2);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      return run(StandardCharsets.UTF_16LE.newDecoder(), bytes, 2);
    }
    // expat also recognises UTF-16 without a byte-order mark by its first '<'
    if (bytes.length >= 2 && bytes[0] == '<' && bytes[1] == 0) {
      return run(StandardCharsets.UTF_16LE.newDecoder(), bytes, 0);
    }
    if (bytes.length >= 2 && bytes[0] == 0 && bytes[1] == '<') {
      return run(StandardCharsets.UTF_16BE.newDecoder(), bytes, 0);
    }
    String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
    EncodingName m = encodingName(head);
    if (m != null) return declared(bytes, head, m);
    return utf8(bytes);
  }

  /**
   * Strict UTF-8. The JDK's String constructor is much faster than a CharsetDecoder in a
   * short-lived process but replaces bad bytes with U+FFFD, so the strict decoder runs only
   * when that character appears (a bad byte, or a genuine U+FFFD in the file).
   */
  private static Decoded utf8(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) return new Decoded(text, -1, null);
    return run(StandardCharsets.UTF_8.newDecoder(), bytes, 0);
  }

  /**
   * A file whose XML declaration names its encoding. Python's expat decodes any 8-bit
   * encoding Python knows; a UTF-16 declaration on 8-bit text is an error, and so (a crash
   * in the Python tools) is a name nobody knows: both are reported at the name.
   */
  private static Decoded declared(byte[] bytes, String head, EncodingName m) {
    String enc = m.name().toUpperCase(java.util.Locale.ROOT);
    if (enc.equals("UTF-8") || enc.equals("UTF8")) return utf8(bytes);
    if (enc.equals("ISO-8859-1") || enc.equals("LATIN1") || enc.equals("ISO8859-1")) {
      return new Decoded(new String(bytes, StandardCharsets.ISO_8859_1), -1, null);
    }
    if (enc.equals("US-ASCII") || enc.equals("ASCII")) {
      return run(StandardCharsets.US_ASCII.newDecoder(), bytes, 0);
    }
    Charset charset = null;
    try {
      if (!enc.startsWith("UTF-16") && Charset.isSupported(enc)) charset = Charset.forName(enc);
    } catch (IllegalArgumentException e) {
      charset = null;
    }
    if (charset == null || charset.newEncoder().maxBytesPerChar() > 1) {
      return new Decoded(null, m.start(), head.substring(0, m.start()));
    }
    return run(charset.newDecoder(), bytes, 0);
  }

  /**
   * XML reads a lone carriage return as a line break. Replacing it with a line feed keeps
   * every offset and makes lines count as expat counts them (CR LF is one break either way).
   */
  private static String loneCarriageReturns(String text) {
    if (text.indexOf('\r') < 0) return text;
    char[] cs = text.toCharArray();
    for (int i = 0; i < cs.length; i++) {
      if (cs[i] == '\r' && (i + 1 == cs.length || cs[i + 1] != '\n')) cs[i] = '\n';
    }
    return new String(cs);
  }

  private static Decoded run(CharsetDecoder decoder, byte[] bytes, int skip) {
    decoder.onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      out.flip();
      String partial = out.toString();
      return new Decoded(null, partial.length(), partial);
    }
    r = decoder.flush(out);
    out.flip();
    return new Decoded(out.toString(), -1, null);
  }
}
