// Building a schema from SDL: the whole type-system language, and a clear
// file:line:column error for every mistake a schema file can hold.
#include "graphql/schema_builder.h"
#include "support/test_schemas.h"

#include <QTest>

using namespace subscope;
using namespace subscope::graphql;

namespace {

QStringList errorsOf(const char *sdl)
{
    return buildSchema(QByteArray(sdl), QStringLiteral("s.graphql")).errors;
}

} // namespace

class TestSchemaBuilder : public QObject
{
    Q_OBJECT

private slots:
    void demoSchema()
    {
        const Schema &s = test::demoSchema();
        QCOMPARE(s.queryType()->name, std::string("Query"));
        QCOMPARE(s.subscriptionType()->name, std::string("Subscription"));
        QVERIFY(!s.mutationType());
        QCOMPARE(s.type("MyModelType")->modelName.value_or(""), std::string("MyModel"));
        const FieldDefinition *updated = s.subscriptionType()->field("myModelUpdated");
        QVERIFY(updated->groups);
        QCOMPARE(updated->groups->templates.size(), size_t(1));
        QCOMPARE(updated->groups->templates[0].source, std::string("MyModelUpdated.{id}"));
        QVERIFY(updated->groups->subscripeIsLegacy);
        QVERIFY(!s.subscriptionType()->field("myCustomEvent")->groups->subscripeIsLegacy);
        QVERIFY(!s.type("Float")); // built-in scalars are in the schema only when referenced
        QVERIFY(s.type("__Type"));
    }

    void everyConstruct()
    {
        const Schema &s = test::testSchema();
        QVERIFY(s.description()->find("schema for Subscope's own tests") != std::string::npos);
        const NamedType *person = s.type("Person");
        QCOMPARE(person->interfaces.size(), size_t(2));
        QCOMPARE(person->field("age")->deprecation.reason.value_or(""),
                 std::string("Use birthYear."));
        QCOMPARE(person->field("friends")->argument("first")->defaultValue->toInt(), int64_t(10));
        QCOMPARE(s.possibleTypes(s.type("Node")).size(),
                 size_t(3)); // Person, Dog, Cat (objects only)
        QVERIFY(s.isSubType(s.type("Node"), s.type("Entity")));
        QCOMPARE(s.type("Mood")->enumValue("GRUMPY")->deprecation.reason.value_or(""),
                 std::string("No longer supported"));
        QCOMPARE(s.type("Date")->specifiedByURL.value_or(""),
                 std::string("https://tools.ietf.org/html/rfc3339"));
        QCOMPARE(s.type("PersonFilter")->inputField("tags")->defaultValue->toJson(),
                 std::string(R"(["a"])"));
        QCOMPARE(s.type("Person")->modelName.value_or(""),
                 std::string("Person")); // @model without a name
    }

    void extensions()
    {
        auto s = test::schemaFrom(R"(
            type Query { a: Int }
            extend type Query { b: String }
            enum E { A }
            extend enum E { B }
            union U = X
            extend union U = Y
            type X { x: Int } type Y { y: Int }
            input I { a: Int }
            extend input I { b: Int }
            extend schema @deprecatedSchemaDirective
            directive @deprecatedSchemaDirective on SCHEMA
        )");
        QVERIFY(s);
        QVERIFY(s->queryType()->field("b"));
        QCOMPARE(s->type("E")->enumValues.size(), size_t(2));
        QCOMPARE(s->type("U")->unionMembers.size(), size_t(2));
        QVERIFY(s->type("I")->inputField("b"));
    }

