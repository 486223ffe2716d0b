// The subscope command line as scripts and CI use it: validate, introspect, print-schema, their
// output and exit statuses (0 valid, 1 invalid, 2 usage or schema error).
#include "graphql/json_value.h"
#include "support/run_subscope.h"
#include "support/test_schemas.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace subscope;
using test::Run;
using test::runSubscope;

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void validSubscriptionPrintsItsGroups()
    {
        const Run r = runSubscope(
            {QStringLiteral("validate")},
            "subscription { myModelCreatedUpdateDelete(id: \"9\", subscripe: true) { id ...F } } "
            "fragment F on MyModelType { name }");
        QCOMPARE(r.status, 0);
        const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0], QStringLiteral("[]"));
        QCOMPARE(
            lines[1],
            QStringLiteral(
                R"({"responseKey":"myModelCreatedUpdateDelete","field":"myModelCreatedUpdateDelete",)"
                R"("groups":["MyModelCreated","MyModelUpdated.9","MyModelDeleted.9"],"subscribe":true,)"
                R"("usedLegacySubscripe":true,"requestedFields":["id","name"],"model":"MyModel"})"));
    }

    void validQueryPrintsOnlyTheErrors()
    {
        const Run r = runSubscope({QStringLiteral("validate"), QStringLiteral("-")}, "{ base }");
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QStringLiteral("[]\n"));
    }

    void invalidDocument()
    {
        const Run r =
            runSubscope({QStringLiteral("validate")}, "subscription { myModelCreated { nope } }");
        QCOMPARE(r.status, 1);
        QCOMPARE(
            r.out,
            QStringLiteral(
                R"([{"message":"Cannot query field 'nope' on type 'MyModelType'. Did you mean 'name'?","locations":[{"line":1,"column":33}]}])"
                "\n"));
    }

    void documentFromAFileWithVariablesAndOperationName()
    {
        QTemporaryDir dir;
        QFile doc(dir.filePath(QStringLiteral("doc.graphql")));
        QVERIFY(doc.open(QIODevice::WriteOnly));
        doc.write("subscription A($id: String) { myModelUpdated(id: $id) { id } }\n"
                  "subscription B { myModelCreated { id } }\n");
        doc.close();
        const Run bad =
            runSubscope({QStringLiteral("validate"), QStringLiteral("--variables"),
                         QStringLiteral(R"({"id": 5})"), QStringLiteral("--operation-name"),
                         QStringLiteral("A"), doc.fileName()});
        QCOMPARE(bad.status, 1);
        QCOMPARE(
            bad.out,
            QStringLiteral(
                R"([{"message":"Variable '$id' got invalid value 5; String cannot represent a non string value: 5","locations":[{"line":1,"column":16}]}])"
                "\n"));
        const Run good =
            runSubscope({QStringLiteral("validate"), QStringLiteral("--variables"),
                         QStringLiteral(R"({"id": "x"})"), QStringLiteral("--operation-name"),
                         QStringLiteral("A"), doc.fileName()});
        QCOMPARE(good.status, 0);
        QVERIFY(good.out.contains(QStringLiteral(R"("groups":["MyModelUpdated.x"])")));
        const Run ambiguous = runSubscope({QStringLiteral("validate"), doc.fileName()});
        QCOMPARE(ambiguous.status, 1);
        QVERIFY(ambiguous.out.contains(
            QStringLiteral("Must provide operation name if query contains multiple operations.")));
    }

    void invalidGroupNamesW16()
    {
        const QByteArray doc = "subscription { myModelUpdated(id: \"a b\") { id } }";
        const Run strict = runSubscope({QStringLiteral("validate")}, doc);
        QCOMPARE(strict.status, 1);
        QVERIFY(strict.out.startsWith(
            QStringLiteral(R"([{"message":"Invalid subscription channel name."}])")));
        QVERIFY(strict.out.contains(QStringLiteral(R"("invalidGroups":["MyModelUpdated.a b"])")));
        const Run lenient =
            runSubscope({QStringLiteral("validate"), QStringLiteral("--lenient-group-names")}, doc);
        QCOMPARE(lenient.status, 0);
        QVERIFY(lenient.out.contains(QStringLiteral(R"("groups":["MyModelUpdated.a_b"])")));
        // The earlier spelling still works.
        QCOMPARE(
            runSubscope({QStringLiteral("validate"), QStringLiteral("--lenient-groups")}, doc).out,
            lenient.out);
    }

    void usageErrors()
    {
        QCOMPARE(runSubscope({QStringLiteral("validate"), QStringLiteral("--variables"),
                              QStringLiteral("[1]")},
                             "{ base }")
                     .status,
                 2);
        const Run bogus =
            runSubscope({QStringLiteral("validate"), QStringLiteral("--bogus")}, "{ base }");
        QCOMPARE(bogus.status, 2);
        // The usage line names the command, not the path the binary was started from.
        QVERIFY2(bogus.err.contains(QStringLiteral("\n\nUsage: subscope validate [options]")),
                 qPrintable(bogus.err));
        QVERIFY(runSubscope({QStringLiteral("trigger"), QStringLiteral("--help")})
                    .out.startsWith(QStringLiteral("Usage: subscope trigger [options]")));
        QCOMPARE(runSubscope({QStringLiteral("validate"), QStringLiteral("/nonexistent.graphql")})
                     .status,
                 2);
        const Run unknown = runSubscope({QStringLiteral("frobnicate")});
        QCOMPARE(unknown.status, 2);
        QVERIFY(unknown.err.contains(QStringLiteral("unknown command 'frobnicate'")));
    }

    void schemaErrorsAreListedWithTheirPlace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.graphql"));
        QFile schema(path);
        QVERIFY(schema.open(QIODevice::WriteOnly));
        schema.write("type Query {\n  a: Nope\n  a: Int\n}\n");
        schema.close();
        const Run r =
            runSubscope({QStringLiteral("validate"), QStringLiteral("--schema"), path}, "{ a }");
        QCOMPARE(r.status, 2);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err, path + QStringLiteral(":2:6: Unknown type 'Nope'.\n") + path +
                            QStringLiteral(":3:3: Field 'Query.a' can only be defined once.\n"));
    }

    void introspectEqualsTheRecordedResult()
    {
        const Run r = runSubscope(
            {QStringLiteral("introspect"), QStringLiteral("--schema"),
             test::sharedPath(QStringLiteral("spec/graphql-vectors/rich-schema.graphql"))});
        QCOMPARE(r.status, 0);
        graphql::JsonValue got, want;
        QVERIFY(graphql::JsonValue::fromJson(r.out.toStdString(), &got));
        QFile file(test::sharedPath(
            QStringLiteral("spec/graphql-vectors/vectors.introspection-rich.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(graphql::JsonValue::fromJson(file.readAll().toStdString(), &want));
        QVERIFY(got == want);
    }

    void printSchemaOfTheEmbeddedDemo()
    {
        const Run r = runSubscope({QStringLiteral("print-schema")});
        QCOMPARE(r.status, 0);
        QVERIFY(r.out.contains(QStringLiteral("type MyModelType @model(name: \"MyModel\") {")));
        QVERIFY(
            r.out.contains(QStringLiteral("myModelCreatedUpdateDelete(id: String, subscripe: "
                                          "Boolean, subscribe: Boolean): MyModelType "
                                          "@groups(names: [\"MyModelCreated\", "
                                          "\"MyModelUpdated.{id}\", \"MyModelDeleted.{id}\"])")));
        QVERIFY(r.out.contains(
            QStringLiteral("@groups(names: [\"custom_event\"], subscripeIsLegacy: false)")));
    }

    void embeddedDemoIsTheSharedDemoSchema()
    {
        // resources/demo.graphql is ../shared/spec/demo-schema.graphql, embedded.
        const Run embedded = runSubscope({QStringLiteral("print-schema")});
        const Run shared =
            runSubscope({QStringLiteral("print-schema"), QStringLiteral("--schema"),
                         test::sharedPath(QStringLiteral("spec/demo-schema.graphql"))});
        QCOMPARE(embedded.status, 0);
        QCOMPARE(embedded.out, shared.out);
    }

    void helpAndVersion()
    {
        const Run help = runSubscope({QStringLiteral("--help")});
        QCOMPARE(help.status, 0);
        QVERIFY(help.out.contains(QStringLiteral("print-schema")));
        // The explorer's options, described, without a display to open it on.
        for (const char *option :
             {"--workspace <file>", "--port <port>", "--channel-layer <URL>", "-v, --version"})
            QVERIFY2(help.out.contains(QLatin1String(option)), option);
        QCOMPARE(runSubscope({QStringLiteral("validate"), QStringLiteral("--help")}).status, 0);
        // The version and the Qt version it runs on.
        QCOMPARE(runSubscope({QStringLiteral("--version")}).out,
                 QStringLiteral("subscope %1 (Qt %2)\n")
                     .arg(QStringLiteral(SUBSCOPE_VERSION), QString::fromLatin1(qVersion())));
    }

    // subscope-server: the server and the commands without Qt Widgets or Qt Gui, for machines
    // without a desktop.
    void serverProgram()
    {
        const QString server = QStringLiteral(SUBSCOPE_SERVER_BINARY);
        QCOMPARE(test::runProgram(server, {QStringLiteral("--version")}).out,
                 QStringLiteral("subscope-server %1 (Qt %2)\n")
                     .arg(QStringLiteral(SUBSCOPE_VERSION), QString::fromLatin1(qVersion())));
        const Run help = test::runProgram(server, {QStringLiteral("--help")});
        QCOMPARE(help.status, 0);
        QVERIFY(help.out.startsWith(QStringLiteral("Usage: subscope-server [options]")));
        for (const char *expected :
             {"--channel-layer", "--tls-cert", "-v, --version", "Commands:", "trigger"})
            QVERIFY2(help.out.contains(QLatin1String(expected)), expected);
        // It has no explorer: --headless is taken but not offered.
        QVERIFY(!help.out.contains(QLatin1String("--headless")));
        QCOMPARE(test::runProgram(server, {QStringLiteral("--port"), QStringLiteral("0"),
                                           QStringLiteral("--version")})
                     .out,
                 QStringLiteral("subscope-server %1 (Qt %2)\n")
                     .arg(QStringLiteral(SUBSCOPE_VERSION), QString::fromLatin1(qVersion())));
        const Run printed = test::runProgram(server, {QStringLiteral("print-schema")});
        QCOMPARE(printed.status, 0);
        QCOMPARE(printed.out, runSubscope({QStringLiteral("print-schema")}).out);
        const Run unknown = test::runProgram(server, {QStringLiteral("serve")});
        QCOMPARE(unknown.status, 2);
        QVERIFY(unknown.err.startsWith(QStringLiteral("subscope-server: unknown command 'serve'")));
        const Run badOption =
            test::runProgram(server, {QStringLiteral("--port"), QStringLiteral("x")});
        QCOMPARE(badOption.status, 2);
        QVERIFY2(badOption.err.startsWith(QStringLiteral("subscope-server: --port must be")),
                 qPrintable(badOption.err));

        // Options alone run the server.
        QProcess process;
        process.start(server, {QStringLiteral("--port"), QStringLiteral("0")});
        QString out;
        QVERIFY(QTest::qWaitFor(
            [&] {
                out += QString::fromUtf8(process.readAllStandardOutput());
                return out.contains(QLatin1String("HTTP "));
            },
            10000));
        QVERIFY(out.contains(QLatin1String("WebSocket  ws://127.0.0.1:")));
        process.terminate();
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitCode(), 0);

        // No GUI library is loaded.
        const Run libraries = test::runProgram(QStringLiteral("ldd"), {server});
        QCOMPARE(libraries.status, 0);
        QVERIFY(libraries.out.contains(QLatin1String("libQt6Core")));
        for (const char *gui : {"libQt6Gui", "libQt6Widgets", "libGL", "libxcb"})
            QVERIFY2(!libraries.out.contains(QLatin1String(gui)), gui);
    }

    // A display that does not answer (a stale DISPLAY, say) gives the headless server, not a
    // crash in QApplication.
    void unreachableDisplayServesHeadless()
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("DISPLAY"), QStringLiteral(":4242"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(SUBSCOPE_BINARY),
                      {QStringLiteral("--port"), QStringLiteral("0")});
        QString out;
        const bool serving = QTest::qWaitFor(
            [&] {
                out += QString::fromUtf8(process.readAllStandardOutput());
                return out.contains(QLatin1String("HTTP ")) ||
                       process.state() == QProcess::NotRunning;
            },
            10000);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        process.kill();
        process.waitForFinished(5000);
        QVERIFY2(serving && out.contains(QLatin1String("HTTP ")), qPrintable(out + err));
        QVERIFY2(err.contains(QLatin1String("no display answers")), qPrintable(err));
    }

    void explorerOpensAWorkspaceOrSaysWhyNot()
    {
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        const QString bad = dir.filePath(QStringLiteral("bad.subscope.json"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\": \"subscope-workspace\", \"version\": 1, \"panels\": 7}");
        file.close();

        QProcess process;
        process.setProcessEnvironment(env);
        process.start(
            QStringLiteral(SUBSCOPE_BINARY),
            {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--workspace"), bad});
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 1);
        const QString refused = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(
            refused.trimmed().endsWith(
                QStringLiteral("subscope: %1: panels: expected an array, found a number").arg(bad)),
            qPrintable(refused));
        QVERIFY2(!refused.contains(QLatin1String("serving")), qPrintable(refused));

        const QString good = dir.filePath(QStringLiteral("good.subscope.json"));
        QFile goodFile(good);
        QVERIFY(goodFile.open(QIODevice::WriteOnly));
        goodFile.write("{\"format\": \"subscope-workspace\", \"version\": 1, \"panels\": "
                       "[{\"embeddedServer\": true}]}");
        goodFile.close();
        process.start(
            QStringLiteral(SUBSCOPE_BINARY),
            {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--workspace"), good});
        QString err;
        const bool serving = QTest::qWaitFor(
            [&] {
                err += QString::fromUtf8(process.readAllStandardError());
                return err.contains(QLatin1String("opened the workspace ")) ||
                       process.state() == QProcess::NotRunning;
            },
            20000);
        QTest::qWait(300);
        const bool running = process.state() == QProcess::Running;
        process.kill();
        process.waitForFinished(5000);
        QVERIFY2(serving && running, qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("opened the workspace %1: 1 panels").arg(good)),
                 qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
