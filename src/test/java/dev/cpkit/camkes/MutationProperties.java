// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A bounded fuzz test: valid inputs (the ok cases) with random edits — deleted, duplicated or
 * inserted text, including cpp directives and unbalanced brackets — must load without an
 * exception, and every diagnostic must have a location.
 */
class MutationProperties {
  private static final Path OK = CamkesCasesTest.ROOT.resolve("ok");
  private static final List<String> SNIPPETS = List.of(
      "{", "}", ";", "(", ")", "[", "]", ",", ".", "<-", "->", "\"", "/*", "*/", "//", "#",
      "\n#define X X\n", "\n#if 1\n", "\n#endif\n", "\n#include \"nowhere.h\"\n", "\\\n",
      "import \"imports.camkes\";", "component", "connection", "assembly", "maybe", "0x",
      "99999999999999999999", "1/0", "'", "@", "\u0000", "composition {", "configuration {");

  private static final List<String> INPUTS = load();

  private static List<String> load() {
    try (Stream<Path> s = Files.list(OK)) {
      return s.filter(p -> p.toString().endsWith(".camkes")).sorted().map(p -> {
        try {
          return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One edit: kind 0 deletes, 1 duplicates, 2 inserts a snippet; positions are fractions. */
  record Edit(int kind, double at, double length, String snippet) {
    String apply(String s) {
      int pos = (int) (at * s.length());
      int len = (int) (length * Math.min(200, s.length() - pos));
      return switch (kind) {
        case 0 -> s.substring(0, pos) + s.substring(pos + len);
        case 1 -> s.substring(0, pos + len) + s.substring(pos, pos + len) + s.substring(pos + len);
        default -> s.substring(0, pos) + snippet + s.substring(pos);
      };
    }
  }

  @Provide
  Arbitrary<String> mutants() {
    Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1),
        Arbitraries.of(SNIPPETS)).as(Edit::new);
    return Combinators.combine(Arbitraries.of(INPUTS), edit.list().ofMinSize(1).ofMaxSize(4))
        .as((text, edits) -> {
          String s = text;
          for (Edit e : edits) s = e.apply(s);
          return s;
        });
  }

  @Property(tries = 300)
  void mutatedInputsLoadWithLocatedDiagnostics(@ForAll("mutants") String text) {
    CamkesFrontEnd.Result r = CamkesFrontEnd.loadText("mutant.camkes", text, OK,
        CamkesFrontEnd.Options.defaults().withIncludeDirs(List.of(OK.resolve("include"))));
    for (Diagnostic d : r.diagnostics()) {
      assertThat(d.span()).isNotNull();
      assertThat(d.span().line()).isPositive();
      assertThat(d.span().column()).isPositive();
    }
    if (r.ok()) assertThat(r.model()).isNotNull();
  }

  @Property(tries = 50)
  void unmutatedInputsStillLoad(@ForAll("originals") String text) {
    assertThat(CamkesFrontEnd.loadText("orig.camkes", text, OK, CamkesFrontEnd.Options.defaults()
        .withIncludeDirs(List.of(OK.resolve("include")))
        .withDefines(java.util.Map.of("CPKIT_TEST", "1"))).ok()).isTrue();
  }

  @Provide
  Arbitrary<String> originals() {
    return Arbitraries.of(INPUTS);
  }

}