    void subscopeDirectivesAreDeclaredWhenUsed()
    {
        auto s = test::schemaFrom("type Query { a: Int } type Subscription { s(id: ID): Int "
                                  "@groups(names: [\"g.{id}\"]) }");
        QVERIFY(s);
        QVERIFY(s->directive("groups"));
        QVERIFY(!s->directive("model"));
        QCOMPARE(s->directives().front()->name, std::string("groups"));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("sdl");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("syntax") << QByteArray("type Query {\n  a: Int\n  b\n}")
                                << QStringList{QStringLiteral(
                                       "s.graphql:4:1: Syntax Error: Expected ':', found '}'.")};
        QTest::newRow("unknown type")
            << QByteArray("type Query {\n  a: Strin\n}")
            << QStringList{
                   QStringLiteral("s.graphql:2:6: Unknown type 'Strin'. Did you mean 'String'?")};
        QTest::newRow("duplicate field")
            << QByteArray("type Query { a: Int a: Int }")
            << QStringList{
                   QStringLiteral("s.graphql:1:21: Field 'Query.a' can only be defined once.")};
        QTest::newRow("duplicate type")
            << QByteArray("type Query { a: Int }\ntype Query { b: Int }")
            << QStringList{
                   QStringLiteral("s.graphql:2:6: There can be only one type named 'Query'.")};
        QTest::newRow("duplicate argument")
            << QByteArray("type Query { a(x: Int, x: Int): Int }")
            << QStringList{QStringLiteral(
                   "s.graphql:1:24: Argument 'Query.a(x:)' can only be defined once.")};
        QTest::newRow("no query type")
            << QByteArray("type Foo { a: Int }")
            << QStringList{QStringLiteral("s.graphql:1:1: Query root type must be provided.")};
        QTest::newRow("groups outside Subscription")
            << QByteArray("type Query {\n  a: Int @groups(names: [\"x\"])\n}")
            << QStringList{QStringLiteral("s.graphql:2:3: @groups can only be used on fields of "
                                          "the subscription type, not on 'Query'.")};
        QTest::newRow("placeholder without argument")
            << QByteArray("type Query { a: Int }\ntype Subscription {\n  s(id: ID): Int "
                          "@groups(names: [\"G.{pk}\"])\n}")
            << QStringList{
                   QStringLiteral("s.graphql:3:3: @groups template 'G.{pk}' on 'Subscription.s' "
                                  "names '{pk}', which is not an argument of the field.")};
        QTest::newRow("placeholder of an input type")
            << QByteArray("type Query { a: Int }\ninput F { x: Int }\ntype Subscription {\n  s(f: "
                          "F): Int @groups(names: [\"G.{f}\"])\n}")
            << QStringList{
                   QStringLiteral("s.graphql:4:3: @groups template 'G.{f}' on 'Subscription.s' "
                                  "names '{f}', an argument of type 'F'; only scalar and enum "
                                  "arguments can be part of a group name.")};
        QTest::newRow("unmatched brace")
            << QByteArray("type Query { a: Int }\ntype Subscription { s(id: ID): Int "
                          "@groups(names: [\"G.{id\"]) }")
            << QStringList{QStringLiteral("s.graphql:2:21: @groups template 'G.{id' on "
                                          "'Subscription.s' has a '{' without a matching '}'.")};
        QTest::newRow("groups without names")
            << QByteArray("type Query { a: Int }\ntype Subscription { s: Int @groups }")
            << QStringList{
                   QStringLiteral("s.graphql:2:28: Directive '@groups' argument 'names' of type "
                                  "'[String!]!' is required, but it was not provided.")};
        QTest::newRow("directive in the wrong place")
            << QByteArray("type Query @groups(names: [\"x\"]) { a: Int }")
            << QStringList{QStringLiteral(
                   "s.graphql:1:12: Directive '@groups' may not be used on object.")};
        QTest::newRow("model name unusable in groups")
            << QByteArray("type Query { a: M }\ntype M @model(name: \"My Model\") { id: ID }")
            << QStringList{
                   QStringLiteral("s.graphql:2:1: @model name 'My Model' on 'M' cannot start a "
                                  "group name (letters, digits, '_', '.' and '-' only).")};
        QTest::newRow("bad default value")
            << QByteArray("type Query { a(x: Int = \"one\"): Int }")
            << QStringList{
                   QStringLiteral("s.graphql:1:25: Default value of Query.a(x:) is invalid: Int "
                                  "cannot represent non-integer value: \"one\"")};
        QTest::newRow("interface not implemented")
            << QByteArray(
                   "type Query { a: T }\ninterface I { x: Int }\ntype T implements I { y: Int }")
            << QStringList{QStringLiteral(
                   "s.graphql:3:1: Interface field I.x expected but T does not provide it.")};
        QTest::newRow("output type as argument")
            << QByteArray("type Query { a(t: Query): Int }")
            << QStringList{QStringLiteral(
                   "s.graphql:1:16: The type of Query.a(t:) must be Input Type but got: Query.")};
        QTest::newRow("empty enum and union")
            << QByteArray("type Query { a: E b: U }\nenum E\nunion U")
            << QStringList{
                   QStringLiteral("s.graphql:2:1: Enum type E must define one or more values."),
                   QStringLiteral(
                       "s.graphql:3:1: Union type U must define one or more member types.")};
        QTest::newRow("input cycle")
            << QByteArray("type Query { a(i: I): Int }\ninput I { j: J! }\ninput J { i: I! }")
            << QStringList{QStringLiteral("s.graphql:2:1: Cannot reference Input Object 'I' within "
                                          "itself through a series of non-null fields: 'j.i'.")};
        QTest::newRow("reserved name")
            << QByteArray("type Query { __a: Int }")
            << QStringList{QStringLiteral("s.graphql:1:14: Name '__a' must not begin with '__', "
                                          "which is reserved by GraphQL introspection.")};
        QTest::newRow("extension of an unknown type")
            << QByteArray("type Query { a: Int }\nextend type Qery { b: Int }")
            << QStringList{QStringLiteral("s.graphql:2:13: Cannot extend type 'Qery' because it is "
                                          "not defined. Did you mean 'Query'?")};
        QTest::newRow("operation in a schema")
            << QByteArray("type Query { a: Int }\n{ a }")
            << QStringList{QStringLiteral("s.graphql:2:1: A schema file holds type definitions "
                                          "only; this is an operation.")};
        QTest::newRow("every error, in order")
            << QByteArray(
                   "type Query { a: Nope }\ntype Subscription { s: Int @groups(names: [\"{x}\"]) }")
            << QStringList{
                   QStringLiteral("s.graphql:1:17: Unknown type 'Nope'."),
                   QStringLiteral("s.graphql:2:21: @groups template '{x}' on 'Subscription.s' "
                                  "names '{x}', which is not an argument of the field.")};
    }

    void errors()
    {
        QFETCH(QByteArray, sdl);
        QFETCH(QStringList, expected);
        QCOMPARE(errorsOf(sdl.constData()), expected);
    }

    void unreadableFile()
    {
        SchemaLoadResult r = loadSchemaFile(QStringLiteral("/nonexistent/schema.graphql"));
        QVERIFY(!r.schema);
        QVERIFY(r.errors.front().startsWith(
            QStringLiteral("/nonexistent/schema.graphql: cannot read the schema file")));
    }
};

QTEST_GUILESS_MAIN(TestSchemaBuilder)
#include "tst_schema_builder.moc"
