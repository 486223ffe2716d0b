// --channel-layer redis://: several headless servers share events through a real redis-server,
// in the wire format of channels_redis's RedisPubSubChannelLayer, and a real Django Channels
// peer (Debian's channels_redis and msgpack, channels_redis_peer.py) reaches their sockets and
// is reached by them. Each test starts its own redis-server on a free loopback port.
#include "support/headless_process.h"
#include "support/net_clients.h"
#include "support/redis_server.h"
#include "support/run_subscope.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace subscope;
using test::Client;
using test::Headless;
using test::Http;
using test::RedisServer;
using test::runSubscope;

namespace {

const QString TransportWs = QStringLiteral("graphql-transport-ws");
const QString LegacyWs = QStringLiteral("graphql-ws");
const QByteArray CustomChannel = "asgi__group__custom_event";

bool waitHealthy(const Headless &h, int ms = 15000);

// A headless server on the Redis channel layer, serving and (unless told) connected to Redis.
std::unique_ptr<Headless> serverOn(const QString &redisUrl, QStringList more = {},
                                   bool waitForRedis = true)
{
    auto h =
        std::make_unique<Headless>(QStringList{QStringLiteral("--channel-layer"), redisUrl} + more);
    if (!h->waitServing()) qWarning("not serving: %s", qPrintable(h->stderrText));
    if (waitForRedis && !waitHealthy(*h)) qWarning("no Redis: %s", qPrintable(h->stderrText));
    return h;
}

// A client subscribed to myCustomEvent (group custom_event) with operation `id`, registered.
void subscribeCustom(Client &c, const QString &subprotocol, const QString &id = QStringLiteral("1"))
{
    QVERIFY(c.waitConnected());
    if (c.frames.isEmpty() && !c.socket.property("initialised").toBool()) {
        c.send(R"({"type":"connection_init"})");
        c.socket.setProperty("initialised", true);
    }
    const QString type =
        subprotocol == TransportWs ? QStringLiteral("subscribe") : QStringLiteral("start");
    c.send(QStringLiteral(R"({"id":"%1","type":"%2","payload":{"query":)"
                          R"("subscription { myCustomEvent { field1 } }"}})")
               .arg(id, type));
    QVERIFY(c.waitFrameContaining(QStringLiteral(R"("id":"%1")").arg(id)));
}

int framesContaining(const Client &c, const QString &text)
{
    return int(std::count_if(c.frames.begin(), c.frames.end(),
                             [&](const QString &f) { return f.contains(text); }));
}

int trigger(Http &http, const Headless &h, const QByteArray &body, QByteArray *answer = nullptr)
{
    const auto [status, got] =
        http.request(QStringLiteral("POST"), QUrl(h.http + QStringLiteral("/trigger")), body);
    if (answer) *answer = got;
    return status;
}

// The value of a metric line of GET /metrics, or -1.
qint64 metric(Http &http, const Headless &h, const QByteArray &name)
{
    const QByteArray text =
        http.request(QStringLiteral("GET"), QUrl(h.http + QStringLiteral("/metrics"))).second;
    for (const QByteArray &line : text.split('\n'))
        if (line.startsWith(QByteArray(name + ' '))) return line.mid(name.size() + 1).toLongLong();
    return -1;
}

bool waitHealthy(const Headless &h, int ms)
{
    Http http;
    return QTest::qWaitFor(
        [&] {
            return http.request(QStringLiteral("GET"), QUrl(h.http + QStringLiteral("/healthz")))
                       .first == 200;
        },
        ms);
}

// The Django peer (channels_redis_peer.py) run with Debian's Python.
struct DjangoPeer
{
    QProcess process;
    QByteArray out;
    explicit DjangoPeer(const QStringList &arguments)
    {
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QObject::connect(&process, &QProcess::readyReadStandardOutput,
                         [this] { out += process.readAllStandardOutput(); });
        process.start(QStringLiteral("/usr/bin/python3"),
                      QStringList{QStringLiteral(CHANNELS_REDIS_PEER)} + arguments);
    }
    ~DjangoPeer()
    {
        process.kill();
        process.waitForFinished(3000);
    }
    bool waitReady()
    {
        return QTest::qWaitFor([this] { return out.contains("ready\n"); }, 10000);
    }
    bool waitFinished()
    {
        return QTest::qWaitFor([this] { return process.state() == QProcess::NotRunning; }, 15000) &&
               process.exitCode() == 0;
    }
    // What it printed after "ready", as JSON.
    QJsonObject result() const
    {
        return QJsonDocument::fromJson(out.mid(out.indexOf("ready\n") + 6)).object();
    }
};

} // namespace

