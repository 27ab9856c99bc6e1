// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CLexerTest {
  @Test
  void commentsStringsAndDirectivesAreSetApart() {
    CLexer.Lexed l = CLexer.lex("""
        #define A 1 /* one */ \\
            + 2
        // notify(3)
        x = "a \\" notify(4)" + 'c'; /* notify(5) */
          #  include <sel4cp.h>
        """);
    assertThat(l.tokens()).extracting(Token::text)
        .containsExactly("x", "=", "\"a \\\" notify(4)\"", "+", "'c'", ";");
    assertThat(l.directives()).extracting(CLexer.Directive::name)
        .containsExactly("define", "include");
    assertThat(l.directives().get(0).tokens()).extracting(Token::text)
        .containsExactly("A", "1", "+", "2");
    assertThat(l.directives().get(1).tokens()).extracting(Token::text)
        .containsExactly("<sel4cp.h>");
  }

  @Test
  void constantExpressions() {
    Constants c = new Constants();
    c.define("BASE", CLexer.lex("(1 << 3)").tokens());
    c.define("NEXT", CLexer.lex("BASE + 0x2u").tokens());
    c.enumerator("E", 4);
    assertThat(c.eval(CLexer.lex("NEXT").tokens())).isEqualTo(10L);
    assertThat(c.eval(CLexer.lex("(microkit_channel)E * 2").tokens())).isEqualTo(8L);
    assertThat(c.eval(CLexer.lex("010 | 0b1").tokens())).isEqualTo(9L);
    assertThat(c.eval(CLexer.lex("ch").tokens())).isNull();
    assertThat(c.eval(CLexer.lex("1 / 0").tokens())).isNull();
    c.define("LOOP", CLexer.lex("LOOP + 1").tokens());
    assertThat(c.eval(CLexer.lex("LOOP").tokens())).isNull();
  }

  @Property(tries = 300)
  void neverFailsOnAnyText(@ForAll String text) {
    CLexer.Lexed l = CLexer.lex(text);
    List<Token> t = l.tokens();
    for (int k = 1; k < t.size(); k++) assertThat(t.get(k).start()).isGreaterThanOrEqualTo(t.get(k - 1).end());
    new Constants().eval(t);
  }
}
