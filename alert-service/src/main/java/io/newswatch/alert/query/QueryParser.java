package io.newswatch.alert.query;

import io.newswatch.events.TagType;
import io.newswatch.taxonomy.text.TextNormalizer;
import io.newswatch.taxonomy.text.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the subscription query language into a {@link Query}; every error names the position and
 * what was expected there.
 *
 * <pre>
 * query   = or EOF
 * or      = and { "OR" and }
 * and     = unary { [ "AND" ] unary }          (two clauses side by side: AND)
 * unary   = "NOT" unary | primary
 * primary = "(" or ")" | field ":" scoped | concept ":" value | WORD | WORD "*" | PHRASE [ "~" N ]
 * scoped  = "(" or ")" | WORD | WORD "*" | PHRASE [ "~" N ]   (fields do not nest)
 * field   = "title" | "summary" | "text"
 * concept = "actor" | "region"
 * value   = WORD | PHRASE
 * </pre>
 *
 * Operators are upper case; lower-case and, or, not are words. A query must look for something: at
 * least one clause outside NOT ({@code NOT x} alone is refused), which also lets every query be
 * found through the words or concepts it requires. Recursive descent over a bounded input: no
 * backtracking, linear time.
 */
public final class QueryParser {

  /** Longest query, in characters. */
  public static final int MAX_LENGTH = 1000;

  /** Most terms, phrases, prefixes and concept filters in one query. */
  public static final int MAX_TERMS = 32;

  /** Deepest nesting of parentheses. */
  public static final int MAX_DEPTH = 8;

  /** Largest proximity distance, in words. */
  public static final int MAX_SLOP = 50;

  /** Most words (and punctuation characters) in one phrase. */
  public static final int MAX_PHRASE_TOKENS = 16;

  /** Fewest letters before {@code *}, so that {@code a*} cannot match every other word. */
  public static final int MIN_PREFIX = 2;

  /** Most letters of a prefix. */
  public static final int MAX_PREFIX = 32;

  static final String A_CLAUSE =
      "a term, a \"phrase\", a concept filter such as actor:ISKP, or '('";

  private enum Kind {
    WORD,
    PHRASE,
    FIELD,
    LPAREN,
    RPAREN,
    AND,
    OR,
    NOT,
    EOF
  }

  private record Lexeme(Kind kind, String text, int start, int end, int slop) {}

  private final String input;
  private final List<Lexeme> lexemes;
  private int next;
  private int terms;

  private QueryParser(String input) {
    this.input = input;
    this.lexemes = lex(input);
  }

  /**
   * Parses a query.
   *
   * @throws QuerySyntaxException with the position and what was expected
   */
  public static Query parse(String query) {
    if (query == null || query.isBlank()) {
      throw new QuerySyntaxException(0, A_CLAUSE);
    }
    if (query.length() > MAX_LENGTH) {
      throw new QuerySyntaxException(MAX_LENGTH, "at most " + MAX_LENGTH + " characters");
    }
    QueryParser parser = new QueryParser(query);
    Query parsed = parser.or(Query.Scope.ANY, 0);
    Lexeme rest = parser.peek();
    if (rest.kind() == Kind.RPAREN) {
      throw new QuerySyntaxException(
          rest.start(), "the end of the query or another clause (this ')' closes no '(')");
    }
    if (rest.kind() != Kind.EOF) {
      throw new QuerySyntaxException(rest.start(), "the end of the query");
    }
    if (!findable(parsed)) {
      throw new QuerySyntaxException(
          0, "a term outside NOT: a query must say what to look for, not only what to leave out");
    }
    return parsed;
  }

  /** True when the query can only match items containing one of its positive leaves. */
  static boolean findable(Query query) {
    if (query instanceof Query.And and) {
      return and.clauses().stream().anyMatch(QueryParser::findable);
    }
    if (query instanceof Query.Or or) {
      return or.clauses().stream().allMatch(QueryParser::findable);
    }
    return !(query instanceof Query.Not);
  }