class TestRedis : public QObject
{
    Q_OBJECT

private slots:
    // W20 across processes: a member on A gets an event triggered on B, in either subprotocol.
    void eventTriggeredOnOneServerReachesAnother()
    {
        RedisServer redis;
        // By name too: "localhost" may resolve to ::1 first, and this Redis listens on IPv4.
        auto a = serverOn(redis.url()),
             b = serverOn(QStringLiteral("redis://localhost:%1").arg(redis.port));
        Client transport(a->websocket, {TransportWs}), legacy(a->websocket, {LegacyWs});
        subscribeCustom(transport, TransportWs);
        subscribeCustom(legacy, LegacyWs);
        QVERIFY(QTest::qWaitFor([&] { return redis.subscribers(CustomChannel) == 1; }, 5000));
        Http http;
        QByteArray answer;
        QCOMPARE(
            trigger(http, *b, R"({"group":"custom_event","value":{"field1":"from B"}})", &answer),
            202);
        QCOMPARE(answer, QByteArray(R"({"group":"custom_event","published":true})"));
        // W21: the frame each subprotocol sends for an event.
        QVERIFY(transport.waitFrameContaining(
            R"({"id":"1","type":"next","payload":{"data":{"myCustomEvent":{"field1":"from B"}},"errors":null}})"));
        QVERIFY(legacy.waitFrameContaining(
            R"({"id":"1","type":"data","payload":{"data":{"myCustomEvent":{"field1":"from B"}},"errors":null}})"));
        QCOMPARE(metric(http, *b, "subscope_redis_published_total"), 1);
        QTRY_COMPARE(metric(http, *a, "subscope_redis_received_total"), 1);
    }

    // W20: once per member across the cluster, whichever server it was fired on; two
    // operations of one socket in the group get a frame each.
    void membersOnTwoServersGetOneEventOnceEach()
    {
        RedisServer redis;
        auto a = serverOn(redis.url()), b = serverOn(redis.url()), c = serverOn(redis.url());
        Client onA(a->websocket, {TransportWs}), onC(c->websocket, {TransportWs});
        subscribeCustom(onA, TransportWs, QStringLiteral("1"));
        subscribeCustom(onA, TransportWs, QStringLiteral("2"));
        subscribeCustom(onC, TransportWs);
        QVERIFY(QTest::qWaitFor([&] { return redis.subscribers(CustomChannel) == 2; }, 5000));
        Http http;
        QCOMPARE(trigger(http, *b, R"({"group":"custom_event","value":{"field1":"once"}})"), 202);
        QVERIFY(onA.waitFrameContaining(QStringLiteral(R"("id":"2","type":"next")")));
        QVERIFY(onA.waitFrameContaining(QStringLiteral(R"("id":"1","type":"next")")));
        QVERIFY(onC.waitFrameContaining(QStringLiteral(R"("id":"1","type":"next")")));
        // A batch fired on A: delivered on A through Redis too, in order, and on C.
        QCOMPARE(trigger(http, *a,
                         R"([{"group":"custom_event","value":{"field1":"b1"}},)"
                         R"({"group":"custom_event","value":{"field1":"b2"}}])"),
                 202);
        QVERIFY(onC.waitFrameContaining(QStringLiteral("b2")));
        QVERIFY(onA.waitFrameContaining(QStringLiteral("b2")));
        QTest::qWait(300); // time for a duplicate to show
        QCOMPARE(framesContaining(onA, QStringLiteral("once")), 2);
        QCOMPARE(framesContaining(onC, QStringLiteral("once")), 1);
        QCOMPARE(framesContaining(onC, QStringLiteral("b1")), 1);
        const int b1 = int(onC.frames.indexOf(
            *std::find_if(onC.frames.begin(), onC.frames.end(),
                          [](const QString &f) { return f.contains(QLatin1String("b1")); })));
        QVERIFY(onC.frames.indexOf(
                    *std::find_if(onC.frames.begin(), onC.frames.end(), [](const QString &f) {
                        return f.contains(QLatin1String("b2"));
                    })) > b1);
        QCOMPARE(metric(http, *b, "subscope_redis_received_total"), 0); // no members on B
    }

