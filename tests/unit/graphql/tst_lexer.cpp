// The lexer: every token kind, string escapes and block strings, and graphql-core's messages.
#include "graphql/arena.h"
#include "graphql/lexer.h"
#include "graphql/parser.h"

#include <QTest>

using namespace subscope::graphql;

namespace {

std::vector<Token> tokens(std::string_view text, Arena &arena)
{
    Lexer lexer(text, arena);
    std::vector<Token> out;
    uint32_t at = 0;
    while (true) {
        Token t = lexer.readToken(at);
        if (t.kind == TokenKind::EndOfFile) return out;
        out.push_back(t);
        at = t.end;
    }
}

// The syntax error parsing `text` gives, as "message@line:column".
QString syntaxError(const QByteArray &text)
{
    ParseResult r = parse(text);
    if (!r.error) return QStringLiteral("<no error>");
    const SourceLocation l = r.error->locations.front();
    return QStringLiteral("%1@%2:%3").arg(r.error->messageText()).arg(l.line).arg(l.column);
}

std::string stringValue(const QByteArray &literal)
{
    Arena arena;
    const std::string text = literal.toStdString();
    Lexer lexer(text, arena);
    Token t = lexer.readToken(0);
    return std::string(t.value);
}

} // namespace

class TestLexer : public QObject
{
    Q_OBJECT

private slots:
    void punctuatorsNamesNumbers()
    {
        Arena arena;
        const auto t =
            tokens("! $ & ( ) ... : = @ [ ] { | } name _x9 0 -12 3.5 1e10 -0.5E-3", arena);
        const std::vector<TokenKind> kinds = {
            TokenKind::Bang,   TokenKind::Dollar,   TokenKind::Amp,      TokenKind::ParenL,
            TokenKind::ParenR, TokenKind::Spread,   TokenKind::Colon,    TokenKind::Equals,
            TokenKind::At,     TokenKind::BracketL, TokenKind::BracketR, TokenKind::BraceL,
            TokenKind::Pipe,   TokenKind::BraceR,   TokenKind::Name,     TokenKind::Name,
            TokenKind::Int,    TokenKind::Int,      TokenKind::Float,    TokenKind::Float,
            TokenKind::Float};
        QCOMPARE(t.size(), kinds.size());
        for (size_t i = 0; i < kinds.size(); ++i)
            QCOMPARE(int(t[i].kind), int(kinds[i]));
        QCOMPARE(t[16].value, std::string_view("0"));
        QCOMPARE(t[20].value, std::string_view("-0.5E-3"));
    }

    void ignoredTokens()
    {
        Arena arena;
        // BOM, commas, tabs, line terminators and comments are not tokens the parser sees.
        const auto t = tokens("\xEF\xBB\xBF,\t{\r\n# comment\r a }", arena);
        QCOMPARE(t.size(), size_t(4));
        QCOMPARE(int(t[1].kind), int(TokenKind::Comment));
        QCOMPARE(t[1].value, std::string_view(" comment"));
    }

    void stringEscapes()
    {
        QCOMPARE(stringValue(R"("plain")"), std::string("plain"));
        QCOMPARE(stringValue("\"q\\\"b\\\\s\\/f\\bf\\fn\\nr\\rt\\t\""),
                 std::string("q\"b\\s/f\bf\fn\nr\rt\t"));
        QCOMPARE(stringValue(R"("\u0041\u00e9")"), std::string("A\xC3\xA9"));
        QCOMPARE(stringValue(R"("\u{1F600}")"), std::string("\xF0\x9F\x98\x80"));
        QCOMPARE(stringValue(R"("\uD83D\uDE00")"),
                 std::string("\xF0\x9F\x98\x80")); // a surrogate pair
        QCOMPARE(stringValue("\"caf\xC3\xA9\""), std::string("caf\xC3\xA9"));
    }