  private Lexeme peek() {
    return lexemes.get(next);
  }

  private Lexeme take() {
    return lexemes.get(next++);
  }

  private Query or(Query.Scope scope, int depth) {
    List<Query> clauses = new ArrayList<>();
    clauses.add(and(scope, depth));
    while (peek().kind() == Kind.OR) {
      take();
      clauses.add(and(scope, depth, "after OR"));
    }
    return clauses.size() == 1 ? clauses.get(0) : new Query.Or(clauses);
  }

  private Query and(Query.Scope scope, int depth) {
    return and(scope, depth, null);
  }

  private Query and(Query.Scope scope, int depth, String context) {
    List<Query> clauses = new ArrayList<>();
    clauses.add(unary(scope, depth, context));
    while (true) {
      Kind kind = peek().kind();
      if (kind == Kind.AND) {
        take();
        clauses.add(unary(scope, depth, "after AND"));
      } else if (startsClause(kind)) {
        clauses.add(unary(scope, depth, null));
      } else {
        break;
      }
    }
    return clauses.size() == 1 ? clauses.get(0) : new Query.And(clauses);
  }

  private static boolean startsClause(Kind kind) {
    return kind == Kind.WORD
        || kind == Kind.PHRASE
        || kind == Kind.FIELD
        || kind == Kind.LPAREN
        || kind == Kind.NOT;
  }

  private Query unary(Query.Scope scope, int depth, String context) {
    if (peek().kind() == Kind.NOT) {
      take();
      return new Query.Not(unary(scope, depth, "after NOT"));
    }
    return primary(scope, depth, context);
  }

  private Query primary(Query.Scope scope, int depth, String context) {
    Lexeme lexeme = peek();
    switch (lexeme.kind()) {
      case LPAREN -> {
        return group(scope, depth);
      }
      case FIELD -> {
        take();
        String name = lexeme.text();
        if (name.equals("actor") || name.equals("region")) {
          if (scope != Query.Scope.ANY) {
            throw new QuerySyntaxException(
                lexeme.start(),
                "a term or \"phrase\" (concept filters apply to the whole item, not to "
                    + scope.prefix()
                    + ")");
          }
          return concept(lexeme, name.equals("actor") ? TagType.ACTOR : TagType.REGION);
        }
        if (scope != Query.Scope.ANY) {
          throw new QuerySyntaxException(
              lexeme.start(),
              "a term or \"phrase\" (fields do not nest inside " + scope.prefix() + ")");
        }
        Query.Scope field = Query.Scope.valueOf(name.toUpperCase(Locale.ROOT));
        Lexeme target = peek();
        return switch (target.kind()) {
          case LPAREN -> group(field, depth);
          case WORD, PHRASE -> leaf(take(), field, lexeme.start());
          default ->
              throw new QuerySyntaxException(
                  target.start(), "a term, a \"phrase\" or '(' after " + name + ":");
        };
      }
      case WORD, PHRASE -> {
        return leaf(take(), scope, lexeme.start());
      }
      case AND, OR, NOT ->
          throw new QuerySyntaxException(
              lexeme.start(),
              A_CLAUSE
                  + (context == null ? "" : " " + context)
                  + " (AND, OR and NOT are operators: quote them to search for the word)");
      default ->
          throw new QuerySyntaxException(
              lexeme.start(), A_CLAUSE + (context == null ? "" : " " + context));
    }
  }

  private Query group(Query.Scope scope, int depth) {
    Lexeme open = take();
    if (depth + 1 > MAX_DEPTH) {
      throw new QuerySyntaxException(
          open.start(), "at most " + MAX_DEPTH + " levels of nested parentheses");
    }
    if (peek().kind() == Kind.RPAREN) {
      throw new QuerySyntaxException(peek().start(), A_CLAUSE + " inside the parentheses");
    }
    Query inner = or(scope, depth + 1);
    Lexeme close = peek();
    if (close.kind() != Kind.RPAREN) {
      throw new QuerySyntaxException(
          close.start(), "')' to close the '(' at position " + open.start());
    }
    take();
    return inner;
  }

