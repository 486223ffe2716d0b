// Runs every vector of ../shared/spec/graphql-vectors through the engine (W12): the errors that
// parse, validation, operation selection and variable coercion give must agree with what the
// Django server's engine (graphql-core 3.2.3) gave, message, locations and order; and the
// introspection of the demo and rich schemas must equal the recorded results.
#include "graphql/execution.h"
#include "graphql/introspection_query.h"
#include "graphql/request.h"
#include "support/test_schemas.h"

#include <QFile>
#include <QTest>

using namespace subscope;
using namespace subscope::graphql;

class TestGraphqlVectors : public QObject
{
    Q_OBJECT

private slots:
    void errorVectors()
    {
        QFile file(test::sharedPath(QStringLiteral("spec/graphql-vectors/vectors.jsonl")));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        int passed = 0, failed = 0, line = 0;
        QStringList failures;
        for (const QByteArray &text : file.readAll().split('\n')) {
            ++line;
            if (text.trimmed().isEmpty()) continue;
            JsonValue vector;
            QVERIFY2(JsonValue::fromJson(text.toStdString(), &vector),
                     qPrintable(QStringLiteral("line %1").arg(line)));
            const Schema &schema = vector.find("schema")->toString() == "demo" ? test::demoSchema()
                                                                               : test::richSchema();
            std::optional<std::string> operationName;
            if (const JsonValue *name = vector.find("operationName"); name && name->isString())
                operationName = name->toString();
            const CheckedRequest request =
                checkRequest(schema, QByteArray::fromStdString(vector.find("document")->toString()),
                             *vector.find("variables"), operationName);
            const JsonValue got = toJson(request.errors);
            const JsonValue &want = *vector.find("errors");
            if (got.toJson() == want.toJson()) {
                ++passed;
            } else {
                ++failed;
                failures << QStringLiteral("line %1: %2\n  want %3\n  got  %4")
                                .arg(line)
                                .arg(QString::fromStdString(vector.find("document")->toString()),
                                     QString::fromStdString(want.toJson()),
                                     QString::fromStdString(got.toJson()));
            }
        }
        for (const QString &f : failures)
            qWarning().noquote() << f;
        qInfo().noquote() << QStringLiteral("%1 passed, %2 failed").arg(passed).arg(failed);
        QVERIFY(passed > 200);
        QCOMPARE(failed, 0);
    }

    void introspection_data()
    {
        QTest::addColumn<QString>("schemaName");
        QTest::addColumn<QString>("expected");
        QTest::newRow("demo") << QStringLiteral("demo")
                              << QStringLiteral(
                                     "spec/graphql-vectors/vectors.introspection-demo.json");
        QTest::newRow("rich") << QStringLiteral("rich")
                              << QStringLiteral(
                                     "spec/graphql-vectors/vectors.introspection-rich.json");
    }

    void introspection()
    {
        QFETCH(QString, schemaName);
        QFETCH(QString, expected);
        const Schema &schema =
            schemaName == QLatin1String("demo") ? test::demoSchema() : test::richSchema();
        const CheckedRequest request =
            checkRequest(schema, introspectionQuery(), JsonValue::object(), std::nullopt);
        QVERIFY(request.ok());
        const ExecutionResult result = execute(schema, request);
        QVERIFY(result.errors.empty());
        QFile file(test::sharedPath(expected));
        QVERIFY(file.open(QIODevice::ReadOnly));
        JsonValue want;
        QVERIFY(JsonValue::fromJson(file.readAll().toStdString(), &want));
        if (!(result.data == want)) {
            // Report the first type that differs, to make a failure readable.
            const JsonValue &gotTypes = *result.data.find("__schema")->find("types");
            const JsonValue &wantTypes = *want.find("__schema")->find("types");
            for (size_t i = 0; i < std::min(gotTypes.size(), wantTypes.size()); ++i)
                if (!(gotTypes.items()[i] == wantTypes.items()[i]))
                    qWarning().noquote()
                        << "first differing type:\n got  " << gotTypes.items()[i].toJson().c_str()
                        << "\n want " << wantTypes.items()[i].toJson().c_str();
        }
        QVERIFY(result.data == want);
    }
};

QTEST_GUILESS_MAIN(TestGraphqlVectors)
#include "tst_graphql_vectors.moc"
