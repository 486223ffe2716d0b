// The server with real sockets: the WebSocket handshake and both subprotocols (W1, W2), events
// fired over HTTP (W20-W25), the HTTP API's answers and the outbox closing a socket (W28).
#include "server/headless_server.h"
#include "support/net_clients.h"
#include "support/test_schemas.h"

#include <QTcpSocket>
#include <QTest>

#include <sys/socket.h>

using namespace subscope;
using test::Client;
using test::Http;

namespace {

std::shared_ptr<const graphql::Schema> demo()
{
    return test::sharedDemoSchema();
}

// Connected, acknowledged and subscribed as operation "1" to myCustomEvent (group custom_event).
bool subscribeToCustomEvent(Client &c)
{
    if (!c.waitConnected()) return false;
    c.send(R"({"type":"connection_init"})");
    c.send(
        R"({"id":"1","type":"subscribe","payload":{"query":"subscription { myCustomEvent { field1 } }"}})");
    return c.waitFrames(2);
}

} // namespace

class TestServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<server::HeadlessServer> m_server;
    // Writes bytes on a plain TCP socket (optionally shutting its write side) and returns all the
    // server sent until it closed or went quiet.
    QByteArray rawHttp(const QByteArray &request, bool halfClose)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        if (!socket.waitForConnected(5000)) return "not connected";
        socket.write(request);
        socket.flush();
        if (halfClose) ::shutdown(int(socket.socketDescriptor()), SHUT_WR);
        QByteArray answer;
        (void)QTest::qWaitFor(
            [&] {
                answer += socket.readAll();
                return socket.state() != QAbstractSocket::ConnectedState ||
                       answer.contains("\r\n\r\n{");
            },
            5000);
        QTest::qWait(20);
        return answer + socket.readAll();
    }
    QUrl ws() const { return QUrl(m_server->websocketUrl()); }
    QUrl http(const QString &path) const { return QUrl(m_server->httpUrl() + path); }