  private Query concept(Lexeme field, TagType type) {
    Lexeme value = peek();
    String what = type == TagType.ACTOR ? "an actor" : "a region";
    if (value.kind() != Kind.WORD && value.kind() != Kind.PHRASE) {
      throw new QuerySyntaxException(
          value.start(), what + " name or id after " + field.text() + ":");
    }
    take();
    if (value.kind() == Kind.WORD && value.text().endsWith("*")) {
      throw new QuerySyntaxException(
          value.end() - 1, what + " name or id, not a prefix, after " + field.text() + ":");
    }
    if (value.kind() == Kind.PHRASE && value.slop() >= 0) {
      throw new QuerySyntaxException(
          value.start(), what + " name or id, not a proximity phrase, after " + field.text() + ":");
    }
    count(field.start());
    return new Query.Concept(
        type,
        value.text(),
        field.start(),
        value.start(),
        input.substring(field.start(), value.end()));
  }

  private Query leaf(Lexeme lexeme, Query.Scope scope, int sourceStart) {
    count(lexeme.start());
    String source = input.substring(sourceStart, lexeme.end());
    if (lexeme.kind() == Kind.PHRASE) {
      List<Token> tokens = trimmed(lexeme.text());
      if (tokens.stream().noneMatch(Token::isWord)) {
        throw new QuerySyntaxException(lexeme.start() + 1, "words between the quotes");
      }
      if (tokens.size() > MAX_PHRASE_TOKENS) {
        throw new QuerySyntaxException(
            lexeme.start(), "a phrase of at most " + MAX_PHRASE_TOKENS + " words");
      }
      return new Query.Phrase(lexeme.text(), scope, lexeme.slop(), lexeme.start(), source);
    }
    String text = lexeme.text();
    if (text.endsWith("*")) {
      String stem = text.substring(0, text.length() - 1);
      List<Token> tokens = trimmed(stem);
      boolean endsInWord =
          !stem.isEmpty() && Character.isLetterOrDigit(stem.charAt(stem.length() - 1));
      if (!endsInWord || tokens.isEmpty() || !tokens.get(tokens.size() - 1).isWord()) {
        throw new QuerySyntaxException(lexeme.end() - 1, "letters or digits right before '*'");
      }
      int letters = tokens.get(tokens.size() - 1).term().length();
      if (letters < MIN_PREFIX) {
        throw new QuerySyntaxException(
            lexeme.start(), "at least " + MIN_PREFIX + " letters before '*'");
      }
      if (letters > MAX_PREFIX) {
        throw new QuerySyntaxException(
            lexeme.start(), "at most " + MAX_PREFIX + " letters before '*'");
      }
      if (tokens.size() > MAX_PHRASE_TOKENS) {
        throw new QuerySyntaxException(
            lexeme.start(), "at most " + MAX_PHRASE_TOKENS + " words in one term");
      }
      return new Query.Prefix(stem, scope, lexeme.start(), source);
    }
    List<Token> tokens = trimmed(text);
    if (tokens.stream().noneMatch(Token::isWord)) {
      throw new QuerySyntaxException(lexeme.start(), "a word of letters or digits");
    }
    if (tokens.size() > MAX_PHRASE_TOKENS) {
      throw new QuerySyntaxException(
          lexeme.start(), "at most " + MAX_PHRASE_TOKENS + " words in one term");
    }
    return new Query.Term(text, scope, lexeme.start(), source);
  }

  /**
   * The normalised tokens of a term without leading and trailing punctuation: "Kabul," is the word
   * Kabul, while "U.S" keeps its inner dot.
   */
  public static List<Token> trimmed(String text) {
    List<Token> tokens = TextNormalizer.normalize(text).tokens();
    int from = 0;
    int to = tokens.size();
    while (from < to && !tokens.get(from).isWord()) {
      from++;
    }
    while (to > from && !tokens.get(to - 1).isWord()) {
      to--;
    }
    return tokens.subList(from, to);
  }

