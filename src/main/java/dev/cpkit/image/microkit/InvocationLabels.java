// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import dev.cpkit.json.JsonValue;
import dev.cpkit.json.JsonValue.JObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code invocations_all.json}: seL4's invocation labels for this kernel build, as seL4's
 * build writes them (an object from label name to number, numbered from 1 in the order of
 * the generic, sel4_arch and arch invocation lists). Microkit 2.3.0-dev still requires the
 * file to exist and to be JSON but no longer uses the labels (the capDL initialiser makes
 * the invocations); cpkit also checks its shape, so a damaged SDK is found early.
 */
public record InvocationLabels(Map<String, Long> labels) {
  public InvocationLabels {
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  public static InvocationLabels read(Path file) {
    SdkJsonFile f = SdkJsonFile.read(file, "invocations JSON file");
    JObject o = f.object(f.root(), "the invocation labels");
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
      out.put(e.getKey(), f.u64(e.getValue(), e.getKey()));
    }
    return new InvocationLabels(out);
  }

  /** The label of an invocation, or -1 when this kernel has no such invocation. */
  public long label(String name) {
    Long v = labels.get(name);
    return v == null ? -1 : v;
  }
}
