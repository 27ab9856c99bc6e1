// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

/**
 * Stable diagnostic codes of the SDF checker. Codes below 100 are problems the reference tools
 * report too (errors, or their warning); 100 and up are cpkit's own findings. Documented in
 * docs/diagnostics.md; never renumber.
 */
public enum Code {
  SDF001("the file is not well-formed XML"),
  SDF002("the XML is refused: DOCTYPE, entity declarations or nesting too deep"),
  SDF003("text where only elements may appear"),
  SDF004("an element that is not allowed here"),
  SDF005("an attribute that is not allowed on this element"),
  SDF006("a required attribute is missing"),
  SDF007("a number that cannot be parsed"),
  SDF008("a boolean that is not 'true' or 'false'"),
  SDF009("a value out of its allowed range"),
  SDF010("a page size the platform does not support"),
  SDF011("a size or address not aligned to the page size"),
  SDF012("a duplicate name"),
  SDF013("a reference to a protection domain, memory region or domain that does not exist"),
  SDF014("a duplicate channel id, irq id, irq number or child id"),
  SDF015("program_image missing or given more than once"),
  SDF016("a channel without exactly two ends, or an invalid end"),
  SDF017("a mapping outside the address space, overflowing, or overlapping another"),
  SDF018("a memory region that nothing maps (reference warning)"),
  SDF019("a feature the kernel configuration does not provide"),
  SDF020("a protected procedure call to a PD of lower or equal priority"),
  SDF021("no protection domain, or too many"),
  SDF022("a setvar problem"),
  SDF023("a domain scheduling problem"),
  SDF024("a cspace capability problem"),
  SDF025("an x86 I/O port problem"),
  SDF026("a value that is not one of the allowed words"),
  SDF027("a memory region prefill problem"),
  SDF028("overlapping physical memory regions"),
  SDF029("an IOMMU address space problem"),
  SDF030("a virtual machine problem"),
  SDF031("a program image that is not found on the search path"),
  SDF100("accepted by the reference tool, but ignored or wrong"),
  SDF101("the same region mapped twice by one PD with different attributes"),
  SDF102("a number too large for 64 bits"),
  SDF103("a name longer than the reference tool keeps"),
  SDF104("a protected procedure call the reference tool accepts but the kernel cannot serve"),
  SDF105("a mapping that overlaps another (the reference tool does not check)"),
  SDF106("a setvar symbol set twice, or naming a region that does not exist"),
  SDF107("an attribute name from an older version of the dialect"),
  SDF108("a value the reference tool accepts but that is almost certainly a mistake"),
  SDF109("a construct the target dialect of a conversion cannot express"),
  SDF110("a conversion that rewrites how something is written, keeping its meaning");

  private final String summary;

  Code(String summary) {
    this.summary = summary;
  }

  public String summary() {
    return summary;
  }
}
