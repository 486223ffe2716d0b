// Both subprotocols' session state machine, rule by rule of ../shared/spec/wire-contract.md,
// without a network: frames in, frames out of the socket's outbox, and the actions.
#include "protocol/frames.h"
#include "protocol/session.h"
#include "support/test_schemas.h"

#include <QTest>

using namespace subscope;
using namespace subscope::protocol;
using graphql::JsonValue;

namespace {

const char *const Notes =
    R"(,"deprecationNotes":["Prefer ``subscribe`` (``extensions.cyparta.subscribe``); positional ``subscripe`` is deprecated but still mirrored as ``subscripe``."])";

struct Harness
{
    explicit Harness(Subprotocol sub = Subprotocol::TransportWs, SessionConfig config = {},
                     ConnectionInfo info = {}, const graphql::Schema &schema = test::demoSchema())
        : session(hub, sub, schema, config, info)
    {}

    SessionOutput send(const QByteArray &frame) { return session.textFrame(frame); }
    SessionOutput init()
    {
        SessionOutput out = send(R"({"type":"connection_init","payload":{}})");
        frames(); // the ack
        return out;
    }
    QStringList frames()
    {
        QStringList out;
        while (auto f = hub.outbox(session.socket())->pop())
            out << QString::fromUtf8(*f);
        return out;
    }
    QString subscribe(const char *id, const char *query)
    {
        const Vocabulary &v = vocabulary(session.subprotocol());
        send(QByteArray::fromStdString(
            "{\"id\":\"" + std::string(id) + "\",\"type\":\"" + std::string(v.start) +
            "\",\"payload\":{\"query\":" + graphql::jsonQuote(query) + "}}"));
        return frames().join(QLatin1Char('\n'));
    }

