// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.bench;

import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.Dialect;
import java.nio.charset.StandardCharsets;
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

/** In-process parse + validate of the large system (bytes in, model and diagnostics out). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CheckBenchmark {
  private byte[] bytes;
  private Sdf.Options options;

  @Setup
  public void setup() {
    bytes = LargeSystem.generate().getBytes(StandardCharsets.UTF_8);
    options = Sdf.Options.of(Dialect.SEL4CP);
    Sdf.Result r = Sdf.check("large.system", bytes, options);
    if (!r.ok()) throw new IllegalStateException("generated system is invalid: " + r.diagnostics());
  }

  @Benchmark
  public Sdf.Result parseAndValidate() {
    return Sdf.check("large.system", bytes, options);
  }
}
