// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import dev.cpkit.image.BootInfo;
import dev.cpkit.image.BuildException;
import dev.cpkit.image.ImageContainers;
import dev.cpkit.image.ImageType;
import dev.cpkit.image.MemRegion;
import dev.cpkit.image.UntypedObject;
import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.elf.ElfSegment;
import dev.cpkit.system.Board;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cpkit build --dialect microkit}: the part of a Microkit 2.x build that cpkit can do
 * without Microkit's own tool. It reads and checks the SDK in Microkit's order (files, kernel
 * configuration, platform memory map, object sizes), reads the kernel, monitor, initialiser
 * and PD ELF files, emulates the kernel boot (AArch64, RISC-V), prints a plan, and stops with
 * IMG129: the image itself needs the capDL spec serialised in rust-sel4's rkyv format, which
 * cpkit cannot produce or check (see docs/microkit-build.md). It never writes a file.
 */
public final class MicrokitBuild {
  private MicrokitBuild() {}

  /**
   * What to build.
   *
   * @param sdkRoot the SDK folder, from {@link MicrokitSdk#root}
   * @param searchPaths {@code --search-path} folders; Microkit looks there first, then in
   *     {@code cwd} (the reverse of sel4cp)
   * @param imageType {@code --image-type}, or null for the board's default
   * @param overrideKernel Microkit's {@code --override-kernel}, or null
   */
  public record Request(Path sdkRoot, String board, String config, List<Path> searchPaths,
      Path cwd, ImageType imageType, Path overrideKernel) {
    public Request {
      searchPaths = List.copyOf(searchPaths);
    }

    public Request(Path sdkRoot, String board, String config, List<Path> searchPaths) {
      this(sdkRoot, board, config, searchPaths, Path.of("").toAbsolutePath(), null, null);
    }
  }

  /** The SDK, read and checked: phase 2. */
  public record SdkFacts(MicrokitSdk.Target target, MicrokitKernelConfig kernel,
      ImageType imageType, PlatformConfig platform, InvocationLabels labels) {
    /** Board facts for {@code Sdf.check} with {@code Dialect.MICROKIT}. */
    public Board board() {
      return kernel.toBoard(target.board());
    }
  }

  /** A program and the 4 KiB frames Microkit's capDL spec gives its loadable segments. */
  public record ProgramFrames(String pd, String image, Path path, long frames) {}

  /**
   * Where the initial task goes, estimated with the initialiser ELF alone: the real one also
   * carries the serialised spec and the frame data, so it is larger and the untypeds fewer or
   * smaller than {@link #boot}'s.
   */
  public record InitialTask(MemRegion virt, long physBase) {}

  /**
   * The loader image as far as it is known: the loader's link address, the regions it will
   * copy (kernel segments, then the initialiser's, without the spec) and the size of the
   * header, region table and data after the loader's code (a lower bound, like the
   * initialiser's size).
   */
  public record LoaderPlan(long link, int regions, long payloadBytes) {}

  /**
   * Phases 2 and 3. {@code boot}, {@code initialTask} and {@code loader} are null on x86-64.
   */
  public record Plan(SdkFacts sdk, List<ProgramFrames> programs, InitialTask initialTask,
      BootInfo boot, MemRegion kernelImage, MemRegion bootRegion, LoaderPlan loader) {
    public long elfFrames() {
      return programs.stream().mapToLong(ProgramFrames::frames).sum();
    }
  }

  /**
   * Microkit's first checks: the SDK's {@code board} folder, the board and config, then the
   * ELF folder, kernel, monitor, initialiser, kernel configuration and invocations files. The
   * system file's existence comes next in Microkit (the caller checks it), then
   * {@link #readSdk}.
   */
  public static MicrokitSdk.Target checkFiles(Request r) {
    MicrokitSdk.Target t = MicrokitSdk.open(r.sdkRoot()).select(r.board(), r.config());
    t.checkFiles(r.overrideKernel());
    return t;
  }

  /**
   * Reads and checks the SDK for {@code r} as Microkit does before it parses the system: the
   * files in its order, gen_config.json, invocations_all.json, the image type, then
   * platform_gen.json (not on x86-64), object_sizes.json, address_space_constants.json, the
   * kernel configuration's values, and the loader ELF (not on x86-64).
   */
  public static SdkFacts readSdk(Request r) {
    MicrokitSdk.Target t = checkFiles(r);
    GenConfig gen = GenConfig.read(t.genConfig());
    InvocationLabels labels = InvocationLabels.read(t.invocations());
    Board.Arch arch = gen.arch();
    ImageType type = ImageType.resolve(r.imageType(), arch, r.board());
    PlatformConfig platform = arch == Board.Arch.X86_64 ? null
        : PlatformConfig.read(t.platformGen());
    ObjectSizes sizes = ObjectSizes.read(t.objectSizes());
    AddressSpaceConstants asc = AddressSpaceConstants.read(t.addressSpaceConstants());
    MicrokitKernelConfig kernel = gen.kernelConfig(r.config(), sizes, asc);
    if (arch != Board.Arch.X86_64) t.checkLoader();
    return new SdkFacts(t, kernel, type, platform, labels);
  }

