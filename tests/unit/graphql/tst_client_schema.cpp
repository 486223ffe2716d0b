// A schema from an introspection result (graphql-js's buildClientSchema): the round trip
// schema -> introspection -> schema keeps everything introspection carries, and a result that
// cannot be used is refused with the reason in words.
#include "graphql/client_schema.h"
#include "graphql/execution.h"
#include "graphql/introspection_query.h"
#include "graphql/schema_printer.h"
#include "support/test_schemas.h"

#include <QRegularExpression>
#include <QTest>

Q_DECLARE_METATYPE(subscope::graphql::JsonValue)

using namespace subscope;
using namespace subscope::graphql;

namespace {

JsonValue introspect(const Schema &schema)
{
    const CheckedRequest request =
        checkRequest(schema, introspectionQuery(), JsonValue::object(), std::nullopt);
    return execute(schema, request).data;
}

// JSON written with single quotes (the test stays readable): every ' becomes ".
JsonValue json(const char *singleQuoted)
{
    QByteArray text(singleQuoted);
    text.replace('\'', '"');
    JsonValue value;
    std::string error;
    if (!JsonValue::fromJson(text.toStdString(), &value, &error))
        qFatal("bad test JSON: %s", error.c_str());
    return value;
}

// The printed SDL without the @groups and @model applied to fields and types: introspection does
// not carry applied directives (the directives' own definitions do come through).
QString withoutSubscopeDirectives(const std::string &sdl)
{
    static const QRegularExpression groups(QStringLiteral(
        "(?<!directive) @groups\\(names: \\[[^\\]]*\\](, subscripeIsLegacy: false)?\\)"));
    static const QRegularExpression model(
        QStringLiteral("(?<!directive) @model(\\(name: \"[^\"]*\"\\))?"));
    return QString::fromStdString(sdl).remove(groups).remove(model);
}

// A minimal result around one Query type with the given fields, as the standard query answers.
const char *const QueryWith =
    "{'__schema': {'queryType': {'name': 'Query'}, 'types': ["
    "{'kind': 'OBJECT', 'name': 'Query', 'interfaces': [], 'fields': [%1]}"
    "%2], 'directives': []}}";

JsonValue resultWith(const QString &fields, const QString &moreTypes = QString())
{
    return json(QString::fromLatin1(QueryWith).arg(fields, moreTypes).toUtf8().constData());
}

} // namespace