    void blockStrings()
    {
        QCOMPARE(stringValue("\"\"\"\n    first\n      second\n    third\n\"\"\""),
                 std::string("first\n  second\nthird"));
        QCOMPARE(stringValue("\"\"\"  keeps first line indent\n  x\"\"\""),
                 std::string("  keeps first line indent\nx"));
        QCOMPARE(stringValue("\"\"\"a \\\"\"\" b\"\"\""), std::string("a \"\"\" b"));
        QCOMPARE(stringValue("\"\"\"\n\n   \n\"\"\""), std::string());
        QCOMPARE(stringValue("\"\"\"\\n is not an escape\"\"\""),
                 std::string("\\n is not an escape"));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unexpected character")
            << QByteArray("{ a ? }")
            << QStringLiteral("Syntax Error: Unexpected character: '?'.@1:5");
        QTest::newRow("control character")
            << QByteArray("{ a }\x07")
            << QStringLiteral("Syntax Error: Unexpected character: U+0007.@1:6");
        QTest::newRow("non-ASCII character")
            << QByteArray("{ \xC3\xA9 }")
            << QStringLiteral("Syntax Error: Unexpected character: U+00E9.@1:3");
        QTest::newRow("single quote")
            << QByteArray("{ a(s: 'x') }")
            << QStringLiteral("Syntax Error: Unexpected single quote character ('), did you mean "
                              "to use a double quote (\")?@1:8");
        QTest::newRow("double quote printed")
            << QByteArray("{ a(s: 1.\") }")
            << QStringLiteral("Syntax Error: Invalid number, expected digit but got: '\"'.@1:10");
        QTest::newRow("leading zero")
            << QByteArray("{ a(i: 01) }")
            << QStringLiteral("Syntax Error: Invalid number, unexpected digit after 0: '1'.@1:9");
        QTest::newRow("dot without digit")
            << QByteArray("{ a(f: 1.) }")
            << QStringLiteral("Syntax Error: Invalid number, expected digit but got: ')'.@1:10");
        QTest::newRow("exponent without digit")
            << QByteArray("{ a(f: 1e) }")
            << QStringLiteral("Syntax Error: Invalid number, expected digit but got: ')'.@1:10");
        QTest::newRow("number then name")
            << QByteArray("{ a(f: 1x) }")
            << QStringLiteral("Syntax Error: Invalid number, expected digit but got: 'x'.@1:9");
        QTest::newRow("minus alone")
            << QByteArray("{ a(f: -) }")
            << QStringLiteral("Syntax Error: Invalid number, expected digit but got: ')'.@1:9");
        QTest::newRow("number at end")
            << QByteArray("{ a(f: 1.")
            << QStringLiteral("Syntax Error: Invalid number, expected digit but got: <EOF>.@1:10");
        QTest::newRow("unterminated") << QByteArray("{ a(s: \"abc")
                                      << QStringLiteral("Syntax Error: Unterminated string.@1:12");
        QTest::newRow("newline in string")
            << QByteArray("{ a(s: \"ab\nc\") }")
            << QStringLiteral("Syntax Error: Unterminated string.@1:11");
        QTest::newRow("unterminated block")
            << QByteArray("{ a(s: \"\"\"abc")
            << QStringLiteral("Syntax Error: Unterminated string.@1:14");
        QTest::newRow("bad escape")
            << QByteArray("{ a(s: \"\\x\") }")
            << QStringLiteral("Syntax Error: Invalid character escape sequence: '\\x'.@1:9");
        QTest::newRow("bad unicode escape")
            << QByteArray("{ a(s: \"\\u12G4\") }")
            << QStringLiteral("Syntax Error: Invalid Unicode escape sequence: '\\u12G4'.@1:9");
        QTest::newRow("lone surrogate")
            << QByteArray("{ a(s: \"\\uD800\") }")
            << QStringLiteral("Syntax Error: Invalid Unicode escape sequence: '\\uD800'.@1:9");
        QTest::newRow("braced escape too big")
            << QByteArray("{ a(s: \"\\u{110000}\") }")
            << QStringLiteral("Syntax Error: Invalid Unicode escape sequence: '\\u{110000}'.@1:9");
        QTest::newRow("braced escape empty")
            << QByteArray("{ a(s: \"\\u{}\") }")
            << QStringLiteral("Syntax Error: Invalid Unicode escape sequence: '\\u{}'.@1:9");
        QTest::newRow("lone dot") << QByteArray("{ .. a }")
                                  << QStringLiteral("Syntax Error: Unexpected character: '.'.@1:3");
    }

    void errors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QCOMPARE(syntaxError(text), expected);
    }

    void tokenDescriptions()
    {
        QCOMPARE(tokenDescription({TokenKind::Name, 0, 1, "abc"}), std::string("Name 'abc'"));
        QCOMPARE(tokenDescription({TokenKind::String, 0, 1, "it's"}), std::string("String 'it's'"));
        QCOMPARE(tokenDescription({TokenKind::BraceR, 0, 1, {}}), std::string("'}'"));
        QCOMPARE(tokenDescription({TokenKind::EndOfFile, 0, 0, {}}), std::string("<EOF>"));
    }
};

QTEST_GUILESS_MAIN(TestLexer)
#include "tst_lexer.moc"
