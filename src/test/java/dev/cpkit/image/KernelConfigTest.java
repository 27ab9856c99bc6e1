// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpkit.image.fixture.SyntheticSdk.ForkConfig;
import org.junit.jupiter.api.Test;

/** The fork SDK's config.json: values as the fork reads them, errors in the fork's order. */
class KernelConfigTest {
  static final String ARM = ForkConfig.aarch64().toJson();

  @Test
  void readsTheKeysTheForkReads() {
    KernelConfig c = KernelConfig.parse("config.json", ARM);
    assertThat(c).isEqualTo(new KernelConfig("aarch64", false, 44, 1L << 40, 12, 256, true, 1,
        0));
    KernelConfig r = KernelConfig.parse("c", """
        {"SEL4_ARCH": "riscv64", "RISCV_HYPERVISOR_SUPPORT": true, "WORD_SIZE": 64,
         "PADDR_USER_DEVICE_TOP": 549755813888, "ROOT_CNODE_SIZE_BITS": " 1_3 ",
         "RETYPE_FAN_OUT_LIMIT": 256.9, "HAVE_FPU": false, "MAX_NUM_NODES": true,
         "PT_LEVELS": "3", "nested": {"a": [1, "x\\"y", null]}}""");
    // int() truncates floats, strips blanks, accepts underscores and booleans
    assertThat(r).isEqualTo(new KernelConfig("riscv64", true, 0, 1L << 39, 13, 256, false, 1,
        3));
  }

  @Test
  void hypervisorAndPhysicalAddressBits() {
    KernelConfig c = KernelConfig.parse("c", ForkConfig.aarch64().withHypervisor(true).toJson());
    assertThat(c.hypervisor()).isTrue();
    assertThat(c.armPaBits()).isEqualTo(40);
    String neither = ARM.replace("\"ARM_PA_SIZE_BITS_44\": true", "\"ARM_PA_SIZE_BITS_44\": 0");
    assertThatThrownBy(() -> KernelConfig.parse("c", neither))
        .isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG082");
          assertThat(e.reference()).isEqualTo(
              "Exception: Unsupported number of physical adddress bits");
        });
  }

  @Test
  void missingKeysInTheForksOrder() {
    // SEL4_ARCH first; then the PA keys (aarch64), WORD_SIZE, PADDR_USER_DEVICE_TOP, ...
    assertMissing("{}", "SEL4_ARCH");
    assertMissing("{\"SEL4_ARCH\": \"aarch64\"}", "ARM_PA_SIZE_BITS_40");
    assertMissing("{\"SEL4_ARCH\": \"aarch64\", \"ARM_PA_SIZE_BITS_40\": false}",
        "ARM_PA_SIZE_BITS_44");
    assertMissing("{\"SEL4_ARCH\": \"riscv64\"}", "WORD_SIZE");
    String[] order = {"WORD_SIZE", "PADDR_USER_DEVICE_TOP", "ROOT_CNODE_SIZE_BITS",
        "RETYPE_FAN_OUT_LIMIT", "HAVE_FPU", "MAX_NUM_NODES"};
    for (String key : order) {
      String without = ARM.replaceAll("(?m)^ *\"" + key + "\": [^\\n]*\\n", "")
          .replace("\"HAVE_FPU\": true\n", "\"HAVE_FPU\": true,\n")
          .replaceAll(",\\n}", "\n}");
      assertMissing(without, key);
    }
  }

  @Test
  void badValues() {
    assertThatThrownBy(() -> KernelConfig.parse("c", ARM.replace("\"1099511627776\"",
        "\"0x10000000000\""))).isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG082");
          assertThat(e.isCrash()).isTrue();
          assertThat(e.reference()).isEqualTo(
              "ValueError: invalid literal for int() with base 10: '0x10000000000'");
        });
    assertThatThrownBy(() -> KernelConfig.parse("c", ARM.replace("aarch64", "arm")))
        .isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.reference())
            .isEqualTo("Exception: Unsupported seL4 architecture: arm"));
    assertThatThrownBy(() -> KernelConfig.parse("c", "{\"SEL4_ARCH\": "))
        .isInstanceOfSatisfying(BuildException.class,
            e -> assertThat(e.code()).isEqualTo("IMG080"));
    assertThatThrownBy(() -> KernelConfig.parse("c", "[1]"))
        .isInstanceOfSatisfying(BuildException.class,
            e -> assertThat(e.code()).isEqualTo("IMG080"));
  }

  private static void assertMissing(String json, String key) {
    assertThatThrownBy(() -> KernelConfig.parse("c", json))
        .as(key).isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG081");
          assertThat(e.reference()).isEqualTo("KeyError: '" + key + "'");
        });
  }

  /** Numbers as Python's json gives them: floats for fractions and exponents, inf included. */
  @Test
  void numbersAreReadAsPythonReadsThem() {
    // 1e999999999 is inf to Python: true as a flag, refused by int() (OverflowError)
    KernelConfig c = KernelConfig.parse("c", ARM.replace("\"HAVE_FPU\": true",
        "\"HAVE_FPU\": 1e999999999"));
    assertThat(c.haveFpu()).isTrue();
    // 1e-999 underflows to 0.0: false
    c = KernelConfig.parse("c", ARM.replace("\"HAVE_FPU\": true", "\"HAVE_FPU\": 1e-999"));
    assertThat(c.haveFpu()).isFalse();
    String inf = ARM.replace("\"ROOT_CNODE_SIZE_BITS\": \"12\"",
        "\"ROOT_CNODE_SIZE_BITS\": 1e999");
    assertThatThrownBy(() -> KernelConfig.parse("c", inf))
        .isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG082");
          assertThat(e.getMessage()).contains("ROOT_CNODE_SIZE_BITS = inf");
        });
    // 1.2e1 is 12.0, and int(12.0) is 12
    c = KernelConfig.parse("c", ARM.replace("\"ROOT_CNODE_SIZE_BITS\": \"12\"",
        "\"ROOT_CNODE_SIZE_BITS\": 1.2e1"));
    assertThat(c.rootCnodeBits()).isEqualTo(12);
  }

  @Test
  void valuesInMessagesAsPythonPrintsThem() {
    String list = ARM.replace("\"SEL4_ARCH\": \"aarch64\"",
        "\"SEL4_ARCH\": [1, \"x'\", null, {\"k\": 2.50}, \"a'b\\\"c\", 1e999, 1.2e1, 1e16,"
            + " 12345678901234567.0, 0.0001, 0.00001, -2e-7]");
    assertThatThrownBy(() -> KernelConfig.parse("c", list))
        .isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.reference())
            // what Debian's python3 prints for str(json.loads(...)) of the same text
            .isEqualTo("Exception: Unsupported seL4 architecture: [1, \"x'\", None, {'k': 2.5},"
                + " 'a\\'b\"c', inf, 12.0, 1e+16, 1.2345678901234568e+16, 0.0001, 1e-05,"
                + " -2e-07]"));
  }

  @Test
  void aFileThatIsNotUtf8(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws java.io.IOException {
    java.nio.file.Path f = tmp.resolve("config.json");
    java.nio.file.Files.write(f, new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'});
    assertThatThrownBy(() -> KernelConfig.read(f))
        .isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG080");
          assertThat(e.getMessage()).endsWith("is not UTF-8 text");
        });
  }
}
