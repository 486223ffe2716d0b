// print-schema: graphql-js's layout, and a text that builds the same schema again.
#include "graphql/execution.h"
#include "graphql/introspection_query.h"
#include "graphql/schema_builder.h"
#include "graphql/schema_printer.h"
#include "support/test_schemas.h"

#include <QTest>

using namespace subscope;
using namespace subscope::graphql;

namespace {

JsonValue introspect(const Schema &schema)
{
    const CheckedRequest request =
        checkRequest(schema, introspectionQuery(), JsonValue::object(), std::nullopt);
    return execute(schema, request).data;
}

} // namespace

class TestSchemaPrinter : public QObject
{
    Q_OBJECT

private slots:
    void layout()
    {
        auto s = test::schemaFrom(R"(
            "The query root."
            type Query {
              "A field."
              a(x: Int = 1, y: [String!]! = ["a"]): Int @deprecated(reason: "Gone.")
              b: E
            }
            enum E { A B @deprecated }
        )");
        QVERIFY(s);
        QCOMPARE(QString::fromStdString(printSchema(*s)), QStringLiteral(R"("""The query root."""
type Query {
  """A field."""
  a(x: Int = 1, y: [String!]! = ["a"]): Int @deprecated(reason: "Gone.")
  b: E
}

enum E {
  A
  B @deprecated
}
)"));
    }

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
        const std::string printed = printSchema(*original.schema);
        SchemaLoadResult again =
            buildSchema(QByteArray::fromStdString(printed), QStringLiteral("printed.graphql"));
        QVERIFY2(again.schema, qPrintable(again.errors.join(QLatin1Char('\n'))));
        QCOMPARE(printSchema(*again.schema), printed);
        QVERIFY(introspect(*again.schema) == introspect(*original.schema));
        // @groups and @model survive the trip.
        if (const NamedType *sub = again.schema->subscriptionType())
            for (const FieldDefinition &f : sub->fields)
                QCOMPARE(f.groups.has_value(),
                         original.schema->subscriptionType()->field(f.name)->groups.has_value());
    }
};

QTEST_GUILESS_MAIN(TestSchemaPrinter)
#include "tst_schema_printer.moc"
