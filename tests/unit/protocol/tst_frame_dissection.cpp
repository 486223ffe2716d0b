// The traffic inspector reading of single frames: type, operation id and a one-line summary,
// for every frame the Django server and its clients exchanged in the recorded transcripts, and
// for what no server should send.
#include "graphql/json_value.h"
#include "protocol/frame_dissection.h"
#include "support/test_schemas.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace subscope;
using protocol::dissectFrame;
using protocol::FrameDissection;

class TestFrameDissection : public QObject
{
    Q_OBJECT
private slots:
    void frames_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("summary");
        QTest::newRow("init") << "{\"type\":\"connection_init\",\"payload\":{\"authToken\":\"t\"}}"
                              << "connection_init"
                              << ""
                              << "{\"authToken\":\"t\"}";
        QTest::newRow("init, no payload") << "{\"type\":\"connection_init\"}"
                                          << "connection_init"
                                          << ""
                                          << "";
        QTest::newRow("subscribe")
            << "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription S {\\n  "
               "myModelCreated(subscribe: true) {\\n    id\\n  "
               "}\\n}\",\"operationName\":\"S\",\"variables\":{\"a\":1}}}"
            << "subscribe"
            << "1"
            << "S · subscription S { myModelCreated(subscribe: true) { id } } · variables "
               "{\"a\":1}";
        // W14, W15: the acks in words.
        QTest::newRow("register ack")
            << "{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":null,\"errors\":null,"
               "\"extensions\":{\"cyparta\":{\"registeredGroups\":[\"A\",\"B.1\"],\"subscribe\":"
               "true,\"subscripe\":true,\"action\":\"register\"}}}}"
            << "next"
            << "1"
            << "register ack · A, B.1 · subscribe: true";
        QTest::newRow("unregister ack (legacy)")
            << "{\"id\":\"2\",\"type\":\"data\",\"payload\":{\"data\":null,\"errors\":null,"
               "\"extensions\":{\"cyparta\":{\"registeredGroups\":[\"A\"],\"subscribe\":false,"
               "\"subscripe\":false,\"action\":\"unregister\",\"deprecationNotes\":[\"x\"]}}}}"
            << "data"
            << "2"
            << "unregister ack · A · subscribe: false · deprecation note";
        // W21, W13a.
        QTest::newRow("event") << "{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":{\"ev\":{"
                                  "\"id\":\"1\"}},\"errors\":null}}"
                               << "next"
                               << "1"
                               << "{\"ev\":{\"id\":\"1\"}}";
        QTest::newRow("null result") << "{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":{"
                                        "\"ev\":null},\"errors\":null}}"
                                     << "next"
                                     << "1"
                                     << "{\"ev\":null}";
        // W12, W17, W10.
        QTest::newRow("errors")
            << "{\"id\":\"3\",\"type\":\"next\",\"payload\":{\"data\":null,\"errors\":[{"
               "\"message\":\"Cannot query field 'nope' on type 'MyModelType'.\"},{\"message\":"
               "\"second\"}]}}"
            << "next"
            << "3"
            << "errors: Cannot query field 'nope' on type 'MyModelType'. (+1 more)";
        QTest::newRow("error frame") << "{\"id\":\"4\",\"type\":\"error\",\"payload\":[{"
                                        "\"message\":\"Invalid message: missing query.\"}]}"
                                     << "error"
                                     << "4"
                                     << "Invalid message: missing query.";
        QTest::newRow("legacy error") << "{\"id\":\"4\",\"type\":\"error\",\"payload\":{"
                                         "\"message\":\"Invalid subscription document.\"}}"
                                      << "error"
                                      << "4"
                                      << "Invalid subscription document.";
        QTest::newRow("complete") << "{\"id\":\"9\",\"type\":\"complete\"}"
                                  << "complete"
                                  << "9"
                                  << "";
        QTest::newRow("numeric id") << "{\"id\":7,\"type\":\"stop\"}"
                                    << "stop"
                                    << "7"
                                    << "";
        QTest::newRow("ka") << "{\"type\":\"ka\"}"
                            << "ka"
                            << ""
                            << "";
        QTest::newRow("not JSON") << "{\"type\":"
                                  << "(not JSON)"
                                  << ""
                                  << "*";
        QTest::newRow("no type") << "{\"id\":\"1\"}"
                                 << "(no type)"
                                 << "1"
                                 << "{\"id\":\"1\"}";
        QTest::newRow("an array") << "[1,2]"
                                  << "(no type)"
                                  << ""
                                  << "[1,2]";
    }
    void frames()
    {
        QFETCH(QString, frame);
        QFETCH(QString, type);
        QFETCH(QString, id);
        QFETCH(QString, summary);
        const QByteArray utf8 = frame.toUtf8();
        const FrameDissection d = dissectFrame(std::string_view(utf8.constData(), utf8.size()));
        QCOMPARE(QString::fromStdString(d.type), type);
        QCOMPARE(QString::fromStdString(d.id), id);
        if (summary == QLatin1String("*"))
            QVERIFY(!d.summary.empty());
        else
            QCOMPARE(QString::fromStdString(d.summary), summary);
    }

    // Long values are cut on a character boundary.
    void summariesAreCut()
    {
        std::string frame = "{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":{\"v\":\"";
        for (int i = 0; i < 400; ++i)
            frame += "é";
        frame += "\"},\"errors\":null}}";
        const FrameDissection d = dissectFrame(frame);
        QVERIFY(d.summary.size() <= protocol::SummaryLength);
        QVERIFY(d.summary.ends_with("\u2026"));
        QVERIFY(QString::fromStdString(d.summary).toUtf8() == QByteArray::fromStdString(d.summary));
        QVERIFY(!QString::fromUtf8(d.summary.c_str()).contains(QChar::ReplacementCharacter));
    }

    // Every frame of the recorded Django sessions has its type and id read.
    void everyRecordedFrame()
    {
        const QDir dir(test::sharedPath(QStringLiteral("spec/transcripts")));
        int frames = 0;
        for (const QString &name : dir.entryList({QStringLiteral("*.jsonl")})) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            while (!file.atEnd()) {
                const QByteArray line = file.readLine().trimmed();
                graphql::JsonValue entry;
                QVERIFY(graphql::JsonValue::fromJson(line.toStdString(), &entry));
                const graphql::JsonValue *frame = entry.find("frame");
                if (!frame) continue;
                const FrameDissection d = dissectFrame(frame->toJson());
                const graphql::JsonValue *type = frame->isObject() ? frame->find("type") : nullptr;
                QCOMPARE(d.type, type ? type->toString() : std::string("(no type)"));
                const graphql::JsonValue *id = frame->isObject() ? frame->find("id") : nullptr;
                // A numeric id (a client's mistake) is shown as the number.
                QCOMPARE(d.id, !id              ? std::string()
                               : id->isString() ? id->toString()
                                                : id->toJson());
                ++frames;
            }
        }
        QVERIFY2(frames > 300, qPrintable(QString::number(frames)));
    }
};

QTEST_APPLESS_MAIN(TestFrameDissection)
#include "tst_frame_dissection.moc"
