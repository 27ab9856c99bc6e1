// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.HumanRenderer;
import dev.cpkit.diag.JsonRenderer;
import dev.cpkit.diag.ReferenceRenderer;
import dev.cpkit.system.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A bounded mutation fuzzer: valid SDFs (the bundled examples) are damaged at random, at the
 * character and at the token level, and every dialect must answer with a validated system or
 * with located errors, and every renderer must render the result, without an exception.
 */
class SdfFuzzProperties {
  private static final List<String> SEEDS = seeds();
  private static final String[] TOKENS = {
    "<", ">", "/>", "</system>", "<protection_domain name=\"x\">", "</protection_domain>",
    "\"", "'", "=", "&", "&amp;", "&#0;", "&#x110000;", "<!--", "-->", "<![CDATA[", "]]>",
    "<?xml version=\"1.0\"?>", "<!DOCTYPE x>", " id=\"63\"", " id=\"-1\"", " priority=\"255\"",
    " pp=\"TRUE\"", " size=\"0x\"", " vaddr=\"0x1_000\"", "0x", "-", "_", "99999999999999999999",
    "\u0000", "\uFFFE", "\uD800", "é", "\t", "\n", "<map mr=\"x\" vaddr=\"0\"/>",
    "<end pd=\"a\" id=\"1\"/>", "<channel>", "</channel>", "<virtual_machine name=\"v\" id=\"1\">",
    "<irq irq=\"1\" id=\"1\" trigger=\"edge\"/>", "<setvar symbol=\"s\" region_paddr=\"r\"/>"
  };

  private static List<String> seeds() {
    try (Stream<Path> files = Files.list(Path.of("examples", "sdf"))) {
      List<String> out = new ArrayList<>();
      for (Path p : files.sorted().toList()) out.add(Files.readString(p));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Property(tries = 400)
  void mutatedInputsAreAnsweredWithoutExceptions(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int mutations) {
    Random rnd = new Random(seed);
    StringBuilder text = new StringBuilder(SEEDS.get(rnd.nextInt(SEEDS.size())));
    for (int i = 0; i < mutations; i++) mutate(text, rnd);
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    if (rnd.nextInt(10) == 0 && bytes.length > 0) bytes[rnd.nextInt(bytes.length)] ^= 0x80;
    for (Dialect d : Dialect.values()) {
      Sdf.Result r = Sdf.check("fuzz.system", bytes, Sdf.Options.of(d));
      if (r.ok()) {
        assertThat(r.system()).isNotNull();
      } else {
        assertThat(r.system()).isNull();
        Diagnostic first = r.diagnostics().stream().filter(Diagnostic::isError).findFirst()
            .orElseThrow();
        assertThat(first.span()).isNotNull();
        assertThat(first.span().start()).isBetween(0, r.file().text().length());
        assertThat(first.reference()).as("%s has a reference form", first).isNotNull();
        String ref = new ReferenceRenderer(d.locationStyle()).text(first);
        assertThat(ref).isNotBlank().doesNotContain("{msg}").doesNotContain("{loc}");
      }
      assertThat(new HumanRenderer(true).render(r.diagnostics())).isNotNull();
      assertThat(new JsonRenderer().render(r.diagnostics()).lines().count())
          .isEqualTo(r.diagnostics().size());
    }
  }

  private static void mutate(StringBuilder t, Random rnd) {
    if (t.length() == 0) {
      t.append(TOKENS[rnd.nextInt(TOKENS.length)]);
      return;
    }
    int at = rnd.nextInt(t.length());
    switch (rnd.nextInt(6)) {
      case 0 -> t.deleteCharAt(at);
      case 1 -> t.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
      case 2 -> t.delete(at, Math.min(t.length(), at + 1 + rnd.nextInt(40)));
      case 3 -> t.setCharAt(at, (char) (32 + rnd.nextInt(95)));
      case 4 -> {
        int end = Math.min(t.length(), at + 1 + rnd.nextInt(80));
        String piece = t.substring(at, end);
        t.insert(rnd.nextInt(t.length()), piece);
      }
      default -> {
        // replace a number with an odd one
        int d = indexOfDigit(t, at);
        if (d >= 0) t.insert(d, new String[] {"-", "0x", "_", "9999999999999999999999", "0"}[
            rnd.nextInt(5)]);
      }
    }
  }

  private static int indexOfDigit(StringBuilder t, int from) {
    for (int i = from; i < t.length(); i++) if (Character.isDigit(t.charAt(i))) return i;
    return -1;
  }
}
