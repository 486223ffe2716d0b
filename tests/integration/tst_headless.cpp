// `subscope --headless` as a program: the URLs it prints, SIGTERM (every socket closed with 1001,
// exit 0), --events from a file and from standard input, --init-timeout (W3a), --keepalive (W6),
// its option errors, and `subscope trigger` against it.
#include "support/headless_process.h"
#include "support/net_clients.h"
#include "support/run_subscope.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace subscope;
using test::Client;
using test::Headless;
using test::Run;
using test::runSubscope;

namespace {

// An initialised graphql-transport-ws client with one subscription on `query`.
void subscribe(Client &c, const QString &query)
{
    QVERIFY(c.waitConnected());
    c.send(R"({"type":"connection_init"})");
    c.send(QStringLiteral(R"({"id":"1","type":"subscribe","payload":{"query":"%1"}})").arg(query));
    QVERIFY(c.waitFrameContaining(R"("action":"register")"));
}

} // namespace

class TestHeadless : public QObject
{
    Q_OBJECT

private slots:
    void printsWhatItServesOnTheDefaultPath()
    {
        Headless h({});
        QVERIFY(h.waitServing());
        QCOMPARE(h.websocket.path(), QStringLiteral("/graphql/"));
        QCOMPARE(h.websocket.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(h.websocket.port() > 0);
        QCOMPARE(h.http, QStringLiteral("http://127.0.0.1:%1").arg(h.websocket.port()));
    }

    void sigtermClosesEverySocketWith1001AndExitsZero()
    {
        Headless h({});
        QVERIFY(h.waitServing());
        Client a(h.websocket, {QStringLiteral("graphql-transport-ws")}),
            b(h.websocket, {QStringLiteral("graphql-ws")});
        subscribe(a, QStringLiteral("subscription { myCustomEvent { field1 } }"));
        QVERIFY(b.waitConnected());
        h.process.terminate();
        QVERIFY(a.waitClosed() && b.waitClosed());
        QCOMPARE(*a.closeCode, 1001);
        QCOMPARE(*b.closeCode, 1001);
        QVERIFY(h.waitFinished());
        QCOMPARE(h.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(h.process.exitCode(), 0);
    }

    void sigtermWithManyIdleSocketsClosesEachOnceAndAtOnce()
    {
        Headless h({});
        QVERIFY(h.waitServing());
        std::vector<std::unique_ptr<Client>> clients;
        for (int i = 0; i < 5; ++i) {
            clients.push_back(
                std::make_unique<Client>(h.websocket, QStringList{QStringLiteral("graphql-ws")}));
            QVERIFY(clients.back()->waitConnected());
            clients.back()->send(R"({"type":"connection_init"})");
            QVERIFY(clients.back()->waitFrames(1));
        }
        // Sockets refused for their subprotocol (1002) are gone: they must not hold the exit up.
        for (int i = 0; i < 3; ++i) {
            Client refused(h.websocket, {QStringLiteral("mqtt")});
            QVERIFY(refused.waitClosed());
        }
        QElapsedTimer clock;
        clock.start();
        h.process.terminate();
        for (const auto &c : clients) {
            QVERIFY(c->waitClosed());
            QCOMPARE(*c->closeCode, 1001);
            QCOMPARE(c->socket.closeReason(), QStringLiteral("Server shutting down"));
        }
        QVERIFY(h.waitFinished());
        QCOMPARE(h.process.exitCode(), 0);
        QVERIFY2(clock.elapsed() < 1500, qPrintable(QString::number(clock.elapsed())));
    }

    void sigintWithoutSocketsExitsZero()
    {
        Headless h({});
        QVERIFY(h.waitServing());
        ::kill(pid_t(h.process.processId()), SIGINT);
        QVERIFY(h.waitFinished());
        QCOMPARE(h.process.exitCode(), 0);
    }

    void eventsFileFiresOnScheduleAndSkipsBadLines()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("events.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // Late enough for the client to subscribe first.
        file.write(
            R"({"at_ms": 1500, "group": "custom_event", "value": {"field1": "first"}})"
            "\n"
            "not json\n"
            R"({"at_ms": 1500, "group": "bad group!", "value": 1})"
            "\n"
            "\n"
            R"({"at_ms": 1700, "model": "MyModel", "action": "update", "pk": 3, "fields": {"name": "x"}})"
            "\n"
            R"({"at_ms": 1600, "group": "custom_event", "value": {"field1": "second"}})"
            "\n"
            R"({"at_ms": 1e30, "group": "custom_event", "value": {"field1": "never"}})"
            "\n");
        file.close();
        Headless h({QStringLiteral("--events"), path});
        QVERIFY(h.waitServing());
        Client c(h.websocket, {QStringLiteral("graphql-transport-ws")});
        subscribe(c, QStringLiteral("subscription { myCustomEvent { field1 } }"));
        Client m(h.websocket, {QStringLiteral("graphql-transport-ws")});
        subscribe(m, QStringLiteral(
                         "subscription { myModelCreatedUpdateDelete(id: \\\"3\\\") { name } }"));
        QVERIFY(c.waitFrameContaining(QStringLiteral("second")));
        QCOMPARE(
            c.frames.filter(QStringLiteral("myCustomEvent\":{\"field1")),
            (QStringList{
                R"({"id":"1","type":"next","payload":{"data":{"myCustomEvent":{"field1":"first"}},"errors":null}})",
                R"({"id":"1","type":"next","payload":{"data":{"myCustomEvent":{"field1":"second"}},"errors":null}})"}));
        QVERIFY(m.waitFrameContaining(QStringLiteral("MyModelUpdated.3")));
        QVERIFY2(h.stderrText.contains(QLatin1String("line 2")), qPrintable(h.stderrText));
        QVERIFY2(h.stderrText.contains(QLatin1String("line 3")) &&
                     h.stderrText.contains(QLatin1String("bad group!")),
                 qPrintable(h.stderrText));
        QVERIFY(!h.stderrText.contains(
            QLatin1String("line 4"))); // a blank line is no event and no error
        QVERIFY2(
            h.stderrText.contains(QLatin1String("events line 7 skipped: \"at_ms\" must be a number "
                                                "of milliseconds from 0 to 2147483647")),
            qPrintable(h.stderrText));
        QCOMPARE(h.process.state(), QProcess::Running);
    }

    void eventsFromStandardInputFireAsTheyArrive()
    {
        Headless h({QStringLiteral("--events"), QStringLiteral("-")});
        QVERIFY(h.waitServing());
        Client c(h.websocket, {QStringLiteral("graphql-transport-ws")});
        subscribe(c, QStringLiteral("subscription { myCustomEvent { field1 } }"));
        h.process.write(R"({"group": "custom_event", "value": {"field1": "a"}})"
                        "\n{broken\n");
        QVERIFY(c.waitFrameContaining(QStringLiteral("\"a\"")));
        QVERIFY(
            QTest::qWaitFor([&] { return h.stderrText.contains(QLatin1String("line 2")); }, 5000));
        h.process.write(R"({"group": "custom_event", "value": {"field1": "b"}})"
                        "\n");
        QVERIFY(c.waitFrameContaining(QStringLiteral("\"b\"")));
        h.process.closeWriteChannel(); // the end of the input does not stop the server
        QTest::qWait(200);
        QCOMPARE(h.process.state(), QProcess::Running);
    }

    void fixturesAnswerQueriesOverHttpAndWebSocket()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fixtures.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            R"({"Query.getMyModel": [{"id": "1", "name": "alice", "age": 3}], "Query.base": "hello"})");
        file.close();
        Headless h({QStringLiteral("--fixtures"), path});
        QVERIFY(h.waitServing());
        test::Http http;
        QCOMPARE(http.request(QStringLiteral("POST"), QUrl(h.http + QStringLiteral("/graphql/")),
                              R"({"query":"{ base getMyModel { name age } }"})")
                     .second,
                 R"({"data":{"base":"hello","getMyModel":[{"name":"alice","age":3}]}})");
        Client c(h.websocket, {QStringLiteral("graphql-transport-ws")});
        QVERIFY(c.waitConnected());
        c.send(R"({"type":"connection_init"})");
        c.send(R"({"id":"q","type":"subscribe","payload":{"query":"{ base }"}})");
        QVERIFY(c.waitFrames(3));
        QCOMPARE(c.frames[1],
                 R"({"id":"q","type":"next","payload":{"data":{"base":"hello"},"errors":null}})");
    }

