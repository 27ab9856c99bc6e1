// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained page, statically and in headless Chromium: the page loads from a file,
 * every PD is drawn, and clicking a PD (the real click handler, triggered by the page's
 * {@code #select=NAME} fragment) highlights exactly its neighbours.
 */
class HtmlPageTest {
  @TempDir Path dir;

  private static final String[] BROWSERS = {"chromium", "chromium-browser", "google-chrome"};

  static String browser() {
    for (String b : BROWSERS) {
      try {
        Process p = new ProcessBuilder(b, "--version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) return b;
      } catch (IOException | InterruptedException e) {
        // try the next name
      }
    }
    return null;
  }

  /** The DOM after load, as headless Chromium serialises it. */
  String dumpDom(String browser, Path page, String fragment) throws Exception {
    Path profile = Files.createTempDirectory(dir, "profile");
    List<String> cmd = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
        "--virtual-time-budget=2000", "--dump-dom", page.toUri() + fragment));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish");
    }
    return dom;
  }

  /** data-id to class attribute of every node group in the dumped DOM. */
  static Map<String, String> nodeClasses(String dom) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = Pattern.compile("<g class=\"(node [^\"]*)\" data-id=\"([^\"]*)\"").matcher(dom);
    while (m.find()) out.put(m.group(2), m.group(1));
    return out;
  }

  private Path page(String name, SystemDescription s) throws IOException {
    Path p = dir.resolve(name + ".html");
    Files.writeString(p, HtmlWriter.write(GraphBuilder.build(name + ".system", s), s));
    return p;
  }

  @Test
  void pageIsSelfContained() throws Exception {
    SystemDescription s = TestSystems.parse(Dialect.SEL4CP_DEV, GraphBuilderTest.NESTED);
    String html = HtmlWriter.write(GraphBuilder.build("nested", s), s);
    assertThat(html).contains("Content-Security-Policy", "default-src 'none'")
        .contains("<svg").contains("id=\"search\"").contains("id=\"matrix-mr\"")
        .contains("id=\"matrix-pd\"").doesNotContain("<script src").doesNotContain("<link");
    // The only URL is the SVG namespace name, which browsers never fetch.
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://")
        .doesNotContain("https://");
    // the access matrices: perms per region, rights per PD pair
    assertThat(html).contains("title=\"uart: rw uncached\">rw uncached</td>")
        .contains("title=\"root: notify 4, call 4\">notify 4, call 4</td>")
        .contains("title=\"kid: parent\">parent</td>");
  }

  @Test
  void chromiumShowsEveryPdAndClickingOneHighlightsItsNeighbours() throws Exception {
    String browser = browser();
    assumeTrue(browser != null, "Chromium is not installed (Debian package chromium);"
        + " skipping the headless-browser test of the HTML page");
    Path driver = page("driver", TestSystems.example("driver", "sel4cp"));
    String dom = dumpDom(browser, driver, "#select=myclient");
    Map<String, String> classes = nodeClasses(dom);
    assertThat(classes).containsKeys("pd:mydriver", "pd:myclient", "mr:device_mem",
        "mr:sharedbuf", "irq:mydriver:7");
    assertThat(classes.get("pd:myclient")).contains("selected");
    assertThat(classes.get("pd:mydriver")).contains("reach");
    assertThat(classes.get("mr:sharedbuf")).contains("reach");
    assertThat(classes.get("mr:device_mem")).doesNotContain("reach");
    assertThat(classes.get("irq:mydriver:7")).doesNotContain("reach");
    assertThat(dom).contains("class=\"cpkit-graph has-selection\"")
        .contains("myclient: 2 reachable");

    SystemDescription nested = TestSystems.parse(Dialect.SEL4CP_DEV, GraphBuilderTest.NESTED);
    String dom2 = dumpDom(browser, page("nested", nested), "#select=root");
    Map<String, String> c2 = nodeClasses(dom2);
    for (String pd : List.of("root", "kid", "other")) {
      assertThat(c2).containsKey("pd:" + pd);
      assertThat(dom2).contains("data-name=\"" + pd + "\"");
    }
    assertThat(c2.get("pd:root")).contains("selected");
    assertThat(c2.get("pd:kid")).as("a parent reaches its child").contains("reach");
    assertThat(c2.get("pd:other")).contains("reach");
    assertThat(c2.get("irq:root:3")).contains("reach");
    assertThat(c2.get("mr:uart")).doesNotContain("reach");
  }
}
