// Server text frames as RFC 6455 §5.2 lays them out: the three length encodings at their limits,
// and bytes written to a socket arrive whole and in order whether or not Qt holds some already.
#include "server/frame_writer.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace subscope::server;

class TestFrameWriter : public QObject
{
    Q_OBJECT
private slots:
    void lengthEncodings_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("empty") << 0 << QByteArray("\x81\x00", 2);
        QTest::newRow("125") << 125 << QByteArray("\x81\x7d");
        QTest::newRow("126") << 126 << QByteArray("\x81\x7e\x00\x7e", 4);
        QTest::newRow("65535") << 65535 << QByteArray("\x81\x7e\xff\xff");
        QTest::newRow("65536") << 65536
                               << QByteArray("\x81\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10);
    }
    void lengthEncodings()
    {
        QFETCH(int, size);
        QFETCH(QByteArray, header);
        const QByteArray payload(size, 'x');
        QByteArray out("before");
        appendTextFrame(out, payload);
        QCOMPARE(out.size(), 6 + header.size() + size);
        QCOMPARE(out.mid(6, header.size()), header);
        QCOMPARE(out.mid(6 + header.size()), payload);
    }

    void writesArriveWholeAndInOrder()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(server.waitForNewConnection(5000));
        QTcpSocket *peer = server.nextPendingConnection();
        QVERIFY(client.waitForConnected(5000));
        // Qt holds the first write; the second must queue behind it, not overtake it.
        peer->write("first,");
        writeToSocket(*peer, "second,");
        // Far more than a socket buffer: the rest waits in Qt's buffer.
        const QByteArray big(8 * 1024 * 1024, 'b');
        writeToSocket(*peer, big);
        writeToSocket(*peer, "last");
        const QByteArray expected = "first,second," + big + "last";
        QByteArray received;
        QVERIFY(QTest::qWaitFor(
            [&] {
                received += client.readAll();
                return received.size() >= expected.size();
            },
            10000));
        QCOMPARE(received.size(), expected.size());
        QVERIFY(received == expected);
    }
};

QTEST_GUILESS_MAIN(TestFrameWriter)
#include "tst_frame_writer.moc"
