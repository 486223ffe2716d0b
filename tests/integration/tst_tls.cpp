// `subscope --headless --tls-cert --tls-key`: wss:// and https:// on one port, with certificates
// made by openssl for this run; the files it refuses, and what a plain or broken client meets.
#include "support/headless_process.h"
#include "support/net_clients.h"
#include "support/run_subscope.h"
#include "support/ws_frame.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace subscope::test;

namespace {

const QString Transport = QStringLiteral("graphql-transport-ws");
const QString Legacy = QStringLiteral("graphql-ws");
const QByteArray TriggerToken = "tls-test-token";

qint64 rssKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_cert, m_key, m_rsaCert, m_rsaKey, m_otherKey, m_encryptedKey;
    std::unique_ptr<Headless> m_server;

    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }

    // Runs openssl with `arguments`; a failure fails the test with its output.
    static bool openssl(const QStringList &arguments)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("openssl"), arguments);
        if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit ||
            p.exitCode() != 0) {
            qWarning().noquote() << "openssl" << arguments.join(QLatin1Char(' '))
                                 << "failed:" << p.errorString() << p.readAll();
            return false;
        }
        return true;
    }
    static bool selfSigned(const QString &key, const QString &cert, const QString &algorithm)
    {
        return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                        algorithm, QStringLiteral("-nodes"), QStringLiteral("-keyout"), key,
                        QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("2"),
                        QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                        QStringLiteral("-addext"),
                        QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")});
    }

    // Trusts the test certificate, as a client given it as its CA would.
    QSslConfiguration trusting() const
    {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(m_cert));
        return tls;
    }
    std::unique_ptr<Client> wssClient(const QString &subprotocol) const
    {
        QNetworkRequest request(m_server->websocket);
        request.setSslConfiguration(trusting());
        return std::make_unique<Client>(request, QStringList{subprotocol});
    }
    // An HTTPS request that trusts the test certificate: status and body.
    QPair<int, QByteArray> https(const QByteArray &method, const QString &target,
                                 const QByteArray &body = {},
                                 const Headless *server = nullptr) const
    {
        QNetworkAccessManager manager;
        QNetworkRequest request(QUrl((server ? server : m_server.get())->http + target));
        request.setSslConfiguration(trusting());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + TriggerToken);
        QNetworkReply *reply = manager.sendCustomRequest(request, method, body);
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000)) return {0, {}};
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray content = status ? reply->readAll() : reply->errorString().toUtf8();
        delete reply;
        return {status, content};
    }
    // What comes on `socket` until the server closes it (at most 5 s).
    static QByteArray untilClosed(QTcpSocket &socket)
    {
        QByteArray in;
        (void)QTest::qWaitFor(
            [&] {
                in += socket.readAll();
                return socket.state() != QAbstractSocket::ConnectedState;
            },
            5000);
        return in + socket.readAll();
    }
    // Bytes as a client that does not speak TLS sends them; what comes back before the close.
    QByteArray plain(const QByteArray &bytes) const
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(QUrl(m_server->http).port()));
        if (!socket.waitForConnected(5000)) return "not connected";
        socket.write(bytes);
        return untilClosed(socket);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cert = path("cert.pem");
        m_key = path("key.pem");
        m_rsaCert = path("rsa-cert.pem");
        m_rsaKey = path("rsa-key.pem");
        m_otherKey = path("other-key.pem");
        m_encryptedKey = path("encrypted-key.pem");
        QVERIFY2(openssl({QStringLiteral("ecparam"), QStringLiteral("-name"),
                          QStringLiteral("prime256v1"), QStringLiteral("-out"), path("p256.pem")}),
                 "openssl (Debian package openssl) makes the test certificates");
        QVERIFY(selfSigned(m_key, m_cert, QStringLiteral("ec:") + path("p256.pem")));
        QVERIFY(selfSigned(m_rsaKey, m_rsaCert, QStringLiteral("rsa:2048")));
        QVERIFY(
            openssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"),
                     QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                     QStringLiteral("-out"), m_otherKey}));
        QVERIFY(openssl({QStringLiteral("pkey"), QStringLiteral("-in"), m_key,
                         QStringLiteral("-aes256"), QStringLiteral("-passout"),
                         QStringLiteral("pass:secret"), QStringLiteral("-out"), m_encryptedKey}));
        m_server = std::make_unique<Headless>(
            QStringList{QStringLiteral("--tls-cert"), m_cert, QStringLiteral("--tls-key"), m_key,
                        QStringLiteral("--trigger-token"), QString::fromLatin1(TriggerToken),
                        QStringLiteral("--keepalive"), QStringLiteral("0")});
        QVERIFY2(m_server->waitServing(), qPrintable(m_server->stderrText));
    }

    void bannerNamesWssAndHttps()
    {
        QCOMPARE(m_server->websocket.scheme(), QStringLiteral("wss"));
        QVERIFY2(m_server->http.startsWith(QLatin1String("https://127.0.0.1:")),
                 qPrintable(m_server->http));
    }

    void httpsEndpoints()
    {
        QCOMPARE(https("GET", QStringLiteral("/healthz")).first, 200);
        const auto graphql =
            https("POST", QStringLiteral("/graphql/"), "{\"query\":\"{ __typename }\"}");
        QCOMPARE(graphql.first, 200);
        QCOMPARE(graphql.second, QByteArray("{\"data\":{\"__typename\":\"Query\"}}"));
        // Kept alive: the same manager's second request reuses the TLS connection.
        QNetworkAccessManager manager;
        for (int i = 0; i < 3; ++i) {
            QNetworkRequest request(QUrl(m_server->http + QStringLiteral("/healthz")));
            request.setSslConfiguration(trusting());
            QNetworkReply *reply = manager.get(request);
            QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000));
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            delete reply;
        }
    }

    // Both subprotocols over wss://: acks, a register ack and events fired over https://.
    void subscriptionsOverWss_data()
    {
        QTest::addColumn<QString>("subprotocol");
        QTest::newRow("graphql-transport-ws") << Transport;
        QTest::newRow("graphql-ws") << Legacy;
    }
    void subscriptionsOverWss()
    {
        QFETCH(QString, subprotocol);
        const auto client = wssClient(subprotocol);
        QVERIFY(client->waitConnected());
        QCOMPARE(client->socket.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(client->socket.subprotocol(), subprotocol);
        client->send(QStringLiteral("{\"type\":\"connection_init\"}"));
        const QString query =
            QStringLiteral("subscription { myModelUpdated(id: \\\"tls\\\") { name } }");
        client->send(QStringLiteral("{\"id\":\"1\",\"type\":\"%1\",\"payload\":{\"query\":\"%2\"}}")
                         .arg(subprotocol == Transport ? QStringLiteral("subscribe")
                                                       : QStringLiteral("start"),
                              query));
        QVERIFY(client->waitFrameContaining(QStringLiteral("MyModelUpdated.tls")));
        // 300 events in one batch: more than the transport holds at once (64 KiB), all in order.
        QByteArray batch = "[";
        for (int i = 0; i < 300; ++i)
            batch += (i ? "," : "") + QByteArray("{\"group\":\"MyModelUpdated.tls\",\"value\":{") +
                     "\"n\":" + QByteArray::number(i) + ",\"pad\":\"" + QByteArray(400, 'p') +
                     "\"}}";
        batch += "]";
        const auto fired = https("POST", QStringLiteral("/trigger"), batch);
        QCOMPARE(fired.first, 202);
        QVERIFY(client->waitFrameContaining(QStringLiteral("\"n\":299"), 10000));
        int n = 0;
        for (const QString &frame : client->frames)
            if (frame.contains(QLatin1String("\"n\":")))
                QVERIFY2(frame.contains(QStringLiteral("\"n\":%1,").arg(n++)), qPrintable(frame));
        QCOMPARE(n, 300);
        client->socket.close();
        QVERIFY(client->waitClosed());
        QCOMPARE(*client->closeCode, 1000);
    }

    // subscope trigger against an https:// server: with its certificate given, and without.
    void triggerCommandOverHttps()
    {
        const QStringList fire{
            QStringLiteral("trigger"), QStringLiteral("--server"),        m_server->http,
            QStringLiteral("--token"), QString::fromLatin1(TriggerToken), QStringLiteral("nobody"),
            QStringLiteral("1")};
        const Run trusted = runSubscope(fire + QStringList{QStringLiteral("--cacert"), m_cert});
        QVERIFY2(trusted.status == 0, qPrintable(trusted.err));
        QCOMPARE(trusted.out, QStringLiteral("{\"group\":\"nobody\",\"deliveries\":0}\n"));
        const Run untrusted = runSubscope(fire);
        QCOMPARE(untrusted.status, 2);
        QVERIFY2(untrusted.err.contains(QStringLiteral("(a self-signed server's certificate is "
                                                       "given with --cacert)")),
                 qPrintable(untrusted.err));
        const Run notACertificate =
            runSubscope(fire + QStringList{QStringLiteral("--cacert"), m_key});
        QCOMPARE(notACertificate.status, 2);
        QCOMPARE(
            notACertificate.err,
            QStringLiteral("subscope trigger: --cacert: %1 holds no PEM certificate\n").arg(m_key));
    }

    // Each request on a kept-alive https:// connection is framed before it is served, as on
    // http:// (tst_bad_input keptAliveHttp).
    void framingOverHttps()
    {
        QSslSocket socket;
        socket.setSslConfiguration(trusting());
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"),
                                      quint16(QUrl(m_server->http).port()));
        QVERIFY2(socket.waitForEncrypted(5000), qPrintable(socket.errorString()));
        socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                     "POST /trigger HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"
                     "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        const QByteArray in = untilClosed(socket);
        QCOMPARE(in.count("HTTP/1.1 "), 2);
        QVERIFY2(in.startsWith("HTTP/1.1 200 "), in.constData());
        QVERIFY2(in.contains("HTTP/1.1 400 Bad Request\r\n"), in.constData());
        QVERIFY2(in.contains("Content-Length is not a number."), in.constData());
    }

    void plainHttpOnTheTlsPortIsTold()
    {
        const QByteArray answer = plain("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer.constData());
        QVERIFY2(answer.contains("This port serves HTTPS and WSS only: use https:// or wss://."),
                 answer.constData());
    }

    void plainWebSocketIsRefused()
    {
        QUrl url = m_server->websocket;
        url.setScheme(QStringLiteral("ws"));
        Client client(url, {Transport});
        QVERIFY(client.waitConnected());
        QVERIFY(client.waitClosed());
        QVERIFY(client.socket.state() != QAbstractSocket::ConnectedState);
    }

    // A handshake record that is not TLS, then silence: closed, and others still served.
    void brokenHandshakes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("record header only") << QByteArray("\x16\x03\x01", 3);
        QTest::newRow("garbage after the record type") << QByteArray("\x16garbage garbage garbage");
        QTest::newRow("a ClientHello cut short")
            << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
    }
    void brokenHandshakes()
    {
        QFETCH(QByteArray, bytes);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(QUrl(m_server->http).port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write(bytes);
        QVERIFY(socket.waitForBytesWritten(5000));
        // Garbage is refused at once; a cut-short hello waits for the head timeout (10 s), so
        // only check that the server goes on serving meanwhile.
        QCOMPARE(https("GET", QStringLiteral("/healthz")).first, 200);
        if (!QByteArray(QTest::currentDataTag()).startsWith("garbage")) return;
        QVERIFY(QTest::qWaitFor([&] { return socket.state() != QAbstractSocket::ConnectedState; },
                                5000));
    }

    // A wss:// client that stops reading: what the server holds for it is bounded (what the TLS
    // socket holds counts toward the connection's 256 KiB high-water mark, then the outbox takes
    // 128 frames), so 20 MB of events beyond the kernel's buffers are dropped by the outbox
    // (drop_newest) and the server's memory stays flat, while a reading client gets every event.
    void pausedWssClientIsBoundedByItsOutbox()
    {
        Headless server({QStringLiteral("--tls-cert"), m_cert, QStringLiteral("--tls-key"), m_key,
                         QStringLiteral("--outbox-size"), QStringLiteral("128"),
                         QStringLiteral("--keepalive"), QStringLiteral("0")});
        QVERIFY2(server.waitServing(), qPrintable(server.stderrText));
        const quint16 port = quint16(QUrl(server.http).port());
        const QByteArray subscribe = "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{"
                                     "\"query\":\"subscription { myCustomEvent { field1 } }\"}}";
        QSslSocket paused;
        paused.setSslConfiguration(trusting());
        paused.setReadBufferSize(4096); // reads no more once that much waits unread
        paused.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        paused.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        QVERIFY2(paused.waitForEncrypted(5000), qPrintable(paused.errorString()));
        paused.write("GET /graphql/ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws"
                     "\r\n\r\n" +
                     wsFrame(0x81, "{\"type\":\"connection_init\"}") + wsFrame(0x81, subscribe));
        QByteArray greeting;
        QVERIFY(QTest::qWaitFor(
            [&] {
                greeting += paused.read(4096);
                return greeting.contains("custom_event");
            },
            5000));
        QNetworkRequest request(server.websocket);
        request.setSslConfiguration(trusting());
        Client reading(request, {Transport});
        QVERIFY(reading.waitConnected());
        reading.send(QStringLiteral("{\"type\":\"connection_init\"}"));
        reading.send(QString::fromLatin1(subscribe));
        QVERIFY(reading.waitFrameContaining(QStringLiteral("custom_event")));
        const qint64 rssBefore = rssKiB(server.process.processId());

        // 200 batches of 100 events of 1 KiB, each sent when the reading client has the last,
        // over one kept-alive https connection.
        QNetworkAccessManager manager;
        QNetworkRequest trigger(QUrl(server.http + QStringLiteral("/trigger")));
        trigger.setSslConfiguration(trusting());
        trigger.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        for (int b = 0; b < 200; ++b) {
            QByteArray batch = "[";
            for (int i = 0; i < 100; ++i)
                batch += QByteArray(i ? "," : "") +
                         "{\"group\":\"custom_event\",\"value\":{\"field1\":\"" +
                         QByteArray::number(b * 100 + i) + ' ' + QByteArray(1000, 'x') + "\"}}";
            batch += "]";
            QNetworkReply *reply = manager.post(trigger, batch);
            QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000));
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 202);
            delete reply;
            QVERIFY2(reading.waitFrameContaining(QStringLiteral("\"%1 ").arg(b * 100 + 99), 10000),
                     qPrintable(QString::number(b)));
            reading.frames.clear();
        }
        const qint64 grownKiB = rssKiB(server.process.processId()) - rssBefore;
        const auto metrics = https("GET", QStringLiteral("/metrics"), {}, &server);
        const QRegularExpressionMatch drops =
            QRegularExpression(
                QStringLiteral("subscope_outbox_drops_total\\{strategy=\"drop_newest\"\\} (\\d+)"))
                .match(QString::fromLatin1(metrics.second));
        QVERIFY2(drops.hasMatch(), metrics.second.constData());
        qInfo("paused wss:// client: %s of 20000 events dropped, server RSS grew %lld KiB",
              qPrintable(drops.captured(1)), grownKiB);
        // It can have taken its 4 KiB, the kernel's buffers (up to 4 MiB on the server's side
        // here), 256 KiB held and 128 frames: well over half of 20 MB is dropped.
        QVERIFY2(drops.captured(1).toInt() > 10000, qPrintable(drops.captured(0)));