class TestClientSchema : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("demo") << test::sharedPath(QStringLiteral("spec/demo-schema.graphql"));
        QTest::newRow("rich") << test::sharedPath(
            QStringLiteral("spec/graphql-vectors/rich-schema.graphql"));
        QTest::newRow("test") << test::testDataPath(QStringLiteral("test-schema.graphql"));
    }

    void roundTrip()
    {
        QFETCH(QString, path);
        SchemaLoadResult original = loadSchemaFile(path);
        QVERIFY(original.schema);
        const JsonValue data = introspect(*original.schema);
        QVERIFY(data.find("__schema"));

        JsonValue response = JsonValue::object();
        response.insert("data", data);
        for (const JsonValue &result : {data, response}) {
            const SchemaLoadResult client = buildClientSchema(result);
            QVERIFY2(client.schema, qPrintable(client.errors.join(u'\n')));
            QVERIFY(client.errors.isEmpty());
            QCOMPARE(QString::fromStdString(printSchema(*client.schema)),
                     withoutSubscopeDirectives(printSchema(*original.schema)));
            QVERIFY(introspect(*client.schema) == data);
        }
    }

    void subscopeDirectivesAreDeclaredButNotApplied()
    {
        const SchemaLoadResult client = buildClientSchema(introspect(test::demoSchema()));
        QVERIFY(client.schema);
        QVERIFY(client.schema->directive("groups"));
        QVERIFY(client.schema->directive("model"));
        const FieldDefinition *created = client.schema->subscriptionType()->field("myModelCreated");
        QVERIFY(created);
        QVERIFY(!created->groups);
        QVERIFY(!client.schema->type("MyModelType")->modelName);
    }

    void everythingIntrospectionCarries()
    {
        // An ordinary literal: moc misreads raw strings that hold \".
        auto original = test::schemaFrom(
            "\"Described \\\"schema\\\"\\nover two lines.\"\n"
            "schema { query: Root mutation: Change subscription: Events }\n"
            "\"A repeatable directive.\"\n"
            "directive @tag(name: String! = \"x\" @deprecated(reason: \"old\")) repeatable on "
            "FIELD_DEFINITION | OBJECT\n"
            "type Query { notTheRoot: Int }\n"
            "type Root { a(where: Where = {limit: 3, colors: [RED, BLUE]}, old: Int @deprecated): "
            "Int }\n"
            "type Change { b: Int }\n"
            "type Events { c: Int }\n"
            "input Where { limit: Int = 10 colors: [Color!] text: String = \"a\\\"b\" "
            "gone: Int @deprecated(reason: \"Gone.\") }\n"
            "enum Color { RED \"blue\" BLUE GREEN @deprecated(reason: \"No.\") }\n"
            "scalar Url @specifiedBy(url: \"https://example.com/url\")\n"
            "interface Node { id: ID! }\n"
            "interface Named implements Node { id: ID! name: String }\n"
            "type Thing implements Named & Node { id: ID! name: String url: Url }\n"
            "union Any = Thing | Root\n");
        QVERIFY(original);
        const SchemaLoadResult client = buildClientSchema(introspect(*original));
        QVERIFY2(client.schema, qPrintable(client.errors.join(u'\n')));
        QCOMPARE(QString::fromStdString(printSchema(*client.schema)),
                 QString::fromStdString(printSchema(*original)));
        QCOMPARE(client.schema->queryType()->name, std::string("Root"));
        QVERIFY(client.schema->directive("tag")->repeatable);
    }

    void sdlIsPrintedWithTheRootsNamed()
    {
        std::string sdl;
        QStringList errors;
        QVERIFY(introspectionToSdl(introspect(test::demoSchema()), &sdl, &errors));
        QVERIFY(errors.isEmpty());
        QVERIFY2(QString::fromStdString(sdl).startsWith(
                     "schema {\n  query: Query\n  subscription: Subscription\n}\n"),
                 sdl.c_str());
        // Built-in scalars, introspection types and the specified directives are left out.
        QVERIFY(sdl.find("scalar String") == std::string::npos);
        QVERIFY(sdl.find("__Schema") == std::string::npos);
        QVERIFY(sdl.find("directive @include") == std::string::npos);
    }

    void unusableResultsAreRefusedInWords_data()
    {
        QTest::addColumn<JsonValue>("result");
        QTest::addColumn<QString>("error");
        QTest::newRow("not an object")
            << json("[1]") << "The introspection result is not a JSON object";
        QTest::newRow("no __schema")
            << json("{'data': {'other': 1}}") << "The introspection result has no __schema";
        QTest::newRow("empty") << json("{}") << "The introspection result has no __schema";
        QTest::newRow("error response")
            << json("{'data': null, 'errors': [{'message': 'Introspection is off.'}, "
                    "{'message': 'Really.'}]}")
            << "The introspection query failed: Introspection is off.; Really.";
        QTest::newRow("errors without data") << json("{'errors': [{'message': 'Unauthorized'}]}")
                                             << "The introspection query failed: Unauthorized";
        QTest::newRow("__schema not an object")
            << json("{'data': {'__schema': 5}}")
            << "The introspection result's __schema is not an object";
        QTest::newRow("no types") << json("{'__schema': {'queryType': {'name': 'Query'}}}")
                                  << "__schema has no types list";
        QTest::newRow("undefined type")
            << resultWith("{'name': 'a', 'args': [], 'type': {'kind': 'OBJECT', 'name': 'Nope'}}")
            << "Type 'Nope' is referenced by field 'Query.a' but not defined";
        QTest::newRow("undefined argument type")
            << resultWith("{'name': 'a', 'args': [{'name': 'x', 'type': {'kind': 'NON_NULL', "
                          "'ofType': {'kind': 'INPUT_OBJECT', 'name': 'In'}}}], "
                          "'type': {'kind': 'SCALAR', 'name': 'Int'}}")
            << "Type 'In' is referenced by argument 'Query.a(x:)' but not defined";
        QTest::newRow("cut-off type")
            << resultWith("{'name': 'a', 'args': [], 'type': {'kind': 'NON_NULL', 'name': null}}")
            << "field 'Query.a' has a NON_NULL type without ofType (nested deeper than the "
               "introspection query asks?)";
        QTest::newRow("unknown kind")
            << resultWith("{'name': 'a', 'args': [], 'type': {'kind': 'SCALAR', 'name': 'Int'}}",
                          ", {'kind': 'THING', 'name': 'T'}")
            << "Type 'T' has the unknown kind 'THING'";
        QTest::newRow("defined twice")
            << resultWith("{'name': 'a', 'args': [], 'type': {'kind': 'SCALAR', 'name': 'Int'}}",
                          ", {'kind': 'SCALAR', 'name': 'Query'}")
            << "Type 'Query' is defined twice";
        QTest::newRow("a name that is not a name")
            << resultWith("{'name': 'a: Int } type Evil { b', 'args': [], "
                          "'type': {'kind': 'SCALAR', 'name': 'Int'}}")
            << "A field of 'Query': 'a: Int } type Evil { b' is not a valid GraphQL name";
        QTest::newRow("a default that is not a value")
            << resultWith("{'name': 'a', 'args': [{'name': 'x', 'type': {'kind': 'SCALAR', "
                          "'name': 'Int'}, 'defaultValue': '1 } type Evil { b: Int'}], "
                          "'type': {'kind': 'SCALAR', 'name': 'Int'}}")
            << "argument 'Query.a(x:)' has the default value '1 } type Evil { b: Int', which is "
               "not a GraphQL value";
        QTest::newRow("no fields list")
            << json("{'__schema': {'queryType': {'name': 'Query'}, 'types': [{'kind': 'OBJECT', "
                    "'name': 'Query'}]}}")
            << "Type 'Query' has no fields list";
        QTest::newRow("undefined root")
            << json("{'__schema': {'queryType': {'name': 'Root'}, 'types': []}}")
            << "The query type 'Root' is not defined";
        QTest::newRow("no query type") << json("{'__schema': {'queryType': null, 'types': []}}")
                                       << "The introspection result names no query type";
        QTest::newRow("invalid schema")
            << resultWith("{'name': 'a', 'args': [], 'type': {'kind': 'INPUT_OBJECT', 'name': "
                          "'In'}}",
                          ", {'kind': 'INPUT_OBJECT', 'name': 'In', 'inputFields': [{'name': "
                          "'x', 'type': {'kind': 'SCALAR', 'name': 'Int'}}]}")
            << "The introspected schema is invalid: The type of Query.a must be Output Type but "
               "got: In.";
    }

    void unusableResultsAreRefusedInWords()
    {
        QFETCH(JsonValue, result);
        QFETCH(QString, error);
        const SchemaLoadResult client = buildClientSchema(result);
        QVERIFY(!client.schema);
        QVERIFY2(client.errors.contains(error), qPrintable(client.errors.join(u'\n')));
    }

    void everyProblemIsListed()
    {
        const SchemaLoadResult client =
            buildClientSchema(resultWith("{'name': 'a', 'args': [], 'type': {'kind': 'OBJECT', "
                                         "'name': 'A'}}, {'name': 'b', 'args': [], "
                                         "'type': {'kind': 'OBJECT', 'name': 'B'}}"));
        QCOMPARE(client.errors,
                 (QStringList{"Type 'A' is referenced by field 'Query.a' but not defined",
                              "Type 'B' is referenced by field 'Query.b' but not defined"}));
    }
};

QTEST_GUILESS_MAIN(TestClientSchema)
#include "tst_client_schema.moc"
