// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.system.Board;

/**
 * The container a loader image is written in: Microkit's {@code --image-type}. Microkit's
 * defaults and refusals ({@code main.rs#ImageOutputType}) are reproduced: AArch64 defaults to
 * a raw binary, RISC-V to a uImage (ariane, cheshire and serengeti to ELF), x86-64 to ELF; a
 * binary is refused on x86-64 and a uImage on anything but RISC-V.
 */
public enum ImageType {
  BINARY("binary"),
  ELF("elf"),
  UIMAGE("uimage");

  private final String id;

  ImageType(String id) {
    this.id = id;
  }

  /** The option value: {@code binary}, {@code elf} or {@code uimage}. */
  public String id() {
    return id;
  }

  /** An option value; anything else is Microkit's argument error (IMG114, exit status 2). */
  public static ImageType parse(String value) {
    for (ImageType t : values()) if (t.id.equals(value)) return t;
    throw BuildException.usage("IMG114", "unknown image type '" + value + "' (binary, elf,"
        + " uimage)", "microkit: error: argument --image-type: unknown parameter '" + value + "'");
  }

  /** Microkit's default for a board. */
  public static ImageType defaultFor(Board.Arch arch, String board) {
    if (board.equals("ariane") || board.equals("cheshire") || board.equals("serengeti")) {
      return ELF;
    }
    return switch (arch) {
      case AARCH64 -> BINARY;
      case RISCV64 -> UIMAGE;
      case X86_64 -> ELF;
    };
  }

  /**
   * The type to write: {@code requested} (null when not given, then the board's default),
   * refused (IMG113) where Microkit refuses it.
   */
  public static ImageType resolve(ImageType requested, Board.Arch arch, String board) {
    if (requested == null) return defaultFor(arch, board);
    boolean ok = switch (requested) {
      case BINARY -> arch != Board.Arch.X86_64;
      case ELF -> true;
      case UIMAGE -> arch == Board.Arch.RISCV64;
    };
    if (!ok) {
      throw BuildException.usage("IMG113", "a " + requested.id + " image cannot be built for "
          + archName(arch) + (requested == UIMAGE ? " (Microkit writes uImages for RISC-V only)"
              : " (x86-64 boots the initialiser ELF as a multiboot module)"),
          "microkit: error: building the output image as '" + requested.id
              + "' is unsupported for target architecture '" + archName(arch) + "'");
    }
    return requested;
  }

  /** Microkit's name for an architecture in messages ({@code sel4.rs}, {@code Display}). */
  public static String archName(Board.Arch arch) {
    return switch (arch) {
      case AARCH64 -> "AArch64";
      case RISCV64 -> "RISC-V (64-bit)";
      case X86_64 -> "x86-64";
    };
  }
}
