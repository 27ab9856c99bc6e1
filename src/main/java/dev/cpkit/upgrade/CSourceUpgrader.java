// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.upgrade;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.lint.CLexer;
import dev.cpkit.lint.CUnit;
import dev.cpkit.lint.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites one C file from the sel4cp API to the Microkit API: names in code and in
 * preprocessor lines (never in comments or strings), {@code #include <sel4cp.h>}, and the
 * {@code <stdint.h>} / {@code <stdbool.h>} includes sel4cp.h used to provide. What has no
 * counterpart is reported, never guessed.
 */
public final class CSourceUpgrader {
  private CSourceUpgrader() {}

  /** The new text and what was done or needs a person, in file order. */
  public record Result(String text, List<Diagnostic> report, boolean changed) {}

  private record Edit(int start, int end, String text) {}

  private static final Set<String> STDINT = Set.of("uint8_t", "uint16_t", "uint32_t",
      "uint64_t", "int8_t", "int16_t", "int32_t", "int64_t", "uintptr_t", "intptr_t",
      "UINT64_C", "UINT32_C", "INT64_C", "UINTPTR_MAX", "UINT64_MAX", "UINT32_MAX");
  private static final Set<String> STDBOOL = Set.of("bool", "true", "false");

  public static Result upgrade(SourceFile file) {
    CUnit u = new CUnit(file);
    List<Edit> edits = new ArrayList<>();
    List<Diagnostic> report = new ArrayList<>();
    List<Token> idents = new ArrayList<>();
    for (Token t : u.tokens) if (t.isIdent()) idents.add(t);
    for (CLexer.Directive d : u.directives) {
      for (Token t : d.tokens()) if (t.isIdent()) idents.add(t);
    }
    idents.sort(Comparator.comparingInt(Token::start));
    Set<String> used = new HashSet<>();
    for (Token t : idents) used.add(t.text());
    Set<String> definedHere = new HashSet<>();
    for (CUnit.Function f : u.functions()) definedHere.add(f.name().text());
    boolean usesSignals = used.contains("have_signal") || used.contains("signal_msg");

    Map<String, Integer> renamed = new LinkedHashMap<>();
    Set<String> caveatsSaid = new HashSet<>();
    for (Token t : idents) {
      String n = t.text();
      CApiMap.Rename r = CApiMap.RENAMES.get(n);
      if (r != null) {
        edits.add(new Edit(t.start(), t.end(), r.to()));
        if (renamed.merge(n, 1, Integer::sum) == 1) {
          report.add(UpgCode.UPG001.at(u.span(t), "'" + n + "' becomes '" + r.to() + "'"));
        }
        if (r.caveat() != null && caveatsSaid.add(n)) {
          report.add(UpgCode.UPG004.at(u.span(t), "'" + n + "' became '" + r.to() + "', but "
              + r.caveat()));
        }
      } else if (CApiMap.NO_COUNTERPART.containsKey(n) && !definedHere.contains(n)) {
        report.add(UpgCode.UPG003.at(u.span(t), "'" + n + "' has no Microkit counterpart: "
            + CApiMap.NO_COUNTERPART.get(n)));
      } else if (n.equals("signal") && usesSignals) {
        report.add(UpgCode.UPG004.at(u.span(t), "if this 'signal' is libsel4cp's pending"
            + " signal capability, it is 'microkit_signal_cap' in Microkit"));
      } else if ((n.startsWith("sel4cp_") || n.startsWith("SEL4CP_")) && !definedHere.contains(n)) {
        report.add(UpgCode.UPG006.at(u.span(t), "'" + n + "' is not part of the sel4cp API"
            + " cpkit knows; rename or replace it by hand"));
      }
    }
    for (CUnit.Function f : u.functions()) {
      if (f.name().is("fault") && f.params().size() == 2) {
        report.add(UpgCode.UPG003.at(u.span(f.name()), "fault() changed: Microkit calls"
            + " 'seL4_Bool fault(microkit_child child, microkit_msginfo msginfo,"
            + " microkit_msginfo *reply_msginfo)' and resumes the child when it returns"
            + " seL4_True; rewrite this handler"));
      }
    }

    CLexer.Directive sel4cpInclude = null;
    boolean hasStdint = false;
    boolean hasStdbool = false;
    for (CLexer.Directive d : u.directives) {
      if (!d.name().equals("include") || d.tokens().isEmpty()) continue;
      Token h = d.tokens().get(0);
      String name = h.text();
      if (name.equals("<sel4cp.h>") || name.equals("\"sel4cp.h\"")) {
        String to = name.charAt(0) + "microkit.h" + name.charAt(name.length() - 1);
        edits.add(new Edit(h.start(), h.end(), to));
        report.add(UpgCode.UPG002.at(u.span(h), "#include " + name + " becomes #include " + to));
        if (sel4cpInclude == null) sel4cpInclude = d;
      }
      hasStdint |= name.contains("stdint.h") || name.contains("inttypes.h");
      hasStdbool |= name.contains("stdbool.h");
    }
    if (sel4cpInclude != null) {
      StringBuilder add = new StringBuilder();
      if (!hasStdint && used.stream().anyMatch(STDINT::contains)) add.append("\n#include <stdint.h>");
      if (!hasStdbool && used.stream().anyMatch(STDBOOL::contains)) add.append("\n#include <stdbool.h>");
      if (add.length() > 0) {
        // sel4cp.h included both; microkit.h includes neither since Microkit 1.3.0
        edits.add(new Edit(sel4cpInclude.end(), sel4cpInclude.end(), add.toString()));
        report.add(UpgCode.UPG005.at(file.span(sel4cpInclude.start(), sel4cpInclude.end()),
            "added" + add.toString().replace("\n", " ") + ": sel4cp.h included it, microkit.h"
                + " does not"));
      }
    }
    edits.sort(Comparator.comparingInt(Edit::start).reversed());
    StringBuilder text = new StringBuilder(file.text());
    for (Edit e : edits) text.replace(e.start(), e.end(), e.text());
    report.sort(Comparator.comparingInt(d -> d.span().start()));
    return new Result(text.toString(), List.copyOf(report), !edits.isEmpty());
  }
}