    registry::Hub hub;
    Session session;
};

QString ack(const char *id, const char *groups, bool subscribe = true, bool notes = false,
            const char *type = "next")
{
    return QStringLiteral(
               R"({"id":"%1","type":"%2","payload":{"data":null,"errors":null,"extensions":{"cyparta":{"registeredGroups":[%3],"subscribe":%4,"subscripe":%4,"action":"%5"%6}}}})")
        .arg(QLatin1String(id), QLatin1String(type), QLatin1String(groups),
             QLatin1String(subscribe ? "true" : "false"),
             QLatin1String(subscribe ? "register" : "unregister"),
             QLatin1String(notes ? Notes : ""));
}

} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private slots:
    void w1_negotiatesTheFirstSupportedOffer()
    {
        QCOMPARE(negotiateSubprotocol(
                     {QStringLiteral("graphql-ws"), QStringLiteral("graphql-transport-ws")}),
                 std::optional(Subprotocol::LegacyWs));
        QCOMPARE(
            negotiateSubprotocol({QStringLiteral("foo"), QStringLiteral(" graphql-transport-ws")}),
            std::optional(Subprotocol::TransportWs));
        QVERIFY(!negotiateSubprotocol({QStringLiteral("foo")}));
        QVERIFY(!negotiateSubprotocol({}));
        QCOMPARE(close_code::ProtocolError, 1002);
    }

    void w2_vocabularyPerSubprotocol()
    {
        Harness transport(Subprotocol::TransportWs), legacy(Subprotocol::LegacyWs);
        transport.init();
        legacy.init();
        QCOMPARE(transport.subscribe("1", "subscription { myCustomEvent { field1 } }"),
                 ack("1", R"("custom_event")"));
        QCOMPARE(legacy.subscribe("1", "subscription { myCustomEvent { field1 } }"),
                 ack("1", R"("custom_event")", true, false, "data"));
        QCOMPARE(keepaliveFrame(Subprotocol::TransportWs), QByteArray(R"({"type":"ping"})"));
        QCOMPARE(keepaliveFrame(Subprotocol::LegacyWs), QByteArray(R"({"type":"ka"})"));
        // Under graphql-transport-ws a legacy "start" is an unknown type: ignored.
        transport.send(
            R"({"id":"2","type":"start","payload":{"query":"subscription { myCustomEvent { field1 } }"}})");
        QVERIFY(transport.frames().isEmpty());
    }

    void w3_connectionInitIsAcknowledgedAndItsPayloadKept()
    {
        Harness h;
        QVERIFY(!h.session.acknowledged());
        h.send(R"({"type":"connection_init","payload":{"authToken":"abc","x":1}})");
        QCOMPARE(h.frames(), QStringList{R"({"type":"connection_ack"})"});
        QVERIFY(h.session.acknowledged());
        QCOMPARE(h.session.initPayload().toJson(), std::string(R"({"authToken":"abc","x":1})"));
        Harness noPayload;
        noPayload.send(R"({"type":"connection_init"})");
        QCOMPARE(noPayload.frames(), QStringList{R"({"type":"connection_ack"})"});
    }

    void w3a_initTimeout()
    {
        Harness h;
        const SessionOutput opened = h.session.open();
        QCOMPARE(opened.timers.size(), size_t(1));
        QCOMPARE(opened.timers.front().intervalMs, 10000);
        const SessionOutput timedOut = h.session.timer(SessionTimer::InitTimeout);
        QVERIFY(timedOut.close);
        QCOMPARE(timedOut.close->code, 4408);

        Harness initialised;
        initialised.session.open();
        const SessionOutput out = initialised.init();
        QCOMPARE(out.timers.front().timer, SessionTimer::InitTimeout);
        QCOMPARE(out.timers.front().intervalMs, 0); // stopped
        QVERIFY(!initialised.session.timer(SessionTimer::InitTimeout).close);

        SessionConfig disabled;
        disabled.initTimeoutMs = 0;
        Harness never(Subprotocol::TransportWs, disabled);
        QVERIFY(never.session.open().timers.empty());
    }

    void w4_secondConnectionInitCloses4429()
    {
        Harness h;
        h.init();
        const SessionOutput out = h.send(R"({"type":"connection_init","payload":{}})");
        QCOMPARE(out.close->code, 4429);
    }

    void w5_operationBeforeInitCloses4401_data()
    {
        QTest::addColumn<int>("subprotocol");
        QTest::newRow("graphql-transport-ws") << int(Subprotocol::TransportWs);
        QTest::newRow("graphql-ws") << int(Subprotocol::LegacyWs);
    }
    void w5_operationBeforeInitCloses4401()
    {
        QFETCH(int, subprotocol);
        Harness h{Subprotocol(subprotocol)};
        const std::string start(vocabulary(Subprotocol(subprotocol)).start);
        const SessionOutput out =
            h.send(QByteArray::fromStdString("{\"id\":\"1\",\"type\":\"" + start +
                                             "\",\"payload\":{\"query\":\"subscription { "
                                             "myModelCreated(subscripe: true) { id } }\"}}"));
        QCOMPARE(out.close->code, 4401);
        QVERIFY(h.frames().isEmpty());
    }

    void w6_keepaliveAfterTheAckAndDeadPeers()
    {
        Harness h(Subprotocol::LegacyWs);
        QVERIFY(h.session.open().timers.front().timer ==
                SessionTimer::InitTimeout); // no keepalive before the ack
        const SessionOutput acked = h.send(R"({"type":"connection_init"})");
        QCOMPARE(acked.timers.back().timer, SessionTimer::Keepalive);
        QCOMPARE(acked.timers.back().intervalMs, 10000);
        QVERIFY(acked.timers.back().repeat);
        h.frames();
        SessionOutput tick = h.session.timer(SessionTimer::Keepalive);
        QVERIFY(tick.sendPing);
        QCOMPARE(h.frames(), QStringList{R"({"type":"ka"})"});
        h.session.pong(); // answered
        QVERIFY(!h.session.timer(SessionTimer::Keepalive).abort);
        QVERIFY(!h.session.timer(SessionTimer::Keepalive).abort);
        QVERIFY(h.session.timer(SessionTimer::Keepalive).abort); // two intervals without a pong
    }

    void w6_clientPingIsAnsweredAndPongIgnored()
    {
        for (Subprotocol sub : {Subprotocol::TransportWs, Subprotocol::LegacyWs}) {
            Harness h(sub);
            h.send(R"({"type":"ping"})"); // even before connection_init
            QCOMPARE(h.frames(), QStringList{R"({"type":"pong"})"});
            h.send(R"({"type":"ping","payload":{"x":1}})");
            QCOMPARE(h.frames(), QStringList{R"({"type":"pong"})"});
            h.send(R"({"type":"pong"})");
            QVERIFY(h.frames().isEmpty());
        }
    }

    void w7_terminateCloses1000()
    {
        Harness h;
        QCOMPARE(h.send(R"({"type":"connection_terminate"})").close->code, 1000);
    }

    void w8_tolerance()
    {
        Harness h;
        h.init();
        for (
            const char *frame :
            {"[1,2,3]", "42", R"("text")", R"({"type":"no_such_type"})", R"({"no":"type"})",
             R"({"type":"subscribe","payload":{"query":"subscription { myCustomEvent { field1 } }"}})",
             R"({"id":true,"type":"subscribe","payload":{"query":"subscription { myCustomEvent { field1 } }"}})"}) {
            const SessionOutput out = h.send(frame);
            QVERIFY2(!out.close, frame);
        }
        QVERIFY(h.frames().isEmpty());
        // A numeric id is taken in its JSON text, as the package echoes it.
        h.send(
            R"({"id":16,"type":"subscribe","payload":{"query":"subscription { numericId: myCustomEvent(subscripe: true) { field1 } }"}})");
        QCOMPARE(h.frames(), QStringList{ack("16", R"("custom_event")")});
    }

    void w8_stopBeforeInitIsHonoured()
    {
        Harness h(Subprotocol::LegacyWs);
        h.init();
        h.subscribe("1", "subscription { myCustomEvent { field1 } }");
        // Stopping needs no init: the same socket, seen through a fresh session, would answer;
        // here the operation exists, so stopping it answers complete.
        h.send(R"({"id":"1","type":"stop"})");
        QCOMPARE(h.frames(), QStringList{R"({"type":"complete","id":"1"})"});
        Harness fresh(Subprotocol::LegacyWs);
        fresh.send(R"({"id":"1","type":"stop"})");
        QVERIFY(fresh.frames().isEmpty()); // nothing to stop, and no close either
    }

    void w9_invalidJsonAndBinaryClose4400()
    {
        Harness h;
        h.init();
        QCOMPARE(h.send("not json at all").close->code, 4400);
        QCOMPARE(h.send("{\"type\":").close->code, 4400);
        QCOMPARE(h.session.binaryFrame().close->code, 4400);
    }

    void w10_payloadChecks_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("code");
        const QString invalidMessage = QStringLiteral("INVALID_MESSAGE");
        QTest::newRow("missing") << QByteArray()
                                 << QStringLiteral("Invalid message: missing payload.")
                                 << invalidMessage;
        QTest::newRow("null") << QByteArray(R"(,"payload":null)")
                              << QStringLiteral("Invalid message: missing payload.")
                              << invalidMessage;
        QTest::newRow("string") << QByteArray(R"(,"payload":"q")")
                                << QStringLiteral("Invalid message: payload must be an object.")
                                << invalidMessage;
        QTest::newRow("list") << QByteArray(R"(,"payload":[1])")
                              << QStringLiteral("Invalid message: payload must be an object.")
                              << invalidMessage;
        QTest::newRow("no query") << QByteArray(R"(,"payload":{})")
                                  << QStringLiteral("Invalid message: missing query.")
                                  << invalidMessage;
        QTest::newRow("empty query")
            << QByteArray(R"(,"payload":{"query":""})")
            << QStringLiteral("Invalid message: query must be a non-empty string.")
            << invalidMessage;
        QTest::newRow("blank query")
            << QByteArray(R"(,"payload":{"query":"   "})")
            << QStringLiteral("Invalid message: query must be a non-empty string.")
            << invalidMessage;
        QTest::newRow("number query")
            << QByteArray(R"(,"payload":{"query":42})")
            << QStringLiteral("Invalid message: query must be a non-empty string.")
            << invalidMessage;
        QTest::newRow("variables list")
            << QByteArray(
                   R"(,"payload":{"query":"subscription { myCustomEvent { field1 } }","variables":[1]})")
            << QStringLiteral("Invalid message: variables must be an object or null.")
            << invalidMessage;
        QTest::newRow("operationName number")
            << QByteArray(
                   R"(,"payload":{"query":"subscription { myCustomEvent { field1 } }","operationName":5})")
            << QStringLiteral("Invalid message: operationName must be a string or null.")
            << invalidMessage;
        QTest::newRow("two subscriptions, no name")
            << QByteArray(
                   R"(,"payload":{"query":"subscription A { a: myModelCreated { id } } subscription B { b: myCustomEvent { field1 } }"})")
            << QStringLiteral("Invalid subscription document.") << QStringLiteral("INVALID_QUERY");
        QTest::newRow("syntax error")
            << QByteArray(",\"payload\":{\"query\":\"subscription { "
                          "myModelCreated { id \"}") // unbalanced on purpose; no
                                                     // raw string, which moc
                                                     // would misread
            << QStringLiteral("Invalid subscription document.") << QStringLiteral("INVALID_QUERY");
        QTest::newRow("mutation") << QByteArray(R"(,"payload":{"query":"mutation { x }"})")
                                  << QStringLiteral("Invalid subscription document.")
                                  << QStringLiteral("INVALID_QUERY");
    }
    void w10_payloadChecks()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QString, message);
        QFETCH(QString, code);
        for (Subprotocol sub : {Subprotocol::TransportWs, Subprotocol::LegacyWs}) {
            Harness h(sub);
            h.init();
            const std::string start(vocabulary(sub).start);
            h.send(QByteArray::fromStdString("{\"id\":\"e\",\"type\":\"" + start + "\"") + payload +
                   "}");
            const QString error =
                QStringLiteral(R"({"message":"%1","extensions":{"code":"%2"}})").arg(message, code);
            const QString expected = QStringLiteral(R"({"id":"e","type":"error","payload":%1})")
                                         .arg(sub == Subprotocol::TransportWs
                                                  ? QLatin1Char('[') + error + QLatin1Char(']')
                                                  : error);
            QCOMPARE(h.frames(), QStringList{expected});
        }
    }

    void w11_responseKeyIsTheAliasOrTheName()
    {
        Harness h;
        h.init();
        h.subscribe("1", "subscription { c: myModelCreated { id } }");
        h.subscribe("2", "subscription { myModelCreated { id } }");
        h.hub.publish("MyModelCreated", JsonValue(1));
        QCOMPARE(
            h.frames(),
            (QStringList{
                R"({"id":"1","type":"next","payload":{"data":{"c":1},"errors":null}})",
                R"({"id":"2","type":"next","payload":{"data":{"myModelCreated":1},"errors":null}})"}));
    }

    void w11_operationNameChoosesAmongSubscriptions()
    {
        Harness h;
        h.init();
        h.send(
            R"({"id":"1","type":"subscribe","payload":{"query":"subscription A { a: myModelCreated { id } } subscription B { b: myCustomEvent { field1 } }","operationName":"B"}})");
        QCOMPARE(h.frames(), QStringList{ack("1", R"("custom_event")")});
    }

    void w11_beyond_queriesRunOnceAndComplete()
    {
        Harness h;
        h.init();
        h.send(R"({"id":"q","type":"subscribe","payload":{"query":"{ base __typename }"}})");
        QCOMPARE(
            h.frames(),
            (QStringList{
                R"({"id":"q","type":"next","payload":{"data":{"base":null,"__typename":"Query"},"errors":null}})",
                R"({"type":"complete","id":"q"})"}));
        h.send(
            R"({"id":"q4","type":"subscribe","payload":{"query":"query Q { base } subscription S { myCustomEvent { field1 } }","operationName":"Q"}})");
        QCOMPARE(
            h.frames().first(),
            QStringLiteral(
                R"({"id":"q4","type":"next","payload":{"data":{"base":null},"errors":null}})"));
        QCOMPARE(h.hub.operationCount(), size_t(0));
    }

    void w12_validationErrorsAreResultFrames()
    {
        Harness h(Subprotocol::LegacyWs);
        h.init();
        QCOMPARE(
            h.subscribe("j1", "subscription { myModelCreated(subscripe: true) { id nope } }"),
            QStringLiteral(
                R"({"id":"j1","type":"data","payload":{"data":null,"errors":[{"message":"Cannot query field 'nope' on type 'MyModelType'. Did you mean 'name'?","locations":[{"line":1,"column":53}]}]}})"));
        h.send(
            R"({"id":"e12","type":"start","payload":{"query":"subscription A { myModelCreated { id } }","operationName":"Nope"}})");
        QCOMPARE(
            h.frames(),
            QStringList{
                R"({"id":"e12","type":"data","payload":{"data":null,"errors":[{"message":"Unknown operation named 'Nope'."}]}})"});
        QCOMPARE(h.hub.operationCount(), size_t(0));
    }

    void w13_groupsAndTheSubscribeFlag()
    {
        Harness h;
        h.init();
        QCOMPARE(h.subscribe("cud", "subscription { all: myModelCreatedUpdateDelete(id: \"39\", "
                                    "subscribe: true) { name } }"),
                 ack("cud", R"("MyModelCreated","MyModelUpdated.39","MyModelDeleted.39")"));
        QCOMPARE(h.hub.groups().membershipCount(), size_t(3));
    }

    void w13a_noGroupMeansANullResult()
    {
        Harness h;
        h.init();
        // The id argument is missing: the only template is skipped and no group is left.
        QCOMPARE(
            h.subscribe("u", "subscription { myModelUpdated { id } }"),
            ack("u", "") + QStringLiteral("\n") +
                QStringLiteral(
                    R"({"id":"u","type":"next","payload":{"data":{"myModelUpdated":null},"errors":null}})"));
    }

    void w14_registerAckAndDeprecationNotes()
    {
        Harness h;
        h.init();
        QCOMPARE(h.subscribe("1", "subscription { myModelCreated(subscripe: true) { id } }"),
                 ack("1", R"("MyModelCreated")", true, true));
        QCOMPARE(h.subscribe("2", "subscription { myModelCreated(subscribe: true) { id } }"),
                 ack("2", R"("MyModelCreated")"));
        // The demo schema marks myCustomEvent's subscripe as not legacy.
        QCOMPARE(h.subscribe("3", "subscription { myCustomEvent(subscripe: true) { field1 } }"),
                 ack("3", R"("custom_event")"));
    }

    void w15_unregisterAckThenNull()
    {
        Harness h(Subprotocol::LegacyWs);
        h.init();
        h.subscribe("1", "subscription { myModelCreated(subscripe: true) { id } }");
        QCOMPARE(
            h.subscribe("1", "subscription { myModelCreated(subscripe: false) { id } }"),
            ack("1", R"("MyModelCreated")", false, true, "data") + QStringLiteral("\n") +
                QStringLiteral(
                    R"({"id":"1","type":"data","payload":{"data":{"myModelCreated":null},"errors":null}})"));
        QCOMPARE(h.hub.publish("MyModelCreated", JsonValue(1)), size_t(0));
    }

    void w16_invalidGroupNames()
    {
        Harness strict;
        strict.init();
        QCOMPARE(
            strict.subscribe(
                "badsub", "subscription { myModelUpdated(id: \"a b/c\", subscripe: true) { id } }"),
            QStringLiteral(
                R"({"id":"badsub","type":"next","payload":{"data":null,"errors":[{"message":"Invalid subscription channel name."}]}})"
                "\n"
                R"({"id":"badsub","type":"next","payload":{"data":{"myModelUpdated":null},"errors":null}})"));
        QCOMPARE(strict.hub.operationCount(), size_t(0));
        SessionConfig lenient;
        lenient.groupNames = graphql::GroupNameMode::Lenient;
        Harness h(Subprotocol::TransportWs, lenient);
        h.init();
        QCOMPARE(
            h.subscribe("ok",
                        "subscription { myModelUpdated(id: \"a b/c\", subscribe: true) { id } }"),
            ack("ok", R"("MyModelUpdated.a_b_c")"));
    }

    void w17_permissionsAreAllOrNothing()
    {
        AccessPolicy policy;
        policy.knowsToken = [](const std::string &t) { return t == "good"; };
        policy.mayJoin = [](const std::optional<std::string> &user, const std::string &group) {
            return user && group != "MyModelDeleted.1";
        };
        SessionConfig config;
        config.access = &policy;
        const QString refused = QStringLiteral(
            R"({"id":"%1","type":"next","payload":{"data":null,"errors":[{"message":"Not authorized to subscribe to one or more subscription channels."}]}})");

        Harness anonymous(Subprotocol::TransportWs, config);
        anonymous.init();
        QCOMPARE(anonymous.subscribe("a", "subscription { myModelCreated { id } }")
                     .split(QLatin1Char('\n'))
                     .first(),
                 refused.arg(QLatin1String("a")));
        QCOMPARE(anonymous.hub.operationCount(), size_t(0)); // forgotten

        ConnectionInfo info;
        info.authorization = "Token good";
        Harness user(Subprotocol::TransportWs, config, info);
        user.init();
        QCOMPARE(user.subscribe("ok", "subscription { myModelCreated { id } }"),
                 ack("ok", R"("MyModelCreated")"));
        // One denied group refuses the whole request: none of its groups is joined.
        QCOMPARE(
            user.subscribe("x", "subscription { myModelCreatedUpdateDelete(id: \"1\") { id } }")
                .split(QLatin1Char('\n'))
                .first(),
            refused.arg(QLatin1String("x")));
        QCOMPARE(user.hub.groups().membershipCount(), size_t(1));
        // W27, W13a: refused on an operation that stays in its groups: the errors result only,
        // no null result (it is not left in no group), and it keeps its group.
        QCOMPARE(user.subscribe("ok", "subscription { myModelDeleted(id: \"1\") { id } }"),
                 refused.arg(QLatin1String("ok")));
        QCOMPARE(user.hub.operation(user.session.socket(), "ok")->groups,
                 std::vector<std::string>{"MyModelCreated"});
    }

    void w20_w21_eventsToEveryOperationInTheGroup()
    {
        Harness h(Subprotocol::LegacyWs);
        h.init();
        h.subscribe("A", "subscription { x: myModelCreated(subscripe: true) { id } }");
        h.subscribe("B", "subscription { y: myModelCreated(subscripe: true) { name age } }");
        QCOMPARE(h.hub.publish("MyModelCreated", registry::modelEventValue(
                                                     JsonValue(46),
                                                     [] {
                                                         JsonValue f = JsonValue::object();
                                                         f.insert("name", "shared");
                                                         f.insert("age", 9);
                                                         return f;
                                                     }(),
                                                     "MyModelCreated")),
                 size_t(2));
        QCOMPARE(
            h.frames(),
            (QStringList{
                R"({"id":"A","type":"data","payload":{"data":{"x":{"pk":46,"fields":{"id":46},"group":"MyModelCreated"}},"errors":null}})",
                R"({"id":"B","type":"data","payload":{"data":{"y":{"pk":46,"fields":{"name":"shared","age":9},"group":"MyModelCreated"}},"errors":null}})"}));
    }

    void w26_stopRemovesOnlyThatOperation()
    {
        Harness h(Subprotocol::LegacyWs);
        h.init();
        h.subscribe("A", "subscription { x: myModelCreated { id } }");
        h.subscribe("B", "subscription { y: myModelCreated { id } }");
        h.send(R"({"id":"A","type":"stop"})");
        h.send(R"({"id":"never-existed","type":"stop"})");
        QCOMPARE(h.frames(), QStringList{R"({"type":"complete","id":"A"})"});
        QCOMPARE(h.hub.publish("MyModelCreated", JsonValue(1)), size_t(1));
    }

    void w26_closingTheSocketForgetsItsOperations()
    {
        registry::Hub hub;
        {
            Session s(hub, Subprotocol::TransportWs, test::demoSchema(), {});
            s.textFrame(R"({"type":"connection_init"})");
            s.textFrame(
                R"({"id":"1","type":"subscribe","payload":{"query":"subscription { myModelCreated { id } }"}})");
            QCOMPARE(hub.groups().membershipCount(), size_t(1));
        }
        QCOMPARE(hub.groups().membershipCount(), size_t(0));
        QCOMPARE(hub.socketCount(), size_t(0));
    }

    void w27_reusedIdAddsAndRemovesGroups()
    {
        Harness h(Subprotocol::LegacyWs);
        h.init();
        h.subscribe("B", "subscription { y: myModelCreated(subscripe: true) { name age } }");
        QCOMPARE(h.subscribe("B", "subscription { z: myModelCreated(subscripe: true) { id } }"),
                 ack("B", R"("MyModelCreated")", true, true, "data"));
        QCOMPARE(h.hub.operationCount(), size_t(1));
        h.hub.publish("MyModelCreated", JsonValue(7));
        QCOMPARE(
            h.frames(),
            QStringList{R"({"id":"B","type":"data","payload":{"data":{"z":7},"errors":null}})"});
        // Leaving every group keeps the operation until stop (W27), which then completes it.
        h.subscribe("B", "subscription { z: myModelCreated(subscripe: false) { id } }");
        QCOMPARE(h.hub.operationCount(), size_t(1));
        h.send(R"({"id":"B","type":"stop"})");
        QCOMPARE(h.frames(), QStringList{R"({"type":"complete","id":"B"})"});
    }

    void w28_framesGoThroughTheOutbox()
    {
        registry::Hub hub(registry::HubConfig{1, registry::OverflowStrategy::CloseConnection});
        Session s(hub, Subprotocol::TransportWs, test::demoSchema(), {});
        s.textFrame(R"({"type":"connection_init"})");
        s.textFrame(R"({"type":"ping"})"); // the outbox holds one frame: the ack is still there
        QCOMPARE(hub.takeSocketsToClose(), std::vector<registry::SocketId>{s.socket()});
        QCOMPARE(close_code::OutboxOverflow, 4413);
    }

    void w30_tokens()
    {
        ConnectionInfo header;
        header.authorization = "Token abc";
        header.query = {{"token", "fromquery"}};
        QCOMPARE(connectionToken(header, JsonValue()), std::optional<std::string>("abc"));
        ConnectionInfo query;
        query.query = {{"x", "1"}, {"accessToken", "late"}, {"auth", "early"}};
        QCOMPARE(connectionToken(query, JsonValue()), std::optional<std::string>("early"));
        JsonValue init = JsonValue::object();
        init.insert("Authorization", "Bearer xyz");
        QCOMPARE(connectionToken(ConnectionInfo{}, init), std::optional<std::string>("xyz"));
        QVERIFY(!connectionToken(ConnectionInfo{}, JsonValue()));
        Harness h(Subprotocol::TransportWs, {}, {});
        h.send(R"({"type":"connection_init","payload":{"authToken":"from-init"}})");
        QCOMPARE(h.session.token(), std::optional<std::string>("from-init"));
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
