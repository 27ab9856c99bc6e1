// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.image.BuildException;
import dev.cpkit.image.ForkSupport;
import dev.cpkit.image.KernelAbi;
import dev.cpkit.image.KernelConfig;
import dev.cpkit.image.KernelFacts;
import dev.cpkit.image.Sdk;
import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.system.Board;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sel4cp SDK's files for one board and config, read as {@code cpkit build} reads them: the
 * kernel, monitor and loader ELFs, the kernel's facts and (for the community fork,
 * {@code sel4cp-dev}) its {@code config.json}. Microkit SDKs are not read.
 *
 * @param config the fork's kernel configuration, or null for sel4cp 1.2.6
 */
public record SdkKit(String where, KernelAbi abi, KernelConfig config, ElfFile kernel,
    ElfFile monitor, ElfFile loader, KernelFacts facts) {

  /**
   * Opens the SDK; every problem (no such board or config, a missing or malformed ELF file,
   * a bad config.json) is a {@link BuildException} with the build's IMG code.
   */
  public static SdkKit open(Path root, String board, String config, boolean fork) {
    Sdk sdk = Sdk.open(root, board, config, "80", fork);
    KernelAbi abi = KernelAbi.sel4cp126();
    KernelConfig kc = null;
    if (fork) {
      kc = KernelConfig.read(sdk.configJson());
      ForkSupport.check(kc, sdk.configJson());
      abi = KernelAbi.fork(kc);
    }
    ElfFile kernel = elf(sdk.kernel());
    return new SdkKit("board/" + board + "/" + config, abi, kc, kernel, elf(sdk.monitor()),
        elf(sdk.loader()), KernelFacts.of(kernel, abi));
  }

  /**
   * Where the boot image is loaded: the loader's link address, its first loadable segment's
   * physical address (the image starts with that segment); -1 if it has none.
   */
  public long loaderBase() {
    for (dev.cpkit.image.elf.ElfSegment s : loader.segments()) {
      if (s.loadable()) return s.paddr();
    }
    return -1;
  }

  /** The board a fork system is checked against (cores, hypervisor from config.json). */
  public Board board(Board defaults, String name) {
    return config == null ? defaults : ForkSupport.board(defaults, name, config);
  }

  static ElfFile elf(Path p) {
    try {
      return ElfFile.parse(p.toString(), Files.readAllBytes(p));
    } catch (IOException e) {
      throw BuildException.user("IMG009", "cannot read '" + p + "': " + e.getMessage(), null);
    }
  }
}
