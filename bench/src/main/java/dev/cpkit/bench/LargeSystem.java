// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates a large valid sel4cp system: 63 protection domains, 2,000 memory regions, 10,000
 * maps and 1,000 channels (about 1 MB of XML), deterministically.
 *
 * <p>{@code java -cp cpkit-bench.jar dev.cpkit.bench.LargeSystem OUT.system}
 */
public final class LargeSystem {
  public static final int PDS = 63;
  public static final int REGIONS = 2_000;
  public static final int MAPS = 10_000;
  public static final int CHANNELS = 1_000;

  private LargeSystem() {}

  public static String generate() {
    StringBuilder sb = new StringBuilder(1 << 20);
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<system>\n");
    for (int i = 0; i < REGIONS; i++) {
      sb.append("    <memory_region name=\"region_").append(i).append("\" size=\"0x")
          .append(Integer.toHexString(0x1000 * (1 + i % 4))).append("\" />\n");
    }
    int mapsPerPd = (MAPS + PDS - 1) / PDS;
    int map = 0;
    for (int pd = 0; pd < PDS; pd++) {
      sb.append("    <protection_domain name=\"pd_").append(pd).append("\" priority=\"")
          .append(1 + pd).append("\" budget=\"1000\" period=\"2000\">\n");
      sb.append("        <program_image path=\"pd_").append(pd).append(".elf\" />\n");
      for (int k = 0; k < mapsPerPd && map < MAPS; k++, map++) {
        int region = map % REGIONS;
        long vaddr = 0x10000000L + (long) k * 0x4000;
        sb.append("        <map mr=\"region_").append(region).append("\" vaddr=\"0x")
            .append(Long.toHexString(vaddr)).append("\" perms=\"rw\" cached=\"")
            .append(k % 3 == 0 ? "false" : "true").append('"');
        if (k % 2 == 0) sb.append(" setvar_vaddr=\"buf_").append(k).append('"');
        sb.append(" />\n");
      }
      sb.append("    </protection_domain>\n");
    }
    int[] nextId = new int[PDS];
    int made = 0;
    for (int step = 1; made < CHANNELS; step++) {
      for (int a = 0; a < PDS && made < CHANNELS; a++) {
        int b = (a + step) % PDS;
        if (a == b || nextId[a] >= 63 || nextId[b] >= 63) continue;
        sb.append("    <channel>\n        <end pd=\"pd_").append(a).append("\" id=\"")
            .append(nextId[a]++).append("\" />\n        <end pd=\"pd_").append(b)
            .append("\" id=\"").append(nextId[b]++).append("\" />\n    </channel>\n");
        made++;
      }
    }
    sb.append("</system>\n");
    return sb.toString();
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "large.system");
    Files.writeString(out, generate());
    System.out.println(out + ": " + Files.size(out) + " bytes");
  }
}