    // The first local member SUBSCRIBEs, the last one leaving UNSUBSCRIBEs (W26 complete and a
    // closed socket both count).
    void subscriptionsFollowLocalMembers()
    {
        RedisServer redis;
        auto a = serverOn(redis.url()), c = serverOn(redis.url());
        QCOMPARE(redis.subscribers(CustomChannel), 0);
        Client onA(a->websocket, {TransportWs});
        subscribeCustom(onA, TransportWs, QStringLiteral("1"));
        subscribeCustom(onA, TransportWs, QStringLiteral("2"));
        QTRY_COMPARE(redis.subscribers(CustomChannel), 1);
        auto onC = std::make_unique<Client>(c->websocket, QStringList{TransportWs});
        subscribeCustom(*onC, TransportWs);
        QTRY_COMPARE(redis.subscribers(CustomChannel), 2);
        onA.send(R"({"id":"1","type":"complete"})");
        QTest::qWait(200);
        QCOMPARE(redis.subscribers(CustomChannel), 2); // operation 2 is still in the group
        onA.send(R"({"id":"2","type":"complete"})");
        QTRY_COMPARE(redis.subscribers(CustomChannel), 1);
        onC.reset();
        QTRY_COMPARE(redis.subscribers(CustomChannel), 0);
        Http http;
        QCOMPARE(metric(http, *a, "subscope_redis_subscribed_channels"), 0);
    }

    // SHUTDOWN NOSAVE and a restart: triggers meanwhile get 503 naming Redis (never a silent
    // drop), /healthz says so, and delivery resumes without restarting Subscope or the client.
    void redisRestartRefusesTriggersThenResumes()
    {
        RedisServer redis;
        auto a = serverOn(redis.url()), b = serverOn(redis.url());
        Client onA(a->websocket, {TransportWs});
        subscribeCustom(onA, TransportWs);
        QTRY_COMPARE(redis.subscribers(CustomChannel), 1);
        Http http;
        QVERIFY(redis.shutdownNoSave());
        QTRY_COMPARE(metric(http, *b, "subscope_redis_up"), 0);
        QByteArray answer;
        QCOMPARE(
            trigger(http, *b, R"({"group":"custom_event","value":{"field1":"lost?"}})", &answer),
            503);
        QVERIFY2(
            answer.contains(QByteArray("Redis at 127.0.0.1:" + QByteArray::number(redis.port))),
            answer);
        QVERIFY2(answer.contains("Not published"), answer);
        QVERIFY(http.lastHeader("Retry-After").toInt() >= 1);
        QCOMPARE(trigger(http, *b, R"([{"group":"custom_event","value":1}])", &answer), 503);
        QTRY_VERIFY(http.request(QStringLiteral("GET"), QUrl(b->http + QStringLiteral("/healthz")))
                        .second.contains("cannot reach Redis"));
        QCOMPARE(
            http.request(QStringLiteral("GET"), QUrl(b->http + QStringLiteral("/healthz"))).first,
            503);
        QCOMPARE(metric(http, *b, "subscope_redis_refused_triggers_total"), 2);
        QTRY_VERIFY(b->stderrText.contains(QLatin1String("lost the connection to Redis")));

        QVERIFY(redis.start());
        QVERIFY(waitHealthy(*a));
        QVERIFY(waitHealthy(*b));
        QTRY_COMPARE(redis.subscribers(CustomChannel), 1); // subscribed again by A
        QCOMPARE(trigger(http, *b, R"({"group":"custom_event","value":{"field1":"back"}})"), 202);
        QVERIFY(onA.waitFrameContaining(QStringLiteral("back")));
        QCOMPARE(framesContaining(onA, QStringLiteral("lost?")), 0);
        QCOMPARE(metric(http, *a, "subscope_redis_reconnects_total"), 1);
        QTRY_VERIFY(a->stderrText.contains(QLatin1String("reconnected to Redis")));
        QCOMPARE(onA.closeCode, std::nullopt);
    }

