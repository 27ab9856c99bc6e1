// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.bench;

import dev.cpkit.image.BuildInput;
import dev.cpkit.image.ImageBuilder;
import dev.cpkit.image.KernelFacts;
import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.fixture.SyntheticSdk;
import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process {@code build} of a generated 63-PD system (4 maps per PD, 300 channels) over a
 * synthetic SDK: SDF parse, boot emulation, allocation, fixpoint, patching, report and image.
 * {@code main DIR} writes the same system, programs and SDK to DIR for whole-process timing
 * against the reference tool.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BuildBenchmark {
  static final int PDS = 63;
  static final int MAPS = 4;

  private byte[] system;
  private ElfFile kernel;
  private ElfFile monitor;
  private ElfFile loader;
  private List<ElfFile> programs;

  /** 63 PDs, MAPS 8 KiB regions each, channels to the next 5 PDs (300 in all). */
  public static String generate(int maps) {
    StringBuilder s = new StringBuilder("<system>\n");
    for (int m = 0; m < maps * PDS; m++) {
      s.append("  <memory_region name=\"mr").append(m).append("\" size=\"0x2000\" />\n");
    }
    for (int p = 0; p < PDS; p++) {
      s.append("  <protection_domain name=\"pd").append(p).append("\" priority=\"")
          .append(p % 3 == 0 ? 250 - p : 1 + p).append('"')
          .append(p % 3 == 0 ? " pp=\"true\"" : "").append(">\n")
          .append("    <program_image path=\"pd").append(p).append(".elf\" />\n");
      for (int m = 0; m < maps; m++) {
        s.append("    <map mr=\"mr").append(p * maps + m).append("\" vaddr=\"0x")
            .append(Long.toHexString(0x10000000L + 0x100000L * m)).append("\" />\n");
      }
      s.append("  </protection_domain>\n");
    }
    for (int p = 0; p < PDS; p++) {
      for (int k = 1; k <= 5; k++) {
        if (p + k < PDS) {
          s.append("  <channel><end pd=\"pd").append(p).append("\" id=\"").append(k)
              .append("\" /><end pd=\"pd").append(p + k).append("\" id=\"").append(10 + k)
              .append("\" /></channel>\n");
        }
      }
    }
    return s.append("</system>\n").toString();
  }

  @Setup
  public void setup() {
    SyntheticSdk.Board b = SyntheticSdk.Board.zcu102Like();
    system = generate(MAPS).getBytes(StandardCharsets.UTF_8);
    kernel = ElfFile.parse("sel4.elf", SyntheticSdk.kernel(b));
    monitor = ElfFile.parse("monitor.elf", SyntheticSdk.monitor(b));
    loader = ElfFile.parse("loader.elf", SyntheticSdk.loader(b));
    programs = new ArrayList<>();
    for (int p = 0; p < PDS; p++) {
      programs.add(ElfFile.parse("pd" + p + ".elf",
          SyntheticSdk.program(SyntheticSdk.Program.small(), p)));
    }
  }

  @Benchmark
  public byte[] build() {
    Sdf.Result r = Sdf.check("bench.system", system, Sdf.Options.of(Dialect.SEL4CP));
    SystemDescription s = r.system();
    BuildInput in = BuildInput.of(s, KernelFacts.of(kernel), monitor, programs);
    return ImageBuilder.build(in, kernel, loader).image();
  }

  /**
   * Writes {@code DIR/sdk}, {@code DIR/pd*.elf} and {@code DIR/bench.system}; with
   * {@code DIR --loop N} instead times N whole in-process {@code cpkit build} commands on them
   * (files read and written, as the reference's {@code main()} timed in a Python loop) after
   * N warm-up runs, and prints mean, median and min. A trailing {@code --fork} does the same
   * for the community fork's build: an aarch64 fork SDK (with config.json) and
   * {@code --dialect sel4cp-dev}.
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    boolean fork = args[args.length - 1].equals("--fork");
    if (args.length > 2 && args[1].equals("--loop")) {
      loop(dir, Integer.parseInt(args[2]), fork);
      return;
    }
    int maps = args.length > 1 && !args[1].equals("--fork") ? Integer.parseInt(args[1]) : MAPS;
    if (fork) {
      SyntheticSdk.writeFork(dir.resolve("sdk"), SyntheticSdk.Board.zcu102Like(), "debug",
          SyntheticSdk.ForkConfig.aarch64());
    } else {
      SyntheticSdk.write(dir.resolve("sdk"), SyntheticSdk.Board.zcu102Like(), "debug");
    }
    for (int p = 0; p < PDS; p++) {
      Files.write(dir.resolve("pd" + p + ".elf"),
          SyntheticSdk.program(SyntheticSdk.Program.small(), p));
    }
    Files.writeString(dir.resolve("bench.system"), generate(maps));
  }

  private static void loop(Path dir, int n, boolean fork) {
    String[] cmd = {"build", dir.resolve("bench.system").toString(), "--board", "zcu102",
        "--config", "debug", "--sdk", dir.resolve("sdk").toString(), "-o",
        dir.resolve("loop.img").toString(), "-r", dir.resolve("loop.txt").toString(),
        "--search-path", dir.toString(), "--message-format", "sel4cp", "--dialect",
        fork ? "sel4cp-dev" : "sel4cp"};
    java.io.PrintWriter sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
    for (int i = 0; i < n; i++) dev.cpkit.cli.FastBuild.tryRun(cmd, sink, sink);
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      int code = dev.cpkit.cli.FastBuild.tryRun(cmd, sink, sink);
      t[i] = System.nanoTime() - t0;
      if (code != 0) throw new IllegalStateException("build failed: " + code);
    }
    java.util.Arrays.sort(t);
    long sum = 0;
    for (long x : t) sum += x;
    System.out.printf("cpkit in-process build command: mean %.1f ms, median %.1f ms, min %.1f ms"
        + " over %d runs after %d warm-up%n", sum / 1e6 / n, t[n / 2] / 1e6, t[0] / 1e6, n, n);
  }
}