  private void count(int position) {
    if (++terms > MAX_TERMS) {
      throw new QuerySyntaxException(position, "at most " + MAX_TERMS + " terms");
    }
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static List<Lexeme> lex(String input) {
    List<Lexeme> lexemes = new ArrayList<>();
    int length = input.length();
    int i = 0;
    while (true) {
      while (i < length && isSpace(input.charAt(i))) {
        i++;
      }
      if (i >= length) {
        lexemes.add(new Lexeme(Kind.EOF, "", length, length, -1));
        return lexemes;
      }
      char c = input.charAt(i);
      if (c == '(') {
        lexemes.add(new Lexeme(Kind.LPAREN, "(", i, i + 1, -1));
        i++;
      } else if (c == ')') {
        lexemes.add(new Lexeme(Kind.RPAREN, ")", i, i + 1, -1));
        i++;
      } else if (c == '"') {
        i = phrase(input, i, lexemes);
      } else {
        int j = i;
        while (j < length && Character.isLetter(input.charAt(j))) {
          j++;
        }
        if (j > i && j < length && input.charAt(j) == ':') {
          String name = input.substring(i, j).toLowerCase(Locale.ROOT);
          if (!List.of("title", "summary", "text", "actor", "region").contains(name)) {
            throw new QuerySyntaxException(
                i,
                "a field (title, summary, text) or a concept (actor, region) before ':'"
                    + " (quote the word to search for it)");
          }
          lexemes.add(new Lexeme(Kind.FIELD, name, i, j + 1, -1));
          i = j + 1;
          continue;
        }
        int end = i;
        while (end < length) {
          char d = input.charAt(end);
          if (isSpace(d) || d == '(' || d == ')' || d == '"') {
            break;
          }
          end++;
        }
        String word = input.substring(i, end);
        int star = word.indexOf('*');
        if (star >= 0 && star != word.length() - 1) {
          throw new QuerySyntaxException(i + star, "'*' only at the end of a word");
        }
        int tilde = word.indexOf('~');
        if (tilde >= 0) {
          throw new QuerySyntaxException(
              i + tilde, "a \"quoted phrase\" before '~' (proximity applies to phrases)");
        }
        Kind kind =
            switch (word) {
              case "AND" -> Kind.AND;
              case "OR" -> Kind.OR;
              case "NOT" -> Kind.NOT;
              default -> Kind.WORD;
            };
        lexemes.add(new Lexeme(kind, word, i, end, -1));
        i = end;
      }
    }
  }

  private static int phrase(String input, int open, List<Lexeme> lexemes) {
    int close = input.indexOf('"', open + 1);
    if (close < 0) {
      throw new QuerySyntaxException(
          input.length(), "'\"' to close the phrase opened at position " + open);
    }
    int end = close + 1;
    int slop = -1;
    if (end < input.length() && input.charAt(end) == '~') {
      int digits = end + 1;
      int j = digits;
      while (j < input.length() && j - digits < 3 && Character.isDigit(input.charAt(j))) {
        j++;
      }
      if (j == digits) {
        throw new QuerySyntaxException(digits, "a number of words after '~'");
      }
      slop = Integer.parseInt(input.substring(digits, j));
      if (slop > MAX_SLOP || (j < input.length() && Character.isDigit(input.charAt(j)))) {
        throw new QuerySyntaxException(digits, "a distance of at most " + MAX_SLOP + " words");
      }
      end = j;
    }
    if (end < input.length()) {
      char after = input.charAt(end);
      if (!isSpace(after) && after != ')' && after != '(') {
        throw new QuerySyntaxException(
            end, "a space, ')' or the end of the query after the phrase");
      }
    }
    lexemes.add(new Lexeme(Kind.PHRASE, input.substring(open + 1, close), open, end, slop));
    return end;
  }
}
