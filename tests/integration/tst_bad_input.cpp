// The bad-input battery: WebSocket frames, HTTP bodies, headers, query strings, schema files,
// auth files, --events lines and command-line options, each refused with its specific answer
// (a close code, a status, a message). One `subscope --headless` serves the whole run with two
// witnesses subscribed throughout (one per subprotocol); after every case an event is fired and
// each witness must receive exactly that event and nothing else: no bad input disturbs another
// client.
#include "support/headless_process.h"
#include "support/net_clients.h"
#include "support/ws_frame.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace subscope;
using test::Client;
using test::Headless;
using test::wsFrame;

namespace {

const QString Transport = QStringLiteral("graphql-transport-ws");
const QString Legacy = QStringLiteral("graphql-ws");
const QString Init = QStringLiteral("{\"type\":\"connection_init\"}");
const QString Ack = QStringLiteral("{\"type\":\"connection_ack\"}");
const QString Ping = QStringLiteral("{\"type\":\"ping\"}");
const QString Pong = QStringLiteral("{\"type\":\"pong\"}");
const QByteArray TriggerToken = "trig-9f2c";
const QString CustomEvent = QStringLiteral("subscription { myCustomEvent { field1 } }");
constexpr int MaxMessageBytes = 131072;
constexpr int MaxBodyBytes = 131072;
constexpr int MaxOperations = 3;

// The main server's users: the witnesses' token may join every group, "lim" only MyModelCreated.
const QByteArray GoodAuth = "{\"tokens\": {\"wit\": {\"user\": \"witness\", \"groups\": [\"*\"]}, "
                            "\"lim\": {\"user\": \"limited\", \"groups\": [\"MyModelCreated\"]}}}";

QString json(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// A subscribe (or legacy start) frame for `query`, with more payload members if given.
QString operation(const QString &id, const QString &query, const QJsonObject &more = {},
                  const QString &type = QStringLiteral("subscribe"))
{
    QJsonObject payload = more;
    payload.insert(QStringLiteral("query"), query);
    return json({{QStringLiteral("id"), id},
                 {QStringLiteral("type"), type},
                 {QStringLiteral("payload"), payload}});
}
QString start(const QString &id, const QString &query, const QJsonObject &more = {})
{
    return operation(id, query, more, QStringLiteral("start"));
}

// W10's operation error frame: a list of one error (graphql-transport-ws) or the error (legacy).
QString operationError(const QString &id, const QString &message, const QString &code,
                       bool legacy = false)
{
    const QString error =
        QStringLiteral("{\"message\":\"%1\",\"extensions\":{\"code\":\"%2\"}}").arg(message, code);
    return QStringLiteral("{\"id\":\"%1\",\"type\":\"error\",\"payload\":%2}")
        .arg(id, legacy ? error : QLatin1Char('[') + error + QLatin1Char(']'));
}
QString invalidMessage(const QString &message, bool legacy = false)
{
    return operationError(QStringLiteral("1"), QStringLiteral("Invalid message: ") + message,
                          QStringLiteral("INVALID_MESSAGE"), legacy);
}
QString invalidDocument(bool legacy = false, const QString &id = QStringLiteral("1"))
{
    return operationError(id, QStringLiteral("Invalid subscription document."),
                          QStringLiteral("INVALID_QUERY"), legacy);
}

// A result frame (W12, W13a, W14, W21) with its payload as JSON text.
QString result(const QString &payload, bool legacy = false, const QString &id = QStringLiteral("1"))
{
    return QStringLiteral("{\"id\":\"%1\",\"type\":\"%2\",\"payload\":%3}")
        .arg(id, legacy ? QStringLiteral("data") : QStringLiteral("next"), payload);
}
// W12: a GraphQL error at line 1, `column`.
QString graphqlError(const QString &message, int column, bool legacy = false)
{
    return result(QStringLiteral("{\"data\":null,\"errors\":[{\"message\":\"%1\",\"locations\":"
                                 "[{\"line\":1,\"column\":%2}]}]}")
                      .arg(message)
                      .arg(column),
                  legacy);
}
// W16 / W17: the refusal without locations.
QString refusal(const QString &message, bool legacy = false)
{
    return result(QStringLiteral("{\"data\":null,\"errors\":[{\"message\":\"%1\"}]}").arg(message),
                  legacy);
}
QString nullResult(const QString &responseKey, bool legacy = false)
{
    return result(QStringLiteral("{\"data\":{\"%1\":null},\"errors\":null}").arg(responseKey),
                  legacy);
}
// W14: the register ack.
QString registered(const QString &id, const QString &group, bool legacy = false)
{
    return result(QStringLiteral("{\"data\":null,\"errors\":null,\"extensions\":{\"cyparta\":{"
                                 "\"registeredGroups\":[\"%1\"],\"subscribe\":true,"
                                 "\"subscripe\":true,\"action\":\"register\"}}}")
                      .arg(group),
                  legacy, id);
}
const QString NotAuthorized =
    QStringLiteral("Not authorized to subscribe to one or more subscription channels.");
const QString InvalidChannel = QStringLiteral("Invalid subscription channel name.");

// Documents beyond the parser's limits (64 KiB, 10000 tokens, 64 levels).
QString deepDocument(int levels)
{
    return QStringLiteral("subscription { ") + QStringLiteral("a { ").repeated(levels) +
           QStringLiteral("b") + QStringLiteral(" }").repeated(levels) + QStringLiteral(" }");
}
QString manyTokens(int tokens)
{
    return QStringLiteral("subscription { myCustomEvent { ") +
           QStringLiteral("field1 ").repeated(tokens) + QStringLiteral("} }");
}
QString largeDocument(int bytes)
{
    return QStringLiteral("# ") + QString(bytes, QLatin1Char('x')) + QStringLiteral("\n") +
           CustomEvent;
}

// One HTTP answer read off a raw connection.
struct HttpAnswer
{
    int status = 0;
    QByteArray head;
    QByteArray body;
};

// The complete answers at the start of `bytes` (each with its Content-Length body).
QList<HttpAnswer> parseAnswers(const QByteArray &bytes)
{
    QList<HttpAnswer> answers;
    qsizetype at = 0;
    for (;;) {
        const qsizetype end = bytes.indexOf("\r\n\r\n", at);
        if (end < 0) break;
        HttpAnswer a;
        a.head = bytes.mid(at, end - at);
        a.status = a.head.mid(9, 3).toInt();
        qsizetype length = 0;
        for (const QByteArray &line : a.head.split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        if (bytes.size() < end + 4 + length) break;
        a.body = bytes.mid(end + 4, length);
        answers << a;
        at = end + 4 + length;
    }
    return answers;
}

QByteArray closeFrame(const QByteArray &payload)
{
    return wsFrame(0x88, payload);
}
QByteArray closeCode(int code)
{
    return QByteArray(1, char(code >> 8)) + char(code & 0xff);
}

// A WebSocket client on a plain TCP socket, for frames QWebSocket will not send.
struct RawWebSocket
{
    QTcpSocket socket;
    QByteArray in;
    std::optional<int> code;
    QByteArray reason;

    bool open(quint16 port, const QByteArray &protocol)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5000)) return false;
        socket.write("GET /graphql/?token=wit HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: " +
                     protocol + "\r\n\r\n");
        if (!QTest::qWaitFor(
                [&] {
                    in += socket.readAll();
                    return in.contains("\r\n\r\n");
                },
                5000))
            return false;
        const bool upgraded = in.startsWith("HTTP/1.1 101");
        in.remove(0, in.indexOf("\r\n\r\n") + 4);
        return upgraded;
    }
    // Reads server frames (unmasked) until a Close frame or the end of the connection.
    bool waitClose()
    {
        return QTest::qWaitFor(
            [&] {
                in += socket.readAll();
                while (in.size() >= 2 && !code) {
                    const quint8 opcode = quint8(in[0]) & 0x0f;
                    qsizetype length = quint8(in[1]) & 0x7f, header = 2;
                    if (length == 126) {
                        if (in.size() < 4) break;
                        length = (quint8(in[2]) << 8) | quint8(in[3]);
                        header = 4;
                    } else if (length == 127) {
                        break; // the server sends nothing that large here
                    }
                    if (in.size() < header + length) break;
                    const QByteArray payload = in.mid(header, length);
                    in.remove(0, header + length);
                    if (opcode == 0x8) {
                        code = payload.size() >= 2 ? (quint8(payload[0]) << 8) | quint8(payload[1])
                                                   : 1005;
                        reason = payload.mid(2);
                    }
                }
                return code.has_value() || socket.state() != QAbstractSocket::ConnectedState;
            },
            5000);
    }
};

// A subscope command run to its end; `served` when it printed its banner and had to be killed.
struct Run
{
    int status = -1;
    QString out;
    QString err;
    bool served = false;
};

