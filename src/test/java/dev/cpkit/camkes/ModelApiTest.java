// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.camkes.CamkesModel.SettingSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The public model, as the migrator will read it. */
class ModelApiTest {
  private static CamkesModel load(String name) {
    Path file = CamkesCasesTest.ROOT.resolve("ok").resolve(name);
    CamkesFrontEnd.Result r = CamkesFrontEnd.load(file, CamkesCasesTest.options(file));
    assertThat(r.ok()).as(r.diagnostics().toString()).isTrue();
    return r.model();
  }

  @Test
  void compoundComponentsAreFlattenedAndReferencesResolved() {
    CamkesModel m = load("compound.camkes");
    assertThat(m.instances()).extracting(CamkesModel.Instance::name)
        .containsExactly("pipe", "pipe.front", "pipe.adder", "user");
    assertThat(m.setting("pipe.adder", "base")).contains(new Value.Int(8));
    assertThat(m.setting("user", "level")).contains(new Value.Int(9));
    assertThat(m.settings()).filteredOn(s -> s.attribute().equals("fallback"))
        .extracting(CamkesModel.Setting::source).containsExactly(SettingSource.REFERENCE);
    CamkesModel.Connection outer = m.connection("outer").orElseThrow();
    assertThat(outer.to()).extracting(CamkesModel.End::toString).containsExactly("pipe.front.calc");
    assertThat(m.componentType("Pipeline").orElseThrow().compound()).isTrue();
  }

  @Test
  void mergedConnectionsKeepTheirStatementNames() {
    CamkesModel m = load("merge_groups.camkes");
    CamkesModel.Connection rpc = m.connection("a_conn.b_conn.c_conn").orElseThrow();
    assertThat(rpc.declaredAs()).containsExactly("a_conn", "b_conn", "c_conn");
    assertThat(rpc.from()).hasSize(3);
    assertThat(m.connector(rpc.connector()).orElseThrow().from().many()).isTrue();
    assertThat(m.instance("c1").orElseThrow().addressSpace()).isEqualTo("clients");
    assertThat(m.setting("s1", "size")).contains(new Value.Int(8192));
  }

  @Test
  void macroGeneratedElementsPointAtTheUseAndNameTheMacro() {
    CamkesModel m = load("cpp.camkes");
    CamkesModel.Connection conn = m.connection("conn").orElseThrow();
    assertThat(conn.span().fileName()).endsWith("cpp.camkes");
    assertThat(conn.span().line()).isEqualTo(42);
    assertThat(conn.span().origin().macro()).isEqualTo("RPC");
    CamkesModel.Instance w = m.instance("w").orElseThrow();
    assertThat(w.span().origin()).isNull(); // plain source: a span into the original file
    assertThat(w.span().file().text()).contains("#include \"ok_defs.h\"");
  }

  @Test
  void querySettingsStayUnresolved() {
    CamkesModel m = load("values.camkes");
    Value v = m.setting("b", "many").orElseThrow();
    assertThat(v).isInstanceOf(Value.Query.class);
    Value.Query q = (Value.Query) v;
    assertThat(q.name()).isEqualTo("dtb");
    assertThat(q.args()).hasSize(2);
    assertThat(q.lookup()).containsExactly(new Value.Str("reg"), new Value.Int(0));
  }
}
