// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.diag.SourceSpan;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** Test helper: models compared without their source spans. */
final class Models {
  private Models() {}

  /** A copy of a model value with every {@link SourceSpan} replaced by null. */
  static Object withoutSpans(Object o) {
    if (o == null || o instanceof SourceSpan) return null;
    if (o instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object e : list) out.add(withoutSpans(e));
      return out;
    }
    if (o.getClass().isRecord()) {
      try {
        RecordComponent[] cs = o.getClass().getRecordComponents();
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
          types[i] = cs[i].getType();
          args[i] = withoutSpans(cs[i].getAccessor().invoke(o));
        }
        var ctor = o.getClass().getDeclaredConstructor(types);
        ctor.setAccessible(true);
        return ctor.newInstance(args);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return o;
  }
}
