// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import dev.cpkit.json.JsonValue.JObject;
import java.nio.file.Path;

/**
 * {@code address_space_constants.json} ({@code tool/microkit/address_space_constants.h}):
 * page-table index bits, the top of the user address space (inclusive), and the AArch64
 * VSpace and x86 IOMMU index bits where the kernel defines them (null otherwise).
 */
public record AddressSpaceConstants(
    long pageTableIndexBits, Long vspaceIndexBits, Long ioPageTableIndexBits,
    long vspaceUserTop) {

  public static AddressSpaceConstants read(Path file) {
    SdkJsonFile f = SdkJsonFile.read(file, "kernel address space constants file");
    JObject o = f.object(f.root(), "the address space constants");
    return new AddressSpaceConstants(f.u64(o, "page_table_index_bits"),
        f.optionalU64(o, "vspace_index_bits"), f.optionalU64(o, "io_page_table_index_bits"),
        f.u64(o, "vspace_user_top"));
  }
}
