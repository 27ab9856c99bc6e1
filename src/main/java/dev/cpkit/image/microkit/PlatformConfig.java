// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import dev.cpkit.image.MemRegion;
import dev.cpkit.json.JsonValue;
import dev.cpkit.json.JsonValue.JArray;
import dev.cpkit.json.JsonValue.JObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code platform_gen.json}: the kernel's memory map for ARM and RISC-V boards, as seL4's
 * build generates it ({@code {"devices": [{"start": N, "end": N}...], "memory": [...]}}).
 * Microkit reads it instead of the kernel ELF symbols sel4cp used. Other members are ignored,
 * as serde does. Every region must have {@code start < end} (Microkit asserts it later).
 */
public record PlatformConfig(List<MemRegion> devices, List<MemRegion> memory) {
  public PlatformConfig {
    devices = List.copyOf(devices);
    memory = List.copyOf(memory);
  }

  public static PlatformConfig read(Path file) {
    SdkJsonFile f = SdkJsonFile.read(file, "kernel platform configuration file");
    JObject root = f.object(f.root(), "the platform configuration");
    return new PlatformConfig(regions(f, root, "devices"), regions(f, root, "memory"));
  }

  private static List<MemRegion> regions(SdkJsonFile f, JObject root, String key) {
    JsonValue v = f.field(root, key);
    if (!(v instanceof JArray a)) {
      throw f.error("IMG109", v, "'" + key + "' must be an array of regions, not " + v.kind(),
          null);
    }
    List<MemRegion> out = new ArrayList<>();
    for (JsonValue e : a.elements()) {
      JObject r = f.object(e, "a region of '" + key + "'");
      long start = f.u64(r, "start");
      long end = f.u64(r, "end");
      if (Long.compareUnsigned(start, end) >= 0) {
        throw f.error("IMG109", r, "a region of '" + key + "' ends at 0x" + Long.toHexString(end)
            + ", not above its start 0x" + Long.toHexString(start), null);
      }
      out.add(new MemRegion(start, end));
    }
    return out;
  }
}