    // A Redis that stops answering without closing its connections (a frozen host): the
    // publisher's PING goes unanswered, and after 5 s the link counts as lost.
    void aFrozenRedisCountsAsLost()
    {
        RedisServer redis;
        auto a = serverOn(redis.url());
        Client onA(a->websocket, {TransportWs});
        subscribeCustom(onA, TransportWs);
        Http http;
        QTRY_COMPARE(metric(http, *a, "subscope_redis_subscribed_channels"), 1);
        ::kill(pid_t(redis.process.processId()), SIGSTOP);
        QCOMPARE(trigger(http, *a, R"({"group":"custom_event","value":{"field1":"frozen"}})"), 202);
        QTRY_VERIFY_WITH_TIMEOUT(
            a->stderrText.contains(QLatin1String("no answer from Redis for 5 s")), 12000);
        QCOMPARE(trigger(http, *a, R"({"group":"custom_event","value":0})"), 503);
        QCOMPARE(metric(http, *a, "subscope_redis_unconfirmed_total"), 1);
        ::kill(pid_t(redis.process.processId()), SIGCONT);
        QVERIFY(waitHealthy(*a));
        QCOMPARE(trigger(http, *a, R"({"group":"custom_event","value":{"field1":"thawed"}})"), 202);
        QVERIFY(onA.waitFrameContaining(QStringLiteral("thawed")));
    }

