// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.graph.TestSystems;
import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SARIF 2.1.0 structure, the JSON report, and docs/analysis.md covering every code. */
class ReportFormatsTest {

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> arr(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<Object>) o;
  }

  static Report findings() {
    return AnalysisTest.analyse(Dialect.SEL4CP, AnalysisTest.system(
        "<memory_region name=\"regs\" size=\"0x1000\" phys_addr=\"0x9000000\" />\n",
        AnalysisTest.pd("server", "priority=\"100\" pp=\"true\"",
            "<map mr=\"regs\" vaddr=\"0x2000000\" perms=\"rwx\" />\n"),
        AnalysisTest.pd("client", "priority=\"100\"", ""),
        AnalysisTest.channel("server", 0, "client", 0)));
  }

  /** The properties SARIF 2.1.0 requires, and the references between them, hold. */
  static void assertValidSarif(String text, int results) {
    Map<String, Object> log = obj(MiniJson.parse(text));
    assertThat(log.get("version")).isEqualTo("2.1.0");
    assertThat(log.get("$schema")).isEqualTo(SarifReport.SCHEMA);
    List<Object> runs = arr(log.get("runs"));
    assertThat(runs).hasSize(1);
    Map<String, Object> run = obj(runs.get(0));
    Map<String, Object> driver = obj(obj(run.get("tool")).get("driver"));
    assertThat(driver.get("name")).isEqualTo("cpkit");
    List<Object> rules = arr(driver.get("rules"));
    Set<String> ids = new HashSet<>();
    for (Object r : rules) {
      Map<String, Object> rule = obj(r);
      assertThat(ids.add((String) rule.get("id"))).as("unique rule id").isTrue();
      assertThat(obj(rule.get("shortDescription")).get("text")).isInstanceOf(String.class);
      assertThat(obj(rule.get("defaultConfiguration")).get("level"))
          .isIn("none", "note", "warning", "error");
    }
    List<Object> rs = arr(run.get("results"));
    assertThat(rs).hasSize(results);
    for (Object o : rs) {
      Map<String, Object> res = obj(o);
      int index = ((Long) res.get("ruleIndex")).intValue();
      assertThat(obj(rules.get(index)).get("id")).isEqualTo(res.get("ruleId"));
      assertThat(res.get("level")).isIn("none", "note", "warning", "error");
      assertThat((String) obj(res.get("message")).get("text")).isNotBlank();
      for (Object l : arr(res.get("locations"))) {
        Map<String, Object> phys = obj(obj(l).get("physicalLocation"));
        assertThat((String) obj(phys.get("artifactLocation")).get("uri")).isNotBlank();
        Map<String, Object> region = obj(phys.get("region"));
        assertThat((Long) region.get("startLine")).isPositive();
        assertThat((Long) region.get("startColumn")).isPositive();
        assertThat((Long) region.get("endLine")).isGreaterThanOrEqualTo(
            (Long) region.get("startLine"));
      }
      if (res.containsKey("relatedLocations")) {
        for (Object l : arr(res.get("relatedLocations"))) {
          assertThat(obj(l).get("id")).isInstanceOf(Long.class);
          assertThat(obj(l)).containsKey("physicalLocation");
        }
      }
    }
  }

  @Test
  void sarifHasTheRequiredStructure() {
    Report r = findings();
    assertThat(AnalysisTest.codes(r)).contains("ANA001", "ANA203", "ANA204");
    String sarif = SarifReport.render(r, "0.1.0");
    assertValidSarif(sarif, r.findings().size());
    assertThat(sarif).contains("\"ruleId\": \"ANA001\", \"ruleIndex\": 0, \"level\": \"error\"")
        .contains("\"uri\": \"test.system\"");
  }

  @Test
  void sarifOfAnInvalidInputCarriesItsErrors() {
    Sdf.Result bad = Sdf.check("bad file.system", "<system><nope/></system>"
        .getBytes(StandardCharsets.UTF_8), Sdf.Options.of(Dialect.SEL4CP));
    Report r = Report.invalid("bad file.system", bad.diagnostics().stream()
        .filter(d -> d.isError()).toList());
    String sarif = SarifReport.render(r, "0.1.0");
    assertValidSarif(sarif, r.findings().size());
    assertThat(sarif).contains("\"uri\": \"bad%20file.system\"").contains("\"id\": \"SDF004\"");
  }

  @Test
  void jsonReportParsesAndCarriesTheSummaries() throws Exception {
    Report r = Analysis.run("vmm", TestSystems.example("vmm", "sel4cp-dev"),
        Analysis.Options.defaults());
    Map<String, Object> j = obj(MiniJson.parse(JsonReport.render(r)));
    assertThat(j.get("valid")).isEqualTo(true);
    assertThat(obj(j.get("counts"))).containsEntry("error", 0L).containsEntry("note", 2L);
    assertThat(arr(j.get("findings"))).hasSize(2);
    assertThat(obj(arr(j.get("findings")).get(0))).containsEntry("code", "ANA103");
    Map<String, Object> memory = obj(j.get("memory"));
    assertThat(memory.get("allocated")).isEqualTo(0x10000000L);
    assertThat(obj(memory.get("ram"))).containsEntry("free", 0x80000000L - 0x200000);
    assertThat(arr(memory.get("physicalMap"))).hasSize(5);
    assertThat(obj(arr(memory.get("physicalMap")).get(3))).containsEntry("kind", "reserved")
        .containsKey("note");
    assertThat(obj(obj(j.get("capacity")).get("ids"))).containsEntry("VMM", 1L);
    Map<String, Object> clean = obj(MiniJson.parse(JsonReport.render(
        AnalysisTest.analyse(Dialect.SEL4CP, AnalysisTest.CLEAN))));
    assertThat(arr(clean.get("findings"))).isEmpty();
  }

  @Test
  void everyCodeIsExplainedInTheDocs() throws IOException {
    String doc = Files.readString(Path.of("docs", "analysis.md"));
    for (AnaCode c : AnaCode.values()) {
      assertThat(doc).contains("| `" + c.name() + "` | " + c.severity().label() + " | "
          + c.summary() + " |");
      assertThat(doc).contains("### " + c.name());
    }
  }
}