Run runSubscope(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(SUBSCOPE_BINARY), arguments);
    process.closeWriteChannel();
    QString out;
    const auto finished = [&] { return process.state() == QProcess::NotRunning; };
    (void)QTest::qWaitFor(
        [&] {
            out += QString::fromUtf8(process.readAllStandardOutput());
            return finished() || out.contains(QLatin1String("HTTP "));
        },
        15000);
    // A banner: the command may still exit on its own (an error found after listening).
    if (!finished()) (void)QTest::qWaitFor(finished, 1000);
    Run r;
    if (!finished()) {
        r.served = true;
        process.kill();
        process.waitForFinished(5000);
    } else {
        r.status = process.exitCode();
    }
    r.out = out + QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_authPath;
    std::unique_ptr<Headless> m_server;
    std::unique_ptr<Client> m_witness, m_legacyWitness;
    qsizetype m_witnessSeen = 0, m_legacySeen = 0;
    int m_event = 0;      // the value of the last event fired to the witnesses
    int m_eventsLine = 0; // lines written to the server's standard input (--events -)

    quint16 port() const { return quint16(m_server->websocket.port()); }

    bool writeFile(const QString &path, const QByteArray &text)
    {
        QFile file(path);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
               file.write(text) == text.size();
    }

    // Each witness has received exactly one frame since the last check: event `n`.
    void expectWitnessEvent(int n)
    {
        const QString payload =
            QStringLiteral("{\"data\":{\"myModelUpdated\":{\"n\":%1}},\"errors\":null}").arg(n);
        const QString expected = result(payload, false, QStringLiteral("w")),
                      expectedLegacy = result(payload, true, QStringLiteral("w"));
        const bool received = QTest::qWaitFor(
            [&] {
                return m_witness->frames.mid(m_witnessSeen).contains(expected) &&
                       m_legacyWitness->frames.mid(m_legacySeen).contains(expectedLegacy);
            },
            5000);
        // Taken before comparing, so that one disturbed case does not fail the next ones too.
        const QStringList fresh = m_witness->frames.mid(m_witnessSeen),
                          freshLegacy = m_legacyWitness->frames.mid(m_legacySeen);
        m_witnessSeen = m_witness->frames.size();
        m_legacySeen = m_legacyWitness->frames.size();
        QVERIFY2(received,
                 qPrintable(QStringLiteral("the witnesses did not both receive event %1").arg(n)));
        QCOMPARE(fresh, QStringList{expected});
        QCOMPARE(freshLegacy, QStringList{expectedLegacy});
        QVERIFY(!m_witness->closeCode && !m_legacyWitness->closeCode);
    }

    // Raw HTTP: the answers to `request` (after `settleMs` more, when a second one might come).
    QList<HttpAnswer> rawHttp(const QByteArray &request, int settleMs = 0, bool *closed = nullptr)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port());
        if (!socket.waitForConnected(5000)) return {};
        socket.write(request);
        QByteArray in;
        (void)QTest::qWaitFor(
            [&] {
                in += socket.readAll();
                return !parseAnswers(in).isEmpty() ||
                       socket.state() != QAbstractSocket::ConnectedState;
            },
            5000);
        if (settleMs) {
            QTest::qWait(settleMs);
            in += socket.readAll();
        }
        if (closed) *closed = socket.state() != QAbstractSocket::ConnectedState;
        return parseAnswers(in);
    }
    // Writes the pieces 100 ms apart on one connection; the answers until `expected` came or the
    // server closed, and whether it did.
    QList<HttpAnswer> keptAliveHttp(const QList<QByteArray> &pieces, qsizetype expected,
                                    bool *closed)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port());
        if (!socket.waitForConnected(5000)) return {};
        QByteArray in;
        for (const QByteArray &piece : pieces) {
            socket.write(piece);
            QTest::qWait(100);
            in += socket.readAll();
        }
        (void)QTest::qWaitFor(
            [&] {
                in += socket.readAll();
                return parseAnswers(in).size() >= expected ||
                       socket.state() != QAbstractSocket::ConnectedState;
            },
            5000);
        QTest::qWait(200); // an answer too many, or the close, would come by now
        in += socket.readAll();
        *closed = socket.state() != QAbstractSocket::ConnectedState;
        return parseAnswers(in);
    }
    QByteArray post(const QString &path, const QByteArray &body, const QByteArray &extra = {})
    {
        return "POST " + path.toUtf8() +
               " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + extra +
               "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }
    QByteArray authorized() const { return "Authorization: Bearer " + TriggerToken + "\r\n"; }

    // The common columns of the WebSocket cases: what the client offers and sends, and all it
    // receives (a Ping/Pong at the end proves a socket that stays open is still served).
    void addWebSocketColumns()
    {
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QStringList>("frames"); // "binary:..." and "spaces:N" are special
        QTest::addColumn<QStringList>("replies");
        QTest::addColumn<int>("closeCode"); // 0: stays open
        QTest::addColumn<QString>("closeReason");
    }
    void runWebSocketCase()
    {
        QFETCH(QString, protocol);
        QFETCH(QString, query);
        QFETCH(QByteArray, authorization);
        QFETCH(QStringList, frames);
        QFETCH(QStringList, replies);
        QFETCH(int, closeCode);
        QFETCH(QString, closeReason);
        QUrl url = m_server->websocket;
        url.setQuery(query);
        QNetworkRequest request(url);
        if (!authorization.isEmpty()) request.setRawHeader("Authorization", authorization);
        Client c(request, protocol.isEmpty() ? QStringList() : QStringList{protocol});
        QVERIFY(c.waitConnected());
        for (const QString &frame : frames) {
            if (frame.startsWith(QLatin1String("binary:")))
                c.socket.sendBinaryMessage(frame.mid(7).toUtf8());
            else if (frame.startsWith(QLatin1String("spaces:")))
                c.send(QString(frame.mid(7).toInt(), QLatin1Char(' ')));
            else
                c.send(frame);
        }
        if (closeCode) {
            QVERIFY(c.waitClosed());
            QCOMPARE(*c.closeCode, closeCode);
            QCOMPARE(c.socket.closeReason(), closeReason);
            QCOMPARE(c.frames, replies);
            return;
        }
        c.send(Ping);
        QVERIFY2(c.waitFrameContaining(Pong), qPrintable(c.frames.join(QLatin1Char('\n'))));
        QCOMPARE(c.frames.last(), Pong);
        QCOMPARE(c.frames.mid(0, c.frames.size() - 1), replies);
        QVERIFY(!c.closeCode);
    }

    // Rows of HTTP requests: the raw request, the status, the body (exact, or contained).
    void addHttpColumns()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("exact");
        QTest::addColumn<QByteArray>("header"); // a header line the answer must carry
    }
    void runHttpCase()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, exact);
        QFETCH(QByteArray, header);
        const QList<HttpAnswer> answers = rawHttp(request);
        QVERIFY2(!answers.isEmpty(), "no answer");
        const HttpAnswer &a = answers.first();
        QVERIFY2(a.status == status, QByteArray(a.head).replace('\r', "").constData());
        body.replace("{ws}", m_server->websocket.toString().toUtf8());
        if (exact)
            QCOMPARE(a.body, body);
        else
            QVERIFY2(a.body.contains(body), a.body.left(500).constData());
        if (!header.isEmpty())
            QVERIFY2(a.head.contains(header), QByteArray(a.head).replace('\r', "").constData());
    }

    // Rows of commands run to their end: the arguments ({file}: the row's file), its content,
    // the exit status and what stderr must say.
    void addCommandColumns()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
    }
    void runCommandCase(const QString &suffix, Run *run = nullptr)
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, content);
        QFETCH(int, status);
        QFETCH(QString, message);
        const QString path = m_dir.filePath(
            QStringLiteral("case-%1.%2")
                .arg(QString::fromLatin1(QTest::currentDataTag())
                         .replace(QRegularExpression(QStringLiteral("\\W")), QStringLiteral("_")),
                     suffix));
        if (!content.isNull()) QVERIFY(writeFile(path, content));
        arguments.replaceInStrings(QStringLiteral("{file}"), path);
        message.replace(QStringLiteral("{file}"), path);
        const Run r = runSubscope(arguments);
        if (run) *run = r;
        QVERIFY2(!r.served, qPrintable(QStringLiteral("it served instead: ") + r.err));
        QVERIFY2(r.status == status,
                 qPrintable(QString::number(r.status) + QLatin1Char(' ') + r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_authPath = m_dir.filePath(QStringLiteral("auth.json"));
        QVERIFY(writeFile(m_authPath, GoodAuth));
        m_server = std::make_unique<Headless>(QStringList{
            QStringLiteral("--auth"), m_authPath, QStringLiteral("--require-auth"),
            QStringLiteral("--events"), QStringLiteral("-"), QStringLiteral("--trigger-token"),
            QString::fromLatin1(TriggerToken), QStringLiteral("--allowed-origins"),
            QStringLiteral("https://ok.example"), QStringLiteral("--max-operations"),
            QString::number(MaxOperations), QStringLiteral("--max-message-size"),
            QString::number(MaxMessageBytes), QStringLiteral("--max-body-size"),
            QString::number(MaxBodyBytes), QStringLiteral("--keepalive"), QStringLiteral("0")});
        QVERIFY2(m_server->waitServing(), qPrintable(m_server->stderrText));
        QUrl url = m_server->websocket;
        url.setQuery(QStringLiteral("token=wit"));
        const QString witnessQuery =
            QStringLiteral("subscription { myModelUpdated(id: \"witness\") { name } }");
        m_witness = std::make_unique<Client>(url, QStringList{Transport});
        m_legacyWitness = std::make_unique<Client>(url, QStringList{Legacy});
        QVERIFY(m_witness->waitConnected() && m_legacyWitness->waitConnected());
        m_witness->send(Init);
        m_witness->send(operation(QStringLiteral("w"), witnessQuery));
        m_legacyWitness->send(Init);
        m_legacyWitness->send(start(QStringLiteral("w"), witnessQuery));
        QVERIFY(m_witness->waitFrames(2) && m_legacyWitness->waitFrames(2));
        QCOMPARE(m_witness->frames,
                 (QStringList{Ack, registered(QStringLiteral("w"),
                                              QStringLiteral("MyModelUpdated.witness"))}));
        QCOMPARE(m_legacyWitness->frames,
                 (QStringList{Ack, registered(QStringLiteral("w"),
                                              QStringLiteral("MyModelUpdated.witness"), true)}));
        m_witnessSeen = m_legacySeen = 2;
    }

    // After every case: the server still runs, and the witnesses receive a fresh event, alone.
    void cleanup()
    {
        QCOMPARE(m_server->process.state(), QProcess::Running);
        const int n = ++m_event;
        const QList<HttpAnswer> answers = rawHttp(
            post(QStringLiteral("/trigger"),
                 QStringLiteral("{\"group\":\"MyModelUpdated.witness\",\"value\":{\"n\":%1}}")
                     .arg(n)
                     .toUtf8(),
                 authorized()));
        QVERIFY(!answers.isEmpty());
        QCOMPARE(answers.first().body,
                 QByteArray("{\"group\":\"MyModelUpdated.witness\",\"deliveries\":2}"));
        expectWitnessEvent(n);
    }

    void cleanupTestCase()
    {
        m_witness.reset();
        m_legacyWitness.reset();
        m_server.reset();
    }

    // 1. WebSocket frames (W1, W4, W5, W8, W9, W10, W11, W12, W16, W27 and the limits).
    void webSocketFrames_data()
    {
        addWebSocketColumns();
        const QString wit = QStringLiteral("token=wit");
        const auto row = [&](const char *name, const QStringList &frames,
                             const QStringList &replies, int code = 0, const QString &reason = {},
                             const QString &protocol = Transport) {
            QTest::newRow(name) << protocol << wit << QByteArray() << frames << replies << code
                                << reason;
        };
        const auto sub = [](const QString &query, const QJsonObject &more = {}) {
            return operation(QStringLiteral("1"), query, more);
        };
        const QString invalidJson = QStringLiteral("Invalid JSON");

        // W9: not JSON, or binary: 4400.
        row("invalid JSON before init", {QStringLiteral("not json")}, {}, 4400, invalidJson);
        row("invalid JSON after the ack", {Init, QStringLiteral("{\"type\":")}, {Ack}, 4400,
            invalidJson);
        row("JSON with trailing garbage", {Init, QStringLiteral("{\"type\":\"ping\"} x")}, {Ack},
            4400, invalidJson);
        row("binary frame", {QStringLiteral("binary:{\"type\":\"connection_init\"}")}, {}, 4400,
            QStringLiteral("Binary frames are not supported"));
        row("binary frame after the ack", {Init, QStringLiteral("binary:x")}, {Ack}, 4400,
            QStringLiteral("Binary frames are not supported"));
        row("legacy invalid JSON", {Init, QStringLiteral("{oops")}, {Ack}, 4400, invalidJson,
            Legacy);
        row("legacy binary frame", {QStringLiteral("binary:x")}, {}, 4400,
            QStringLiteral("Binary frames are not supported"), Legacy);

        // W8: JSON that is not a frame is ignored, and the socket stays up.
        row("JSON array ignored", {Init, QStringLiteral("[1,2]")}, {Ack});
        row("JSON string ignored", {Init, QStringLiteral("\"connection_init\"")}, {Ack});
        row("JSON null ignored", {QStringLiteral("null"), Init}, {Ack});
        row("frame without type ignored",
            {Init, QStringLiteral("{\"id\":\"1\",\"payload\":{\"query\":\"{ base }\"}}")}, {Ack});
        row("type not a string ignored", {Init, QStringLiteral("{\"type\":7}")}, {Ack});
        row("unknown type ignored", {Init, QStringLiteral("{\"type\":\"explode\"}")}, {Ack});
        row("legacy start under graphql-transport-ws ignored",
            {Init, start(QStringLiteral("1"), CustomEvent)}, {Ack});
        row("subscribe under legacy graphql-ws ignored", {Init, sub(CustomEvent)}, {Ack}, 0, {},
            Legacy);
        row("subscribe without id ignored",
            {Init, QStringLiteral("{\"type\":\"subscribe\",\"payload\":{\"query\":\"%1\"}}")
                       .arg(CustomEvent)},
            {Ack});
        row("id that is an object ignored",
            {Init,
             QStringLiteral("{\"id\":{},\"type\":\"subscribe\",\"payload\":{\"query\":\"%1\"}}")
                 .arg(CustomEvent)},
            {Ack});
        row("complete of an unknown id ignored",
            {Init, QStringLiteral("{\"id\":\"nope\",\"type\":\"complete\"}")}, {Ack});
        row("complete without id ignored", {Init, QStringLiteral("{\"type\":\"complete\"}")},
            {Ack});
        row("init payload not an object tolerated",
            {QStringLiteral("{\"type\":\"connection_init\",\"payload\":\"x\"}")}, {Ack});

        // W5 / W4: order of the handshake frames.
        row("subscribe before init", {sub(CustomEvent)}, {}, 4401, QStringLiteral("Unauthorized"));
        row("legacy start before init", {start(QStringLiteral("1"), CustomEvent)}, {}, 4401,
            QStringLiteral("Unauthorized"), Legacy);
        row("duplicate connection_init", {Init, Init}, {Ack}, 4429,
            QStringLiteral("Too many initialisation requests"));
        row("legacy duplicate connection_init", {Init, Init}, {Ack}, 4429,
            QStringLiteral("Too many initialisation requests"), Legacy);

        // W10: the payload checks, in order.
        row("missing payload", {Init, QStringLiteral("{\"id\":\"1\",\"type\":\"subscribe\"}")},
            {Ack, invalidMessage(QStringLiteral("missing payload."))});
        row("null payload",
            {Init, QStringLiteral("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":null}")},
            {Ack, invalidMessage(QStringLiteral("missing payload."))});
        row("payload not an object",
            {Init, QStringLiteral("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":[\"%1\"]}")
                       .arg(CustomEvent)},
            {Ack, invalidMessage(QStringLiteral("payload must be an object."))});
        row("missing query",
            {Init, QStringLiteral("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{}}")},
            {Ack, invalidMessage(QStringLiteral("missing query."))});
        row("query not a string",
            {Init,
             QStringLiteral("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":5}}")},
            {Ack, invalidMessage(QStringLiteral("query must be a non-empty string."))});
        row("blank query", {Init, sub(QStringLiteral(" \n\t"))},
            {Ack, invalidMessage(QStringLiteral("query must be a non-empty string."))});
        row("variables not an object",
            {Init, sub(CustomEvent, {{QStringLiteral("variables"), QJsonArray{1}}})},
            {Ack, invalidMessage(QStringLiteral("variables must be an object or null."))});
        row("operationName not a string",
            {Init, sub(CustomEvent, {{QStringLiteral("operationName"), 5}})},
            {Ack, invalidMessage(QStringLiteral("operationName must be a string or null."))});
        row("legacy missing payload", {Init, QStringLiteral("{\"id\":\"1\",\"type\":\"start\"}")},
            {Ack, invalidMessage(QStringLiteral("missing payload."), true)}, 0, {}, Legacy);
        row("legacy query not a string",
            {Init, QStringLiteral("{\"id\":\"1\",\"type\":\"start\",\"payload\":{\"query\":[]}}")},
            {Ack, invalidMessage(QStringLiteral("query must be a non-empty string."), true)}, 0, {},
            Legacy);

        // W11: documents that give no subscription operation.
        row("syntax error", {Init, sub(QStringLiteral("subscription { myCustomEvent {"))},
            {Ack, invalidDocument()});
        row("legacy syntax error", {Init, start(QStringLiteral("1"), QStringLiteral("}"))},
            {Ack, invalidDocument(true)}, 0, {}, Legacy);
        row("mutation", {Init, sub(QStringLiteral("mutation { base }"))}, {Ack, invalidDocument()});
        row("mutation chosen by operationName",
            {Init, sub(QStringLiteral("mutation M { base } ") + CustomEvent,
                       {{QStringLiteral("operationName"), QStringLiteral("M")}})},
            {Ack, invalidDocument()});
        row("two subscriptions without operationName",
            {Init, sub(QStringLiteral("subscription A { myCustomEvent { field1 } } "
                                      "subscription B { myCustomEvent { field2 } }"))},
            {Ack, invalidDocument()});
        row("document nested deeper than 64 levels", {Init, sub(deepDocument(70))},
            {Ack, invalidDocument()});
        row("document of more than 10000 tokens", {Init, sub(manyTokens(10001))},
            {Ack, invalidDocument()});
        row("document larger than 64 KiB", {Init, sub(largeDocument(70000))},
            {Ack, invalidDocument()});

        // W12: validation errors as result frames, worded as graphql-core words them.
        row("unknown operationName",
            {Init, sub(QStringLiteral("subscription A { myCustomEvent { field1 } }"),
                       {{QStringLiteral("operationName"), QStringLiteral("B")}})},
            {Ack, refusal(QStringLiteral("Unknown operation named 'B'."))});
        row("unknown field", {Init, sub(QStringLiteral("subscription { nope }"))},
            {Ack, graphqlError(QStringLiteral("Cannot query field 'nope' on type 'Subscription'."),
                               16)});
        row("unknown subfield with a suggestion",
            {Init, sub(QStringLiteral("subscription { myCustomEvent { feld1 } }"))},
            {Ack, graphqlError(QStringLiteral("Cannot query field 'feld1' on type 'CustomType'. "
                                              "Did you mean 'field1' or 'field2'?"),
                               32)});
        row("legacy unknown field",
            {Init, start(QStringLiteral("1"), QStringLiteral("subscription { nope }"))},
            {Ack, graphqlError(QStringLiteral("Cannot query field 'nope' on type 'Subscription'."),
                               16, true)},
            0, {}, Legacy);
        row("unknown argument",
            {Init, sub(QStringLiteral("subscription { myCustomEvent(foo: 1) { field1 } }"))},
            {Ack, graphqlError(QStringLiteral("Unknown argument 'foo' on field "
                                              "'Subscription.myCustomEvent'."),
                               30)});
        row("argument of the wrong type",
            {Init, sub(QStringLiteral("subscription { myModelUpdated(id: 5) { name } }"))},
            {Ack,
             graphqlError(QStringLiteral("String cannot represent a non string value: 5"), 35)});
        row("variable of the wrong type",
            {Init, sub(QStringLiteral("subscription ($id: String) { myModelUpdated(id: $id) { "
                                      "name } }"),
                       {{QStringLiteral("variables"), QJsonObject{{QStringLiteral("id"), 5}}}})},
            {Ack, graphqlError(QStringLiteral("Variable '$id' got invalid value 5; String cannot "
                                              "represent a non string value: 5"),
                               15)});
        row("required variable missing",
            {Init, sub(QStringLiteral("subscription ($id: String!) { myModelUpdated(id: $id) { "
                                      "name } }"))},
            {Ack, graphqlError(QStringLiteral("Variable '$id' of required type 'String!' was not "
                                              "provided."),
                               15)});
        row("fragment spread within itself",
            {Init, sub(QStringLiteral("subscription { myCustomEvent { ...A } } fragment A on "
                                      "CustomType { ...A }"))},
            {Ack, graphqlError(QStringLiteral("Cannot spread fragment 'A' within itself."), 68)});
        row("query with errors over WebSocket",
            {Init, operation(QStringLiteral("q"), QStringLiteral("{ nope }"))},
            {Ack,
             result(QStringLiteral("{\"data\":null,\"errors\":[{\"message\":\"Cannot query field "
                                   "'nope' on type 'Query'.\",\"locations\":[{\"line\":1,"
                                   "\"column\":3}]}]}"),
                    false, QStringLiteral("q")),
             QStringLiteral("{\"type\":\"complete\",\"id\":\"q\"}")});

        // W16: invalid group names fail the request; the operation joins nothing (W13a).
        row("invalid group name",
            {Init,
             sub(QStringLiteral("subscription { myModelUpdated(id: \"bad id!\") { name } }"))},
            {Ack, refusal(InvalidChannel), nullResult(QStringLiteral("myModelUpdated"))});
        row("group name of 100 characters or more",
            {Init, sub(QStringLiteral("subscription { myModelUpdated(id: \"%1\") { name } }")
                           .arg(QString(85, QLatin1Char('x'))))},
            {Ack, refusal(InvalidChannel), nullResult(QStringLiteral("myModelUpdated"))});
        row("legacy invalid group name",
            {Init, start(QStringLiteral("1"),
                         QStringLiteral("subscription { myModelDeleted(id: \"a/b\") { name } }"))},
            {Ack, refusal(InvalidChannel, true),
             nullResult(QStringLiteral("myModelDeleted"), true)},
            0, {}, Legacy);

        // Limits: --max-operations (W10's shape), --max-message-size (1009).
        QStringList four{Init};
        QStringList acks{Ack};
        for (const char *id : {"a", "b", "c", "d"})
            four << operation(QLatin1String(id), CustomEvent);
        for (const char *id : {"a", "b", "c"})
            acks << registered(QLatin1String(id), QStringLiteral("custom_event"));
        acks << operationError(QStringLiteral("d"),
                               QStringLiteral("Too many operations on this connection (the limit "
                                              "is %1).")
                                   .arg(MaxOperations),
                               QStringLiteral("TOO_MANY_OPERATIONS"));
        row("more operations than --max-operations", four, acks);
        // W27: a reused id is not an error (graphql-ws would close 4409): the same operation.
        row("reused operation id joins the same operation",
            {Init, sub(CustomEvent), sub(CustomEvent)},
            {Ack, registered(QStringLiteral("1"), QStringLiteral("custom_event")),
             registered(QStringLiteral("1"), QStringLiteral("custom_event"))});
        row("message over --max-message-size",
            {Init, QStringLiteral("spaces:%1").arg(MaxMessageBytes + 1)}, {Ack}, 1009,
            QStringLiteral("Message larger than %1 bytes").arg(MaxMessageBytes));
        row("legacy message over --max-message-size",
            {QStringLiteral("spaces:%1").arg(2 * MaxMessageBytes)}, {}, 1009,
            QStringLiteral("Message larger than %1 bytes").arg(MaxMessageBytes), Legacy);

        // W1: no supported subprotocol: the handshake completes, then 1002.
        row("unsupported subprotocol", {}, {}, 1002, QStringLiteral("Unsupported subprotocol"),
            QStringLiteral("mqtt"));
        row("no subprotocol", {}, {}, 1002, QStringLiteral("Unsupported subprotocol"), QString());
    }
    void webSocketFrames() { runWebSocketCase(); }

    // 1b. Frames QWebSocket does not send: RFC 6455 violations close with 1002, 1007 or 1009.
    void webSocketRawFrames_data()
    {
        QTest::addColumn<QByteArray>("protocol");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("reason");
        const QByteArray t = Transport.toLatin1(), l = Legacy.toLatin1();
        QTest::newRow("text frame that is not UTF-8")
            << t << wsFrame(0x81, "{\"type\":\"ping\",\"x\":\"\xff\xfe\"}") << 1007
            << QByteArray("Text message is not UTF-8");
        QTest::newRow("legacy text frame that is not UTF-8")
            << l << wsFrame(0x81, "\xc3\x28") << 1007 << QByteArray("Text message is not UTF-8");
        QTest::newRow("fragmented text that is not UTF-8 once whole")
            << t << wsFrame(0x01, "{\"a\":\"\xe2\x82") + wsFrame(0x80, "\"}") << 1007
            << QByteArray("Text message is not UTF-8");
        QTest::newRow("unmasked frame") << t << wsFrame(0x81, "{\"type\":\"ping\"}", false) << 1002
                                        << QByteArray("Frames from a client must be masked");
        QTest::newRow("reserved bits set")
            << t << wsFrame(0xc1, "{}") << 1002
            << QByteArray("Reserved bits set, but no extension agreed");
        QTest::newRow("unknown opcode")
            << t << wsFrame(0x83, "{}") << 1002 << QByteArray("Unknown opcode");
        QTest::newRow("continuation without a message")
            << t << wsFrame(0x80, "{}") << 1002
            << QByteArray("Continuation frame without a message to continue");
        QTest::newRow("new message inside a fragmented one")
            << t << wsFrame(0x01, "{") + wsFrame(0x81, "{}") << 1002
            << QByteArray("New message before the fragmented one ended");
        QTest::newRow("fragmented ping") << t << wsFrame(0x09, "x") << 1002
                                         << QByteArray("Control frames must be unfragmented, "
                                                       "with at most 125 bytes");
        QTest::newRow("ping over 125 bytes") << t << wsFrame(0x89, QByteArray(126, 'p')) << 1002
                                             << QByteArray("Control frames must be unfragmented, "
                                                           "with at most 125 bytes");
        QTest::newRow("close frame of one byte")
            << t << closeFrame("\x03") << 1002 << QByteArray("Close frame with a one-byte payload");
        QTest::newRow("close code 1005 (reserved)")
            << t << closeFrame(closeCode(1005)) << 1002 << QByteArray("Invalid close code");
        QTest::newRow("close code 999")
            << t << closeFrame(closeCode(999)) << 1002 << QByteArray("Invalid close code");
        QTest::newRow("close reason not UTF-8") << t << closeFrame(closeCode(1000) + "\xff") << 1007
                                                << QByteArray("Close reason is not UTF-8");
        QTest::newRow("fragments over --max-message-size")
            << t
            << wsFrame(0x01, QByteArray(MaxMessageBytes / 2 + 1, ' ')) +
                   wsFrame(0x80, QByteArray(MaxMessageBytes / 2 + 1, ' '))
            << 1009
            << QByteArray("Message larger than ") + QByteArray::number(MaxMessageBytes) + " bytes";
        QTest::newRow("frame header announcing 2^62 bytes")
            << t << QByteArray("\x81\xff\x40\x00\x00\x00\x00\x00\x00\x00\x12\x34\x56\x78", 14)
            << 1009
            << QByteArray("Message larger than ") + QByteArray::number(MaxMessageBytes) + " bytes";
    }
    void webSocketRawFrames()
    {
        QFETCH(QByteArray, protocol);
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        QFETCH(QByteArray, reason);
        RawWebSocket ws;
        QVERIFY(ws.open(port(), protocol));
        ws.socket.write(bytes);
        QVERIFY(ws.waitClose());
        QVERIFY2(ws.code.has_value(), "closed without a Close frame");
        QCOMPARE(*ws.code, code);
        QCOMPARE(ws.reason, reason);
    }

    // 2. HTTP bodies: POST /trigger, /models/<name> and /graphql/.
    void httpBodies_data()
    {
        addHttpColumns();
        const QByteArray auth = authorized();
        const auto row = [&](const char *name, const QString &path, const QByteArray &body,
                             int status, const QByteArray &answer, bool exact = true) {
            QTest::newRow(name) << post(path, body, auth) << status << answer << exact
                                << QByteArray();
        };
        const QString trigger = QStringLiteral("/trigger"),
                      models = QStringLiteral("/models/MyModel"),
                      graphql = QStringLiteral("/graphql/");
        const auto query = [](const QString &document) {
            return QJsonDocument(QJsonObject{{QStringLiteral("query"), document}})
                .toJson(QJsonDocument::Compact);
        };
        const QByteArray badGroup =
            "'bad group!': letters, digits, '_', '.' and '-' only, fewer than 100 characters.";

        row("trigger body not JSON", trigger, "{bad", 400,
            "{\"error\":\"The body is not valid JSON: expected a member name at offset 1.\"}");
        row("trigger body empty", trigger, "", 400,
            "{\"error\":\"The body is not valid JSON: unexpected end of JSON at offset 0.\"}");
        row("trigger body with trailing garbage", trigger,
            "{\"group\":\"MyModelUpdated.witness\",\"value\":1} x", 400,
            "{\"error\":\"The body is not valid JSON: ", false);
        row("trigger body a number", trigger, "7", 400,
            "{\"error\":\"An event must be a JSON object {\\\"group\\\": \\\"...\\\", "
            "\\\"value\\\": ...}.\"}");
        row("trigger body a string", trigger, "\"MyModelUpdated.witness\"", 400,
            "{\"error\":\"An event must be a JSON object {\\\"group\\\": \\\"...\\\", "
            "\\\"value\\\": ...}.\"}");
        row("trigger without group", trigger, "{\"value\":1}", 400,
            "{\"error\":\"\\\"group\\\" must be a string.\"}");
        row("trigger group not a string", trigger,
            "{\"group\":[\"MyModelUpdated.witness\"],"
            "\"value\":1}",
            400, "{\"error\":\"\\\"group\\\" must be a string.\"}");
        row("trigger without value", trigger, "{\"group\":\"MyModelUpdated.witness\"}", 400,
            "{\"error\":\"\\\"value\\\" is missing (use null for an event without a value).\"}");
        row("trigger bad group name", trigger, "{\"group\":\"bad group!\",\"value\":1}", 400,
            "{\"error\":\"Invalid group name " + badGroup + "\"}");
        row("trigger group name of 100 characters", trigger,
            "{\"group\":\"" + QByteArray(100, 'g') + "\",\"value\":1}", 400,
            "{\"error\":\"Invalid group name '" + QByteArray(100, 'g') + "'", false);
        row("trigger batch with one bad group", trigger,
            "[{\"group\":\"MyModelUpdated.witness\",\"value\":{\"n\":-1}},"
            "{\"group\":\"bad group!\",\"value\":1}]",
            400,
            "{\"error\":\"[1]: Invalid group name " + badGroup +
                " Nothing in the batch was fired.\"}");
        row("trigger batch with one element not an object", trigger,
            "[{\"group\":\"MyModelUpdated.witness\",\"value\":{\"n\":-1}},7]", 400,
            "{\"error\":\"[1]: An event must be a JSON object {\\\"group\\\": \\\"...\\\", "
            "\\\"value\\\": ...}. Nothing in the batch was fired.\"}");
        row("trigger batch with one element without value", trigger,
            "[{\"group\":\"MyModelUpdated.witness\",\"value\":{\"n\":-1}},"
            "{\"group\":\"MyModelUpdated.witness\"}]",
            400,
            "{\"error\":\"[1]: \\\"value\\\" is missing (use null for an event without a "
            "value). Nothing in the batch was fired.\"}");

        row("model unknown", QStringLiteral("/models/Nope"),
            "{\"action\":\"update\",\"pk\":\"witness\"}", 404,
            "{\"error\":\"No @model type named 'Nope'. Models: MyModel.\"}");
        row("model body not JSON", models, "{\"action\":", 400,
            "{\"error\":\"The body is not valid JSON: ", false);
        row("model body not an object", models, "[\"update\"]", 400,
            "{\"error\":\"The body must be a JSON object {\\\"action\\\": ..., \\\"pk\\\": ..., "
            "\\\"fields\\\": {...}}.\"}");
        row("model bad action", models, "{\"action\":\"explode\",\"pk\":\"witness\"}", 400,
            "{\"error\":\"\\\"action\\\" must be \\\"create\\\", \\\"update\\\" or \\\"delete\\\", "
            "not 'explode'.\"}");
        row("model action not a string", models, "{\"action\":1,\"pk\":\"witness\"}", 400,
            "{\"error\":\"\\\"action\\\" must be \\\"create\\\", \\\"update\\\" or "
            "\\\"delete\\\".\"}");
        row("model without pk", models, "{\"action\":\"update\"}", 400,
            "{\"error\":\"\\\"pk\\\" must be a string or an integer.\"}");
        row("model pk a fraction", models, "{\"action\":\"update\",\"pk\":1.5}", 400,
            "{\"error\":\"\\\"pk\\\" must be a string or an integer.\"}");
        row("model pk an object", models, "{\"action\":\"update\",\"pk\":{\"id\":1}}", 400,
            "{\"error\":\"\\\"pk\\\" must be a string or an integer.\"}");
        row("model fields not an object", models,
            "{\"action\":\"update\",\"pk\":\"witness\",\"fields\":[1]}", 400,
            "{\"error\":\"\\\"fields\\\" must be an object of the model's fields.\"}");
        row("model unknown field", models,
            "{\"action\":\"update\",\"pk\":\"witness\",\"fields\":{\"nam\":\"x\"}}", 400,
            "{\"error\":\"Field 'nam' is not a field of MyModelType. Did you mean 'name'?\"}");
        row("model field of the wrong type", models,
            "{\"action\":\"update\",\"pk\":\"witness\",\"fields\":{\"age\":\"old\"}}", 400,
            "{\"error\":\"Field 'age' of MyModelType: Int cannot represent non-integer value: "
            "'old'\"}");
        row("model null for a non-null field", models,
            "{\"action\":\"update\",\"pk\":\"witness\",\"fields\":{\"age\":null}}", 400,
            "{\"error\":\"Field 'age' of MyModelType: null is not allowed for 'Int!'\"}");

        row("graphql body not JSON", graphql, "query { base }", 400,
            "{\"error\":\"The body is not valid JSON: ", false);
        row("graphql without query", graphql, "{\"variables\":{}}", 400,
            "{\"error\":\"Must provide query string.\"}");
        row("graphql query not a string", graphql, "{\"query\":5}", 400,
            "{\"error\":\"Must provide query string.\"}");
        row("graphql body an array", graphql, "[{\"query\":\"{ base }\"}]", 400,
            "{\"error\":\"Must provide query string.\"}");
        row("graphql variables text not JSON", graphql,
            "{\"query\":\"{ base }\",\"variables\":\"{bad\"}", 400,
            "{\"error\":\"Variables are invalid JSON.\"}");
        row("graphql variables a list", graphql, "{\"query\":\"{ base }\",\"variables\":[1]}", 400,
            "{\"error\":\"Variables are invalid JSON.\"}");
        row("graphql syntax error", graphql, query(QStringLiteral("{ base ")), 400,
            "{\"errors\":[{\"message\":\"Syntax Error: Expected Name, found <EOF>.\","
            "\"locations\":[{\"line\":1,\"column\":8}]}]}");
        row("graphql unknown field", graphql, query(QStringLiteral("{ nope }")), 400,
            "{\"errors\":[{\"message\":\"Cannot query field 'nope' on type 'Query'.\","
            "\"locations\":[{\"line\":1,\"column\":3}]}]}");
        row("graphql subscription", graphql, query(CustomEvent), 400,
            "{\"errors\":[{\"message\":\"Subscriptions are served over WebSocket at {ws}.\"}]}");
        row("graphql several operations without a name", graphql,
            query(QStringLiteral("query A { base } query B { base }")), 400,
            "{\"errors\":[{\"message\":\"Must provide operation name if query contains multiple "
            "operations.\"}]}");
        row("graphql unknown operationName", graphql,
            "{\"query\":\"query A { base }\",\"operationName\":\"C\"}", 400,
            "{\"errors\":[{\"message\":\"Unknown operation named 'C'.\"}]}");
        row("graphql document nested deeper than 64 levels", graphql,
            query(QStringLiteral("{ ") + QStringLiteral("a { ").repeated(70) + QStringLiteral("b") +
                  QStringLiteral(" }").repeated(70) + QStringLiteral(" }")),
            400, "Document nesting is deeper than the limit of 64 levels.", false);
        row("graphql document of more than 10000 tokens", graphql,
            query(QStringLiteral("{ ") + QStringLiteral("base ").repeated(10001) +
                  QStringLiteral("}")),
            400, "Document contains more than 10000 tokens. Parsing aborted.", false);
        row("graphql document larger than 64 KiB", graphql,
            query(QStringLiteral("# ") + QString(70000, QLatin1Char('x')) +
                  QStringLiteral("\n{ base }")),
            400, "Document is too large: 70011 bytes, the limit is 65536 bytes.", false);
        row("body over --max-body-size", trigger, QByteArray(MaxBodyBytes + 1, ' '), 413,
            "{\"error\":\"The body is larger than 128 KiB.\"}");
    }
    void httpBodies() { runHttpCase(); }

    // 3. Headers: the WebSocket handshake, Origin, the trigger token, framing of HTTP requests.
    void headers_data()
    {
        addHttpColumns();
        const QByteArray key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        const QByteArray version = "Sec-WebSocket-Version: 13\r\n";
        const QByteArray protocol = "Sec-WebSocket-Protocol: graphql-transport-ws\r\n";
        const QByteArray upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\n";
        const auto handshake = [](const QByteArray &headers,
                                  const QByteArray &line = "GET /graphql/ HTTP/1.1") -> QByteArray {
            return line + "\r\nHost: x\r\n" + headers + "\r\n";
        };
        const auto row = [](const char *name, const QByteArray &request, int status,
                            const QByteArray &body, bool exact = true,
                            const QByteArray &header = {}) {
            QTest::newRow(name) << request << status << body << exact << header;
        };
        row("handshake without Connection: Upgrade",
            handshake("Upgrade: websocket\r\n" + key + version + protocol), 400,
            "A WebSocket handshake needs \"Connection: Upgrade\".\n");
        row("handshake without Sec-WebSocket-Version", handshake(upgrade + key + protocol), 426,
            "Only WebSocket version 13 is supported.\n", true, "Sec-WebSocket-Version: 13");
        row("handshake with version 8",
            handshake(upgrade + key + "Sec-WebSocket-Version: 8\r\n" + protocol), 426,
            "Only WebSocket version 13 is supported.\n", true, "Sec-WebSocket-Version: 13");
        row("handshake without Sec-WebSocket-Key", handshake(upgrade + version + protocol), 400,
            "Sec-WebSocket-Key must be 16 bytes in base64.\n");
        row("handshake with a short key",
            handshake(upgrade + "Sec-WebSocket-Key: c2hvcnQ=\r\n" + version + protocol), 400,
            "Sec-WebSocket-Key must be 16 bytes in base64.\n");
        row("handshake with a key not in base64",
            handshake(upgrade + "Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!==\r\n" + version +
                      protocol),
            400, "Sec-WebSocket-Key must be 16 bytes in base64.\n");
        row("handshake as POST",
            handshake(upgrade + key + version + protocol, "POST /graphql/ HTTP/1.1"), 400,
            "A WebSocket handshake is a GET request.\n");
        row("handshake on another path",
            handshake(upgrade + key + version + protocol, "GET /graphql/x HTTP/1.1"), 404, "");
        row("handshake from an origin not allowed",
            handshake(upgrade + key + version + protocol + "Origin: https://evil.example\r\n"), 403,
            "The origin https://evil.example may not open WebSockets here (--allowed-origins).\n");
        row("handshake from the null origin",
            handshake(upgrade + key + version + protocol + "Origin: null\r\n"), 403,
            "The origin null may not open WebSockets here (--allowed-origins).\n");
        row("handshake from an allowed origin's other port",
            handshake(upgrade + key + version + protocol + "Origin: https://ok.example:8443\r\n"),
            403,
            "The origin https://ok.example:8443 may not open WebSockets here "
            "(--allowed-origins).\n");

        const QByteArray event = "{\"group\":\"MyModelUpdated.witness\",\"value\":{\"n\":-1}}";
        const QByteArray missingToken = "{\"error\":\"Triggering needs \\\"Authorization: Bearer "
                                        "<token>\\\" with the server's --trigger-token.\"}";
        const QByteArray wrongToken = "{\"error\":\"The trigger token is wrong.\"}";
        row("trigger without Authorization", post(QStringLiteral("/trigger"), event), 401,
            missingToken, true, "WWW-Authenticate: Bearer");
        row("trigger with a wrong token",
            post(QStringLiteral("/trigger"), event, "Authorization: Bearer wrong\r\n"), 401,
            wrongToken, true, "WWW-Authenticate: Bearer");
        row("trigger with a prefix of the token",
            post(QStringLiteral("/trigger"), event,
                 "Authorization: Bearer " + TriggerToken.left(4) + "\r\n"),
            401, wrongToken, true, "WWW-Authenticate: Bearer");
        row("trigger with the token and more",
            post(QStringLiteral("/trigger"), event,
                 "Authorization: Bearer " + TriggerToken + "x\r\n"),
            401, wrongToken, true, "WWW-Authenticate: Bearer");
        row("trigger with the Basic scheme",
            post(QStringLiteral("/trigger"), event,
                 "Authorization: Basic " + QByteArray("u:" + TriggerToken).toBase64() + "\r\n"),
            401, missingToken, true, "WWW-Authenticate: Bearer");
        row("model event without Authorization",
            post(QStringLiteral("/models/MyModel"), "{\"action\":\"update\",\"pk\":\"witness\"}"),
            401, missingToken, true, "WWW-Authenticate: Bearer");
        row("Content-Length over --max-body-size",
            "POST /trigger HTTP/1.1\r\nHost: x\r\n" + authorized() +
                "Content-Length: 99999999999\r\n\r\n{}",
            413, "{\"error\":\"The body is larger than 128 KiB.\"}", true, "Connection: close");
        row("request head over 16 KiB",
            handshake("X-Padding: " + QByteArray(17 * 1024, 'p') + "\r\n"), 431, "", true,
            "Connection: close");
        row("unknown method", "BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n", 404,
            "{\"error\":\"No route OTHER /pot. Routes: ", false);
    }
    void headers() { runHttpCase(); }

    // 3b. Malformed HTTP framing: RFC 9112 asks for 400 and a closed connection.
    void malformedHttp_data()
    {
        QTest::addColumn<QByteArray>("request");
        const QByteArray nobody = "{\"group\":\"nobody\",\"value\":1}";
        QTest::newRow("garbage request line") << QByteArray("GARBAGE\r\n\r\n");
        QTest::newRow("request line without target") << QByteArray("GET\r\n\r\n");
        QTest::newRow("Content-Length not a number")
            << "POST /trigger HTTP/1.1\r\nHost: x\r\n" + authorized() +
                   "Content-Length: abc\r\n\r\n" +
                   post(QStringLiteral("/trigger"), nobody, authorized());
        QTest::newRow("two different Content-Lengths")
            << "POST /trigger HTTP/1.1\r\nHost: x\r\n" + authorized() +
                   "Content-Length: " + QByteArray::number(nobody.size()) +
                   "\r\nContent-Length: 2\r\n\r\n" + nobody;
    }
    void malformedHttp()
    {
        QFETCH(QByteArray, request);
        bool closed = false;
        const QList<HttpAnswer> answers = rawHttp(request, 300, &closed);
        const QByteArray got = answers.isEmpty()
                                   ? QByteArray("no answer")
                                   : answers.first().head.left(answers.first().head.indexOf('\r'));
        QVERIFY2(answers.size() == 1 && answers.first().status == 400 && closed,
                 qPrintable(QStringLiteral("%1 answer(s), first: %2, closed: %3")
                                .arg(answers.size())
                                .arg(QString::fromLatin1(got))
                                .arg(closed)));
    }

    // ... and on a kept-alive connection, where each request is framed before QHttpServer reads
    // it: the requests before a faulty one are answered, the faulty one and what follows not.
    void keptAliveHttp_data()
    {
        using Pieces = QList<QByteArray>;
        QTest::addColumn<Pieces>("pieces");
        QTest::addColumn<QList<int>>("statuses");
        QTest::addColumn<bool>("closed");
        const QByteArray get = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        const QByteArray notANumber =
            "POST /trigger HTTP/1.1\r\nHost: x\r\n" + authorized() + "Content-Length: abc\r\n\r\n";
        // A trigger of the witnesses' group: served, it would give them an event too many.
        const QByteArray event = "{\"group\":\"MyModelUpdated.witness\",\"value\":0}";
        const QByteArray chunkedHead = "POST /trigger HTTP/1.1\r\nHost: x\r\n" + authorized() +
                                       "Content-Type: application/json\r\n"
                                       "Transfer-Encoding: chunked\r\n\r\n";
        const QByteArray chunk = QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n";
        const QByteArray nobody = "{\"group\":\"nobody\",\"value\":1}";
        const QByteArray chunkedNobody = "POST /trigger HTTP/1.1\r\nHost: x\r\n" + authorized() +
                                         "Transfer-Encoding: chunked\r\n\r\n" +
                                         QByteArray::number(nobody.size(), 16) + "\r\n" + nobody +
                                         "\r\n0\r\n\r\n";
        QByteArray fields;
        for (int i = 0; i < 99; ++i) // with Host: 100, as many as QHttpServer keeps
            fields += "X-" + QByteArray::number(i) + ": y\r\n";
        const QByteArray hundredFields = "GET /healthz HTTP/1.1\r\nHost: x\r\n" + fields + "\r\n";
        // 101 fields: QHttpServer would keep none and read the body as the next request.
        const QByteArray hiddenRequest =
            "POST /trigger HTTP/1.1\r\nHost: x\r\n" + authorized() + fields +
            "Content-Length: " + QByteArray::number(get.size()) + "\r\n\r\n" + get;

        QTest::newRow("two GETs in one write") << Pieces{get + get} << QList{200, 200} << false;
        QTest::newRow("GET, then Content-Length: abc in the same write")
            << Pieces{get + notANumber + get} << QList{200, 400} << true;
        QTest::newRow("GET, then Content-Length: abc in another write")
            << Pieces{get, notANumber + get} << QList{200, 400} << true;
        QTest::newRow("chunked trigger, then GET")
            << Pieces{chunkedNobody + get} << QList{202, 200} << false;
        QTest::newRow("100 header fields") << Pieces{hundredFields} << QList{200} << false;
        QTest::newRow("101 header fields hiding a request")
            << Pieces{hiddenRequest} << QList{431} << true;
        QTest::newRow("101 header fields on the second request")
            << Pieces{get, hiddenRequest} << QList{200, 431} << true;
        QTest::newRow("chunked body ended by two bytes other than CRLF")
            << Pieces{chunkedHead + chunk + "0\r\nAB"} << QList{400} << true;
        QTest::newRow("trailer field after the last chunk")
            << Pieces{chunkedHead + chunk + "0\r\nX-Sum: 1\r\n\r\n"} << QList{400} << true;
        QTest::newRow("Transfer-Encoding chunked, gzip")
            << Pieces{"POST /trigger HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, "
                      "gzip\r\n\r\n" +
                      chunk + "0\r\n\r\n"}
            << QList{400} << true;
        QTest::newRow("Transfer-Encoding gzip, chunked")
            << Pieces{"POST /trigger HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, "
                      "chunked\r\n\r\n" +
                      chunk + "0\r\n\r\n"}
            << QList{501} << true;
    }
    void keptAliveHttp()
    {
        QFETCH(QList<QByteArray>, pieces);
        QFETCH(QList<int>, statuses);
        QFETCH(bool, closed);
        bool wasClosed = false;
        const QList<HttpAnswer> answers = keptAliveHttp(pieces, statuses.size(), &wasClosed);
        QList<int> got;
        for (const HttpAnswer &a : answers)
            got << a.status;
        QCOMPARE(got, statuses);
        QCOMPARE(wasClosed, closed);
    }

    // Requests waiting on a connection beyond twice one request's size (head and body limits)
    // are refused: the ones before are answered, then 413 and the close.
    void pipelinedBacklogIsBounded()
    {
        const QByteArray get = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        const qsizetype count = 3 * (MaxBodyBytes + 16 * 1024) / get.size();
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(get.repeated(count));
        QByteArray in;
        QVERIFY(QTest::qWaitFor(
            [&] {
                in += socket.readAll();
                return socket.state() != QAbstractSocket::ConnectedState;
            },
            10000));
        in += socket.readAll();
        const QList<HttpAnswer> answers = parseAnswers(in);
        QVERIFY(!answers.isEmpty());
        QVERIFY2(answers.size() < count, qPrintable(QString::number(answers.size())));
        for (qsizetype i = 0; i + 1 < answers.size(); ++i)
            QCOMPARE(answers[i].status, 200);
        QCOMPARE(answers.last().status, 413);
        QVERIFY2(
            answers.last().body.contains("The requests waiting on this connection are larger than"),
            answers.last().body.constData());
    }

    // 4. Query strings: tokens on the WebSocket URL (W17, W30) ...
    void queryStringsOnWebSocket_data()
    {
        addWebSocketColumns();
        const QStringList refused{Ack, refusal(NotAuthorized),
                                  nullResult(QStringLiteral("myCustomEvent"))};
        const auto row = [&](const char *name, const QString &query,
                             const QByteArray &authorization = {}, const QString &init = Init,
                             const QString &subscribe = operation(QStringLiteral("1"), CustomEvent),
                             const QStringList &replies = {}) {
            QTest::newRow(name) << Transport << query << authorization
                                << QStringList{init, subscribe}
                                << (replies.isEmpty() ? refused : replies) << 0 << QString();
        };
        row("no token", QString());
        row("unknown ?token", QStringLiteral("token=wrong"));
        row("unknown ?auth", QStringLiteral("auth=nope"));
        row("unknown ?authToken", QStringLiteral("authToken=wit2"));
        row("empty ?token", QStringLiteral("token="));
        row("?token with a trailing space", QStringLiteral("token=wit%20"));
        row("?token of another case", QStringLiteral("token=WIT"));
        row("?accessToken of a user without the group", QStringLiteral("accessToken=lim"));
        row("?token=lim all or nothing", QStringLiteral("token=lim"), {}, Init,
            operation(QStringLiteral("1"),
                      QStringLiteral("subscription { myModelCreatedUpdateDelete(id: \"1\") { name "
                                     "} }")),
            {Ack, refusal(NotAuthorized),
             nullResult(QStringLiteral("myModelCreatedUpdateDelete"))});
        row("wrong Authorization header wins over ?token (W30)", QStringLiteral("token=wit"),
            "Token wrong");
        row("unknown token in connection_init", QString(), {},
            QStringLiteral("{\"type\":\"connection_init\",\"payload\":{\"authToken\":\"nope\"}}"));
        row("unknown Bearer in connection_init", QString(), {},
            QStringLiteral("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":"
                           "\"Bearer nope\"}}"));
    }
    void queryStringsOnWebSocket() { runWebSocketCase(); }

    // ... and on GET /graphql/ and unknown routes.
    void queryStringsOnHttp_data()
    {
        addHttpColumns();
        const auto row = [](const char *name, const QByteArray &target, int status,
                            const QByteArray &body, bool exact = true) {
            QTest::newRow(name) << "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n"
                                << status << body << exact << QByteArray();
        };
        row("syntax error", "/graphql/?query=%7B%20base", 400,
            "{\"errors\":[{\"message\":\"Syntax Error: Expected Name, found <EOF>.\","
            "\"locations\":[{\"line\":1,\"column\":7}]}]}");
        row("bad percent-encoding", "/graphql/?query=%ZZ", 400,
            "{\"errors\":[{\"message\":\"Syntax Error: Unexpected character: '%'.\","
            "\"locations\":[{\"line\":1,\"column\":1}]}]}");
        row("no query", "/graphql/", 400,
            "{\"errors\":[{\"message\":\"Syntax Error: Unexpected <EOF>.\",\"locations\":"
            "[{\"line\":1,\"column\":1}]}]}");
        row("variables not JSON", "/graphql/?query=%7B%20base%20%7D&variables=%7Bbad", 400,
            "{\"error\":\"Variables are invalid JSON.\"}");
        row("variables a list", "/graphql/?query=%7B%20base%20%7D&variables=%5B1%5D", 400,
            "{\"error\":\"Variables are invalid JSON.\"}");
        row("unknown field", "/graphql/?query=%7B%20nope%20%7D", 400,
            "{\"errors\":[{\"message\":\"Cannot query field 'nope' on type 'Query'.\","
            "\"locations\":[{\"line\":1,\"column\":3}]}]}");
        row("unknown operationName", "/graphql/?query=query%20A%20%7B%20base%20%7D&operationName=C",
            400, "{\"errors\":[{\"message\":\"Unknown operation named 'C'.\"}]}");
        row("subscription",
            "/graphql?query=subscription%20%7B%20myCustomEvent%20%7B%20field1%20%7D%20%7D", 400,
            "{\"errors\":[{\"message\":\"Subscriptions are served over WebSocket at {ws}.\"}]}");
        row("document nested deeper than 64 levels",
            "/graphql/?query=%7B" + QByteArray("a%7B").repeated(70) + "b" +
                QByteArray("%7D").repeated(71),
            400, "Document nesting is deeper than the limit of 64 levels.", false);
        row("unknown route", "/graphq?query=%7B%20base%20%7D", 404,
            "{\"error\":\"No route GET /graphq. Routes: POST /trigger, POST /models/<name>, "
            "POST|GET /graphql/, GET /healthz, GET /metrics.\"}");
    }
    void queryStringsOnHttp() { runHttpCase(); }

    // 5. Schema files: the server, print-schema, introspect and validate refuse to start.
    void schemaFiles_data()
    {
        addCommandColumns();
        const auto serve = [](const char *name, const QByteArray &schema, const QString &message) {
            QTest::newRow(name) << QStringList{QStringLiteral("--headless"),
                                               QStringLiteral("--port"), QStringLiteral("0"),
                                               QStringLiteral("--schema"), QStringLiteral("{file}")}
                                << schema << 2 << message;
        };
        const QByteArray query = "type Query { a: Int }\n";
        serve("schema that does not exist", QByteArray(),
              QStringLiteral("{file}: cannot read the schema file: No such file or directory"));
        serve("schema empty", "", QStringLiteral("{file}:1:1: Syntax Error: Unexpected <EOF>."));
        serve("schema syntax error", "type Query { base: String",
              QStringLiteral("{file}:1:26: Syntax Error: Expected Name, found <EOF>."));
        serve("schema not UTF-8", "type Query { a: Int } \xff",
              QStringLiteral("{file}:1:23: Syntax Error: Unexpected character: U+FFFD."));
        serve("schema unknown type", "type Query { base: Strin }",
              QStringLiteral("{file}:1:20: Unknown type 'Strin'. Did you mean 'String'?"));
        serve("schema with two errors", "type Query {\n  a: Nope\n  b: Nada\n}",
              QStringLiteral("{file}:2:6: Unknown type 'Nope'.\n{file}:3:6: Unknown type 'Nada'."));
        serve("schema without Query", "type Foo { a: Int }",
              QStringLiteral("{file}:1:1: Query root type must be provided."));
        serve("schema type defined twice", "type Query { a: Int } type Query { b: Int }",
              QStringLiteral("{file}:1:28: There can be only one type named 'Query'."));
        serve("schema unknown directive", "type Query { a: Int @nope }",
              QStringLiteral("{file}:1:21: Unknown directive '@nope'."));
        serve("schema name with __", "type Query { __a: Int }",
              QStringLiteral("{file}:1:14: Name '__a' must not begin with '__', which is reserved "
                             "by GraphQL introspection."));
        serve("schema extends an undefined type", query + "extend type Nope { b: Int }",
              QStringLiteral("{file}:2:13: Cannot extend type 'Nope' because it is not defined."));
        serve("schema subscription root not an object",
              query + "schema { query: Query subscription: Int }",
              QStringLiteral("{file}:2:23: Subscription root type must be Object type, it cannot "
                             "be Int."));
        serve("@groups without names", query + "type Subscription { s: Int @groups }",
              QStringLiteral("{file}:2:28: Directive '@groups' argument 'names' of type "
                             "'[String!]!' is required, but it was not provided."));
        serve("@groups with no names", query + "type Subscription { s: Int @groups(names: []) }",
              QStringLiteral("{file}:2:21: @groups on 'Subscription.s' lists no group names."));
        serve("@groups name not a string",
              query + "type Subscription { s: Int @groups(names: [1]) }",
              QStringLiteral("{file}:2:44: String cannot represent a non string value: 1"));
        serve("@groups template without its '}'",
              query + "type Subscription { s(id: String): Int @groups(names: [\"X.{id\"]) }",
              QStringLiteral("{file}:2:21: @groups template 'X.{id' on 'Subscription.s' has a '{' "
                             "without a matching '}'."));
        serve("@groups template naming no argument",
              query + "type Subscription { s(id: String): Int @groups(names: [\"X.{di}\"]) }",
              QStringLiteral("{file}:2:21: @groups template 'X.{di}' on 'Subscription.s' names "
                             "'{di}', which is not an argument of the field. Did you mean 'id'?"));
        serve("@groups template naming a list argument",
              query + "type Subscription { s(ids: [String]): Int @groups(names: [\"X.{ids}\"]) }",
              QStringLiteral("{file}:2:21: @groups template 'X.{ids}' on 'Subscription.s' names "
                             "'{ids}', an argument of type '[String]'; only scalar and enum "
                             "arguments can be part of a group name."));
        serve("@groups on a query field", "type Query { a: Int @groups(names: [\"X\"]) }",
              QStringLiteral("{file}:1:14: @groups can only be used on fields of the subscription "
                             "type, not on 'Query'."));
        serve("@model name that makes bad groups",
              query + "type M @model(name: \"bad name\") { id: ID! }",
              QStringLiteral("{file}:2:1: @model name 'bad name' on 'M' cannot start a group name "
                             "(letters, digits, '_', '.' and '-' only)."));
        serve("@model name not a string", query + "type M @model(name: 5) { id: ID! }",
              QStringLiteral("{file}:2:21: String cannot represent a non string value: 5"));

        const QByteArray bad = "type Query { base: Strin }";
        const QString unknown = QStringLiteral("{file}:1:20: Unknown type 'Strin'.");
        QTest::newRow("print-schema with a bad schema")
            << QStringList{QStringLiteral("print-schema"), QStringLiteral("--schema"),
                           QStringLiteral("{file}")}
            << bad << 2 << unknown;
        QTest::newRow("introspect with a bad schema")
            << QStringList{QStringLiteral("introspect"), QStringLiteral("--schema"),
                           QStringLiteral("{file}")}
            << bad << 2 << unknown;
        QTest::newRow("validate with a bad schema")
            << QStringList{QStringLiteral("validate"), QStringLiteral("--schema"),
                           QStringLiteral("{file}"), QStringLiteral("/dev/null")}
            << bad << 2 << unknown;
        QTest::newRow("validate with variables not an object")
            << QStringList{QStringLiteral("validate"), QStringLiteral("--variables"),
                           QStringLiteral("[1]"), QStringLiteral("{file}")}
            << QByteArray("{ base }") << 2
            << QStringLiteral("subscope validate: --variables must be a JSON object");
        QTest::newRow("validate with a document that does not exist")
            << QStringList{QStringLiteral("validate"), QStringLiteral("{file}")} << QByteArray()
            << 2
            << QStringLiteral("subscope validate: cannot read {file}: No such file or directory");
        QTest::newRow("validate with two documents")
            << QStringList{QStringLiteral("validate"), QStringLiteral("{file}"),
                           QStringLiteral("{file}")}
            << QByteArray("{ base }") << 2
            << QStringLiteral("subscope validate: one document at a time");
    }
    void schemaFiles() { runCommandCase(QStringLiteral("graphql")); }

    // 6. Auth files: refused at start ...
    void authFilesAtStart_data()
    {
        addCommandColumns();
        const auto row = [](const char *name, const QByteArray &content, const QString &problem) {
            QTest::newRow(name) << QStringList{QStringLiteral("--headless"),
                                               QStringLiteral("--port"), QStringLiteral("0"),
                                               QStringLiteral("--auth"), QStringLiteral("{file}")}
                                << content << 2
                                << QStringLiteral("subscope --headless: --auth: ") + problem;
        };
        row("auth file that does not exist", QByteArray(),
            QStringLiteral("cannot read {file}: No such file or directory"));
        row("auth file empty", "", QStringLiteral("{file} is not JSON: "));
        row("auth file not JSON", "{\"tokens\": {", QStringLiteral("{file} is not JSON: "));
        row("auth rules a list", "[]", QStringLiteral("{file}: the rules must be a JSON object"));
        row("auth unknown key", "{\"users\": {}}",
            QStringLiteral("{file}: unknown key \"users\" (expected \"tokens\")"));
        row("auth tokens a list", "{\"tokens\": [\"wit\"]}",
            QStringLiteral("{file}: \"tokens\" must be an object of token: {\"user\": ..., "
                           "\"groups\": [...]}"));
        row("auth empty token", "{\"tokens\": {\"\": {\"user\": \"u\"}}}",
            QStringLiteral("{file}: a token must not be empty"));
        row("auth token mapped to a string", "{\"tokens\": {\"t\": \"u\"}}",
            QStringLiteral("{file}: token \"t\" must map to {\"user\": ..., \"groups\": [...]}"));
        row("auth user missing", "{\"tokens\": {\"t\": {\"groups\": [\"*\"]}}}",
            QStringLiteral("{file}: token \"t\": \"user\" is missing"));
        row("auth user not a string", "{\"tokens\": {\"t\": {\"user\": 1}}}",
            QStringLiteral("{file}: token \"t\": \"user\" must be a non-empty string"));
        row("auth user empty", "{\"tokens\": {\"t\": {\"user\": \"\"}}}",
            QStringLiteral("{file}: token \"t\": \"user\" must be a non-empty string"));
        row("auth groups not a list", "{\"tokens\": {\"t\": {\"user\": \"u\", \"groups\": \"*\"}}}",
            QStringLiteral("{file}: token \"t\": \"groups\" must be a list of group patterns"));
        row("auth group pattern empty",
            "{\"tokens\": {\"t\": {\"user\": \"u\", \"groups\": [\"a\", \"\"]}}}",
            QStringLiteral("{file}: token \"t\": \"groups\" must be a list of group patterns"));
        row("auth group pattern not a string",
            "{\"tokens\": {\"t\": {\"user\": \"u\", \"groups\": [7]}}}",
            QStringLiteral("{file}: token \"t\": \"groups\" must be a list of group patterns"));
        row("auth unknown key of a user",
            "{\"tokens\": {\"t\": {\"user\": \"u\", \"role\": \"admin\"}}}",
            QStringLiteral("{file}: token \"t\": unknown key \"role\" (expected \"user\" and "
                           "\"groups\")"));
    }
    void authFilesAtStart() { runCommandCase(QStringLiteral("json")); }

    // ... and on SIGHUP, where the previous users stay (a token of the old file still joins).
    void authFileReloads_data()
    {
        QTest::addColumn<QByteArray>("content"); // null: the file is removed
        QTest::addColumn<QString>("problem");
        QTest::newRow("reload of a removed file")
            << QByteArray() << QStringLiteral("cannot read {file}: No such file or directory");
        QTest::newRow("reload of a file that is not JSON")
            << QByteArray("{\"tokens\": {\"wit\": ") << QStringLiteral("{file} is not JSON: ");
        QTest::newRow("reload of tokens as a list")
            << QByteArray("{\"tokens\": [\"wit\"]}")
            << QStringLiteral("{file}: \"tokens\" must be an object");
        QTest::newRow("reload of groups not a list")
            << QByteArray("{\"tokens\": {\"lim\": {\"user\": \"l\", \"groups\": \"Created\"}}}")
            << QStringLiteral("{file}: token \"lim\": \"groups\" must be a list of group patterns");
        QTest::newRow("reload of an empty pattern")
            << QByteArray("{\"tokens\": {\"lim\": {\"user\": \"l\", \"groups\": [\"\"]}}}")
            << QStringLiteral("{file}: token \"lim\": \"groups\" must be a list of group patterns");
        QTest::newRow("reload of an unknown key")
            << QByteArray("{\"tokens\": {}, \"admins\": []}")
            << QStringLiteral("{file}: unknown key \"admins\" (expected \"tokens\")");
    }
    void authFileReloads()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, problem);
        problem.replace(QStringLiteral("{file}"), m_authPath);
        const qsizetype from = m_server->stderrText.size();
        if (content.isNull())
            QVERIFY(QFile::remove(m_authPath));
        else
            QVERIFY(writeFile(m_authPath, content));
        ::kill(pid_t(m_server->process.processId()), SIGHUP);
        const QString expected =
            QStringLiteral("SIGHUP: --auth not reloaded, the previous users stay: ") + problem;
        QTRY_VERIFY2_WITH_TIMEOUT(m_server->stderrText.mid(from).contains(expected),
                                  qPrintable(m_server->stderrText.mid(from)), 5000);

        // The previous users stay: "lim" joins its group, and only its group.
        QUrl url = m_server->websocket;
        url.setQuery(QStringLiteral("token=lim"));
        Client c(url, {Transport});
        QVERIFY(c.waitConnected());
        c.send(Init);
        c.send(operation(QStringLiteral("1"),
                         QStringLiteral("subscription { myModelCreated { name } }")));
        c.send(operation(QStringLiteral("2"), CustomEvent));
        QVERIFY(c.waitFrames(4));
        QCOMPARE(c.frames,
                 (QStringList{
                     Ack, registered(QStringLiteral("1"), QStringLiteral("MyModelCreated")),
                     result(QStringLiteral("{\"data\":null,\"errors\":[{\"message\":\"%1\"}]}")
                                .arg(NotAuthorized),
                            false, QStringLiteral("2")),
                     result(QStringLiteral("{\"data\":{\"myCustomEvent\":null},\"errors\":null}"),
                            false, QStringLiteral("2"))}));

        // The good file back, for the next case.
        const qsizetype before = m_server->stderrText.size();
        QVERIFY(writeFile(m_authPath, GoodAuth));
        ::kill(pid_t(m_server->process.processId()), SIGHUP);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_server->stderrText.mid(before).contains(
                QStringLiteral("SIGHUP: reloaded %1 with 2 tokens").arg(m_authPath)),
            5000);
    }

    // 7. --events lines on the server's standard input: reported by line number and skipped; the
    // next good line still fires.
    void eventsLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("reason");
        const auto row = [](const char *name, const QByteArray &line, const QString &reason) {
            QTest::newRow(name) << line << reason;
        };
        const QString atMs =
            QStringLiteral("\"at_ms\" must be a number of milliseconds from 0 to 2147483647");
        row("events line not JSON", "{broken", QStringLiteral("not JSON ("));
        row("events line with trailing garbage",
            "{\"group\":\"MyModelUpdated.witness\",\"value\":1} x", QStringLiteral("not JSON ("));
        row("events line a list", "[{\"group\":\"MyModelUpdated.witness\",\"value\":1}]",
            QStringLiteral("not a JSON object"));
        row("events line without group", "{\"value\":{\"n\":-1}}",
            QStringLiteral("\"group\" must be a string"));
        row("events line group not a string", "{\"group\":7,\"value\":{\"n\":-1}}",
            QStringLiteral("\"group\" must be a string"));
        row("events line bad group name", "{\"group\":\"bad group!\",\"value\":1}",
            QStringLiteral("invalid group name 'bad group!' (W25)"));
        row("events line without value", "{\"group\":\"MyModelUpdated.witness\"}",
            QStringLiteral("\"value\" is missing (use null for an event without a value)"));
        row("events line unknown model", "{\"model\":\"Nope\",\"action\":\"update\",\"pk\":1}",
            QStringLiteral("no @model type named \"Nope\" (models: MyModel)"));
        row("events line model not a string",
            "{\"model\":[\"MyModel\"],\"action\":\"update\",\"pk\":1}",
            QStringLiteral("no @model type named [\"MyModel\"] (models: MyModel)"));
        row("events line bad model action",
            "{\"model\":\"MyModel\",\"action\":\"upsert\",\"pk\":\"witness\"}",
            QStringLiteral("\"action\" must be \"create\", \"update\" or \"delete\", not "
                           "'upsert'."));
        row("events line model without pk", "{\"model\":\"MyModel\",\"action\":\"update\"}",
            QStringLiteral("\"pk\" must be a string or an integer."));
        row("events line model unknown field",
            "{\"model\":\"MyModel\",\"action\":\"update\",\"pk\":\"witness\",\"fields\":{\"agee\":"
            "1}}",
            QStringLiteral("Field 'agee' is not a field of MyModelType. Did you mean 'age'?"));
        row("events line negative at_ms",
            "{\"at_ms\":-1,\"group\":\"MyModelUpdated.witness\",\"value\":1}", atMs);
        row("events line at_ms a string",
            "{\"at_ms\":\"10\",\"group\":\"MyModelUpdated.witness\",\"value\":1}", atMs);
        row("events line at_ms beyond 24.8 days",
            "{\"at_ms\":2147483648,\"group\":\"MyModelUpdated.witness\",\"value\":1}", atMs);
        row("events line over 1 MiB",
            "{\"group\":\"MyModelUpdated.witness\",\"value\":\"" +
                QByteArray(2 * 1024 * 1024, 'v') + "\"}",
            QStringLiteral("longer than 1 MiB"));
    }
    void eventsLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, reason);
        const int bad = ++m_eventsLine;
        const int n = ++m_event;
        ++m_eventsLine;
        m_server->process.write(line + "\n{\"group\":\"MyModelUpdated.witness\",\"value\":{\"n\":" +
                                QByteArray::number(n) + "}}\n");
        const QString expected = QStringLiteral("events line %1 skipped: %2").arg(bad).arg(reason);
        QTRY_VERIFY2_WITH_TIMEOUT(m_server->stderrText.contains(expected),
                                  qPrintable(m_server->stderrText.right(1000)), 5000);
        expectWitnessEvent(n); // the good line after the bad one, alone
        QVERIFY(!m_server->stderrText.contains(
            QStringLiteral("events line %1 skipped").arg(m_eventsLine)));
    }

    // 8. Command-line options: exit status 2 and the reason, before anything is served.
    void commandLineOptions_data()
    {
        addCommandColumns();
        const auto row = [](const char *name, const QStringList &options, const QString &message,
                            bool withPort = true) {
            QStringList arguments{QStringLiteral("--headless")};
            if (withPort) arguments << QStringLiteral("--port") << QStringLiteral("0");
            QTest::newRow(name) << arguments + options << QByteArray() << 2 << message;
        };
        const QString prefix = QStringLiteral("subscope --headless: ");
        row("unknown option", {QStringLiteral("--frobnicate")},
            QStringLiteral("Unknown option 'frobnicate'."));
        row("an option of another command", {QStringLiteral("--variables"), QStringLiteral("{}")},
            QStringLiteral("Unknown option 'variables'."));
        row("--tls-cert without --tls-key", {QStringLiteral("--tls-cert"), QStringLiteral("c.pem")},
            prefix + QStringLiteral("--tls-cert needs --tls-key"));
        row("--tls-key without --tls-cert", {QStringLiteral("--tls-key"), QStringLiteral("k.pem")},
            prefix + QStringLiteral("--tls-key needs --tls-cert"));
        row("--port without value", {QStringLiteral("--port")},
            QStringLiteral("Missing value after '--port'."), false);
        row("--port 70000", {QStringLiteral("--port"), QStringLiteral("70000")},
            prefix + QStringLiteral("--port must be a port number (0-65535)"), false);
        row("--port -1", {QStringLiteral("--port=-1")},
            prefix + QStringLiteral("--port must be a port number (0-65535)"), false);
        row("--port empty", {QStringLiteral("--port=")},
            prefix + QStringLiteral("--port must be a port number (0-65535)"), false);
        row("--bind not an address", {QStringLiteral("--bind"), QStringLiteral("not-an-address")},
            prefix + QStringLiteral("--bind must be an IP address, not 'not-an-address'"));
        row("--bind 999.1.1.1", {QStringLiteral("--bind"), QStringLiteral("999.1.1.1")},
            prefix + QStringLiteral("--bind must be an IP address, not '999.1.1.1'"));
        row("--bind an address not of this host",
            {QStringLiteral("--bind"), QStringLiteral("192.0.2.1")},
            prefix + QStringLiteral("cannot listen on 192.0.2.1:0: "));
        row("--path empty", {QStringLiteral("--path=")},
            prefix + QStringLiteral("--path must start with '/'"));
        row("--keepalive bad", {QStringLiteral("--keepalive"), QStringLiteral("bad")},
            prefix + QStringLiteral("--keepalive must be a number of seconds"));
        row("--keepalive -1", {QStringLiteral("--keepalive=-1")},
            prefix + QStringLiteral("--keepalive must be a number of seconds"));
        row("--keepalive 1.5", {QStringLiteral("--keepalive"), QStringLiteral("1.5")},
            prefix + QStringLiteral("--keepalive must be a number of seconds"));
        row("--init-timeout bad", {QStringLiteral("--init-timeout"), QStringLiteral("10s")},
            prefix + QStringLiteral("--init-timeout must be a number of seconds"));
        row("--outbox-size -5", {QStringLiteral("--outbox-size=-5")},
            prefix + QStringLiteral("--outbox-size must be a number of frames, 1 or more"));
        row("--overflow empty", {QStringLiteral("--overflow=")},
            prefix + QStringLiteral("--overflow must be drop_newest, drop_oldest or "
                                    "close_connection"));
        row("--max-connections -1", {QStringLiteral("--max-connections=-1")},
            prefix + QStringLiteral("--max-connections must be a number, 1 or more"));
        row("--max-connections too large for an int",
            {QStringLiteral("--max-connections"), QStringLiteral("99999999999")},
            prefix + QStringLiteral("--max-connections must be a number, 1 or more"));
        row("--max-operations many", {QStringLiteral("--max-operations"), QStringLiteral("many")},
            prefix + QStringLiteral("--max-operations must be a number, 0 for no limit"));
        row("--max-message-size 10", {QStringLiteral("--max-message-size"), QStringLiteral("10")},
            prefix + QStringLiteral("--max-message-size must be a number of bytes, 125 or more"));
        row("--max-message-size 1MiB",
            {QStringLiteral("--max-message-size"), QStringLiteral("1MiB")},
            prefix + QStringLiteral("--max-message-size must be a number of bytes, 125 or more"));
        row("--max-body-size 10", {QStringLiteral("--max-body-size"), QStringLiteral("10")},
            prefix + QStringLiteral("--max-body-size must be a number of bytes, 1024 or more"));
        row("--allowed-origins empty", {QStringLiteral("--allowed-origins=")},
            prefix + QStringLiteral("--allowed-origins: '' is not an origin such as "
                                    "https://app.example.com"));
        row("--allowed-origins with a path",
            {QStringLiteral("--allowed-origins"), QStringLiteral("https://x.example/app")},
            prefix + QStringLiteral("--allowed-origins: 'https://x.example/app' is not an origin"));
        row("--allowed-origins of another scheme",
            {QStringLiteral("--allowed-origins"), QStringLiteral("ftp://x.example")},
            prefix + QStringLiteral("--allowed-origins: 'ftp://x.example' is not an origin"));
        row("--trigger-token empty", {QStringLiteral("--trigger-token=")},
            prefix + QStringLiteral("--trigger-token must not be empty"));
        row("--log-format yaml", {QStringLiteral("--log-format"), QStringLiteral("yaml")},
            prefix + QStringLiteral("--log-format must be text or json"));
        row("--schema without value", {QStringLiteral("--schema")},
            QStringLiteral("Missing value after '--schema'."));
        row("--schema a directory", {QStringLiteral("--schema"), QStringLiteral("/")},
            QStringLiteral("/: cannot read the schema file: "));
        row("--auth a directory", {QStringLiteral("--auth"), QStringLiteral("/")},
            prefix + QStringLiteral("--auth: cannot read /: "));
        row("--require-auth with --auth missing its value",
            {QStringLiteral("--require-auth"), QStringLiteral("--auth")},
            QStringLiteral("Missing value after '--auth'."));
        row("--fixtures not JSON", {QStringLiteral("--fixtures"), QStringLiteral("/dev/null")},
            prefix + QStringLiteral("--fixtures: /dev/null is not JSON: "));
        row("--events a directory", {QStringLiteral("--events"), QStringLiteral("/")},
            prefix + QStringLiteral("--events: cannot read /: it is a directory"));
        row("unexpected positional argument", {QStringLiteral("extra")},
            prefix + QStringLiteral("unexpected argument 'extra' (options start with --)"));
    }
    void commandLineOptions()
    {
        if (QLatin1String(QTest::currentDataTag()) ==
            QLatin1String("--bind an address not of this host")) {
            QFile nonlocal(QStringLiteral("/proc/sys/net/ipv4/ip_nonlocal_bind"));
            if (nonlocal.open(QIODevice::ReadOnly) && nonlocal.readAll().trimmed() == "1")
                QSKIP("this host lets a server bind addresses it does not have");
        }
        Run run;
        runCommandCase(QStringLiteral("txt"), &run);
        if (QTest::currentTestFailed() || run.served) return;
        // Nothing may claim to serve before the options are all taken.
        QVERIFY2(!run.out.contains(QLatin1String("serving")), qPrintable(run.out));
    }
    void fixturesFiles_data()
    {
        addCommandColumns();
        const auto row = [](const char *name, const QByteArray &content, const QString &problem) {
            QTest::newRow(name) << QStringList{QStringLiteral("--headless"),
                                               QStringLiteral("--port"), QStringLiteral("0"),
                                               QStringLiteral("--fixtures"),
                                               QStringLiteral("{file}")}
                                << content << 2
                                << QStringLiteral("subscope --headless: --fixtures: ") + problem;
        };
        row("fixtures a list", "[]",
            QStringLiteral("{file}: the fixtures must be a JSON object of \"Type.field\": value"));
        row("fixtures key without a dot", "{\"base\": 1}",
            QStringLiteral("{file}: \"base\" is not a field of the schema (expected "
                           "\"Type.field\")"));
        row("fixtures unknown field", "{\"Query.nope\": 1}",
            QStringLiteral("{file}: \"Query.nope\" is not a field of the schema (expected "
                           "\"Type.field\")"));
    }
    void fixturesFiles() { runCommandCase(QStringLiteral("json")); }

    // The files of --tls-cert and --tls-key (tst_tls serves with good ones).
    void tlsFiles_data()
    {
        addCommandColumns();
        const auto row = [](const char *name, const QStringList &files, const QByteArray &content,
                            const QString &problem) {
            QTest::newRow(name) << QStringList{QStringLiteral("--headless"),
                                               QStringLiteral("--port"),
                                               QStringLiteral("0"),
                                               QStringLiteral("--tls-cert"),
                                               files.value(0),
                                               QStringLiteral("--tls-key"),
                                               files.value(1)}
                                << content << 2
                                << QStringLiteral("subscope --headless: ") + problem;
        };
        const QStringList both{QStringLiteral("{file}"), QStringLiteral("{file}")};
        row("--tls-cert missing",
            {QStringLiteral("/nonexistent/cert.pem"), QStringLiteral("{file}")}, "",
            QStringLiteral(
                "--tls-cert: cannot read /nonexistent/cert.pem: No such file or directory"));
        row("--tls-cert a directory", {QStringLiteral("/"), QStringLiteral("{file}")}, "",
            QStringLiteral("--tls-cert: cannot read /: it is a directory"));
        row("--tls-cert empty", both, "",
            QStringLiteral(
                "--tls-cert: {file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)"));
        row("--tls-cert not PEM", both, "hello",
            QStringLiteral("--tls-cert: {file} holds no PEM certificate"));
        row("--tls-cert a broken PEM block", both,
            "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
            QStringLiteral("--tls-cert: {file} holds no PEM certificate"));
    }
    void tlsFiles() { runCommandCase(QStringLiteral("pem")); }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_bad_input.moc"