    void w3a_initTimeoutCloses4408()
    {
        Headless h({QStringLiteral("--init-timeout"), QStringLiteral("1")});
        QVERIFY(h.waitServing());
        Client c(h.websocket, {QStringLiteral("graphql-transport-ws")});
        QVERIFY(c.waitConnected());
        QVERIFY(c.waitClosed());
        QCOMPARE(*c.closeCode, 4408);
    }

    void w6_keepaliveEverySecondAfterTheAck()
    {
        Headless h({QStringLiteral("--keepalive"), QStringLiteral("1")});
        QVERIFY(h.waitServing());
        Client c(h.websocket, {QStringLiteral("graphql-ws")});
        QVERIFY(c.waitConnected());
        QTest::qWait(1300);
        QVERIFY(c.frames.isEmpty()); // nothing before the ack
        c.send(R"({"type":"connection_init"})");
        QVERIFY(QTest::qWaitFor([&] { return c.frames.count(R"({"type":"ka"})") >= 2; }, 5000));
        QCOMPARE(c.frames[0], R"({"type":"connection_ack"})");
    }

    void badOptionsExitTwoWithAReason_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("port") << QStringList{QStringLiteral("--port"), QStringLiteral("http")}
                              << "--port must be a port number";
        QTest::newRow("bind") << QStringList{QStringLiteral("--bind"),
                                             QStringLiteral("localhost:1")}
                              << "--bind must be an IP address";
        QTest::newRow("path") << QStringList{QStringLiteral("--path"), QStringLiteral("graphql")}
                              << "--path must start with '/'";
        QTest::newRow("overflow") << QStringList{QStringLiteral("--overflow"),
                                                 QStringLiteral("drop_all")}
                                  << "--overflow must be drop_newest";
        QTest::newRow("outbox") << QStringList{QStringLiteral("--outbox-size"), QStringLiteral("0")}
                                << "--outbox-size must be";
        QTest::newRow("log format")
            << QStringList{QStringLiteral("--log-format"), QStringLiteral("xml")}
            << "--log-format must be text or json";
        QTest::newRow("schema") << QStringList{QStringLiteral("--schema"),
                                               QStringLiteral("/nonexistent.graphql")}
                                << "/nonexistent.graphql";
        QTest::newRow("auth") << QStringList{QStringLiteral("--auth"),
                                             QStringLiteral("/nonexistent.json")}
                              << "--auth: cannot read /nonexistent.json";
        QTest::newRow("fixtures") << QStringList{QStringLiteral("--fixtures"),
                                                 QStringLiteral("/nonexistent.json")}
                                  << "--fixtures: cannot read /nonexistent.json";
        QTest::newRow("events") << QStringList{QStringLiteral("--events"),
                                               QStringLiteral("/nonexistent.jsonl")}
                                << "/nonexistent.jsonl";
        QTest::newRow("max connections")
            << QStringList{QStringLiteral("--max-connections"), QStringLiteral("0")}
            << "--max-connections must be a number, 1 or more";
        QTest::newRow("max operations")
            << QStringList{QStringLiteral("--max-operations"), QStringLiteral("-1")}
            << "--max-operations must be a number, 0 for no limit";
        QTest::newRow("max message size")
            << QStringList{QStringLiteral("--max-message-size"), QStringLiteral("100")}
            << "--max-message-size must be a number of bytes, 125 or more";
        QTest::newRow("allowed origins")
            << QStringList{QStringLiteral("--allowed-origins"),
                           QStringLiteral("https://ok.example,app.example.com")}
            << "--allowed-origins: 'app.example.com' is not an origin";
        QTest::newRow("trigger token")
            << QStringList{QStringLiteral("--trigger-token"), QStringLiteral(" ")}
            << "--trigger-token must not be empty";
        QTest::newRow("max body size")
            << QStringList{QStringLiteral("--max-body-size"), QStringLiteral("1MB")}
            << "--max-body-size must be a number of bytes, 1024 or more";
    }
    void badOptionsExitTwoWithAReason()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run r = runSubscope(QStringList{QStringLiteral("--headless"),
                                              QStringLiteral("--port"), QStringLiteral("0")} +
                                  arguments);
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    // Out of descriptors, QTcpServer stops accepting for good; the server says so, tries again
    // each second, and serves again once connections have closed.
    void acceptingResumesAfterTheOpenFileLimitWasReached()
    {
#ifdef SUBSCOPE_SANITIZED
        // UBSan checks a vptr by writing its memory to a pipe; with no descriptor left it cannot
        // open one and reports every virtual call as invalid.
        QSKIP("the sanitizers' runtime needs descriptors itself");
#endif
        Headless server({}, 48);
        QVERIFY(server.waitServing());
        QTRY_VERIFY_WITH_TIMEOUT(
            server.stderrText.contains(QLatin1String("the open-file limit is 48 (ulimit -n)")),
            5000);
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < 60; ++i) {
            sockets.push_back(std::make_unique<QTcpSocket>());
            sockets.back()->connectToHost(QHostAddress::LocalHost,
                                          quint16(server.websocket.port()));
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            server.stderrText.contains(QLatin1String("cannot accept connections")), 10000);
        // Meanwhile the server rests instead of retrying accept() at full CPU (Qt 6.4 would).
        const auto cpuTicks = [&] {
            QFile stat(QStringLiteral("/proc/%1/stat").arg(server.process.processId()));
            if (!stat.open(QIODevice::ReadOnly)) return -1LL;
            const QList<QByteArray> fields = stat.readAll().split(')').value(1).split(' ');
            return fields.value(12).toLongLong() + fields.value(13).toLongLong(); // utime, stime
        };
        const long long before = cpuTicks();
        QTest::qWait(1000);
        const long long spent = cpuTicks() - before;
        QVERIFY2(spent >= 0 && spent < sysconf(_SC_CLK_TCK) / 4,
                 qPrintable(QStringLiteral("%1 ticks of CPU in 1 s").arg(spent)));
        sockets.clear();
        const auto healthy = [&] {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, quint16(server.websocket.port()));
            if (!probe.waitForConnected(1000)) return false;
            probe.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            QByteArray answer;
            (void)QTest::qWaitFor(
                [&] {
                    answer += probe.readAll();
                    return answer.contains("\r\n\r\n");
                },
                1000);
            return answer.startsWith("HTTP/1.1 200");
        };
        QVERIFY2(QTest::qWaitFor(healthy, 10000), qPrintable(server.stderrText.right(3000)));
    }

    void aTakenPortIsAClearError()
    {
        Headless first({});
        QVERIFY(first.waitServing());
        const Run r = runSubscope({QStringLiteral("--headless"), QStringLiteral("--port"),
                                   QString::number(first.websocket.port())});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains(QString::number(first.websocket.port())), qPrintable(r.err));
    }

    void triggerCommandFiresIntoTheServer()
    {
        Headless h({});
        QVERIFY(h.waitServing());
        Client c(h.websocket, {QStringLiteral("graphql-transport-ws")});
        subscribe(c, QStringLiteral(
                         "subscription { myModelCreatedUpdateDelete(id: \\\"3\\\") { id name } }"));
        Run r = runSubscope({QStringLiteral("trigger"), QStringLiteral("--server"), h.http,
                             QStringLiteral("--model"), QStringLiteral("MyModel"),
                             QStringLiteral("--action"), QStringLiteral("update"),
                             QStringLiteral("--pk"), QStringLiteral("3"),
                             QStringLiteral("--fields"), QStringLiteral(R"({"name":"x"})")});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QStringLiteral("{\"group\":\"MyModelUpdated.3\",\"deliveries\":1}\n"));
        QVERIFY(c.waitFrameContaining(
            R"({"pk":3,"fields":{"name":"x","id":3},"group":"MyModelUpdated.3"})"));

        r = runSubscope({QStringLiteral("trigger"), QStringLiteral("MyModelUpdated.3"),
                         QStringLiteral(R"({"id":"3","name":"y"})"), QStringLiteral("--server"),
                         h.http});
        QCOMPARE(r.status, 0);
        QVERIFY(c.waitFrameContaining(R"("name":"y")"));

        r = runSubscope({QStringLiteral("trigger"), QStringLiteral("bad group"),
                         QStringLiteral("1"), QStringLiteral("--server"), h.http});
        QCOMPARE(r.status, 1); // refused by the server
        QVERIFY2(r.err.contains(QLatin1String("400")) &&
                     r.err.contains(QLatin1String("Invalid group name")),
                 qPrintable(r.err));

        r = runSubscope({QStringLiteral("trigger"), QStringLiteral("g"), QStringLiteral("{oops"),
                         QStringLiteral("--server"), h.http});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains(QLatin1String("not JSON")), qPrintable(r.err));

        r = runSubscope({QStringLiteral("trigger"), QStringLiteral("--model"),
                         QStringLiteral("MyModel"), QStringLiteral("--server"), h.http});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains(QLatin1String("--action and --pk")), qPrintable(r.err));
    }

    // `subscope trigger --events`: JSON lines fired in order through POST /trigger batches (over
    // 1 MiB: several requests), one sum printed; a malformed line sends nothing at all.
    // Beyond loopback the server says at start what is open to anyone; the trigger command
    // sends the token it is given.
    void beyondLoopbackTheServerWarnsAndTheTriggerCommandSendsItsToken()
    {
        Headless open({QStringLiteral("--bind"), QStringLiteral("0.0.0.0")});
        QVERIFY(open.waitServing());
        QTRY_VERIFY_WITH_TIMEOUT(open.stderrText.contains(QLatin1String("until a --trigger-token")),
                                 5000);
        QVERIFY(open.stderrText.contains(
            QLatin1String("serving WebSockets on 0.0.0.0 without --auth: any client may join")));
        QVERIFY(open.stderrText.contains(QLatin1String("without --allowed-origins")));

        Headless guarded({QStringLiteral("--trigger-token"), QStringLiteral("t0k")});
        QVERIFY(guarded.waitServing());
        const QStringList fire{QStringLiteral("trigger"), QStringLiteral("custom_event"),
                               QStringLiteral("1"), QStringLiteral("--server"), guarded.http};
        Run r = runSubscope(fire);
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QLatin1String("401")), qPrintable(r.err));
        r = runSubscope(fire + QStringList{QStringLiteral("--token"), QStringLiteral("t0k")});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QStringLiteral("{\"group\":\"custom_event\",\"deliveries\":0}\n"));
    }

    // Over --max-body-size, a client gets 413 even while it is still sending its body (the
    // server drops the rest instead of resetting the connection), for a second request on a
    // kept-alive connection and for a chunked body too.
    void oversizedBodiesGet413EvenWhileTheClientIsStillSending()
    {
        Headless h({QStringLiteral("--max-body-size"), QStringLiteral("65536")});
        QVERIFY(h.waitServing());
        const quint16 port = quint16(h.websocket.port());
        // A blocking client in the test's thread: the server is another process.
        // `first`, if any, is sent and answered before `head` and its body on the same connection.
        const auto exchange = [port](const QByteArray &head, const QByteArray &chunk, int chunks,
                                     const QByteArray &first = {}) {
            const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
            const timeval limit{5, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
            ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
            sockaddr_in address{};
            address.sin_family = AF_INET;
            address.sin_port = htons(port);
            address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            QByteArray answer;
            char buffer[4096];
            ssize_t got;
            if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0) {
                if (!first.isEmpty() &&
                    ::send(fd, first.constData(), size_t(first.size()), MSG_NOSIGNAL) > 0 &&
                    (got = ::recv(fd, buffer, sizeof buffer, 0)) > 0)
                    answer.append(buffer, got);
                bool sending = ::send(fd, head.constData(), size_t(head.size()), MSG_NOSIGNAL) > 0;
                for (int i = 0; sending && i < chunks; ++i)
                    sending = ::send(fd, chunk.constData(), size_t(chunk.size()), MSG_NOSIGNAL) ==
                              ssize_t(chunk.size());
                while ((got = ::recv(fd, buffer, sizeof buffer, 0)) > 0)
                    answer.append(buffer, got);
            }
            ::close(fd);
            return answer;
        };
        const QByteArray megabyte(1024 * 1024, 'x');
        QByteArray answer = exchange(
            "POST /trigger HTTP/1.1\r\nHost: x\r\nContent-Length: 8388608\r\n\r\n", megabyte, 8);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
        QVERIFY(answer.endsWith("{\"error\":\"The body is larger than 64 KiB.\"}"));

        answer = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", {}, 0);
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.left(200).constData());
        // Kept alive, the second request's body is bounded too.
        answer = exchange("POST /trigger HTTP/1.1\r\nHost: x\r\nContent-Length: 8388608\r\n\r\n",
                          megabyte, 8, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 200") && answer.contains("HTTP/1.1 413"),
                 answer.left(400).constData());

        QByteArray chunk = "10000\r\n" + QByteArray(0x10000, 'y') + "\r\n";
        answer = exchange("POST /trigger HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
                          chunk, 64);
        QVERIFY2(answer.contains("HTTP/1.1 413"), answer.left(400).constData());
    }

    // SIGHUP reloads --auth for joins from then on; a file that does not load keeps the users
    // there were, and says why.
    void sighupReloadsTheAuthFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("auth.json"));
        const auto writeAuth = [&](const QByteArray &text) {
            QFile file(path);
            return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) > 0;
        };
        QVERIFY(writeAuth(R"({"tokens": {"t1": {"user": "ann", "groups": ["MyModelCreated"]}}})"));
        Headless h({QStringLiteral("--auth"), path, QStringLiteral("--require-auth")});
        QVERIFY(h.waitServing());
        QUrl url = h.websocket;
        url.setQuery(QStringLiteral("token=t1"));
        Client c(url, {QStringLiteral("graphql-transport-ws")});
        QVERIFY(c.waitConnected());
        c.send(R"({"type":"connection_init"})");
        const auto subscribeCustom = [&](int id) {
            c.send(QStringLiteral("{\"id\":\"%1\",\"type\":\"subscribe\",\"payload\":{"
                                  "\"query\":\"subscription { myCustomEvent { field1 } }\"}}")
                       .arg(id));
        };
        subscribeCustom(1);
        QVERIFY(c.waitFrameContaining(QStringLiteral("Not authorized to subscribe")));

        QVERIFY(writeAuth(R"({"tokens": {"t1": {"user": "ann", "groups": ["custom_event"]}}})"));
        ::kill(pid_t(h.process.processId()), SIGHUP);
        QTRY_VERIFY_WITH_TIMEOUT(h.stderrText.contains(QLatin1String("SIGHUP: reloaded")), 5000);
        subscribeCustom(2);
        QVERIFY(c.waitFrameContaining(QStringLiteral("\"registeredGroups\":[\"custom_event\"]")));

        QVERIFY(writeAuth("{not json"));
        ::kill(pid_t(h.process.processId()), SIGHUP);
        QTRY_VERIFY_WITH_TIMEOUT(
            h.stderrText.contains(QLatin1String("--auth not reloaded, the previous users stay")),
            5000);
        subscribeCustom(3);
        QTRY_VERIFY_WITH_TIMEOUT(
            c.frames.filter(QStringLiteral("\"registeredGroups\":[\"custom_event\"]")).size() == 2,
            5000);
        QCOMPARE(h.process.state(), QProcess::Running);
    }

    void triggerCommandFiresAFileOfEventsInBatches()
    {
        Headless h({});
        QVERIFY(h.waitServing());
        Client c(h.websocket, {QStringLiteral("graphql-transport-ws")});
        subscribe(c, QStringLiteral("subscription { myModelCreated { id name } }"));
        QByteArray lines;
        const int events = 20000;
        const QByteArray padding(60, 'p');
        for (int i = 1; i <= events; ++i)
            lines += "{\"at_ms\": 0, \"group\": \"MyModelCreated\", \"value\": {\"id\": " +
                     QByteArray::number(i) + ", \"name\": \"" + padding + "\"}}\n";
        lines += "\n";
        Run r = runSubscope({QStringLiteral("trigger"), QStringLiteral("--server"), h.http,
                             QStringLiteral("--events"), QStringLiteral("-")},
                            lines);
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QStringLiteral("{\"events\":20000,\"deliveries\":20000}\n"));
        QVERIFY(c.waitFrameContaining("{\"myModelCreated\":{\"id\":20000,"));
        int last = 0;
        for (const QString &frame : c.frames) { // in order, each once
            const QString key = QStringLiteral("{\"myModelCreated\":{\"id\":");
            const qsizetype at = frame.indexOf(key);
            if (at < 0) continue; // the ack and the register ack
            const int id = frame.mid(at + key.size()).section(QLatin1Char(','), 0, 0).toInt();
            QCOMPARE(id, last + 1);
            last = id;
        }
        QCOMPARE(last, events);

        const qsizetype before = c.frames.size();
        r = runSubscope({QStringLiteral("trigger"), QStringLiteral("--server"), h.http,
                         QStringLiteral("--events"), QStringLiteral("-")},
                        "{\"group\":\"MyModelCreated\",\"value\":{\"id\":1}}\n{\"group\":7}\n");
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains(QLatin1String("stdin:2: a line must be")) &&
                     r.err.contains(QLatin1String("Nothing was fired")),
                 qPrintable(r.err));
        r = runSubscope({QStringLiteral("trigger"), QStringLiteral("--server"), h.http,
                         QStringLiteral("--events"), QStringLiteral("/nonexistent.jsonl")});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains(QLatin1String("cannot read /nonexistent.jsonl")),
                 qPrintable(r.err));
        r = runSubscope({QStringLiteral("trigger"), QStringLiteral("g"), QStringLiteral("1"),
                         QStringLiteral("--events"), QStringLiteral("-")});
        QCOMPARE(r.status, 2);
        QTest::qWait(100);
        QCOMPARE(c.frames.size(), before);
    }

    void triggerCommandReportsAnUnreachableServer()
    {
        const Run r =
            runSubscope({QStringLiteral("trigger"), QStringLiteral("g"), QStringLiteral("1"),
                         QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1")});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains(QLatin1String("cannot reach http://127.0.0.1:1")),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
