// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Error positions of the XML parser against expat 2.5 (the positions were read from Python's
 * pyexpat on each input): the sel4cp tools print them as {@code XML parse error: F:L.C}.
 */
class XmlParserExpatTest {
  /** input, expat's message, expat's 0-based offset on line 1. */
  private static final String[][] CASES = {
      {"<a></b>", "mismatched tag", "5"},
      {"<a><b></a>", "mismatched tag", "8"},
      {"<a b=\"1\" b=\"2\"/>", "duplicate attribute", "9"},
      {"<a b=\"1\"c=\"2\"/>", "not well-formed (invalid token)", "8"},
      {"<a b=\"1\" / >", "not well-formed (invalid token)", "10"},
      {"<a b=1/>", "not well-formed (invalid token)", "5"},
      {"<a b=\"<\"/>", "not well-formed (invalid token)", "6"},
      {"<a b=\"&x;\"/>", "undefined entity", "0"},
      {"<a b=\"&#0;\"/>", "reference to invalid character number", "6"},
      {"<a>&x;</a>", "undefined entity", "3"},
      {"<a>& x</a>", "not well-formed (invalid token)", "4"},
      {"<a>&amp</a>", "not well-formed (invalid token)", "7"},
      {"<a>x]]>y</a>", "not well-formed (invalid token)", "6"},
      {"<a><!-- a -- b --></a>", "not well-formed (invalid token)", "12"},
      {"<a><![CDATA[x</a>", "unclosed CDATA section", "17"},
      {"<a><!x></a>", "not well-formed (invalid token)", "5"},
      {"<a>", "no element found", "3"},
      {"<a b=\"1", "unclosed token", "0"},
      {"<a><b", "unclosed token", "3"},
      {"", "no element found", "0"},
      {"<a/><b/>", "junk after document element", "4"},
      {"<a/>  xy", "junk after document element", "6"},
      {"<a/></a>", "not well-formed (invalid token)", "5"},
      {"x<a/>", "not well-formed (invalid token)", "1"},
      {"xy <a/>", "syntax error", "0"},
      {" <?xml version=\"1.0\"?><a/>", "XML or text declaration not at start of entity", "1"},
      {"<a><?XML x?></a>", "not well-formed (invalid token)", "8"},
      {"<?xml?><a/>", "XML declaration not well-formed", "5"},
      {"<?xml encoding=\"UTF-8\"?><a/>", "XML declaration not well-formed", "6"},
      {"<?xml version=\"1.0\"encoding=\"UTF-8\"?><a/>", "XML declaration not well-formed", "19"},
      {"<?xml version=\"1.0\" encoding=\"1x\"?><a/>", "XML declaration not well-formed", "30"},
      {"<a>&#x41</a>", "not well-formed (invalid token)", "8"},
      {"<a>&#12a;</a>", "not well-formed (invalid token)", "7"},
      // offsets count UTF-16 units; expat counts the emoji as one column (6)
      {"<a>\uD83D\uDE00</b>", "mismatched tag", "7"},
  };

  @TestFactory
  Stream<DynamicTest> errorsAtExpatPositions() {
    return Stream.of(CASES).map(c -> DynamicTest.dynamicTest("[" + c[0] + "]", () -> {
      XmlSyntaxError e = XmlParser.parse(c[0]).error();
      assertThat(e).as("error for %s", c[0]).isNotNull();
      assertThat(e.message()).isEqualTo(c[1]);
      assertThat(e.offset()).isEqualTo(Integer.parseInt(c[2]));
    }));
  }

  @Test
  void elementTreeNamesResolveNamespaces() {
    XmlElement root = XmlParser.parse("<s xmlns=\"u\" xmlns:p=\"v\" p:a=\"1\" xml:lang=\"e\" b=\"2\">"
        + "<c/></s>", XmlParser.Names.ELEMENT_TREE).root();
    assertThat(root.tag()).isEqualTo("{u}s");
    assertThat(root.attributes()).extracting(XmlAttribute::name)
        .containsExactly("{v}a", "{http://www.w3.org/XML/1998/namespace}lang", "b");
    assertThat(root.elements().get(0).tag()).isEqualTo("{u}c");
    assertThat(XmlParser.parse("<s p:a=\"1\"/>", XmlParser.Names.AS_WRITTEN).root()
        .attributes().get(0).name()).isEqualTo("p:a");
  }

  @Test
  void namespaceErrorsAreAtTheStartTag() {
    XmlSyntaxError e = XmlParser.parse("<s><t b:c=\"1\"/></s>", XmlParser.Names.ELEMENT_TREE)
        .error();
    assertThat(e.message()).isEqualTo("unbound prefix");
    assertThat(e.offset()).isEqualTo(3);
    e = XmlParser.parse("<a:b:c xmlns:a=\"u\"/>", XmlParser.Names.ELEMENT_TREE).error();
    assertThat(e.offset()).isEqualTo(4);
  }

  @Test
  void decoderReadsLoneCarriageReturnsAsLineBreaksAndUtf16WithoutMark() {
    assertThat(XmlDecoder.decode("<a>\r\r\n</a>".getBytes()).text()).isEqualTo("<a>\n\r\n</a>");
    byte[] utf16 = "<a/>".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    assertThat(XmlDecoder.decode(utf16).text()).isEqualTo("<a/>");
  }
}
