// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Values and constant expressions in settings, attribute defaults and schedules. Expressions
 * are folded while parsing, as the reference parser does: integers are 64-bit (overflow is an
 * error), booleans count as 1/0 in arithmetic, and {@code /} of integers that do not divide
 * evenly gives a float (Python's true division).
 */
final class ExprParser {
  private final Parser p;
  private int depth;

  ExprParser(Parser p) {
    this.p = p;
  }

  // value = expr | STRING+ | list | dict
  Value value() {
    Token t = p.peek();
    if (t.kind() == Token.Kind.STRING) return new Value.Str(p.strings());
    if (t.is("[")) return list();
    if (t.is("{")) return dict();
    return expression();
  }

  // list = "[" [ value { "," value } [","] ] "]"
  private Value list() {
    enter();
    p.next();
    List<Value> items = new ArrayList<>();
    while (!p.at("]") && !p.atEof()) {
      items.add(value());
      if (!p.accept(",")) break;
    }
    p.expect("]", "to close the list");
    depth--;
    return new Value.ListValue(items);
  }

  // dict = "{" [ key ":" value { "," key ":" value } [","] ] "}"
  Value dict() {
    enter();
    p.expect("{", "to open a dictionary");
    List<Value.Entry> entries = new ArrayList<>();
    while (!p.at("}") && !p.atEof()) {
      Value key = key();
      p.expect(":", "after dictionary key");
      entries.add(new Value.Entry(key, value()));
      if (!p.accept(",")) break;
    }
    p.expect("}", "to close the dictionary");
    depth--;
    return new Value.Dict(entries);
  }

  // key = expr | STRING+
  private Value key() {
    return p.peek().kind() == Token.Kind.STRING ? new Value.Str(p.strings()) : expression();
  }

  // query = ID "(" [ dict | "[" [ dict { "," dict } [","] ] "]" ] ")" [ lookup ]
  Value query() {
    Token name = p.next();
    p.expect("(", "after query name '" + name.text() + "'");
    List<Value> args = new ArrayList<>();
    if (p.at("{")) {
      args.add(dict());
    } else if (p.accept("[")) {
      while (!p.at("]") && !p.atEof()) {
        args.add(dict());
        if (!p.accept(",")) break;
      }
      p.expect("]", "to close the query argument list");
    }
    p.expect(")", "to close query '" + name.text() + "'");
    return new Value.Query(name.text(), args, p.at("[") ? lookup() : List.of());
  }

  // lookup = "[" key "]" { "[" key "]" }
  List<Value> lookup() {
    List<Value> keys = new ArrayList<>();
    while (p.accept("[")) {
      keys.add(key());
      p.expect("]", "to close the lookup");
    }
    return keys;
  }

  // schedule = "schedule" "{" "[" sched_item { "," sched_item } [","] "]" "}"
  // sched_item = "(" expr "," expr [ "ticks" | "us" ] ")"
  List<Ast.ScheduleItem> schedule() {
    p.next();
    p.expect("{", "to open the schedule");
    p.expect("[", "to open the schedule list");
    List<Ast.ScheduleItem> items = new ArrayList<>();
    while (!p.at("]") && !p.atEof()) {
      Token open = p.peek();
      p.expect("(", "to open a schedule entry");
      long domain = integer(expression(), open);
      p.expect(",", "between domain and duration");
      long duration = integer(expression(), open);
      String unit = p.accept("us") ? "us" : p.accept("ticks") ? "ticks" : "ticks";
      p.expect(")", "to close a schedule entry");
      items.add(new Ast.ScheduleItem(domain, duration, unit, open.span()));
      if (!p.accept(",")) break;
    }
    p.expect("]", "to close the schedule list");
    p.expect("}", "to close the schedule");
    return items;
  }

  private long integer(Value v, Token where) {
    if (v instanceof Value.Int i) return i.value();
    throw p.error("CAM061", "expected an integer but found a " + Value.kind(v), where);
  }

  // expr = or_expr [ "?" expr ":" expr ]
  Value expression() {
    enter();
    Token start = p.peek();
    Value c = binary(0);
    if (p.accept("?")) {
      Value a = expression();
      p.expect(":", "in conditional expression");
      Value b = expression();
      c = truthy(c, start) ? a : b;
    }
    depth--;
    return c;
  }

  private static final List<List<String>> LEVELS = List.of(
      List.of("||"), List.of("&&"), List.of("|"), List.of("^"), List.of("&"),
      List.of("==", "!="), List.of("<", "<=", ">", ">="), List.of("<<", ">>"),
      List.of("+", "-"), List.of("*", "/", "%", "**"));

  // binary(n) = binary(n+1) { op(n) binary(n+1) }   (C precedence, lowest first)
  private Value binary(int level) {
    if (level == LEVELS.size()) return unary();
    Value left = binary(level + 1);
    while (p.peek().kind() == Token.Kind.PUNCT && LEVELS.get(level).contains(p.peek().text())) {
      Token op = p.next();
      Value right = binary(level + 1);
      left = apply(op, left, right);
    }
    return left;
  }

  // unary = ( "-" | "+" | "!" | "~" ) unary | primary
  // primary = NUMBER | BOOL | "(" expr ")"
  private Value unary() {
    Token t = p.peek();
    if (t.is("-") || t.is("+") || t.is("!") || t.is("~")) {
      enter();
      p.next();
      Value v = unary();
      depth--;
      return switch (t.text()) {
        case "!" -> new Value.Bool(!truthy(v, t));
        case "+" -> number(v, t);
        case "~" -> new Value.Int(~integer(number(v, t), t));
        default -> number(v, t) instanceof Value.Float f ? new Value.Float(-f.value())
            : new Value.Int(Math.negateExact(((Value.Int) number(v, t)).value()));
      };
    }
    if (p.accept("(")) {
      Value v = expression();
      p.expect(")", "to close the parenthesised expression");
      return v;
    }
    if (t.is("true") || t.is("True")) {
      p.next();
      return new Value.Bool(true);
    }
    if (t.is("false") || t.is("False")) {
      p.next();
      return new Value.Bool(false);
    }
    if (t.kind() == Token.Kind.NUMBER) {
      p.next();
      return literal(t);
    }
    throw p.error("CAM061", "expected a value (number, string, list, dictionary or boolean) but found "
        + t.describe(), t);
  }

  private Value literal(Token t) {
    String s = t.text();
    if (s.contains(".")) return new Value.Float(Double.parseDouble(s));
    BigInteger v = s.startsWith("0x") || s.startsWith("0X")
        ? new BigInteger(s.length() > 2 ? s.substring(2) : "0", 16) : new BigInteger(s);
    if (v.bitLength() > 63) throw p.error("CAM062", "number " + s + " does not fit in 64 bits", t);
    return new Value.Int(v.longValue());
  }

  private Value number(Value v, Token at) {
    if (v instanceof Value.Bool b) return new Value.Int(b.value() ? 1 : 0);
    if (v instanceof Value.Int || v instanceof Value.Float) return v;
    throw p.error("CAM061", "operator '" + at.text() + "' needs a number, not a " + Value.kind(v), at);
  }

  private boolean truthy(Value v, Token at) {
    Value n = number(v, at);
    return n instanceof Value.Int i ? i.value() != 0 : ((Value.Float) n).value() != 0;
  }

  private Value apply(Token op, Value a, Value b) {
    String o = op.text();
    if (o.equals("||")) return new Value.Bool(truthy(a, op) || truthy(b, op));
    if (o.equals("&&")) return new Value.Bool(truthy(a, op) && truthy(b, op));
    Value x = number(a, op);
    Value y = number(b, op);
    try {
      if (x instanceof Value.Int i && y instanceof Value.Int j) return ints(op, i.value(), j.value());
    } catch (ArithmeticException e) {
      throw p.error("CAM062", "integer overflow or division by zero in '" + o + "'", op);
    }
    double u = x instanceof Value.Int i ? i.value() : ((Value.Float) x).value();
    double w = y instanceof Value.Int j ? j.value() : ((Value.Float) y).value();
    return switch (o) {
      case "+" -> new Value.Float(u + w);
      case "-" -> new Value.Float(u - w);
      case "*" -> new Value.Float(u * w);
      case "/" -> new Value.Float(u / w);
      case "**" -> new Value.Float(Math.pow(u, w));
      case "<" -> new Value.Bool(u < w);
      case "<=" -> new Value.Bool(u <= w);
      case ">" -> new Value.Bool(u > w);
      case ">=" -> new Value.Bool(u >= w);
      case "==" -> new Value.Bool(u == w);
      case "!=" -> new Value.Bool(u != w);
      default -> throw p.error("CAM061", "operator '" + o + "' needs integers", op);
    };
  }

  private Value ints(Token op, long a, long b) {
    return switch (op.text()) {
      case "|" -> new Value.Int(a | b);
      case "^" -> new Value.Int(a ^ b);
      case "&" -> new Value.Int(a & b);
      case "==" -> new Value.Bool(a == b);
      case "!=" -> new Value.Bool(a != b);
      case "<" -> new Value.Bool(a < b);
      case "<=" -> new Value.Bool(a <= b);
      case ">" -> new Value.Bool(a > b);
      case ">=" -> new Value.Bool(a >= b);
      case "<<" -> {
        if (b < 0 || b > 62 || (a != 0 && Long.numberOfLeadingZeros(Math.abs(a)) <= b)) throw new ArithmeticException();
        yield new Value.Int(a << b);
      }
      case ">>" -> new Value.Int(b < 0 ? thrown() : a >> Math.min(b, 63));
      case "+" -> new Value.Int(Math.addExact(a, b));
      case "-" -> new Value.Int(Math.subtractExact(a, b));
      case "*" -> new Value.Int(Math.multiplyExact(a, b));
      case "%" -> new Value.Int(Math.floorMod(a, b));
      case "/" -> a % b == 0 ? new Value.Int(Math.floorDiv(a, b)) : new Value.Float((double) a / b);
      default -> { // "**"
        if (b < 0 || (b > 64 && Math.abs(a) > 1)) throw new ArithmeticException();
        yield new Value.Int(BigInteger.valueOf(a).pow((int) b).longValueExact());
      }
    };
  }

  private static long thrown() {
    throw new ArithmeticException();
  }

  private void enter() {
    if (++depth > Parser.MAX_NESTING * 4) {
      depth = 0;
      throw p.error("CAM060", "expression nested too deeply", p.peek());
    }
  }
}
