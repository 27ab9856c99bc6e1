// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf.xml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of a file into text as an XML parser would: a UTF-16 byte-order mark or an
 * {@code encoding} declaration of ISO-8859-1/US-ASCII is honoured, anything else is read as
 * strict UTF-8. Malformed bytes are reported at the character where decoding stopped.
 */
public final class XmlDecoder {
  private XmlDecoder() {}

  /** Either the text or the offset (in characters decoded so far) of the first bad byte. */
  public record Decoded(String text, int badOffset, String partial) {
    public boolean ok() {
      return badOffset < 0;
    }
  }

  private static final Pattern ENCODING =
      Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

  public static Decoded decode(byte[] bytes) {
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      return run(StandardCharsets.UTF_16BE.newDecoder(), bytes, 2);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      return run(StandardCharsets.UTF_16LE.newDecoder(), bytes, 2);
    }
    String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
    Matcher m = ENCODING.matcher(head);
    if (m.find()) {
      String enc = m.group(1).toUpperCase(java.util.Locale.ROOT);
      if (enc.equals("ISO-8859-1") || enc.equals("LATIN1") || enc.equals("ISO8859-1")) {
        return new Decoded(new String(bytes, StandardCharsets.ISO_8859_1), -1, null);
      }
      if (enc.equals("US-ASCII") || enc.equals("ASCII")) {
        return run(StandardCharsets.US_ASCII.newDecoder(), bytes, 0);
      }
    }
    return run(StandardCharsets.UTF_8.newDecoder(), bytes, 0);
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

  /** For callers that only want text or an exception. */
  static String strict(byte[] bytes) throws CharacterCodingException {
    Decoded d = decode(bytes);
    if (!d.ok()) throw new CharacterCodingException();
    return d.text();
  }
}
