// The parser: the whole grammar (executable and type system), node locations, the errors of
// graphql-core, and the limits against hostile documents.
#include "graphql/parser.h"
#include "graphql/printer.h"

#include <QTest>

using namespace subscope::graphql;

namespace {

QString syntaxError(const QByteArray &text, const ParseLimits &limits = {})
{
    ParseResult r = parse(text, limits);
    if (!r.error) return QStringLiteral("<no error>");
    if (r.error->locations.empty()) return r.error->messageText();
    const SourceLocation l = r.error->locations.front();
    return QStringLiteral("%1@%2:%3").arg(r.error->messageText()).arg(l.line).arg(l.column);
}

template <class T> const T &as(const ast::Node *node)
{
    return *static_cast<const T *>(node);
}

} // namespace

class TestParser : public QObject
{
    Q_OBJECT

private slots:
    void operationWithEverything()
    {
        const QByteArray text = "query Q($id: ID! = \"1\" @dir, $list: [[Int!]]) @op(a: 1) {\n"
                                "  alias: field(arg: $id, obj: {x: [1, 2.5, \"s\", true, null, "
                                "ENUM]}) @skip(if: false) {\n"
                                "    ...Frag\n"
                                "    ... on Person @include(if: true) { name }\n"
                                "    ... { id }\n"
                                "  }\n"
                                "}\n"
                                "fragment Frag on Person { id }\n";
        ParseResult r = parse(text);
        QVERIFY(!r.error);
        const ast::Document &doc = r.document->root();
        QCOMPARE(doc.definitions.size(), 2u);
        const auto &op = as<ast::OperationDefinition>(doc.definitions[0]);
        QCOMPARE(int(op.operation), int(ast::OperationType::Query));
        QCOMPARE(op.name.value, std::string_view("Q"));
        QCOMPARE(op.variableDefinitions.size(), 2u);
        QCOMPARE(printType(*op.variableDefinitions[1]->type), std::string("[[Int!]]"));
        QCOMPARE(printValue(*op.variableDefinitions[0]->defaultValue), std::string("\"1\""));
        QCOMPARE(op.variableDefinitions[0]->directives.size(), 1u);
        QCOMPARE(op.directives[0]->name.value, std::string_view("op"));
        const auto &field = as<ast::Field>(op.selectionSet->selections[0]);
        QCOMPARE(field.alias.value, std::string_view("alias"));
        QCOMPARE(field.responseKey(), std::string_view("alias"));
        QCOMPARE(printValue(*field.arguments[1]->value),
                 std::string("{x: [1, 2.5, \"s\", true, null, ENUM]}"));
        QCOMPARE(field.selectionSet->selections.size(), 3u);
        QCOMPARE(int(field.selectionSet->selections[0]->kind), int(ast::Kind::FragmentSpread));
        const auto &inlineFragment = as<ast::InlineFragment>(field.selectionSet->selections[1]);
        QCOMPARE(inlineFragment.typeCondition->name.value, std::string_view("Person"));
        QVERIFY(!as<ast::InlineFragment>(field.selectionSet->selections[2]).typeCondition);
        // Node locations: the field starts at its alias, line 2 column 3.
        QCOMPARE(r.document->location(field), (SourceLocation{2, 3}));
        QCOMPARE(r.document->location(*doc.definitions[1]),
                 (SourceLocation{7, 2})); // graphql-core's line quirk
    }

    void shorthandAndSubscription()
    {
        ParseResult r = parse("{ a } subscription S { b }");
        QVERIFY(!r.error);
        QCOMPARE(int(as<ast::OperationDefinition>(r.document->root().definitions[0]).operation),
                 int(ast::OperationType::Query));
        QCOMPARE(int(as<ast::OperationDefinition>(r.document->root().definitions[1]).operation),
                 int(ast::OperationType::Subscription));
    }

