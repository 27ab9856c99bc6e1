// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

/**
 * seL4 object type numbers and sizes for aarch64 with MCS (sel4cp 1.2.6); the tables live in
 * {@link KernelAbi#sel4cp126()}.
 */
public final class ObjectTypes {
  private ObjectTypes() {}

  public static final int UNTYPED = 0;
  public static final int TCB = 1;
  public static final int ENDPOINT = 2;
  public static final int NOTIFICATION = 3;
  public static final int CNODE = 4;
  public static final int SCHED_CONTEXT = 5;
  public static final int REPLY = 6;
  public static final int HUGE_PAGE = 7;
  public static final int PAGE_UPPER_DIRECTORY = 8;
  public static final int VSPACE = 9;
  public static final int SMALL_PAGE = 10;
  public static final int LARGE_PAGE = 11;
  public static final int PAGE_TABLE = 12;
  public static final int PAGE_DIRECTORY = 13;

  public static String name(int type) {
    return KernelAbi.sel4cp126().typeName(type);
  }

  /** The fixed size of a type, or 0 if its size is variable (or, for huge pages, unknown). */
  public static long fixedSize(int type) {
    return KernelAbi.sel4cp126().typeSize(type);
  }
}
