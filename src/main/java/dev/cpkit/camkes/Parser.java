// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written recursive-descent parser for the CAmkES ADL (grammar: docs/camkes.md and
 * CAMKES-ADL.md §3). Each method parses one production, quoted above it. Errors are reported
 * to the sink; the parser then skips to the end of the statement ({@code ;} or {@code }}) and
 * goes on, so one run shows every syntax error (up to {@link #MAX_ERRORS}).
 */
final class Parser {
  static final int MAX_ERRORS = 50;
  static final int MAX_NESTING = 64;

  private static final List<String> TOP_KEYWORDS = List.of(
      "assembly", "component", "composition", "configuration", "connector", "import",
      "procedure", "struct");
  private static final List<String> COMPONENT_KEYWORDS = List.of(
      "control", "hardware", "provides", "uses", "emits", "consumes", "dataport", "attribute",
      "include", "has", "maybe", "composition", "configuration");

  /** Thrown after an error has been reported, to unwind to the nearest statement loop. */
  private static final class ParseError extends RuntimeException {
    ParseError() {
      super(null, null, false, false);
    }
  }

  private static final class TooManyErrors extends RuntimeException {
    TooManyErrors() {
      super(null, null, false, false);
    }
  }

  private final List<Token> tokens;
  private final DiagnosticSink sink;
  private final ExprParser exprs;
  private int pos;
  private int errors;
  private int nesting;

  private boolean quietAtEnd;

  Parser(List<Token> tokens, DiagnosticSink sink) {
    this.tokens = tokens;
    this.sink = sink;
    this.exprs = new ExprParser(this);
  }

  // spec = { top_item }
  List<Ast.Item> parse() {
    List<Ast.Item> items = new ArrayList<>();
    try {
      while (peek().kind() != Token.Kind.EOF) {
        try {
          Ast.Item item = topItem();
          if (item != null) items.add(item);
        } catch (ParseError e) {
          syncTop();
        }
      }
    } catch (TooManyErrors e) {
      sink.report(Diags.error("CAM059", "too many syntax errors; giving up on this file", peek().span()));
    }
    return items;
  }

  // top_item = assembly | component_decl | composition_decl | configuration_decl
  //          | connector_decl | procedure_decl | struct_decl | import | ";"
  private Ast.Item topItem() {
    Token t = peek();
    if (accept(";")) return null;
    if (t.kind() == Token.Kind.KEYWORD) {
      switch (t.text()) {
        case "import": return importDecl();
        case "component": return component();
        case "procedure": return procedure();
        case "connector": return connector();
        case "composition": return composition();
        case "configuration": return configuration();
        case "assembly": return assembly();
        case "struct": return struct();
        default: break;
      }
    }
    throw error("CAM051", "expected a declaration (" + String.join(", ", TOP_KEYWORDS)
        + ") but found " + t.describe(), t, Diags.didYouMean(t.text(), TOP_KEYWORDS));
  }

  // import = "import" ( STRING+ | ANGLE ) ";"
  private Ast.Import importDecl() {
    next();
    Token t = peek();
    Ast.Import result;
    if (t.kind() == Token.Kind.ANGLE) {
      next();
      result = new Ast.Import(unquote(t.text()), true, t.span());
    } else if (t.kind() == Token.Kind.STRING) {
      result = new Ast.Import(strings(), false, t.span());
    } else {
      throw error("CAM052", "expected a file name (\"file\" or <file>) after 'import' but found "
          + t.describe(), t);
    }
    expect(";", "after import of '" + result.path() + "'");
    return result;
  }

  // include = "include" ( STRING+ | ANGLE ) ";"
  private String include() {
    next();
    Token t = peek();
    String name;
    if (t.kind() == Token.Kind.ANGLE) {
      next();
      name = t.text();
    } else if (t.kind() == Token.Kind.STRING) {
      name = "\"" + strings() + "\"";
    } else {
      throw error("CAM052", "expected a header name after 'include' but found " + t.describe(), t);
    }
    expect(";", "after include");
    return name;
  }

  // procedure_decl = "procedure" [ID] "{" { method | attr_decl ";" | include } "}"
  // method = ( "void" | c_type ) ID "(" [ "void" | param { "," param } [","] ] ")" ";"
  private Ast.Procedure procedure() {
    Token kw = next();
    Token name = optionalName();
    expect("{", "to open procedure '" + text(name) + "'");
    List<Ast.Method> methods = new ArrayList<>();
    List<Ast.AttrDecl> attrs = new ArrayList<>();
    List<String> includes = new ArrayList<>();
    while (!at("}") && !atEof()) {
      try {
        if (at("include")) {
          includes.add(include());
          continue;
        }
        if (at("attribute")) next();
        String type = accept("void") ? "void" : cType();
        Token id = ident("a method name");
        if (at("(")) {
          methods.add(new Ast.Method(type, id.text(), params(), id.span()));
        } else {
          attrs.add(attrRest(type, null, id));
        }
        expect(";", "after method or attribute '" + id.text() + "'");
      } catch (ParseError e) {
        syncStatement();
      }
    }
    expect("}", "to close procedure '" + text(name) + "'");
    return new Ast.Procedure(text(name), methods, attrs, includes, spanOf(name, kw));
  }

  // params = "(" [ "void" | param { "," param } [","] ] ")"
  // param = [ "in" | "out" | "inout" | "refin" ] c_type ID [ "[" "]" ]
  private List<Ast.Param> params() {
    expect("(", "to open the parameter list");
    List<Ast.Param> params = new ArrayList<>();
    if (at("void") && peek(1).is(")")) next();
    while (!at(")") && !atEof()) {
      String dir = "in";
      for (String d : List.of("in", "out", "inout", "refin")) if (accept(d)) dir = d;
      String type = cType();
      Token id = ident("a parameter name");
      boolean array = false;
      if (accept("[")) {
        expect("]", "after '[' in array parameter");
        array = true;
      }
      params.add(new Ast.Param(dir, type, id.text(), array, id.span()));
      if (!accept(",")) break;
    }
    expect(")", "to close the parameter list");
    return params;
  }

  // c_type = ["signed"] ("int"|"integer") | "signed" | "unsigned" ["int"|"integer"|"char"]
  //        | "char" | "signed" "char" | "int64_t" | "uint64_t" | "string"
  //        | "struct" ID | ID { "." ID }
  private String cType() {
    if (accept("signed") || at("unsigned")) {
      String sign = accept("unsigned") ? "unsigned" : "signed";
      if (accept("int") || accept("integer")) return sign + " int";
      if (accept("char")) return sign + " char";
      return sign;
    }
    for (String k : List.of("int", "integer", "char", "int64_t", "uint64_t", "string")) {
      if (accept(k)) return k;
    }
    if (accept("struct")) return "struct " + ident("a struct name").text();
    return qualName("a type");
  }

  // struct_decl = "struct" ID "{" { attr_decl ";" } "}"
  private Ast.Struct struct() {
    next();
    Token name = ident("a struct name");
    return new Ast.Struct(name.text(), structBody(), name.span());
  }

  private List<Ast.AttrDecl> structBody() {
    expect("{", "to open the struct");
    List<Ast.AttrDecl> fields = new ArrayList<>();
    while (!at("}") && !atEof()) {
      try {
        fields.add(attrDecl());
        expect(";", "after struct field");
      } catch (ParseError e) {
        syncStatement();
      }
    }
    expect("}", "to close the struct");
    return fields;
  }

  // attr_decl = attr_type ID ["[" "]"] [ "=" value ]
  // attr_type = c_type | "{" { attr_decl ";" } "}"
  private Ast.AttrDecl attrDecl() {
    if (at("{")) {
      enter();
      List<Ast.AttrDecl> fields;
      try {
        fields = structBody();
      } finally {
        nesting--;
      }
      return attrRest("struct", fields, ident("an attribute name"));
    }
    String type = cType();
    return attrRest(type, null, ident("an attribute name"));
  }

  private Ast.AttrDecl attrRest(String type, List<Ast.AttrDecl> inline, Token id) {
    boolean array = false;
    if (accept("[")) {
      expect("]", "after '[' in array attribute");
      array = true;
    }
    Value dflt = accept("=") ? exprs.value() : null;
    return new Ast.AttrDecl(type, inline, id.text(), array, dflt, id.span());
  }

  // component_decl = "component" [ID] component_body
  private Ast.Component component() {
    Token kw = next();
    Token name = optionalName();
    return componentBody(name, kw);
  }

  // component_body = "{" { comp_item } [ composition_use ] [ configuration_use ] "}"
  Ast.Component componentBody(Token name, Token kw) {
    enter();
    try {
      expect("{", "to open component '" + text(name) + "'");
      ComponentBuilder b = new ComponentBuilder();
      while (!at("}") && !atEof()) {
        try {
          componentItem(b);
        } catch (ParseError e) {
          syncStatement();
        }
      }
      expect("}", "to close component '" + text(name) + "'");
      return b.build(text(name), spanOf(name, kw));
    } finally {
      nesting--;
    }
  }

  /** Collects the parts of a component body. */
  private static final class ComponentBuilder {
    boolean control;
    boolean hardware;
    final List<Ast.Interface> interfaces = new ArrayList<>();
    final List<Ast.AttrDecl> attributes = new ArrayList<>();
    final List<String> includes = new ArrayList<>();
    final List<Ast.Sync> syncs = new ArrayList<>();
    Ast.Composition composition;
    Ast.Configuration configuration;

    Ast.Component build(String name, SourceSpan span) {
      return new Ast.Component(name, control, hardware, interfaces, attributes, includes, syncs,
          composition, configuration, span);
    }
  }

  // comp_item = "control" ";" | "hardware" ";" | "provides" qual_name ID ";"
  //           | ["maybe"] "uses" qual_name ID ";" | "emits" ID ID ";"
  //           | ["maybe"] "consumes" ID ID ";" | ["maybe"] "dataport" dp_type ID ";"
  //           | "attribute" attr_decl ";" | include
  //           | "has" ( "mutex" | "semaphore" | "binary_semaphore" ) ID ";"
  //           | composition_use | configuration_use
  private void componentItem(ComponentBuilder b) {
    Token t = peek();
    if (accept(";")) return;
    if (t.is("composition")) {
      b.composition = composition();
      return;
    }
    if (t.is("configuration")) {
      b.configuration = configuration();
      return;
    }
    if (t.is("include")) {
      b.includes.add(include());
      return;
    }
    boolean maybe = accept("maybe");
    Token k = next();
    switch (k.kind() == Token.Kind.KEYWORD ? k.text() : "") {
      case "control" -> b.control = true;
      case "hardware" -> b.hardware = true;
      case "provides", "uses", "emits", "consumes", "dataport" -> {
        Ast.InterfaceKind kind = Ast.InterfaceKind.valueOf(k.text().toUpperCase(java.util.Locale.ROOT));
        if (maybe && (kind == Ast.InterfaceKind.PROVIDES || kind == Ast.InterfaceKind.EMITS)) {
          throw error("CAM053", "'maybe' cannot be used with '" + k.text() + "'", t);
        }
        String type = kind == Ast.InterfaceKind.DATAPORT ? dataportType() : qualName("an interface type");
        Token id = ident("an interface name");
        b.interfaces.add(new Ast.Interface(kind, type, id.text(), maybe, id.span()));
      }
      case "attribute" -> b.attributes.add(attrDecl());
      case "has" -> {
        Token kind = next();
        if (!(kind.is("mutex") || kind.is("semaphore") || kind.is("binary_semaphore"))) {
          throw error("CAM053", "expected 'mutex', 'semaphore' or 'binary_semaphore' after 'has' but found "
              + kind.describe(), kind);
        }
        Token id = ident("a " + kind.text() + " name");
        b.syncs.add(new Ast.Sync(kind.text(), id.text(), id.span()));
      }
      default -> {
        pos--;
        throw error("CAM054", "expected a component item (" + String.join(", ", COMPONENT_KEYWORDS)
            + ") but found " + k.describe(), k, Diags.didYouMean(k.text(), COMPONENT_KEYWORDS));
      }
    }
    expect(";", "after '" + k.text() + "' declaration");
  }

  // dp_type = "Buf" [ "(" expr ")" ] | c_type
  private String dataportType() {
    if (accept("Buf")) {
      if (!at("(")) return "Buf";
      Token open = next();
      Value size = exprs.expression();
      expect(")", "after the dataport size");
      if (!(size instanceof Value.Int i) || i.value() <= 0) {
        throw error("CAM055", "dataport size in Buf(...) must be a positive integer", open);
      }
      return "Buf(" + i.value() + ")";
    }
    return cType();
  }

  // connector_decl = "connector" [ID] "{" connector_side connector_side
  //                  { "attribute" attr_decl ";" } "}"
  // connector_side = ("from" | "to") ["hardware"] end_type
  //                  [ "with" expr ("thread" | "threads") ] ";"
  private Ast.Connector connector() {
    Token kw = next();
    Token name = optionalName();
    expect("{", "to open connector '" + text(name) + "'");
    Ast.ConnectorEnd from = null;
    Ast.ConnectorEnd to = null;
    List<Ast.AttrDecl> attrs = new ArrayList<>();
    while (!at("}") && !atEof()) {
      try {
        Token side = next();
        if (side.is("attribute")) {
          attrs.add(attrDecl());
        } else if (side.is("from") || side.is("to")) {
          Ast.ConnectorEnd end = connectorEnd();
          if (side.is("from")) from = end;
          else to = end;
        } else {
          pos--;
          throw error("CAM056", "expected 'from', 'to' or 'attribute' in connector but found "
              + side.describe(), side);
        }
        expect(";", "after connector " + side.text() + " side");
      } catch (ParseError e) {
        syncStatement();
      }
    }
    Token close = peek();
    expect("}", "to close connector '" + text(name) + "'");
    if (from == null || to == null) {
      error("CAM056", "connector '" + text(name) + "' needs both a 'from' and a 'to' side", close);
      return null;
    }
    return new Ast.Connector(text(name), from, to, attrs, spanOf(name, kw));
  }

  private static final List<String> END_TYPES =
      List.of("Event", "Events", "Procedure", "Procedures", "Dataport", "Dataports");

  private Ast.ConnectorEnd connectorEnd() {
    boolean hardware = accept("hardware");
    Token t = next();
    if (!END_TYPES.contains(t.text()) || t.kind() != Token.Kind.KEYWORD) {
      pos--;
      throw error("CAM056", "expected a connector end type (" + String.join(", ", END_TYPES)
          + ") but found " + t.describe(), t, Diags.didYouMean(t.text(), END_TYPES));
    }
    Long threads = null;
    if (accept("with")) {
      Value v = exprs.expression();
      if (!(accept("thread") || accept("threads"))) {
        throw error("CAM056", "expected 'threads' after 'with' count", peek());
      }
      if (!(v instanceof Value.Int i)) throw error("CAM056", "thread count must be an integer", t);
      threads = i.value();
    }
    return new Ast.ConnectorEnd(hardware, t.text(), threads, t.span());
  }

  // composition_decl = "composition" [ID] "{" { comp_stmt } "}" | "composition" qual_name ";"
  Ast.Composition composition() {
    Token kw = next();
    if (peek().kind() == Token.Kind.IDENT && (peek(1).is(";") || peek(1).is("."))) {
      Token ref = peek();
      String name = qualName("a composition name");
      expect(";", "after composition reference");
      return new Ast.Composition(null, name, List.of(), List.of(), List.of(), ref.span());
    }
    Token name = optionalName();
    expect("{", "to open composition");
    List<Ast.InstanceDecl> instances = new ArrayList<>();
    List<Ast.ConnectionDecl> connections = new ArrayList<>();
    List<Ast.Export> exports = new ArrayList<>();
    while (!at("}") && !atEof()) {
      try {
        compositionStatement(instances, connections, exports);
      } catch (ParseError e) {
        syncStatement();
      }
    }
    expect("}", "to close composition");
    return new Ast.Composition(text(name), null, instances, connections, exports, spanOf(name, kw));
  }

  // comp_stmt = "component" ( qual_name | component_body ) ID ";"
  //           | "connection" ( qual_name | connector_body ) ID "(" [ end { "," end } [","] ] ")" ";"
  //           | "group" [ID] "{" { "component" ( qual_name | component_body ) ID ";" } "}"
  //           | "export" qual_name "->" qual_name ";"
  private void compositionStatement(List<Ast.InstanceDecl> instances,
      List<Ast.ConnectionDecl> connections, List<Ast.Export> exports) {
    Token t = peek();
    if (accept(";")) return; // stray ';', e.g. after a macro that ends with one
    if (t.is("component")) {
      instances.add(instance(null));
    } else if (t.is("connection")) {
      connections.add(connection());
    } else if (t.is("group")) {
      next();
      Token name = optionalName();
      String group = name != null ? name.text() : "unnamed_group@" + t.span();
      expect("{", "to open group");
      while (!at("}") && !atEof()) {
        try {
          if (!at("component")) {
            throw error("CAM057", "expected 'component' in group but found " + peek().describe(), peek());
          }
          instances.add(instance(group));
        } catch (ParseError e) {
          syncStatement();
        }
      }
      expect("}", "to close group");
    } else if (t.is("export")) {
      next();
      Token inner = peek();
      List<String> in = qualPath("an inner interface");
      expect("->", "in export");
      List<String> out = qualPath("an exported interface name");
      expect(";", "after export");
      exports.add(new Ast.Export(in, out, inner.span()));
    } else {
      List<String> words = List.of("component", "connection", "group", "export");
      throw error("CAM057", "expected 'component', 'connection', 'group' or 'export' in composition but found "
          + t.describe(), t, Diags.didYouMean(t.text(), words));
    }
  }

  private Ast.InstanceDecl instance(String group) {
    Token kw = next();
    Token typeTok = peek();
    Ast.InstanceDecl result;
    if (at("{")) {
      Ast.Component body = componentBody(null, kw);
      Token name = ident("an instance name");
      result = new Ast.InstanceDecl(null, body, name.text(), group, name.span(), typeTok.span());
    } else {
      String type = qualName("a component type");
      Token name = ident("an instance name");
      result = new Ast.InstanceDecl(type, null, name.text(), group, name.span(), typeTok.span());
    }
    expect(";", "after component instance '" + result.name() + "'");
    return result;
  }

  private Ast.ConnectionDecl connection() {
    next();
    Token typeTok = peek();
    Ast.Connector inline = null;
    String type = null;
    if (at("connector") || at("{")) {
      if (at("{")) pos--;
      inline = connector();
    } else {
      type = qualName("a connector type");
    }
    Token name = ident("a connection name");
    expect("(", "to open the ends of connection '" + name.text() + "'");
    List<Ast.EndDecl> ends = new ArrayList<>();
    while (!at(")") && !atEof()) {
      Token side = next();
      if (!(side.is("from") || side.is("to"))) {
        pos--;
        throw error("CAM058", "expected 'from' or 'to' in connection '" + name.text() + "' but found "
            + side.describe(), side);
      }
      Token first = peek();
      List<String> path = qualPath("an interface");
      ends.add(new Ast.EndDecl(side.is("from"), path, join(first.span(), previous().span())));
      if (!accept(",")) break;
    }
    expect(")", "to close the ends of connection '" + name.text() + "'");
    expect(";", "after connection '" + name.text() + "'");
    return new Ast.ConnectionDecl(type, inline, name.text(), ends, name.span(), typeTok.span());
  }

  // configuration_decl = "configuration" [ID] "{" { setting } "}" | "configuration" qual_name ";"
  Ast.Configuration configuration() {
    Token kw = next();
    if (peek().kind() == Token.Kind.IDENT && (peek(1).is(";"))) {
      Token ref = next();
      expect(";", "after configuration reference");
      return new Ast.Configuration(null, ref.text(), List.of(), ref.span());
    }
    Token name = optionalName();
    expect("{", "to open configuration");
    List<Ast.Setting> settings = new ArrayList<>();
    while (!at("}") && !atEof()) {
      try {
        if (accept(";")) continue;
        settings.add(setting());
      } catch (ParseError e) {
        syncStatement();
      }
    }
    expect("}", "to close configuration");
    return new Ast.Configuration(text(name), null, settings, spanOf(name, kw));
  }

  // setting = ID "." ID ( "=" ( value | query ) | "<-" ID { "." ID } [ lookup ] ) ";"
  private Ast.Setting setting() {
    Token target = ident("a setting target (instance or connection name)");
    expect(".", "between setting target and attribute");
    Token attr = ident("an attribute name");
    SourceSpan span = join(target.span(), attr.span());
    Ast.Setting s;
    if (accept("<-")) {
      List<String> ref = qualPath("an attribute reference");
      List<Value> lookup = at("[") ? exprs.lookup() : List.of();
      s = new Ast.Setting(target.text(), attr.text(), null, ref, lookup, span);
    } else {
      expect("=", "after '" + target.text() + "." + attr.text() + "'");
      Value v = peek().kind() == Token.Kind.IDENT && peek(1).is("(") ? exprs.query() : exprs.value();
      s = new Ast.Setting(target.text(), attr.text(), v, null, List.of(), span);
    }
    expect(";", "after setting '" + target.text() + "." + attr.text() + "'");
    return s;
  }

  // assembly = "assembly" [ID] "{" { composition_use | configuration_use | schedule } "}"
  private Ast.Assembly assembly() {
    Token kw = next();
    Token name = optionalName();
    expect("{", "to open assembly");
    Ast.Composition comp = null;
    Ast.Configuration conf = null;
    List<Ast.ScheduleItem> schedule = new ArrayList<>();
    while (!at("}") && !atEof()) {
      try {
        Token t = peek();
        if (t.is("composition")) comp = composition();
        else if (t.is("configuration")) conf = configuration();
        else if (t.is("schedule")) schedule.addAll(exprs.schedule());
        else {
          throw error("CAM051", "expected 'composition', 'configuration' or 'schedule' in assembly but found "
              + t.describe(), t, Diags.didYouMean(t.text(), List.of("composition", "configuration", "schedule")));
        }
      } catch (ParseError e) {
        syncStatement();
      }
    }
    expect("}", "to close assembly");
    return new Ast.Assembly(text(name), comp, conf, schedule, spanOf(name, kw));
  }

  // ---- token helpers (package-private for ExprParser) ----

  Token peek() {
    return tokens.get(pos);
  }

  Token peek(int k) {
    return tokens.get(Math.min(pos + k, tokens.size() - 1));
  }

  Token previous() {
    return tokens.get(Math.max(0, pos - 1));
  }

  Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Token.Kind.EOF) pos++;
    return t;
  }

  boolean at(String s) {
    return peek().is(s);
  }

  boolean atEof() {
    return peek().kind() == Token.Kind.EOF;
  }

  boolean accept(String s) {
    if (at(s)) {
      next();
      return true;
    }
    return false;
  }

  void expect(String s, String context) {
    if (!accept(s)) {
      Token t = peek();
      // A missing ';' is best shown at the end of the previous token, where it belongs.
      Token where = s.equals(";") && pos > 0 ? previous() : t;
      throw error("CAM050", "expected '" + s + "' " + context + " but found " + t.describe(), where);
    }
  }

  /** An identifier; {@code Buf} is reserved but allowed where a name is expected. */
  Token ident(String what) {
    Token t = peek();
    if (t.kind() == Token.Kind.IDENT || t.is("Buf")) return next();
    String why = t.kind() == Token.Kind.KEYWORD ? " ('" + t.text() + "' is a reserved word)" : "";
    throw error("CAM050", "expected " + what + " but found " + t.describe() + why, t);
  }

  private Token optionalName() {
    return peek().kind() == Token.Kind.IDENT ? next() : null;
  }

  private String qualName(String what) {
    return String.join(".", qualPath(what));
  }

  private List<String> qualPath(String what) {
    List<String> parts = new ArrayList<>();
    parts.add(ident(what).text());
    while (at(".") && (peek(1).kind() == Token.Kind.IDENT || peek(1).is("Buf"))) {
      next();
      parts.add(next().text());
    }
    return parts;
  }

  String strings() {
    StringBuilder b = new StringBuilder();
    while (peek().kind() == Token.Kind.STRING) b.append(unquote(next().text()));
    return b.toString();
  }

  private static String unquote(String s) {
    return s.length() >= 2 ? s.substring(1, s.length() - 1) : s;
  }

  private static String text(Token t) {
    return t == null ? null : t.text();
  }

  private static SourceSpan spanOf(Token name, Token kw) {
    return name != null ? name.span() : kw.span();
  }

  static SourceSpan join(SourceSpan a, SourceSpan b) {
    if (a.file() == b.file() && a.origin() == null && b.origin() == null && b.end() >= a.start()) {
      return a.file().span(a.start(), b.end());
    }
    return a;
  }

  void enter() {
    if (++nesting > MAX_NESTING) {
      throw error("CAM060", "declarations nested too deeply (more than " + MAX_NESTING + " levels)", peek());
    }
  }


  /** After the lexer ran into the end of input (unterminated string), "found end of input" is noise. */
  Parser quietAtEnd(boolean quiet) {
    this.quietAtEnd = quiet;
    return this;
  }

  ParseError error(String code, String message, Token at, dev.cpkit.diag.Diagnostic.Note... notes) {
    if (quietAtEnd && at.kind() == Token.Kind.EOF) return new ParseError();
    sink.report(Diags.error(code, message, at.span(), notes));
    if (++errors >= MAX_ERRORS) throw new TooManyErrors();
    return new ParseError();
  }

  /** Skips the rest of a statement: up to and including ';', or up to a '}' that closes. */
  private void syncStatement() {
    int depth = 0;
    while (!atEof()) {
      if (depth == 0 && at("}")) return;
      Token t = next();
      if (t.is("{")) depth++;
      else if (t.is("}")) {
        depth--;
        if (depth == 0 && at(";")) next();
        if (depth <= 0) return;
      } else if (t.is(";") && depth == 0) return;
    }
  }

  /** After a broken top-level header: skip to the next top-level declaration keyword. */
  private void syncTop() {
    int depth = 0;
    nesting = 0;
    boolean moved = false;
    while (!atEof()) {
      Token t = peek();
      if (moved && depth == 0 && t.kind() == Token.Kind.KEYWORD && TOP_KEYWORDS.contains(t.text())) {
        return;
      }
      moved = true;
      next();
      if (t.is("{")) depth++;
      else if (t.is("}")) depth = Math.max(0, depth - 1);
    }
  }
}
