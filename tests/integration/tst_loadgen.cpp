// The fan-out load generator against a headless Subscope, small: every figure it reports is
// there, and a server that keeps up shows no drops, duplicates or order mismatches (W20), with
// either subprotocol, one group or one group per socket, batched or paced.
#include "support/headless_process.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace subscope;

class TestLoadgen : public QObject
{
    Q_OBJECT

    static QJsonObject run(const test::Headless &server, QStringList arguments)
    {
        arguments << QStringLiteral("--port") << QString::number(server.websocket.port())
                  << QStringLiteral("--server-pid") << QString::number(server.process.processId())
                  << QStringLiteral("--quiet-ms") << QStringLiteral("1500");
        QProcess loadgen;
        loadgen.start(QStringLiteral(SUBSCOPE_LOADGEN), arguments);
        // The event loop runs meanwhile: the server's log is read, so its pipe never fills.
        const bool finished =
            QTest::qWaitFor([&] { return loadgen.state() == QProcess::NotRunning; }, 60000);
        if (!finished || loadgen.exitCode() != 0) {
            qWarning("%s", loadgen.readAllStandardError().constData());
            return {};
        }
        return QJsonDocument::fromJson(loadgen.readAllStandardOutput()).object();
    }

private slots:
    void loadgenMeasuresFanOut_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("expected");
        QTest::newRow("one group, graphql-transport-ws")
            << QStringList{"--sockets", "40", "--events", "50"} << 2000;
        QTest::newRow("one group, graphql-ws, batches of 7")
            << QStringList{"--sockets",  "40",         "--events", "50",
                           "--protocol", "graphql-ws", "--batch",  "7"}
            << 2000;
        QTest::newRow("a group per socket")
            << QStringList{"--sockets", "30", "--events", "90", "--each-group", "--batch", "10"}
            << 90;
        QTest::newRow("paced, one request at a time")
            << QStringList{"--sockets", "10", "--events", "20", "--rate", "100", "--inflight", "1"}
            << 200;
    }

    void loadgenMeasuresFanOut()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, expected);
        test::Headless server({});
        QVERIFY2(server.waitServing(), qPrintable(server.stderrText));
        const QJsonObject figures = run(server, arguments);
        QVERIFY(!figures.isEmpty());
        QCOMPARE(figures.value("frames").toInt(), expected);
        QCOMPARE(figures.value("expected").toInt(), expected);
        for (const char *zero :
             {"drops", "duplicates", "order_mismatches", "closed", "errors", "trigger_errors"})
            QVERIFY2(figures.value(zero).toInt() == 0, zero);
        QVERIFY(figures.value("frames_per_s").toDouble() > 0);
        QVERIFY(figures.value("p99_ms").toDouble() >= figures.value("p50_ms").toDouble());
        QVERIFY(figures.value("server_cpu_s").toDouble() >= 0);
        QVERIFY(figures.value("server_peak_rss_kib").toInt() > 1000);
        if (arguments.contains("--inflight")) QCOMPARE(figures.value("out_of_order").toInt(), 0);
    }

    void loadgenIdleReportsMemory()
    {
        test::Headless server({});
        QVERIFY2(server.waitServing(), qPrintable(server.stderrText));
        const QJsonObject figures =
            run(server, {"--sockets", "1000", "--events", "0", "--idle-ms", "200"});
        QVERIFY(!figures.isEmpty());
        QCOMPARE(figures.value("sockets").toInt(), 1000);
        // 1000 sockets connecting at once fit the listen backlog: with Qt's default of 50 the
        // kernel drops SYNs and the clients retry after a second.
        QVERIFY2(figures.value("connect_s").toDouble() < 0.9,
                 qPrintable(QString::number(figures.value("connect_s").toDouble())));
        QVERIFY(figures.value("server_rss_kib").toInt() >=
                figures.value("server_rss_before_kib").toInt());
        QVERIFY(figures.value("setup_per_s").toDouble() > 0);
    }
};

QTEST_GUILESS_MAIN(TestLoadgen)
#include "tst_loadgen.moc"
