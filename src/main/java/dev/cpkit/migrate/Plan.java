// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The whole migrated system before it is written: PDs, regions and channels in rule order. */
public final class Plan {
  final Map<String, PdPlan> pdsByInstance = new LinkedHashMap<>();
  final List<RegionPlan> regions = new ArrayList<>();
  final List<ChannelPlan> channels = new ArrayList<>();
  /** Microkit domains and their schedule, or null when the system has none. */
  dev.cpkit.system.Domains domains;
  private final java.util.Set<String> regionNames = new java.util.HashSet<>();

  public List<PdPlan> pds() {
    return List.copyOf(pdsByInstance.values());
  }

  public PdPlan pd(String instance) {
    return pdsByInstance.get(instance);
  }

  public List<RegionPlan> regions() {
    return List.copyOf(regions);
  }

  public dev.cpkit.system.Domains domains() {
    return domains;
  }

  public List<ChannelPlan> channels() {
    return List.copyOf(channels);
  }

  /**
   * Adds a region under a name derived from {@code wanted} (dots become underscores; a clash
   * gets a numeric suffix), and returns the name used.
   */
  String addRegion(String wanted, long size, long pageSize, Long physAddr) {
    String base = Names.identifier(wanted);
    String name = base;
    for (int i = 2; !regionNames.add(name); i++) name = base + "_" + i;
    regions.add(new RegionPlan(name, size, pageSize, physAddr));
    return name;
  }

  /**
   * A memory region. {@code pageSize} is 0x1000 unless the rule asked for large pages (then it
   * is written out); {@code physAddr} is null for normal memory.
   */
  public record RegionPlan(String name, long size, long pageSize, Long physAddr) {}

  /**
   * A channel between two PDs; {@code ppA}: end a makes protected calls to end b (Microkit
   * writes {@code pp} on that end).
   */
  public record ChannelPlan(String pdA, int idA, String pdB, int idB, boolean ppA) {}
}
