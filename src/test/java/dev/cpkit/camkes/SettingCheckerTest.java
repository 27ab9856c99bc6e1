// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written attribute and type checks against the regular expressions they replace. */
class SettingCheckerTest {
  private static final Pattern BUILTIN_SUFFIX = Pattern.compile(
      ".*_(priority|max_priority|affinity|domain|period|budget|data|size_bits|stack_size|passive"
          + "|access|cached|paddr|size|hardware_cached|irq_number|irq_type|irq_trigger|irq_target"
          + "|irq|spi_number|attributes|shmem_size|id|irq_ioapic|irq_ioapic_pin|irq_ioapic_polarity"
          + "|irq_ioapic_level|irq_vector|irq_pci_bus|irq_pci_dev|irq_pci_fun|irq_handle|pool"
          + "|heap_size|badge|badges|prio|mcp|sc_budget|sc_period|sc_data|sc_size_bits)"
          + "|simple_untyped\\d+_pool|untyped\\d+_pool");
  private static final Pattern NUMERIC_TYPE = Pattern.compile(
      "(signed|unsigned)( int| char)?|int|integer|char|bool|float|double|u?int\\d+_t|size_t"
          + "|uintptr_t|intptr_t|seL4_\\w+|long|short|.*_t");

  @Test
  void builtinSuffixAgreesWithTheRegex() {
    List<String> samples = new ArrayList<>(List.of("priority", "_priority", "a_priority",
        "a_max_priority", "iface_irq_number", "x_irq_numbers", "untyped12_pool", "untyped_pool",
        "simple_untyped24_pool", "simple_untyped_pool", "untypedx_pool", "untyped12_poo", "",
        "_", "a__id", "id", "a_id", "a_idx", "foo_sc_size_bits", "dtb", "a_pool", "untyped1_pool_x"));
    for (String suffix : SettingChecker.BUILTIN_SUFFIXES) {
      samples.add("x_" + suffix);
      samples.add(suffix);
      samples.add("x_" + suffix + "s");
      samples.add("x" + suffix);
    }
    for (String s : samples) {
      assertThat(SettingChecker.builtinSuffix(s)).as(s).isEqualTo(BUILTIN_SUFFIX.matcher(s).matches());
    }
  }

  @Test
  void numericTypeAgreesWithTheRegex() {
    List<String> samples = new ArrayList<>(List.of("int", "integer", "unsigned", "unsigned int",
        "unsigned char", "signed int", "unsigned long", "uint8_t", "int64_t", "size_t", "_t", "t",
        "seL4_Word", "seL4_", "seL4_a-b", "seL4_CPtr", "string", "struct x", "float", "double",
        "bool", "long", "short", "char", "uintptr_t", "my_type_t", "Buf", "inT"));
    samples.addAll(SettingChecker.NUMERIC_TYPES);
    for (String s : samples) {
      assertThat(SettingChecker.numericType(s)).as(s).isEqualTo(NUMERIC_TYPE.matcher(s).matches());
    }
  }
}