private slots:
    void init()
    {
        server::ServerConfig config;
        config.port = 0;
        m_server = std::make_unique<server::HeadlessServer>(demo(), config);
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }
    void cleanup() { m_server.reset(); }

    void w1_w2_transportSubprotocolEndToEnd()
    {
        Client c(ws(), {QStringLiteral("graphql-transport-ws")});
        QVERIFY(c.waitConnected());
        QCOMPARE(c.socket.subprotocol(), QStringLiteral("graphql-transport-ws"));
        c.send(R"({"type":"connection_init","payload":{}})");
        QVERIFY(c.waitFrames(1));
        QCOMPARE(c.frames[0], R"({"type":"connection_ack"})");
        c.send(
            R"({"id":"1","type":"subscribe","payload":{"query":"subscription { created: myModelCreated(subscribe: true) { id name } }"}})");
        QVERIFY(c.waitFrames(2));
        QVERIFY(c.frames[1].contains(R"("action":"register")"));
        Http h;
        auto [status, body] =
            h.request(QStringLiteral("POST"), http(QStringLiteral("/models/MyModel")),
                      R"({"action":"create","pk":7,"fields":{"name":"alice","age":3}})");
        QCOMPARE(status, 202);
        QCOMPARE(body, R"({"group":"MyModelCreated","deliveries":1})");
        QVERIFY(c.waitFrames(3));
        QCOMPARE(
            c.frames[2],
            R"({"id":"1","type":"next","payload":{"data":{"created":{"pk":7,"fields":{"name":"alice","id":7},"group":"MyModelCreated"}},"errors":null}})");
        c.send(R"({"id":"1","type":"complete"})");
        QVERIFY(c.waitFrames(4));
        QCOMPARE(c.frames[3], R"({"type":"complete","id":"1"})");
    }

    void w1_firstOfferedSupportedSubprotocolWins()
    {
        Client c(ws(), {QStringLiteral("graphql-ws"), QStringLiteral("graphql-transport-ws")});
        QVERIFY(c.waitConnected());
        QCOMPARE(c.socket.subprotocol(), QStringLiteral("graphql-ws"));
        c.send(R"({"type":"connection_init"})");
        c.send(
            R"({"id":"c","type":"start","payload":{"query":"subscription { myCustomEvent { field1 } }"}})");
        QVERIFY(c.waitFrames(2));
        Http h;
        QCOMPARE(h.request(QStringLiteral("POST"), http(QStringLiteral("/trigger")),
                           R"({"group":"custom_event","value":{"field1":"x"}})")
                     .first,
                 202);
        QVERIFY(c.waitFrames(3));
        QCOMPARE(
            c.frames[2],
            R"({"id":"c","type":"data","payload":{"data":{"myCustomEvent":{"field1":"x"}},"errors":null}})");
    }

    void w1_noSupportedSubprotocolCloses1002()
    {
        Client none(ws(), {});
        QVERIFY(none.waitClosed());
        QCOMPARE(*none.closeCode, 1002);
        Client other(ws(), {QStringLiteral("mqtt")});
        QVERIFY(other.waitClosed());
        QCOMPARE(*other.closeCode, 1002);
    }

    void pathsOtherThanTheGraphqlPathAreRefused()
    {
        QUrl url = ws();
        url.setPath(QStringLiteral("/elsewhere/"));
        Client c(url, {QStringLiteral("graphql-transport-ws")});
        QVERIFY(c.waitClosed());
        QVERIFY(c.socket.state() != QAbstractSocket::ConnectedState);
        url.setPath(QStringLiteral("/graphql")); // without the slash: the same endpoint
        Client bare(url, {QStringLiteral("graphql-transport-ws")});
        QVERIFY(bare.waitConnected());
        QCOMPARE(bare.socket.subprotocol(), QStringLiteral("graphql-transport-ws"));
    }

    void w9_invalidJsonCloses4400AndNothingElseIsDisturbed()
    {
        Client bad(ws(), {QStringLiteral("graphql-transport-ws")}),
            good(ws(), {QStringLiteral("graphql-transport-ws")});
        QVERIFY(bad.waitConnected() && good.waitConnected());
        good.send(R"({"type":"connection_init"})");
        QVERIFY(good.waitFrames(1));
        bad.send("not json at all");
        QVERIFY(bad.waitClosed());
        QCOMPARE(*bad.closeCode, 4400);
        good.send(R"({"type":"ping"})");
        QVERIFY(good.waitFrames(2));
        QCOMPARE(good.frames[1], R"({"type":"pong"})");
    }

    void w25_triggerErrors()
    {
        Http h;
        const QUrl trigger = http(QStringLiteral("/trigger"));
        QCOMPARE(h.request(QStringLiteral("POST"), trigger, "{nope").first, 400);
        auto [status, body] =
            h.request(QStringLiteral("POST"), trigger, R"({"group":"has space","value":1})");
        QCOMPARE(status, 400);
        QVERIFY(body.contains("Invalid group name 'has space'"));
        QCOMPARE(h.request(QStringLiteral("POST"), trigger, R"({"value":1})").second,
                 "{\"error\":\"\\\"group\\\" must be a string.\"}");
        QCOMPARE(h.request(QStringLiteral("POST"), trigger, R"({"group":"g"})").first, 400);
        QCOMPARE(h.request(QStringLiteral("POST"), trigger, R"([1])").first, 400);
        QCOMPARE(h.request(QStringLiteral("POST"), trigger, R"({"group":"g","value":null})").second,
                 R"({"group":"g","deliveries":0})");
    }

    void w20_w25_triggerBatchFiresInOrderOrNotAtAll()
    {
        Client c(ws(), {QStringLiteral("graphql-transport-ws")});
        QVERIFY(subscribeToCustomEvent(c));
        Http h;
        const QUrl trigger = http(QStringLiteral("/trigger"));
        // One bad element (W25) refuses the whole batch, naming it: nothing is fired.
        auto [status, body] = h.request(
            QStringLiteral("POST"), trigger,
            R"([{"group":"custom_event","value":{"field1":"a"}},{"group":"bad name","value":1}])");
        QCOMPARE(status, 400);
        QCOMPARE(body, "{\"error\":\"[1]: Invalid group name 'bad name': letters, digits, '_', "
                       "'.' and '-' only, fewer than 100 characters. Nothing in the batch was "
                       "fired.\"}");
        QCOMPARE(h.request(QStringLiteral("POST"), trigger, R"([{"group":"g"}])").second,
                 "{\"error\":\"[0]: \\\"value\\\" is missing (use null for an event without a "
                 "value). Nothing in the batch was fired.\"}");
        QCOMPARE(
            h.request(QStringLiteral("POST"), trigger, R"([{"group":"g","value":1},7])").second,
            "{\"error\":\"[1]: An event must be a JSON object {\\\"group\\\": \\\"...\\\", "
            "\\\"value\\\": ...}. Nothing in the batch was fired.\"}");
        QTest::qWait(50);
        QCOMPARE(c.frames.size(), 2);

        // W20: every event of the batch, in order, one answer for all.
        QCOMPARE(h.request(QStringLiteral("POST"), trigger,
                           R"([{"group":"custom_event","value":{"field1":"a"}},)"
                           R"({"group":"nobody","value":0},)"
                           R"({"group":"custom_event","value":{"field1":"b"}}])"),
                 std::make_pair(202, QByteArray(R"({"events":3,"deliveries":2})")));
        QVERIFY(c.waitFrames(4));
        QVERIFY(c.frames[2].contains(R"("field1":"a")"));
        QVERIFY(c.frames[3].contains(R"("field1":"b")"));
        QCOMPARE(h.request(QStringLiteral("POST"), trigger, "[]"),
                 std::make_pair(202, QByteArray(R"({"events":0,"deliveries":0})")));
    }

    // W28: the outbox (256 frames) holds what a socket cannot take yet; a batch four times its
    // size reaches a client that reads, whole and in order.
    void w28_batchLargerThanTheOutboxReachesAClientThatReads()
    {
        Client c(ws(), {QStringLiteral("graphql-transport-ws")});
        QVERIFY(subscribeToCustomEvent(c));
        QByteArray batch = "[";
        const int events = 1024;
        for (int i = 0; i < events; ++i)
            batch += QByteArray(i ? "," : "") +
                     "{\"group\":\"custom_event\",\"value\":{\"field1\":\"" +
                     QByteArray::number(i) + "\"}}";
        batch += "]";
        Http h;
        QCOMPARE(h.request(QStringLiteral("POST"), http(QStringLiteral("/trigger")), batch),
                 std::make_pair(202, QByteArray(R"({"events":1024,"deliveries":1024})")));
        QVERIFY(c.waitFrames(2 + events));
        for (int i = 0; i < events; ++i)
            QVERIFY2(c.frames[2 + i].contains(QStringLiteral("\"field1\":\"%1\"").arg(i)),
                     qPrintable(c.frames[2 + i]));
        QCOMPARE(h.request(QStringLiteral("GET"), http(QStringLiteral("/metrics")), {})
                     .second.contains("subscope_outbox_drops_total{strategy=\"drop_newest\"} 0\n"),
                 true);
    }

    // A trigger's value with bytes that are not UTF-8 reaches the client as text with U+FFFD;
    // the socket is not closed with 1007.
    void invalidUtf8InAValueIsReplacedNotFatal()
    {
        Client c(ws(), {QStringLiteral("graphql-transport-ws")});
        QVERIFY(subscribeToCustomEvent(c));
        Http h;
        QCOMPARE(
            h.request(QStringLiteral("POST"), http(QStringLiteral("/trigger")),
                      QByteArray("{\"group\":\"custom_event\",\"value\":{\"field1\":\"a\xff\xfe"
                                 "b\"}}"))
                .first,
            202);
        QVERIFY(c.waitFrames(3));
        QVERIFY2(c.frames[2].contains(QStringLiteral("a\ufffd\ufffdb")), qPrintable(c.frames[2]));
        QTest::qWait(50);
        QVERIFY(!c.closeCode);
    }

    void modelEndpointChecksFields()
    {
        Http h;
        const QUrl models = http(QStringLiteral("/models/MyModel"));
        QCOMPARE(h.request(QStringLiteral("POST"), models,
                           R"({"action":"update","pk":3,"fields":{"nmae":"x"}})")
                     .second,
                 R"({"error":"Field 'nmae' is not a field of MyModelType. Did you mean 'name'?"})");
        QCOMPARE(
            h.request(QStringLiteral("POST"), models,
                      R"({"action":"update","pk":3,"fields":{"age":"x"}})")
                .second,
            R"({"error":"Field 'age' of MyModelType: Int cannot represent non-integer value: 'x'"})");
        QCOMPARE(h.request(QStringLiteral("POST"), models, R"({"action":"rename","pk":3})").first,
                 400);
        QCOMPARE(h.request(QStringLiteral("POST"), models, R"({"action":"delete"})").first, 400);
        QCOMPARE(h.request(QStringLiteral("POST"), http(QStringLiteral("/models/MyModelType")),
                           R"({"action":"delete","pk":"a-1"})")
                     .second,
                 R"({"group":"MyModelDeleted.a-1","deliveries":0})");
        QCOMPARE(
            h.request(QStringLiteral("POST"), http(QStringLiteral("/models/Nope")), "{}").first,
            404);
    }

    void graphqlOverHttp()
    {
        Http h;
        const QUrl graphql = http(QStringLiteral("/graphql/"));
        QCOMPARE(
            h.request(QStringLiteral("POST"), graphql, R"({"query":"{ __typename base }"})").second,
            R"({"data":{"__typename":"Query","base":null}})");
        auto [status, body] = h.request(QStringLiteral("POST"), graphql, R"({"query":"{ nope }"})");
        QCOMPARE(status, 400);
        QVERIFY(body.startsWith(
            R"({"errors":[{"message":"Cannot query field 'nope' on type 'Query'.")"));
        QCOMPARE(h.request(QStringLiteral("POST"), graphql,
                           R"({"query":"subscription { myModelCreated { id } }"})")
                     .first,
                 400);
        QUrl get = graphql;
        get.setQuery(QStringLiteral("query=%7B__typename%7D"));
        QCOMPARE(h.request(QStringLiteral("GET"), get).second,
                 R"({"data":{"__typename":"Query"}})");
        QCOMPARE(h.request(QStringLiteral("POST"), graphql, "nope").first, 400);
        // Variables as an object, as a JSON text (graphene-django takes both), or refused.
        QCOMPARE(
            h.request(
                 QStringLiteral("POST"), graphql,
                 R"({"query":"query Q($a: Int!) { __typename @include(if: true) x: __typename @skip(if: false) }","variables":{"a":1}})")
                .first,
            400);
        QCOMPARE(
            h.request(
                 QStringLiteral("POST"), graphql,
                 R"({"query":"query Q($a: Boolean!) { __typename @include(if: $a) }","variables":{"a":true}})")
                .second,
            R"({"data":{"__typename":"Query"}})");
        const QByteArray variablesAsText =
            QByteArray::fromStdString(graphql::JsonValue(R"({"a":false})").toJson());
        QCOMPARE(
            h.request(
                 QStringLiteral("POST"), graphql,
                 R"({"query":"query Q($a: Boolean!) { __typename @include(if: $a) }","variables":)" +
                     variablesAsText + "}")
                .second,
            R"({"data":{}})");
        QCOMPARE(h.request(QStringLiteral("POST"), graphql,
                           R"({"query":"{ __typename }","variables":"not json"})")
                     .second,
                 R"({"error":"Variables are invalid JSON."})");
        get.setQuery(QStringLiteral("query=%7B__typename%7D&variables=%7Bbad"));
        QCOMPARE(h.request(QStringLiteral("GET"), get).first, 400);
        // Enough introspection for tools to load the schema.
        QVERIFY(h.request(QStringLiteral("POST"), graphql,
                          R"({"query":"{ __schema { subscriptionType { fields { name } } } }"})")
                    .second.contains("myModelCreatedUpdateDelete"));
    }

    void messagesOverOneMebibyteClose1009()
    {
        Client big(ws(), {QStringLiteral("graphql-transport-ws")}),
            other(ws(), {QStringLiteral("graphql-transport-ws")});
        QVERIFY(big.waitConnected() && other.waitConnected());
        big.send(QString(2 * 1024 * 1024, QLatin1Char(' ')));
        QVERIFY(big.waitClosed());
        QCOMPARE(*big.closeCode, 1009);
        other.send(R"({"type":"ping"})");
        QVERIFY(other.waitFrames(1));
    }

    void rawHttpEdgeCases()
    {
        // A client that half-closes after its request still gets the answer.
        for (int i = 0; i < 10; ++i)
            QVERIFY(rawHttp("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", true)
                        .startsWith("HTTP/1.1 200"));
        // Bare LF line ends (RFC 9112 allows servers to take them).
        QVERIFY(rawHttp("GET /healthz HTTP/1.1\nHost: x\n\n", false).startsWith("HTTP/1.1 200"));
        // A body announced larger than 4 MiB is refused before it is read.
        const QByteArray tooLarge =
            rawHttp("POST /trigger HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n", false);
        QVERIFY2(tooLarge.startsWith("HTTP/1.1 413"), tooLarge.constData());
        QVERIFY(tooLarge.endsWith(R"({"error":"The body is larger than 4 MiB."})"));
    }

    void unknownRoutesAnswer404WithTheRoutes()
    {
        Http h;
        auto [status, body] = h.request(QStringLiteral("GET"), http(QStringLiteral("/nope")));
        QCOMPARE(status, 404);
        QCOMPARE(
            body,
            R"({"error":"No route GET /nope. Routes: POST /trigger, POST /models/<name>, POST|GET /graphql/, GET /healthz, GET /metrics."})");
        QCOMPARE(h.request(QStringLiteral("GET"), http(QStringLiteral("/trigger"))).first, 404);
    }

    void corsPreflightOnEveryRoute()
    {
        Http h;
        for (const QString &path : {QStringLiteral("/trigger"), QStringLiteral("/models/MyModel"),
                                    QStringLiteral("/graphql/"), QStringLiteral("/graphql")})
            QCOMPARE(h.request(QStringLiteral("OPTIONS"), http(path)).first, 204);
    }

    void healthAndMetrics()
    {
        Http h;
        QCOMPARE(h.request(QStringLiteral("GET"), http(QStringLiteral("/healthz"))).second,
                 R"({"status":"ok"})");
        Client c(ws(), {QStringLiteral("graphql-ws")});
        QVERIFY(c.waitConnected());
        c.send(R"({"type":"connection_init"})");
        c.send("{\"id\":\"1\",\"type\":\"start\",\"payload\":{\"query\":\"subscription { "
               "myModelCreatedUpdateDelete(id: \\\"4\\\") { id } }\"}}");
        QVERIFY(c.waitFrames(2));
        h.request(QStringLiteral("POST"), http(QStringLiteral("/trigger")),
                  R"({"group":"MyModelUpdated.4","value":1})");
        QVERIFY(c.waitFrames(3));
        const QByteArray metrics =
            h.request(QStringLiteral("GET"), http(QStringLiteral("/metrics"))).second;
        QVERIFY(metrics.contains("subscope_connections{subprotocol=\"graphql-ws\"} 1\n"));
        QVERIFY(metrics.contains("subscope_operations 1\n"));
        QVERIFY(metrics.contains("subscope_groups 3\n"));
        QVERIFY(metrics.contains("subscope_triggers_total 1\n"));
        QVERIFY(metrics.contains("subscope_deliveries_total 1\n"));
        QVERIFY(metrics.contains("subscope_frames_received_total 2\n"));
        QVERIFY(metrics.contains("subscope_outbox_drops_total{strategy=\"drop_newest\"} 0\n"));
    }

    void w17_w30_authRulesFromTheServerConfig()
    {
        graphql::JsonValue document;
        QVERIFY(graphql::JsonValue::fromJson(
            R"({"tokens": {"bob": {"user": "bob", "groups": ["MyModelUpdated.*"]}}})", &document));
        server::ServerConfig config;
        config.port = 0;
        auto rules = *protocol::AccessRules::fromJson(document, nullptr);
        rules.requireAuth = true;
        config.access = std::make_shared<const protocol::AccessRules>(std::move(rules));
        server::HeadlessServer guarded(demo(), config);
        QString error;
        QVERIFY(guarded.start(&error));
        const QUrl url(guarded.websocketUrl());
        const QString refused =
            R"({"id":"1","type":"next","payload":{"data":null,"errors":[{"message":"Not authorized to subscribe to one or more subscription channels."}]}})";
        const QString updates = "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":"
                                "\"subscription { myModelUpdated(id: \\\"5\\\") { id } }\"}}";

        Client anonymous(url, {QStringLiteral("graphql-transport-ws")});
        QVERIFY(anonymous.waitConnected());
        anonymous.send(R"({"type":"connection_init"})");
        anonymous.send(updates);
        QVERIFY(anonymous.waitFrames(2));
        QCOMPARE(anonymous.frames[1], refused);

        QUrl withToken = url;
        withToken.setQuery(QStringLiteral("token=bob"));
        Client byQuery(withToken, {QStringLiteral("graphql-transport-ws")});
        QVERIFY(byQuery.waitConnected());
        byQuery.send(R"({"type":"connection_init"})");
        byQuery.send(updates);
        QVERIFY(byQuery.waitFrames(2));
        QVERIFY(byQuery.frames[1].contains(R"("registeredGroups":["MyModelUpdated.5"])"));

        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Token bob");
        Client byHeader(request, {QStringLiteral("graphql-ws")});
        QVERIFY(byHeader.waitConnected());
        byHeader.send(R"({"type":"connection_init"})");
        byHeader.send(
            R"({"id":"1","type":"start","payload":{"query":"subscription { myCustomEvent { field1 } }"}})");
        QVERIFY(byHeader.waitFrames(2)); // bob's own list does not include custom_event
        QVERIFY(byHeader.frames[1].contains("Not authorized"));

        QCOMPARE(guarded.publish("MyModelUpdated.5", graphql::JsonValue(1)).deliveries, size_t(1));
        QVERIFY(byQuery.waitFrames(3));
    }

    // Each limit is configurable and refuses what is beyond it with its own answer, while a
    // client within the limits keeps receiving its events.
    void limitsRefuseWhatIsBeyondThemWithSpecificAnswers()
    {
        server::ServerConfig config;
        config.port = 0;
        config.maxConnections = 2;
        config.maxOperations = 2;
        config.maxMessageBytes = 1000;
        config.maxBodyBytes = 2048;
        server::HeadlessServer limited(demo(), config);
        QString error;
        QVERIFY(limited.start(&error));
        const QUrl url(limited.websocketUrl());
        const QStringList transport{QStringLiteral("graphql-transport-ws")};
        Client a(url, transport), b(url, transport);
        QVERIFY(subscribeToCustomEvent(a)); // operation "1"
        QVERIFY(b.waitConnected());

        // Connections: a third handshake is answered 503, naming the limit.
        QTcpSocket third;
        third.connectToHost(QHostAddress::LocalHost, limited.port());
        QVERIFY(third.waitForConnected(5000));
        third.write("GET /graphql/ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: "
                    "Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    "Sec-WebSocket-Version: 13\r\n\r\n");
        QByteArray answer;
        QVERIFY(QTest::qWaitFor(
            [&] {
                answer += third.readAll();
                return answer.contains("again later");
            },
            5000));
        QVERIFY2(answer.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), answer.constData());
        QVERIFY(answer.contains("limit of 2 connections"));

        // Operations: a third one is refused with TOO_MANY_OPERATIONS (W10's shape); an id
        // already there still subscribes again (W27), and a completed one frees its place.
        const auto subscribe = [&](const char *id) {
            a.send(QStringLiteral("{\"id\":\"%1\",\"type\":\"subscribe\",\"payload\":{\"query\":"
                                  "\"subscription { myCustomEvent { field1 } }\"}}")
                       .arg(QLatin1String(id)));
        };
        subscribe("2");
        QVERIFY(a.waitFrames(3));
        subscribe("3");
        QVERIFY(a.waitFrames(4));
        QCOMPARE(a.frames[3],
                 "{\"id\":\"3\",\"type\":\"error\",\"payload\":[{\"message\":\"Too many operations "
                 "on this connection (the limit is 2).\",\"extensions\":{\"code\":"
                 "\"TOO_MANY_OPERATIONS\"}}]}");
        subscribe("1");
        QVERIFY(a.waitFrames(5));
        QVERIFY2(a.frames[4].contains("\"action\":\"register\""), qPrintable(a.frames[4]));
        a.send(R"({"id":"2","type":"complete"})");
        QVERIFY(a.waitFrames(6));
        QCOMPARE(a.frames[5], R"({"type":"complete","id":"2"})");
        subscribe("3");
        QVERIFY(a.waitFrames(7));
        QVERIFY2(a.frames[6].contains("\"action\":\"register\""), qPrintable(a.frames[6]));

        // Messages: one byte over the limit closes that socket with 1009.
        b.send(QString(1001, QLatin1Char(' ')));
        QVERIFY(b.waitClosed());
        QCOMPARE(*b.closeCode, 1009);

        // HTTP bodies: over the limit, 413 names it.
        Http h;
        const auto [status, body] =
            h.request(QStringLiteral("POST"), QUrl(limited.httpUrl() + QStringLiteral("/trigger")),
                      QByteArray(3000, ' '));
        QCOMPARE(status, 413);
        QCOMPARE(body, QByteArray(R"({"error":"The body is larger than 2 KiB."})"));

        // The client within the limits was not disturbed.
        const int before = int(a.frames.size());
        QCOMPARE(limited.publish("custom_event", graphql::JsonValue(std::string("still here")))
                     .deliveries,
                 size_t(2));
        QVERIFY(a.waitFrames(before + 2));
    }

    // The HTTP triggers with --trigger-token: a bearer (or "Token") header with the token, or
    // 401 saying what is missing; queries over HTTP stay open.
    void triggerTokenGuardsTheHttpTriggers()
    {
        server::ServerConfig config;
        config.port = 0;
        config.triggerToken = "s3cret";
        server::HeadlessServer guarded(demo(), config);
        QString error;
        QVERIFY(guarded.start(&error));
        const QUrl trigger(guarded.httpUrl() + QStringLiteral("/trigger"));
        const QByteArray event = R"({"group":"custom_event","value":1})";
        const auto post = [&](const QUrl &url, const QByteArray &authorization,
                              const QByteArray &body) {
            QNetworkAccessManager network;
            QNetworkRequest request(url);
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QStringLiteral("application/json"));
            if (!authorization.isEmpty()) request.setRawHeader("Authorization", authorization);
            QNetworkReply *reply = network.post(request, body);
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray answer = reply->readAll();
            const QByteArray challenge = reply->rawHeader("WWW-Authenticate");
            reply->deleteLater();
            return std::tuple{status, answer, challenge};
        };
        auto [status, body, challenge] = post(trigger, {}, event);
        QCOMPARE(status, 401);
        // Plain strings: moc of Qt 6.4 misreads raw strings with escaped quotes.
        QCOMPARE(body, QByteArray("{\"error\":\"Triggering needs \\\"Authorization: Bearer "
                                  "<token>\\\" with the server's --trigger-token.\"}"));
        QCOMPARE(challenge, QByteArray("Bearer"));
        std::tie(status, body, challenge) = post(trigger, "Bearer s3cre", event);
        QCOMPARE(status, 401);
        QCOMPARE(body, QByteArray(R"({"error":"The trigger token is wrong."})"));
        std::tie(status, body, challenge) = post(trigger, "Bearer s3cret", event);
        QCOMPARE(status, 202);
        std::tie(status, body, challenge) = post(trigger, "Token s3cret", event);
        QCOMPARE(status, 202);
        const QUrl model(guarded.httpUrl() + QStringLiteral("/models/MyModel"));
        const QByteArray create = R"({"action":"create","pk":1,"fields":{"name":"a"}})";
        QCOMPARE(std::get<0>(post(model, {}, create)), 401);
        QCOMPARE(std::get<0>(post(model, "Bearer s3cret", create)), 202);
        const QUrl graphql(guarded.httpUrl() + QStringLiteral("/graphql/"));
        QCOMPARE(std::get<0>(post(graphql, {}, R"({"query":"{ __typename }"})")), 200);
    }

    // Bound beyond loopback without a trigger token, the HTTP triggers are refused.
    void triggersBeyondLoopbackNeedAToken()
    {
        server::ServerConfig config;
        config.port = 0;
        config.bind = QHostAddress::AnyIPv4;
        server::HeadlessServer open(demo(), config);
        QString error;
        QVERIFY(open.start(&error));
        Http h;
        const auto [status, body] =
            h.request(QStringLiteral("POST"),
                      QUrl(QStringLiteral("http://127.0.0.1:%1/trigger").arg(open.port())),
                      R"({"group":"custom_event","value":1})");
        QCOMPARE(status, 401);
        QCOMPARE(body, QByteArray("{\"error\":\"Triggering over HTTP is refused: the server "
                                  "listens on 0.0.0.0 without --trigger-token.\"}"));
    }

    // --allowed-origins: a browser page of another origin cannot open a WebSocket (403);
    // listed origins and clients that send no Origin can.
    void handshakesFromOriginsNotAllowedAreRefused()
    {
        server::ServerConfig config;
        config.port = 0;
        config.allowedOrigins = {QStringLiteral("https://app.example.com")};
        server::HeadlessServer guarded(demo(), config);
        QString error;
        QVERIFY(guarded.start(&error));
        const auto handshake = [&](const QByteArray &origin) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, guarded.port());
            if (!socket.waitForConnected(5000)) return QByteArray("not connected");
            socket.write("GET /graphql/ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                         "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                         "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-ws\r\n" +
                         (origin.isEmpty() ? QByteArray() : "Origin: " + origin + "\r\n") + "\r\n");
            QByteArray answer;
            (void)QTest::qWaitFor(
                [&] {
                    answer += socket.readAll();
                    return answer.contains("\r\n\r\n");
                },
                5000);
            return answer.left(answer.indexOf("\r\n"));
        };
        QCOMPARE(handshake("https://evil.example"), QByteArray("HTTP/1.1 403 Forbidden"));
        QCOMPARE(handshake("https://app.example.com"),
                 QByteArray("HTTP/1.1 101 Switching Protocols"));
        QCOMPARE(handshake("HTTPS://APP.EXAMPLE.COM"),
                 QByteArray("HTTP/1.1 101 Switching Protocols"));
        QCOMPARE(handshake({}), QByteArray("HTTP/1.1 101 Switching Protocols"));
    }

    void w28_closeConnectionStrategyCloses4413()
    {
        server::ServerConfig config;
        config.port = 0;
        config.outboxSize = 2;
        config.overflow = registry::OverflowStrategy::CloseConnection;
        server::HeadlessServer tiny(demo(), config);
        QString error;
        QVERIFY(tiny.start(&error));
        Client c(QUrl(tiny.websocketUrl()), {QStringLiteral("graphql-transport-ws")});
        QVERIFY(subscribeToCustomEvent(c));
        // 8 MiB at once, more than the kernel and Qt buffer for a client that has not read yet:
        // the rest waits in the outbox, which overflows.
        const graphql::JsonValue big(std::string(256 * 1024, 'x'));
        for (int i = 0; i < 32; ++i)
            tiny.publish("custom_event", big);
        QVERIFY(c.waitClosed());
        QCOMPARE(*c.closeCode, 4413);
        QCOMPARE(
            tiny.hub().counters().dropsByStrategy[int(registry::OverflowStrategy::CloseConnection)],
            uint64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
