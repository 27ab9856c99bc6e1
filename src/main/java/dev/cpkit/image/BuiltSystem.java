// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.image.elf.ElfFile;
import java.util.List;
import java.util.Map;

/**
 * The result of one {@link SystemBuilder} pass: the invocation lists, every object and cap
 * name, the PD regions for the loader and the patched PD programs.
 *
 * @param numberOfSystemCaps slots the system CNode needs
 * @param invocationDataSize bytes of the encoded system invocations
 */
public record BuiltSystem(
    long numberOfSystemCaps,
    long invocationDataSize,
    List<Invocation> bootstrapInvocations,
    List<Invocation> systemInvocations,
    BootInfo bootInfo,
    MemRegion reservedRegion,
    long faultEpCap,
    long replyCap,
    Map<Long, String> capNames,
    long[] tcbCaps,
    long[] schedCaps,
    long[] notificationCaps,
    List<LoaderRegion> pdRegions,
    List<KernelObject> kernelObjects,
    MemRegion initialTaskVirt,
    MemRegion initialTaskPhys,
    List<ElfFile> programs,
    KernelAbi abi) {}