#ifndef SUBSCOPE_SANITIZED // ASan keeps freed memory in quarantine: RSS says nothing then
        QVERIFY2(grownKiB < 8 * 1024, qPrintable(QString::number(grownKiB)));
#endif
        QCOMPARE(paused.state(), QAbstractSocket::ConnectedState);
    }

    // A connection whose first byte comes when its 10 s are up (here: a server stopped with
    // SIGSTOP meanwhile) is served or refused, and the timeout does not then close the descriptor
    // under its socket, which the next connection would reuse. A TLS handshake that stalls is
    // closed when its 10 s are up.
    void firstByteAtTheTimeout()
    {
        Headless server({QStringLiteral("--tls-cert"), m_cert, QStringLiteral("--tls-key"), m_key});
        QVERIFY2(server.waitServing(), qPrintable(server.stderrText));
        const quint16 port = quint16(QUrl(server.http).port());
        QTcpSocket late, stalled;
        late.connectToHost(QHostAddress::LocalHost, port);
        stalled.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(late.waitForConnected(5000) && stalled.waitForConnected(5000));
        stalled.write(QByteArray("\x16\x03\x01", 3));
        QVERIFY(stalled.waitForBytesWritten(5000));
        QTest::qWait(200); // the server reads the stalled client's first byte
        const qint64 pid = server.process.processId();
        QCOMPARE(::kill(pid_t(pid), SIGSTOP), 0);
        late.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(late.waitForBytesWritten(5000));
        QTest::qWait(10500);
        QCOMPARE(::kill(pid_t(pid), SIGCONT), 0);
        QByteArray answer;
        QVERIFY(QTest::qWaitFor(
            [&] {
                answer += late.readAll();
                return answer.contains("use https:// or wss://.");
            },
            5000));
        QVERIFY(answer.startsWith("HTTP/1.1 400 Bad Request"));
        QVERIFY(QTest::qWaitFor([&] { return stalled.state() != QAbstractSocket::ConnectedState; },
                                3000));

        // A kept-alive https connection made now stays usable past the refusal's 2 s linger.
        QSslSocket next;
        next.setSslConfiguration(trusting());
        next.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        QVERIFY2(next.waitForEncrypted(5000), qPrintable(next.errorString()));
        for (int i = 0; i < 2; ++i) {
            next.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            QByteArray got;
            QVERIFY2(QTest::qWaitFor(
                         [&] {
                             got += next.readAll();
                             return got.contains("{\"status\":\"ok\"}");
                         },
                         5000),
                     got.constData());
            if (i == 0) QTest::qWait(2500);
        }
        QCOMPARE(next.state(), QAbstractSocket::ConnectedState);
    }

    // SIGTERM closes wss:// sockets with 1001 too, through TLS, and the server exits while a
    // connection has not sent its first byte yet.
    void shutdownClosesWith1001()
    {
        Headless server(
            {QStringLiteral("--tls-cert"), m_rsaCert, QStringLiteral("--tls-key"), m_rsaKey});
        QVERIFY2(server.waitServing(), qPrintable(server.stderrText));
        QNetworkRequest request(server.websocket);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(m_rsaCert));
        request.setSslConfiguration(tls);
        Client client(request, {Transport});
        QVERIFY(client.waitConnected());
        client.send(QStringLiteral("{\"type\":\"connection_init\"}"));
        QVERIFY(client.waitFrames(1));
        QCOMPARE(client.frames.first(), QStringLiteral("{\"type\":\"connection_ack\"}"));
        QTcpSocket silent;
        silent.connectToHost(QHostAddress::LocalHost, quint16(QUrl(server.http).port()));
        QVERIFY(silent.waitForConnected(5000));
        QTest::qWait(200); // accepted, waiting for its first byte
        server.process.terminate();
        QVERIFY(client.waitClosed());
        QCOMPARE(*client.closeCode, 1001);
        QVERIFY(QTest::qWaitFor([&] { return silent.state() != QAbstractSocket::ConnectedState; },
                                5000));
        QVERIFY(server.waitFinished());
        QCOMPARE(server.process.exitCode(), 0);
    }

    void refusedFiles_data()
    {
        QTest::addColumn<QString>("cert");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("message");
        QTest::newRow("key of another certificate")
            << m_cert << m_otherKey
            << QStringLiteral("--tls-cert %1 and --tls-key %2 do not serve TLS: ")
                   .arg(m_cert, m_otherKey);
        QTest::newRow("RSA key for an EC certificate")
            << m_cert << m_rsaKey
            << QStringLiteral("--tls-cert %1 and --tls-key %2 do not serve TLS: ")
                   .arg(m_cert, m_rsaKey);
        QTest::newRow("encrypted key")
            << m_cert << m_encryptedKey
            << QStringLiteral("--tls-key: %1 is encrypted with a passphrase; give the key without "
                              "one (openssl pkey -in %1 -out key.pem)")
                   .arg(m_encryptedKey);
        QTest::newRow("certificate as the key")
            << m_cert << m_cert
            << QStringLiteral("--tls-key: %1 holds no PEM private key (RSA, EC or DSA)")
                   .arg(m_cert);
        QTest::newRow("key as the certificate")
            << m_key << m_key
            << QStringLiteral("--tls-cert: %1 holds no PEM certificate").arg(m_key);
        QTest::newRow("key missing") << m_cert << QStringLiteral("/nonexistent/key.pem")
                                     << QStringLiteral("--tls-key: cannot read "
                                                       "/nonexistent/key.pem: No such file or "
                                                       "directory");
    }
    void refusedFiles()
    {
        QFETCH(QString, cert);
        QFETCH(QString, key);
        QFETCH(QString, message);
        const Run r = runSubscope({QStringLiteral("--headless"), QStringLiteral("--port"),
                                   QStringLiteral("0"), QStringLiteral("--tls-cert"), cert,
                                   QStringLiteral("--tls-key"), key});
        QVERIFY2(!r.out.contains(QLatin1String("serving")), qPrintable(r.out));
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains(QStringLiteral("subscope --headless: ") + message),
                 qPrintable(r.err));
    }

    void cleanupTestCase()
    {
        m_server.reset();
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