    void typeSystem()
    {
        const QByteArray text = R"(
            "desc" schema @a { query: Q mutation: M }
            extend schema @b
            """block desc""" scalar S @specifiedBy(url: "u")
            type T implements & I & J @d { f("arg desc" a: Int = 1 @x, b: [S!]!): T! @deprecated }
            interface I implements J { f: T }
            union U @d = | A | B
            enum E { "v" A B @deprecated(reason: "r") }
            input In { a: Int = 1, b: In }
            directive @d(x: Int) repeatable on OBJECT | FIELD_DEFINITION | UNION
            extend type T { g: Int }
            extend scalar S @e
            extend union U = C
            extend enum E { C }
            extend input In { c: Int }
            extend interface I @f
        )";
        ParseResult r = parse(text);
        QVERIFY2(!r.error, r.error ? r.error->message.c_str() : "");
        const auto &defs = r.document->root().definitions;
        QCOMPARE(defs.size(), 15u);
        QCOMPARE(as<ast::SchemaDefinition>(defs[0]).description->value, std::string_view("desc"));
        QCOMPARE(int(defs[1]->kind), int(ast::Kind::SchemaExtension));
        QCOMPARE(as<ast::TypeDefinition>(defs[2]).description->value,
                 std::string_view("block desc"));
        const auto &t = as<ast::TypeDefinition>(defs[3]);
        QCOMPARE(t.interfaces.size(), 2u);
        QCOMPARE(t.fields[0]->arguments[0]->description->value, std::string_view("arg desc"));
        QCOMPARE(as<ast::TypeDefinition>(defs[5]).types.size(), 2u);
        QCOMPARE(as<ast::TypeDefinition>(defs[6]).values.size(), 2u);
        const auto &d = as<ast::DirectiveDefinition>(defs[8]);
        QVERIFY(d.repeatable);
        QCOMPARE(d.locations.size(), 3u);
        QCOMPARE(int(defs[9]->kind), int(ast::Kind::ObjectTypeExtension));
        QCOMPARE(int(defs[14]->kind), int(ast::Kind::InterfaceTypeExtension));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray("")
                               << QStringLiteral("Syntax Error: Unexpected <EOF>.@1:1");
        QTest::newRow("missing name")
            << QByteArray("{ a { } }")
            << QStringLiteral("Syntax Error: Expected Name, found '}'.@1:7");
        QTest::newRow("unknown keyword")
            << QByteArray("querry { a }")
            << QStringLiteral("Syntax Error: Unexpected Name 'querry'.@1:1");
        QTest::newRow("variable in constant")
            << QByteArray("query ($a: Int = $b) { a }")
            << QStringLiteral("Syntax Error: Unexpected variable '$b' in constant value.@1:18");
        QTest::newRow("dollar in constant") << QByteArray("query ($a: Int = $) { a }")
                                            << QStringLiteral("Syntax Error: Unexpected '$'.@1:18");
        QTest::newRow("fragment named on")
            << QByteArray("fragment on on T { a }")
            << QStringLiteral("Syntax Error: Unexpected Name 'on'.@1:10");
        QTest::newRow("missing on")
            << QByteArray("fragment F T { a }")
            << QStringLiteral("Syntax Error: Expected 'on', found Name 'T'.@1:12");
        QTest::newRow("description on operation")
            << QByteArray("\"d\" query { a }")
            << QStringLiteral("Syntax Error: Unexpected description, descriptions are supported "
                              "only on type definitions.@1:1");
        QTest::newRow("description on shorthand")
            << QByteArray("\"d\" { a }") << QStringLiteral("Syntax Error: Unexpected '{'.@1:5");
        QTest::newRow("reserved enum value")
            << QByteArray("enum E { true }")
            << QStringLiteral("Syntax Error: Name 'true' is reserved and cannot be used for an "
                              "enum value.@1:10");
        QTest::newRow("empty extension") << QByteArray("extend type T")
                                         << QStringLiteral("Syntax Error: Unexpected <EOF>.@1:14");
        QTest::newRow("bad directive location")
            << QByteArray("directive @d on NOWHERE")
            << QStringLiteral("Syntax Error: Unexpected Name 'NOWHERE'.@1:17");
        QTest::newRow("extend nothing")
            << QByteArray("extend foo")
            << QStringLiteral("Syntax Error: Unexpected Name 'foo'.@1:8");
        QTest::newRow("string found")
            << QByteArray("{ a(x \"s\") }")
            << QStringLiteral("Syntax Error: Expected ':', found String 's'.@1:7");
        QTest::newRow("second line")
            << QByteArray("{ a }\n  }") << QStringLiteral("Syntax Error: Unexpected '}'.@2:3");
        QTest::newRow("error right after a line break")
            << QByteArray("{ a }\n}") << QStringLiteral("Syntax Error: Unexpected '}'.@1:6");
    }

    void errors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QCOMPARE(syntaxError(text), expected);
    }

    void limitDocumentSize()
    {
        const QByteArray big = "{ a }" + QByteArray(70000, ' ');
        QCOMPARE(syntaxError(big),
                 QStringLiteral("Document is too large: 70005 bytes, the limit is 65536 bytes."));
        QVERIFY(!parse(big, ParseLimits::none()).error);
    }

    void limitTokens()
    {
        QByteArray text = "{";
        for (int i = 0; i < 6000; ++i)
            text += " a";
        text += " }";
        ParseLimits limits;
        limits.maxTokens = 5000;
        QCOMPARE(
            syntaxError(text, limits),
            QStringLiteral("Document contains more than 5000 tokens. Parsing aborted.@1:10001"));
        QVERIFY(!parse(text).error); // 6002 tokens are fine with the default of 10000
    }

    void limitDepth_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QByteArray selections = "{";
        for (int i = 0; i < 65; ++i)
            selections += " a {";
        QTest::newRow("selections")
            << selections
            << QStringLiteral("Document nesting is deeper than the limit of 64 levels.@1:257");
        QTest::newRow("lists")
            << ("{ a(x: " + QByteArray(70, '['))
            << QStringLiteral("Document nesting is deeper than the limit of 64 levels.@1:71");
        QTest::newRow("objects")
            << ("{ a(x: " + QByteArray("{a: ").repeated(70))
            << QStringLiteral("Document nesting is deeper than the limit of 64 levels.@1:260");
        QTest::newRow("types")
            << ("query ($v: " + QByteArray(70, '['))
            << QStringLiteral("Document nesting is deeper than the limit of 64 levels.@1:76");
    }

    void limitDepth()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QCOMPARE(syntaxError(text), expected);
    }

    void hostileNestingNeverCrashes()
    {
        // A megabyte of '[' would overflow a naive recursive parser; limits off except depth.
        ParseLimits limits = ParseLimits::none();
        limits.maxDepth = 64;
        const QByteArray deep = "{ a(x: " + QByteArray(1 << 20, '[');
        QVERIFY(syntaxError(deep, limits).startsWith(QStringLiteral("Document nesting is deeper")));
        QVERIFY(syntaxError("query ($v: " + QByteArray(200, '[') + "Int" + QByteArray(200, ']') +
                                ") { a }",
                            ParseLimits::none())
                    .startsWith(QStringLiteral("Type reference has more than 64")));
    }

    void invalidUtf8IsReadWithReplacementCharacters()
    {
        ParseResult r = parse("{ a(s: \"\xFF\xFE\") }");
        QVERIFY(!r.error);
    }
};

QTEST_GUILESS_MAIN(TestParser)
#include "tst_parser.moc"