    // A Redis that is not there yet: the server starts anyway, refuses triggers, and connects
    // when Redis comes; --events wait for it.
    void startsBeforeRedisAndConnectsWhenItComes()
    {
        const quint16 port = RedisServer::freePort();
        const QString url = QStringLiteral("redis://127.0.0.1:%1").arg(port);
        QTemporaryDir dir;
        const QString events = dir.filePath(QStringLiteral("events.jsonl"));
        QFile file(events);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"at_ms": 800, "group": "custom_event", "value": {"field1": "replayed"}})"
                   "\n");
        file.close();
        auto a = serverOn(url, {QStringLiteral("--events"), events}, false);
        QTRY_VERIFY(a->stderrText.contains(QLatin1String("does not answer")));
        Client onA(a->websocket, {TransportWs});
        subscribeCustom(onA, TransportWs);
        Http http;
        QCOMPARE(trigger(http, *a, R"({"group":"custom_event","value":0})"), 503);
        RedisServer redis({}, port);
        QVERIFY(waitHealthy(*a));
        QVERIFY(onA.waitFrameContaining(QStringLiteral("replayed"), 10000));
        QCOMPARE(metric(http, *a, "subscope_redis_reconnects_total"), 0);
    }

    // AUTH and SELECT: what only Redis can refuse stops the server at start (exit 2).
    void passwordAndDatabase()
    {
        RedisServer redis({QStringLiteral("--requirepass"), QStringLiteral("s3cret:/@")});
        const QString base = QStringLiteral("127.0.0.1:%1").arg(redis.port);
        const auto refused = [&](const QString &url, const QString &expected) {
            const auto run =
                runSubscope({QStringLiteral("--headless"), QStringLiteral("--port"),
                             QStringLiteral("0"), QStringLiteral("--channel-layer"), url});
            QCOMPARE(run.status, 2);
            QVERIFY2(run.err.contains(expected), qPrintable(run.err));
            QVERIFY(!run.err.contains(QLatin1String("s3cret")));
        };
        refused(QStringLiteral("redis://") + base, QStringLiteral("NOAUTH"));
        refused(QStringLiteral("redis://:wrong@") + base, QStringLiteral("refused the password"));
        refused(QStringLiteral("redis://:s3cret%3A%2F%40@") + base + QStringLiteral("/99"),
                QStringLiteral("refused database 99"));
        // The password percent-encoded in the URL, database 3: pub/sub works (Redis does not
        // scope channels by database, the prefix does).
        auto a =
            serverOn(QStringLiteral("redis://:s3cret%3A%2F%40@") + base + QStringLiteral("/3"));
        auto b =
            serverOn(QStringLiteral("redis://:s3cret%3A%2F%40@") + base + QStringLiteral("/3"));
        Client onA(a->websocket, {TransportWs});
        subscribeCustom(onA, TransportWs);
        Http http;
        QVERIFY(waitHealthy(*b));
        QTRY_COMPARE(metric(http, *a, "subscope_redis_subscribed_channels"), 1);
        QCOMPARE(trigger(http, *b, R"({"group":"custom_event","value":{"field1":"authed"}})"), 202);
        QVERIFY(onA.waitFrameContaining(QStringLiteral("authed")));
    }

    void badChannelLayerOptions_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        const QString layer = QStringLiteral("--channel-layer");
        QTest::newRow("not redis") << QStringList{layer, QStringLiteral("http://127.0.0.1:6379")}
                                   << QStringLiteral("must start with redis://");
        QTest::newRow("tls") << QStringList{layer, QStringLiteral("rediss://127.0.0.1:6379")}
                             << QStringLiteral("rediss:// (TLS) is not supported");
        QTest::newRow("database") << QStringList{layer, QStringLiteral("redis://127.0.0.1/abc")}
                                  << QStringLiteral("must be a database number");
        QTest::newRow("no host") << QStringList{layer, QStringLiteral("redis:///0")}
                                 << QStringLiteral("names no host");
        QTest::newRow("user alone")
            << QStringList{layer, QStringLiteral("redis://someone@127.0.0.1")}
            << QStringLiteral("a user needs a password");
        QTest::newRow("options") << QStringList{layer, QStringLiteral("redis://127.0.0.1/0?db=1")}
                                 << QStringLiteral("options after '?'");
        QTest::newRow("prefix alone")
            << QStringList{QStringLiteral("--channel-layer-prefix"), QStringLiteral("x")}
            << QStringLiteral("--channel-layer-prefix needs --channel-layer");
        QTest::newRow("prefix with space")
            << QStringList{layer, QStringLiteral("redis://127.0.0.1"),
                           QStringLiteral("--channel-layer-prefix"), QStringLiteral("a b")}
            << QStringLiteral("spaces or control characters");
    }
    void badChannelLayerOptions()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const auto run = runSubscope(QStringList{QStringLiteral("--headless")} + arguments);
        QCOMPARE(run.status, 2);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    }

    // --channel-layer-prefix, as channels_redis's prefix: channels <prefix>__group__<group>.
    void prefixNamesTheChannels()
    {
        RedisServer redis;
        auto a = serverOn(redis.url(),
                          {QStringLiteral("--channel-layer-prefix"), QStringLiteral("tenant1")});
        auto other = serverOn(redis.url()); // prefix asgi: another cluster
        Client onA(a->websocket, {TransportWs}), onOther(other->websocket, {TransportWs});
        subscribeCustom(onA, TransportWs);
        subscribeCustom(onOther, TransportWs);
        QTRY_COMPARE(redis.subscribers("tenant1__group__custom_event"), 1);
        QCOMPARE(redis.subscribers(CustomChannel), 1);
        Http http;
        QCOMPARE(trigger(http, *a, R"({"group":"custom_event","value":{"field1":"tenant"}})"), 202);
        QVERIFY(onA.waitFrameContaining(QStringLiteral("tenant")));
        QTest::qWait(200);
        QCOMPARE(framesContaining(onOther, QStringLiteral("tenant")), 0);
    }

    // Django -> Subscope: trigger_subscription's group_send through the real
    // RedisPubSubChannelLayer, and the same message PUBLISHed as raw msgpack.packb() bytes.
    void djangoGroupSendReachesSubscopeClients_data()
    {
        QTest::addColumn<bool>("raw");
        QTest::newRow("channels_redis group_send") << false;
        QTest::newRow("msgpack.packb PUBLISH") << true;
    }
    void djangoGroupSendReachesSubscopeClients()
    {
        QFETCH(bool, raw);
        RedisServer redis;
        auto a = serverOn(redis.url());
        Client onA(a->websocket, {TransportWs});
        subscribeCustom(onA, TransportWs);
        QTRY_COMPARE(redis.subscribers(CustomChannel), 1);
        // Integers at both ends of msgpack's range, a float, non-ASCII text, null, booleans,
        // nesting, and Python bytes (base64 in JSON).
        QStringList arguments{
            QStringLiteral("send"),
            redis.url(),
            QStringLiteral("custom_event"),
            QStringLiteral(
                R"({"pk": 7, "big": 18446744073709551615, "neg": -9223372036854775808,)"
                R"( "f": 0.1, "s": "é✓", "none": null, "t": true, "nested": {"l": [1, "x"]}})"),
            QStringLiteral("--bytes-field"),
            QStringLiteral("bytes")};
        if (raw) arguments << QStringLiteral("--raw");
        DjangoPeer django(arguments);
        QVERIFY(django.waitFinished());
        QVERIFY(onA.waitFrameContaining(
            QStringLiteral(R"({"id":"1","type":"next","payload":{"data":{"myCustomEvent":)"
                           R"({"pk":7,"big":18446744073709551615,"neg":-9223372036854775808,)"
                           R"("f":0.1,"s":"é✓","none":null,"t":true,"nested":{"l":[1,"x"]},)"
                           R"("bytes":"AP9oaQ=="}},"errors":null}})")));
    }

    // Subscope -> Django: a trigger fired at Subscope reaches a consumer of the real layer as
    // the very dict trigger_subscription would have sent, and its bytes are msgpack.packb()'s.
    void subscopeTriggerReachesDjangoConsumers_data()
    {
        QTest::addColumn<bool>("raw");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("group");
        QTest::addColumn<QByteArray>("expected"); // json.dumps() of what the consumer got
        // W22: the model shape, the largest Django pk.
        const QByteArray model =
            R"({"action": "create", "pk": 9223372036854775807, "fields": {"name": "é", "age": -3}})";
        const QByteArray modelMessage =
            R"({"type": "subscription.triggered", "value": {"pk": 9223372036854775807, )"
            R"("fields": {"name": "\u00e9", "age": -3, "id": 9223372036854775807}, )"
            R"("group": "MyModelCreated"}, "group": "MyModelCreated"})";
        // Integers at both ends of msgpack's range arrive as Python's exact integers.
        const QByteArray custom =
            R"({"group": "custom_event", "value": {"big": 18446744073709551615, )"
            R"("neg": -9223372036854775808, "f": 0.1, "s": "é✓", "l": [true, null, {}]}})";
        const QByteArray customMessage =
            R"({"type": "subscription.triggered", "value": {"big": 18446744073709551615, )"
            R"("neg": -9223372036854775808, "f": 0.1, "s": "\u00e9\u2713", "l": [true, null, {}]}, )"
            R"("group": "custom_event"})";
        for (bool raw : {false, true}) {
            const char *how = raw ? "msgpack.unpackb" : "channels_redis consumer";
            QTest::addRow("model event, %s", how)
                << raw << QStringLiteral("/models/MyModel") << model
                << QStringLiteral("MyModelCreated") << modelMessage;
            QTest::addRow("trigger, %s", how) << raw << QStringLiteral("/trigger") << custom
                                              << QStringLiteral("custom_event") << customMessage;
        }
    }
    void subscopeTriggerReachesDjangoConsumers()
    {
        QFETCH(bool, raw);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, group);
        QFETCH(QByteArray, expected);
        RedisServer redis;
        auto a = serverOn(redis.url());
        QStringList arguments{QStringLiteral("receive"), redis.url(), group};
        if (raw) arguments << QStringLiteral("--raw");
        DjangoPeer django(arguments);
        QVERIFY(django.waitReady());
        Http http;
        const auto [status, answer] =
            http.request(QStringLiteral("POST"), QUrl(a->http + path), body);
        QCOMPARE(status, 202);
        QVERIFY2(answer.contains(R"("published":true)"), answer);
        QVERIFY(django.waitFinished());
        QVERIFY2(django.out.contains(QByteArray(R"({"message": )" + expected)), django.out);
        // Byte for byte what msgpack.packb() of that dict gives, as trigger_subscription sends.
        if (raw) QCOMPARE(django.result().value(QStringLiteral("packb_identical")).toBool(), true);
    }

    // A message on a group channel that is not a trigger is ignored, counted and logged, and
    // the events around it still arrive.
    void foreignMessagesAreIgnoredAndCounted()
    {
        RedisServer redis;
        auto a = serverOn(redis.url());
        Client onA(a->websocket, {TransportWs});
        subscribeCustom(onA, TransportWs);
        QTRY_COMPARE(redis.subscribers(CustomChannel), 1);
        redis.command({"PUBLISH", CustomChannel, "not msgpack \xc1"});
        redis.command({"PUBLISH", CustomChannel,
                       QByteArray::fromHex("82a474797065a9636861742e73656e64a576616c756501")});
        DjangoPeer django({QStringLiteral("send"), redis.url(), QStringLiteral("custom_event"),
                           QStringLiteral(R"({"field1": "after"})")});
        QVERIFY(django.waitFinished());
        QVERIFY(onA.waitFrameContaining(QStringLiteral("after")));
        Http http;
        QCOMPARE(metric(http, *a, "subscope_redis_ignored_messages_total"), 2);
        QCOMPARE(metric(http, *a, "subscope_redis_received_total"), 1);
        QTRY_VERIFY2(a->stderrText.contains(QLatin1String("ignored 1 message(s) from Redis")),
                     qPrintable(a->stderrText));
    }
};

QTEST_MAIN(TestRedis)
#include "tst_redis.moc"
