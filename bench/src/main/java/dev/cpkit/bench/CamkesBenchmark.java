// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.bench;

import dev.cpkit.camkes.CamkesFrontEnd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process preprocess + parse + import + resolve of a generated VM system
 * ({@link LargeCamkes}: {@code vms} VMs, 5 files, the built-in std_connector library), with the
 * built-in cpp and the default options of {@code cpkit camkes dump}. Files are read from disk
 * on every run, as the command does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CamkesBenchmark {
  /** 4 is vm_multi-sized (3 VMs there); 16 is four times the largest corpus application. */
  @Param({"4", "16"})
  public int vms;

  private Path top;
  private CamkesFrontEnd.Options options;

  @Setup
  public void setup() throws IOException {
    Path dir = Files.createTempDirectory("cpkit-camkes-bench");
    top = LargeCamkes.write(dir, vms);
    options = CamkesFrontEnd.Options.defaults().withIncludeDirs(List.of(dir.resolve("include")));
    CamkesFrontEnd.Result r = CamkesFrontEnd.load(top, options);
    if (!r.ok()) throw new IllegalStateException("generated application does not resolve: " + r.diagnostics());
  }

  @Benchmark
  public CamkesFrontEnd.Result preprocessParseResolve() {
    return CamkesFrontEnd.load(top, options);
  }
}
