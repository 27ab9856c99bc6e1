// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.bench;

/** The JVM start-up floor for the whole-process comparison. */
public final class Hello {
  private Hello() {}

  public static void main(String[] args) {
    System.out.println("hello");
  }
}