  /** Phases 2 and 3 for a validated Microkit system. */
  public static Plan plan(SystemDescription system, Request r) {
    SdkFacts sdk = readSdk(r);
    MicrokitSdk.Target t = sdk.target();
    ElfFile initialiser = elf(t.initialiser(), "initialiser ELF");
    MicrokitBoot boot = null;
    ElfFile kernel = null;
    if (sdk.kernel().arch() != Board.Arch.X86_64) {
      Path kernelPath = r.overrideKernel() != null ? r.overrideKernel() : t.kernel();
      kernel = elf(kernelPath, "kernel ELF");
      boot = new MicrokitBoot(sdk.kernel(), sdk.platform(), kernel);
      boot.partial(); // the platform's regions are checked here, as Microkit checks them
    }
    ElfFile monitor = elf(t.monitor(), "monitor ELF");
    List<ProgramFrames> programs = new ArrayList<>();
    for (ProtectionDomain pd : system.allProtectionDomains()) {
      if (pd.programImage() == null) continue;
      String image = pd.programImage().path();
      Path path = find(image, r.searchPaths(), r.cwd());
      if (path == null) {
        throw BuildException.user("IMG125", "unable to find program image '" + image + "' in"
            + " the search paths or the current directory", "Error: \"unable to find program"
            + " image: '" + image + "'\"").at(pd.programImage().span());
      }
      ElfFile f;
      try {
        f = elf(path, "ELF '" + path + "' for PD '" + pd.name() + "'");
      } catch (BuildException e) {
        throw e.at(pd.programImage().span());
      }
      programs.add(new ProgramFrames(pd.name(), image, path, frames(f)));
    }
    programs.add(new ProgramFrames("(monitor)", "monitor.elf", t.monitor(), frames(monitor)));
    checkConfigName(r.config());
    if (boot == null) return new Plan(sdk, programs, null, null, null, null, null);

    MemRegion virt = imageBound(initialiser);
    long phys = boot.placeInitialTask(virt.size());
    if (phys == -1) {
      throw BuildException.user("IMG120", "no contiguous physical memory of 0x"
          + Long.toHexString(virt.size()) + " bytes above the kernel's boot region for the"
          + " initialiser", null); // Microkit's text has its human_size_strict, not reproduced
    }
    BootInfo bi = boot.boot(new MemRegion(phys, phys + virt.size()), virt);
    LoaderPlan loader = loader(sdk, kernel, initialiser, phys, virt);
    return new Plan(sdk, programs, new InitialTask(virt, phys), bi, boot.kernelImage(),
        boot.partial().bootRegion(), loader);
  }

  /**
   * The loader's regions and header for the initialiser as it is, checked as Microkit checks
   * them (entry at the loader's first byte, no overlaps, a uImage below 4 GiB).
   */
  private static LoaderPlan loader(SdkFacts sdk, ElfFile kernel, ElfFile initialiser, long phys,
      MemRegion virt) {
    ElfFile loaderElf = elf(sdk.target().loader(), "loader ELF");
    ElfSegment code = MicrokitLoaderHeader.loaderCode(loaderElf);
    List<MicrokitLoaderHeader.Region> regions = MicrokitLoaderHeader.regions(kernel,
        initialiser, phys, virt);
    MicrokitLoaderHeader.Header h = MicrokitLoaderHeader.header(kernel.entry(), phys, virt,
        initialiser.entry(), regions);
    MicrokitLoaderHeader.checkDisjoint(code.data(), code.vaddr(), regions);
    if (sdk.imageType() == ImageType.UIMAGE) {
      // Microkit finds this only when it writes the image; the image would be refused anyway
      ImageContainers.uimage(new byte[0], code.vaddr(), loaderElf.entry());
    }
    return new LoaderPlan(code.vaddr(), regions.size(), h.size());
  }

