// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.graph.DotWriter;
import dev.cpkit.graph.Graph;
import dev.cpkit.graph.GraphBuilder;
import dev.cpkit.graph.HtmlWriter;
import dev.cpkit.graph.SvgWriter;
import dev.cpkit.sdf.Sdf;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpkit graph}: draw a system's PDs, regions, channels and interrupts. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = {
      "Draw a system: protection domains (children nested), memory regions, interrupts and"
          + " virtual machines; maps, channels, protected calls and interrupt delivery.",
      "dot: Graphviz input (dot -Tsvg renders it); svg: drawn by cpkit itself, no Graphviz"
          + " needed; html: one self-contained page with the drawing, search, highlighting"
          + " and access matrices.",
      "Exit status: 0 written, 1 the system has errors, 2 usage, 3 I/O."
    })
final class GraphCommand implements Callable<Integer> {

  enum Format {
    dot,
    svg,
    html
  }

  @Mixin SdfOptions sdf;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "dot, svg or html (default: from the -o file's extension, else dot).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write here instead of standard output.")
  Path output;

  @Parameters(paramLabel = "FILE", description = "System description file.")
  Path file;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Sdf.Options options = sdf.options(spec.commandLine());
    Format f = format != null ? format : fromExtension(output);
    Sdf.Result result = SystemInput.load(file, options, spec.commandLine().getErr());
    Graph g = GraphBuilder.build(file.getFileName().toString(), result.system());
    String text = switch (f) {
      case dot -> DotWriter.write(g);
      case svg -> SvgWriter.write(g);
      case html -> HtmlWriter.write(g, result.system());
    };
    SystemInput.emit(text, output, spec.commandLine().getOut());
    return Main.OK;
  }

  static Format fromExtension(Path output) {
    if (output == null) return Format.dot;
    String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".svg")) return Format.svg;
    if (name.endsWith(".html") || name.endsWith(".htm")) return Format.html;
    return Format.dot;
  }
}
