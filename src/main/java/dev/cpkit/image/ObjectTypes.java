// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

/** seL4 object type numbers and sizes for aarch64 with MCS (sel4cp 1.2.6). */
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

  private static final String[] NAMES = {"SEL4_UNTYPED_OBJECT", "SEL4_TCB_OBJECT",
      "SEL4_ENDPOINT_OBJECT", "SEL4_NOTIFICATION_OBJECT", "SEL4_CNODE_OBJECT",
      "SEL4_SCHEDCONTEXT_OBJECT", "SEL4_REPLY_OBJECT", "SEL4_HUGE_PAGE_OBJECT",
      "SEL4_PAGE_UPPER_DIRECTORY_OBJECT", "SEL4_PAGE_GLOBAL_DIRECTORY_OBJECT",
      "SEL4_SMALL_PAGE_OBJECT", "SEL4_LARGE_PAGE_OBJECT", "SEL4_PAGE_TABLE_OBJECT",
      "SEL4_PAGE_DIRECTORY_OBJECT"};

  /** Sizes of fixed-size objects; 0 for the variable-size ones (untyped, CNode, SC, huge page). */
  private static final long[] SIZES = {0, 1 << 11, 1 << 4, 1 << 6, 0, 0, 1 << 5, 0, 1 << 12,
      1 << 12, 1 << 12, 1 << 21, 1 << 12, 1 << 12};

  public static String name(int type) {
    return NAMES[type];
  }

  /** The fixed size of a type, or 0 if its size is variable (or, for huge pages, unknown). */
  public static long fixedSize(int type) {
    return SIZES[type];
  }
}