  /**
   * The entry point: plans, prints the plan on {@code out}, and throws IMG129 (a usage-class
   * error: exit status 2). It never returns normally and never writes an image.
   */
  public static void run(SystemDescription system, Request r, PrintWriter out) {
    Plan p = plan(system, r);
    out.print(describe(system, p));
    out.flush();
    throw notImplemented();
  }

  /** The configs whose spec Microkit knows how to pack (it panics on any other name). */
  static final List<String> PACKED_CONFIGS = List.of("debug", "smp-debug", "release",
      "benchmark", "smp-release", "smp-benchmark");

  /**
   * Microkit keeps object names in the spec for debug configs and drops them for the others;
   * an SDK config with another name passes every earlier check and then stops it.
   */
  static void checkConfigName(String config) {
    if (!PACKED_CONFIGS.contains(config)) {
      throw BuildException.crash("IMG127", "Microkit packs the capDL spec for the configs "
          + String.join(", ", PACKED_CONFIGS) + " only; it stops on '" + config + "'",
          "unknown configuration " + config);
    }
  }

  static BuildException notImplemented() {
    return BuildException.usage("IMG129", "the Microkit image is not built: Microkit 2.x makes"
        + " the initial task from a capDL spec, serialised with rkyv and deflate in rust-sel4's"
        + " types and appended to initialiser.elf, and cpkit can neither produce nor check that"
        + " format without Microkit's own tool; no image was written (the plan above is what"
        + " cpkit checked)", null)
        .withHint("build the image with Microkit's tool; see docs/microkit-build.md");
  }

  /** The plan as text: kernel configuration, memory, untypeds, programs and their frames. */
  public static String describe(SystemDescription system, Plan p) {
    MicrokitKernelConfig k = p.sdk().kernel();
    StringBuilder b = new StringBuilder();
    b.append("Microkit build plan (board ").append(p.sdk().target().board()).append(", config ")
        .append(p.sdk().target().config()).append(")\n");
    b.append("kernel:    ").append(k.arch().id()).append(", ").append(k.wordSize())
        .append("-bit, ").append(k.cores()).append(k.cores() == 1 ? " core" : " cores")
        .append(", hypervisor ").append(yes(k.hypervisor())).append(", FPU ")
        .append(yes(k.fpu()));
    if (k.armPaBits() != null) b.append(", ").append(k.armPaBits()).append(" PA bits");
    if (k.armSmc() != null) b.append(", SMC ").append(yes(k.armSmc()));
    if (k.iommu()) b.append(", IOMMU");
    b.append('\n');
    b.append("           root CNode 2^").append(k.rootCnodeBits()).append(" slots, retype fan-out ")
        .append(k.fanOutLimit()).append(", at most ").append(k.maxBootinfoUntypeds())
        .append(" boot-info untypeds, ").append(k.numDomains()).append(k.numDomains() == 1
            ? " domain" : " domains").append('\n');
    b.append("image:     ").append(p.sdk().imageType().id()).append('\n');
    if (p.boot() == null) {
      b.append("memory:    not known before boot on x86-64 (Microkit does not emulate the boot"
          + " there either)\n");
    } else {
      PlatformConfig pl = p.sdk().platform();
      b.append("memory:    RAM ").append(bytes(total(pl.memory()))).append(" in ")
          .append(pl.memory().size()).append(" region(s), ").append(pl.devices().size())
          .append(" device region(s)\n");
      b.append("           kernel image ").append(range(p.kernelImage())).append(", boot region ")
          .append(range(p.bootRegion())).append('\n');
      InitialTask it = p.initialTask();
      b.append("initial task (the initialiser without its spec, a lower bound): ")
          .append(bytes(it.virt().size())).append(" at 0x").append(Long.toHexString(it.physBase()))
          .append(", virtual ").append(range(it.virt())).append('\n');
      List<UntypedObject> uts = p.boot().untypeds();
      long devices = uts.stream().filter(UntypedObject::device).count();
      long normal = 0;
      for (UntypedObject u : uts) if (!u.device()) normal += u.region().size();
      b.append("untypeds:  ").append(uts.size()).append(" (").append(devices)
          .append(" device, ").append(uts.size() - devices).append(" normal: ")
          .append(bytes(normal)).append(" of RAM for kernel objects and frames)");
      if (!uts.isEmpty()) {
        b.append(", caps ").append(uts.get(0).cap()).append("..")
            .append(uts.get(uts.size() - 1).cap());
      }
      b.append('\n');
      if (uts.size() > k.maxBootinfoUntypeds()) {
        b.append("           warning: more untypeds than the kernel's boot info holds (")
            .append(k.maxBootinfoUntypeds()).append(")\n");
      }
    }
    if (p.loader() != null) {
      b.append("loader:    linked at 0x").append(Long.toHexString(p.loader().link())).append(", ")
          .append(p.loader().regions()).append(" regions, at least ")
          .append(bytes(p.loader().payloadBytes())).append(" of header, table and data\n");
    }
    b.append("ELF frames (4 KiB each; the monitor is an ordinary PD in Microkit 2.x):\n");
    int w = 4;
    for (ProgramFrames f : p.programs()) w = Math.max(w, f.pd().length());
    for (ProgramFrames f : p.programs()) {
      b.append("  ").append(pad(f.pd(), w)).append("  ").append(pad(f.image(), 16)).append(' ')
          .append(f.frames()).append(f.frames() == 1 ? " frame\n" : " frames\n");
    }
    b.append("  ").append(pad("total", w)).append("  ").append(pad("", 16)).append(' ')
        .append(p.elfFrames()).append(" frames (").append(bytes(p.elfFrames() * 0x1000))
        .append(")\n");
    long mrPages = 0;
    long mrBytes = 0;
    for (MemoryRegion mr : system.memoryRegions()) {
      mrPages += mr.pageCount();
      mrBytes += mr.size();
    }
    b.append("memory regions: ").append(system.memoryRegions().size()).append(" (")
        .append(mrPages).append(" pages, ").append(bytes(mrBytes)).append(")\n");
    return b.toString();
  }

