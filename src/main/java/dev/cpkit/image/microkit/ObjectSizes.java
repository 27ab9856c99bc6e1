// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import dev.cpkit.json.JsonValue.JObject;
import java.nio.file.Path;

/**
 * {@code object_sizes.json}: log2 of each kernel object's size for this kernel build, made by
 * the SDK build from seL4's constants ({@code tool/microkit/object_sizes.h}). The fields
 * Microkit's {@code ObjectSizes} requires are required here; {@code io_page_table} (x86 with
 * IOMMU) and {@code vcpu} (not on RISC-V) are null when absent; other members ({@code slot},
 * {@code asid_table}, untyped limits) are ignored, as serde ignores them. Values above 63
 * cannot be object sizes and are refused.
 */
public record ObjectSizes(
    int tcb,
    int endpoint,
    int notification,
    int reply,
    int vspace,
    int pageTable,
    int hugePage,
    int largePage,
    int smallPage,
    int asidPool,
    Integer ioPageTable,
    Integer vcpu) {

  public static ObjectSizes read(Path file) {
    SdkJsonFile f = SdkJsonFile.read(file, "kernel object sizes file");
    JObject o = f.object(f.root(), "the object sizes");
    return new ObjectSizes(bits(f, o, "tcb"), bits(f, o, "endpoint"),
        bits(f, o, "notification"), bits(f, o, "reply"), bits(f, o, "vspace"),
        bits(f, o, "page_table"), bits(f, o, "huge_page"), bits(f, o, "large_page"),
        bits(f, o, "small_page"), bits(f, o, "asid_pool"), optionalBits(f, o, "io_page_table"),
        optionalBits(f, o, "vcpu"));
  }

  private static int bits(SdkJsonFile f, JObject o, String key) {
    return check(f, o, key, f.u64(o, key));
  }

  private static Integer optionalBits(SdkJsonFile f, JObject o, String key) {
    Long v = f.optionalU64(o, key);
    return v == null ? null : check(f, o, key, v);
  }

  private static int check(SdkJsonFile f, JObject o, String key, long v) {
    if (Long.compareUnsigned(v, 63) > 0) {
      throw f.error("IMG109", o.get(key), "'" + key + "' is " + Long.toUnsignedString(v)
          + ", not the log2 of an object size (0 to 63)", null);
    }
    return (int) v;
  }
}