  /**
   * The 4 KiB frames Microkit creates for an ELF: for each loadable segment with a non-empty
   * memory image, every page from its start rounded down to its end.
   */
  public static long frames(ElfFile f) {
    long n = 0;
    for (ElfSegment s : f.segments()) {
      if (!s.loadable() || s.memSize() == 0) continue;
      long start = MicrokitRegions.roundDown(s.vaddr(), 0x1000);
      long end = MicrokitRegions.roundUp(s.vaddr() + s.memSize(), 0x1000);
      n += (end - start) / 0x1000;
    }
    return n;
  }

  /**
   * The initialiser's virtual extent ({@code image_bound}): lowest loadable address to the
   * highest loadable end rounded up to 4 KiB.
   */
  public static MemRegion imageBound(ElfFile f) {
    long lo = -1;
    long hi = 0;
    boolean any = false;
    for (ElfSegment s : f.segments()) {
      if (!s.loadable()) continue;
      if (!any || Long.compareUnsigned(s.vaddr(), lo) < 0) lo = s.vaddr();
      long e = s.vaddr() + s.memSize();
      if (!any || Long.compareUnsigned(e, hi) > 0) hi = e;
      any = true;
    }
    if (!any) {
      throw BuildException.user("IMG126", "'" + f.name() + "' has no loadable segment", null);
    }
    return new MemRegion(lo, MicrokitRegions.roundUp(hi, 0x1000));
  }

  /** Microkit's {@code get_full_path}: each search path in order, then the current folder. */
  static Path find(String image, List<Path> searchPaths, Path cwd) {
    List<Path> dirs = new ArrayList<>(searchPaths);
    dirs.add(cwd);
    for (Path d : dirs) {
      Path p = d.resolve(image);
      if (Files.exists(p)) return p;
    }
    return null;
  }

  private static ElfFile elf(Path p, String what) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(p);
    } catch (IOException e) {
      throw BuildException.user("IMG106", "cannot read " + what + " '" + p + "': "
          + e.getMessage(), null);
    }
    try {
      return ElfFile.parse(p.toString(), bytes);
    } catch (BuildException e) {
      throw BuildException.user("IMG126", "failed to parse " + what + ": " + e.getMessage(),
          null);
    }
  }

  private static String yes(boolean b) {
    return b ? "yes" : "no";
  }

  private static long total(List<MemRegion> rs) {
    long n = 0;
    for (MemRegion r : rs) n += r.size();
    return n;
  }

  private static String range(MemRegion r) {
    return "[0x" + Long.toHexString(r.base()) + "..0x" + Long.toHexString(r.end()) + ")";
  }

  private static String pad(String s, int w) {
    return s.length() >= w ? s : s + " ".repeat(w - s.length());
  }

  /** Bytes in the largest binary unit not above them: exact, or with two decimals. */
  static String bytes(long n) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int u = 0;
    while (u < units.length - 1 && Long.compareUnsigned(n, 1L << (10 * (u + 1))) >= 0) u++;
    long unit = 1L << (10 * u);
    if (n % unit == 0) return (n / unit) + " " + units[u];
    return String.format(java.util.Locale.ROOT, "%.2f %s", (double) n / unit, units[u]);
  }
}
