// The client side of both subprotocols (ClientSession), rule by rule of
// ../shared/spec/wire-contract.md, and replayed against the Django server's recorded frames
// (../shared/spec/transcripts/).
#include "protocol/client_session.h"
#include "protocol/close_codes.h"
#include "support/test_schemas.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <deque>

using namespace subscope;
using namespace subscope::protocol;
using graphql::JsonValue;
using Kind = ClientMessage::Kind;

namespace {

// JSON written with ' for " (none of these frames has an apostrophe), to keep the literals short.
QByteArray j(const char *text)
{
    QByteArray out(text);
    out.replace('\'', '"');
    return out;
}

JsonValue json(const char *text)
{
    JsonValue value;
    JsonValue::fromJson(j(text).toStdString(), &value);
    return value;
}

QString kinds(const ClientOutput &out)
{
    QStringList names;
    for (const ClientMessage &m : out.messages)
        names << QLatin1String(messageKindName(m.kind));
    return names.join(QLatin1Char(' '));
}

QString state(const ClientSession &session, const std::string &id)
{
    const ClientOperation *op = session.operation(id);
    return op ? QLatin1String(operationStateName(op->state)) : QStringLiteral("(none)");
}

QString groups(const ClientOperation &op)
{
    QStringList names;
    for (const std::string &g : op.groups)
        names << QString::fromStdString(g);
    return names.join(QLatin1Char(','));
}

// An acknowledged session with operation "1" started.
struct Started
{
    explicit Started(
        Subprotocol sub = Subprotocol::TransportWs,
        const char *query = "subscription { ev: myCustomEvent(subscribe: true) { field1 } }")
        : session(sub, JsonValue::object())
    {
        session.open();
        session.received(j("{'type':'connection_ack'}"));
        session.subscribe(query, JsonValue(), std::nullopt, nullptr);
    }
    QString feed(const char *frame) { return kinds(session.received(j(frame))); }
    QString stateOf(const char *id = "1") const { return state(session, id); }
    const ClientOperation &op(const char *id = "1") const { return *session.operation(id); }

    ClientSession session;
};

const char *const RegisterAB =
    "{'id':'1','type':'next','payload':{'data':null,'errors':null,'extensions':{'cyparta':{"
    "'registeredGroups':['A','B'],'subscribe':true,'subscripe':true,'action':'register'}}}}";
const char *const UnregisterA =
    "{'id':'1','type':'next','payload':{'data':null,'errors':null,'extensions':{'cyparta':{"
    "'registeredGroups':['A'],'subscribe':false,'subscripe':false,'action':'unregister'}}}}";
const char *const UnregisterB =
    "{'id':'1','type':'next','payload':{'data':null,'errors':null,'extensions':{'cyparta':{"
    "'registeredGroups':['B'],'subscribe':false,'subscripe':false,'action':'unregister'}}}}";
const char *const NullResult =
    "{'id':'1','type':'next','payload':{'data':{'ev':null},'errors':null}}";
const char *const Event =
    "{'id':'1','type':'next','payload':{'data':{'ev':{'field1':'x'}},'errors':null}}";
const char *const Errors = "{'id':'1','type':'next','payload':{'data':null,'errors':[{'message':"
                           "'Invalid subscription channel name.'}]}}";

// ---- transcript replay ----

struct OpExpectation
{
    const char *id;     // "#n": the n-th operation started
    const char *state;  // operationStateName
    const char *groups; // comma-joined; nullptr: not checked (names with pks that vary)
    uint64_t events;
};

struct TranscriptExpectation
{
    const char *scenario; // file name without "-<subprotocol>.jsonl" (or the whole base name)
    const char *kinds;    // of the server's frames, in order; KA: the keepalive (ping / keepalive)
    std::vector<OpExpectation> ops; // every operation the replay started
};

const std::vector<TranscriptExpectation> transcriptExpectations = {
    {"a_normal", "KA connection_ack register_ack event complete", {{"1", "completed", "", 1}}},
    {"a2_variables_and_missing_arg",
     "KA connection_ack register_ack errors errors event",
     {{"v1", "registered", "MyModelCreated", 1}, {"v2", "error", "", 0}, {"v3", "error", "", 0}}},
    {"a3_update_delete",
     "KA connection_ack register_ack register_ack register_ack register_ack event event event "
     "event",
     {{"u", "registered", nullptr, 1},
      {"d", "registered", nullptr, 0},
      {"cud", "registered", nullptr, 2},
      {"dnone", "registered", "MyModelDeleted.None", 1}}},
    // W21: the trigger with value null is an event ({"ev":null}), not a null result.
    {"a4_custom_event",
     "KA connection_ack register_ack event event event event",
     {{"c1", "registered", "custom_event", 4}}},
    {"b_subscribe_before_init", "KA", {{"1", "starting", "", 0}}},
    {"d_duplicate_init", "KA connection_ack", {}},
    {"e2_binary_frame", "KA connection_ack", {}},
    {"e_bad_payloads",
     "KA connection_ack operation_error operation_error operation_error operation_error "
     "operation_error operation_error operation_error operation_error operation_error "
     "operation_error operation_error errors operation_error operation_error register_ack "
     "register_ack",
     {{"e6", "error", "", 0},
      {"e7", "error", "", 0},
      {"e9", "error", "", 0},
      {"e10", "error", "", 0},
      {"e12", "error", "", 0},
      {"e13", "error", "", 0},
      {"e14", "error", "", 0},
      {"e15", "registered", "MyModelCreated", 0}}},
    // W15, W27: op 1 leaves its group under its own id; id 3 leaves custom_event, op 2 keeps it.
    {"f_unsubscribe",
     "KA connection_ack register_ack register_ack unregister_ack null_result unregister_ack "
     "null_result event complete complete",
     {{"1", "completed", "", 0}, {"2", "completed", "", 1}, {"3", "unregistered", "", 0}}},
    {"g_two_ops_same_group",
     "KA connection_ack register_ack register_ack event event complete event register_ack event",
     {{"A", "completed", "", 1}, {"B", "registered", "MyModelCreated", 3}}},
    // W16, W13a: the errors result, then the null result; the error stays visible.
    {"h_invalid_group",
     "KA connection_ack register_ack errors null_result",
     {{"ok", "registered", "custom_event", 0}, {"badsub", "error", "", 0}}},
    {"i_query_document",
     "KA connection_ack operation_error operation_error operation_error event",
     {{"q1", "error", "", 0},
      {"q2", "error", "", 0},
      {"q3", "error", "", 0},
      {"q4", "active", "", 1}}},
    {"j_validation_error",
     "KA connection_ack errors errors errors errors errors",
     {{"j1", "error", "", 0},
      {"j2", "error", "", 0},
      {"j3", "error", "", 0},
      {"j4", "error", "", 0},
      {"j5", "error", "", 0}}},
    {"k_ping_pong", "KA pong connection_ack pong", {}},
    {"l_keepalive", "KA connection_ack KA KA", {}},
    {"npmclient-gqlws5",
     "ping connection_ack register_ack register_ack errors operation_error event event complete "
     "register_ack event event complete",
     {{"#0", "completed", "", 1},
      {"#1", "registered", "custom_event", 2},
      {"#2", "error", "", 0},
      {"#3", "error", "", 0},
      {"#4", "completed", "", 1}}},
    {"npmclient-gqlws6",
     "ping connection_ack register_ack register_ack errors operation_error event event complete "
     "register_ack event event complete",
     {{"#0", "completed", "", 1},
      {"#1", "registered", "custom_event", 2},
      {"#2", "error", "", 0},
      {"#3", "error", "", 0},
      {"#4", "completed", "", 1}}},
    // subscriptions-transport-ws sends its first start before the ack: it is queued until then.
    {"npmclient-sttws",
     "KA connection_ack register_ack register_ack errors operation_error event event complete "
     "complete",
     {{"1", "completed", "", 1},
      {"2", "completed", "", 1},
      {"3", "error", "", 0},
      {"4", "error", "", 0}}},
};

// Not replayed: no WebSocket session (HTTP 403), and two sockets in one file.
const QStringList skippedTranscripts = {QStringLiteral("c_bad_subprotocol-any.jsonl"),
                                        QStringLiteral("m_two_sockets-graphql-transport-ws.jsonl"),
                                        QStringLiteral("m_two_sockets-graphql-ws.jsonl")};

Subprotocol subprotocolOfFile(const QString &file)
{
    const bool legacy =
        file.endsWith(QLatin1String("-graphql-ws.jsonl")) || file.contains(QLatin1String("sttws"));
    return legacy ? Subprotocol::LegacyWs : Subprotocol::TransportWs;
}

std::vector<JsonValue> readTranscript(const QString &file)
{
    QFile f(test::sharedPath(QStringLiteral("spec/transcripts/") + file));
    if (!f.open(QIODevice::ReadOnly)) return {};
    std::vector<JsonValue> lines;
    for (const QByteArray &line : f.readAll().split('\n')) {
        JsonValue value;
        if (!line.trimmed().isEmpty() && JsonValue::fromJson(line.toStdString(), &value))
            lines.push_back(value);
    }
    return lines;
}

// A frame for comparison: keys in a canonical order, members that are null left out at the top
// and in the payload (a recorded "variables":null or "payload":null means what leaving it out
// means).
QByteArray canonical(const QByteArray &frame)
{
    const auto dropNulls = [](QJsonObject o) {
        for (auto it = o.begin(); it != o.end();)
            it = it->isNull() ? o.erase(it) : it + 1;
        return o;
    };
    QJsonObject o = dropNulls(QJsonDocument::fromJson(frame).object());
    if (o.value(QLatin1String("payload")).isObject())
        o[QLatin1String("payload")] = dropNulls(o.value(QLatin1String("payload")).toObject());
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray text(const JsonValue &value)
{
    return QByteArray::fromStdString(value.toJson());
}

std::string stringOr(const JsonValue *value, const std::string &otherwise = {})
{
    return value && value->isString() ? value->toString() : otherwise;
}

// Replays one transcript: the client's frames through the ClientSession API (checked against the
// recorded ones where the API can write them), the server's through received().
class Replay
{
public:
    explicit Replay(const QString &file)
        : m_lines(readTranscript(file))
        , m_session(subprotocolOfFile(file), initPayload())
    {}

    void run()
    {
        for (const JsonValue &line : m_lines) {
            const JsonValue *frame = line.find("frame");
            const std::string dir = stringOr(line.find("dir"));
            if (!frame || !frame->isObject()) continue;
            if (dir == "out") clientFrame(*frame);
            if (dir == "in") serverFrame(*frame);
            if (QTest::currentTestFailed()) return;
        }
    }

    bool empty() const { return m_lines.empty(); }
    const ClientSession &session() const { return m_session; }
    const QStringList &kinds() const { return m_kinds; }
    size_t unreleased() const { return m_queued.size(); }
    size_t written() const { return m_written; } // client frames checked against the recording

private:
    JsonValue initPayload() const
    {
        for (const JsonValue &line : m_lines) {
            const JsonValue *frame = line.find("frame");
            if (frame && stringOr(frame->find("type")) == "connection_init")
                return frame->find("payload") ? *frame->find("payload") : JsonValue();
        }
        return JsonValue();
    }

    void expectWritten(const QByteArray &written, const JsonValue &recorded)
    {
        QCOMPARE(canonical(written), canonical(text(recorded)));
        ++m_written;
    }

    void clientFrame(const JsonValue &frame)
    {
        const std::string type = stringOr(frame.find("type"));
        const JsonValue *id = frame.find("id");
        if (type == "connection_init") {
            expectWritten(m_session.open(), frame);
        } else if ((type == "subscribe" || type == "start") && id && id->isString()) {
            start(id->toString(), frame);
        } else if ((type == "complete" || type == "stop") && id && id->isString()) {
            const QByteArray written = m_session.stop(id->toString());
            if (!written.isEmpty()) expectWritten(written, frame);
        } else if (type == "connection_terminate" &&
                   m_session.subprotocol() == Subprotocol::LegacyWs) {
            expectWritten(m_session.terminate(), frame);
        }
    }

    // Only the starts the API can write: an object payload, a string query and operationName.
    void start(const std::string &id, const JsonValue &frame)
    {
        const JsonValue *payload = frame.find("payload");
        const JsonValue *query = payload ? payload->find("query") : nullptr;
        const JsonValue *name = payload ? payload->find("operationName") : nullptr;
        const JsonValue *variables = payload ? payload->find("variables") : nullptr;
        if (!query || !query->isString() || (name && !name->isString() && !name->isNull())) return;
        std::optional<std::string> operationName;
        if (name && name->isString()) operationName = name->toString();
        const QByteArray written = m_session.subscribe(
            query->toString(), variables ? *variables : JsonValue(), operationName, nullptr, id);
        if (written.isEmpty())
            m_queued.push_back(frame); // before the ack: written when it comes
        else
            expectWritten(written, frame);
    }

    void serverFrame(const JsonValue &frame)
    {
        const ClientOutput out = m_session.received(text(frame));
        QCOMPARE(out.messages.size(), size_t(1));
        const ClientMessage &message = out.messages.front();
        m_kinds << QLatin1String(messageKindName(message.kind));
        QVERIFY2(message.frame == frame, "the message carries the frame as parsed");
        for (const QByteArray &sent : out.send) {
            if (message.kind == Kind::Ping) {
                QCOMPARE(sent, j("{'type':'pong'}"));
                continue;
            }
            QCOMPARE(message.kind, Kind::ConnectionAck);
            QVERIFY(!m_queued.empty());
            expectWritten(sent, m_queued.front());
            m_queued.pop_front();
        }
        if (message.kind == Kind::Ping)
            QCOMPARE(out.send.size(), size_t(m_session.subprotocol() == Subprotocol::TransportWs));
    }

    std::vector<JsonValue> m_lines;
    ClientSession m_session;
    QStringList m_kinds;
    std::deque<JsonValue> m_queued;
    size_t m_written = 0;
};

} // namespace

class TestClientSession : public QObject
{
    Q_OBJECT

private slots:
    void closeCodeMeanings()
    {
        QCOMPARE(closeCodeMeaning(4401), "Unauthorized (operation before connection_ack)");
        QCOMPARE(closeCodeMeaning(4429), "Too many initialisation requests");
        QCOMPARE(closeCodeMeaning(4413), "Outbox overflow (slow consumer)");
        QCOMPARE(closeCodeMeaning(1002), "Protocol error (e.g. no supported subprotocol)");
        QCOMPARE(closeCodeMeaning(1000), "Normal closure");
        QCOMPARE(closeCodeMeaning(1001), "Going away (server shutting down)");
        QCOMPARE(closeCodeMeaning(1006), "Connection lost (no close frame)");
        QCOMPARE(closeCodeMeaning(4400), "Bad request (invalid message)");
        QCOMPARE(closeCodeMeaning(4408), "Connection initialisation timeout");
        QCOMPARE(closeCodeMeaning(4499), "Terminated");
        // Unknown codes, by range.
        QCOMPARE(closeCodeMeaning(4321), "Application close code (unknown)");
        QCOMPARE(closeCodeMeaning(1234), "Reserved WebSocket close code (unassigned)");
        QCOMPARE(closeCodeMeaning(3001), "Registered close code (library or framework)");
        QCOMPARE(closeCodeMeaning(0), "Invalid close code");
        QCOMPARE(closeCodeMeaning(5000), "Invalid close code");
        // Every code of the wire contract (W1, W3a, W4, W5, W7, W9, W28, shutdown, the Django
        // server's 1011) and of graphql-ws' CloseCode has its own text.
        const QStringList generic = {closeCodeMeaning(4321), closeCodeMeaning(1234)};
        for (int code : {1000, 1001, 1002, 1011, 4400, 4401, 4408, 4413, 4429, 4500, 4005, 4004,
                         4403, 4406, 4504, 4409})
            QVERIFY2(!generic.contains(closeCodeMeaning(code)), QByteArray::number(code));
        QCOMPARE(close_code::OutboxOverflow, 4413);
    }

    void names()
    {
        QCOMPARE(operationStateName(OperationState::Starting), "starting");
        QCOMPARE(operationStateName(OperationState::Registered), "registered");
        QCOMPARE(operationStateName(OperationState::Unregistered), "unregistered");
        QCOMPARE(operationStateName(OperationState::Active), "active");
        QCOMPARE(operationStateName(OperationState::Completed), "completed");
        QCOMPARE(operationStateName(OperationState::Error), "error");
        QCOMPARE(messageKindName(Kind::RegisterAck), "register_ack");
        QCOMPARE(messageKindName(Kind::UnregisterAck), "unregister_ack");
        QCOMPARE(messageKindName(Kind::NullResult), "null_result");
        QCOMPARE(messageKindName(Kind::OperationError), "operation_error");
        QCOMPARE(messageKindName(Kind::Unknown), "unknown");
    }

    // W3: connection_init, with the payload key only when there is a payload.
    void w3_openFrame_data()
    {
        QTest::addColumn<int>("sub");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QByteArray>("frame");
        for (Subprotocol sub : {Subprotocol::TransportWs, Subprotocol::LegacyWs}) {
            const QByteArray name(subprotocolName(sub));
            QTest::newRow(QByteArray(name + " none").constData())
                << int(sub) << QByteArray("null") << j("{'type':'connection_init'}");
            QTest::newRow(QByteArray(name + " empty").constData())
                << int(sub) << QByteArray("{}") << j("{'type':'connection_init','payload':{}}");
            QTest::newRow(QByteArray(name + " token").constData())
                << int(sub) << j("{'authToken':'abc','n':1}")
                << j("{'type':'connection_init','payload':{'authToken':'abc','n':1}}");
        }
    }
    void w3_openFrame()
    {
        QFETCH(int, sub);
        QFETCH(QByteArray, payload);
        QFETCH(QByteArray, frame);
        JsonValue init;
        QVERIFY(JsonValue::fromJson(payload.toStdString(), &init));
        ClientSession session(Subprotocol(sub), init);
        QCOMPARE(session.open(), frame);
        QVERIFY(!session.acknowledged());
        QCOMPARE(session.subprotocol(), Subprotocol(sub));
    }

    // W2: subscribe / start; ids "1", "2", ... skipping ids in use.
    void w2_subscribeFrames()
    {
        ClientSession transport(Subprotocol::TransportWs, JsonValue());
        transport.received(j("{'type':'connection_ack'}"));
        std::string id;
        QCOMPARE(
            transport.subscribe("subscription S($s: Boolean) { a(s: $s) }", json("{'s':true}"),
                                std::string("S"), &id),
            QByteArray("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":"
                       "\"subscription S($s: Boolean) { a(s: $s) }\",\"variables\":{\"s\":true},"
                       "\"operationName\":\"S\"}}"));
        QCOMPARE(id, "1");
        QCOMPARE(transport.subscribe("subscription { b }", JsonValue(), std::nullopt, &id, "2"),
                 j("{'id':'2','type':'subscribe','payload':{'query':'subscription { b }'}}"));
        QCOMPARE(id, "2");
        QCOMPARE(transport.subscribe("{ \"q\" \u00e9 }", JsonValue::object(), std::nullopt, &id),
                 QByteArray("{\"id\":\"3\",\"type\":\"subscribe\",\"payload\":{\"query\":"
                            "\"{ \\\"q\\\" \u00e9 }\",\"variables\":{}}}"));
        QCOMPARE(id, "3");

        ClientSession legacy(Subprotocol::LegacyWs, JsonValue::object());
        legacy.received(j("{'type':'connection_ack'}"));
        QCOMPARE(
            legacy.subscribe("subscription { b }", json("{}"), std::nullopt, nullptr),
            j("{'id':'1','type':'start','payload':{'query':'subscription { b }','variables':{}}}"));
        const ClientOperation *op = legacy.operation("1");
        QVERIFY(op);
        QCOMPARE(op->query, "subscription { b }");
        QCOMPARE(op->state, OperationState::Starting);
        QVERIFY(!op->isQuery && !op->queued);
    }

    // W26: complete / stop; connection_terminate only in graphql-ws (W7).
    void w26_stopFrames()
    {
        Started transport;
        QCOMPARE(transport.session.stop("1"), j("{'id':'1','type':'complete'}"));
        QCOMPARE(transport.stateOf(), "completed");
        QCOMPARE(transport.session.stop("unknown"), j("{'id':'unknown','type':'complete'}"));
        QVERIFY(!transport.session.operation("unknown"));
        QVERIFY(transport.session.terminate().isEmpty());

        Started legacy(Subprotocol::LegacyWs);
        QCOMPARE(legacy.session.stop("1"), j("{'id':'1','type':'stop'}"));
        QCOMPARE(legacy.session.terminate(), j("{'type':'connection_terminate'}"));
        // The server's complete after the client's stop changes nothing.
        QCOMPARE(legacy.feed("{'type':'complete','id':'1'}"), "complete");
        QCOMPARE(legacy.stateOf(), "completed");
    }

    // W6: a graphql-transport-ws ping is answered; the legacy keepalive is reported only.
    void w6_pingPong()
    {
        ClientSession transport(Subprotocol::TransportWs, JsonValue());
        ClientOutput out = transport.received(j("{'type':'ping'}"));
        QCOMPARE(kinds(out), "ping");
        QCOMPARE(out.send, std::vector<QByteArray>{j("{'type':'pong'}")});
        out = transport.received(j("{'type':'ping','payload':{'x':1}}"));
        QCOMPARE(out.send.size(), size_t(1));
        QCOMPARE(kinds(transport.received(j("{'type':'pong'}"))), "pong");
        out = transport.received(j("{'type':'ka'}"));
        QCOMPARE(kinds(out), "unknown"); // not a graphql-transport-ws message
        QVERIFY(out.send.empty());

        ClientSession legacy(Subprotocol::LegacyWs, JsonValue());
        out = legacy.received(j("{'type':'ka'}"));
        QCOMPARE(kinds(out), "keepalive");
        QVERIFY(out.send.empty());
        out = legacy.received(j("{'type':'ping'}"));
        QCOMPARE(kinds(out), "ping");
        QVERIFY(out.send.empty());
        QCOMPARE(kinds(legacy.received(j("{'type':'next','id':'1','payload':{}}"))), "unknown");
        out = legacy.received(j("{'type':'connection_error','payload':{'message':'nope'}}"));
        QCOMPARE(kinds(out), "connection_error");
        QCOMPARE(out.messages.front().error, "nope");
    }

    // Starts before the ack are queued and written in order on the ack (W5 forbids them earlier).
    void w5_queuedUntilAck()
    {
        ClientSession session(Subprotocol::TransportWs, JsonValue::object());
        session.open();
        std::string a, b, c;
        QVERIFY(session.subscribe("subscription { a }", JsonValue(), std::nullopt, &a).isEmpty());
        QVERIFY(session.subscribe("subscription { b }", JsonValue(), std::nullopt, &b).isEmpty());
        QVERIFY(session.subscribe("subscription { c }", JsonValue(), std::nullopt, &c).isEmpty());
        QVERIFY(session.operation(a)->queued);
        QCOMPARE(state(session, a), "starting");
        QVERIFY(session.stop(b).isEmpty()); // never written: nothing to stop on the wire
        QCOMPARE(state(session, b), "completed");
        QCOMPARE(kinds(session.received(j("{'type':'ping'}"))), "ping"); // W6: before the ack

        const ClientOutput out = session.received(j("{'type':'connection_ack'}"));
        QCOMPARE(kinds(out), "connection_ack");
        QVERIFY(session.acknowledged());
        const std::vector<QByteArray> expected = {
            j("{'id':'1','type':'subscribe','payload':{'query':'subscription { a }'}}"),
            j("{'id':'3','type':'subscribe','payload':{'query':'subscription { c }'}}")};
        QCOMPARE(out.send, expected);
        QVERIFY(!session.operation(a)->queued && !session.operation(c)->queued);
        QVERIFY(session.received(j("{'type':'connection_ack'}")).send.empty());
        QCOMPARE(session.subscribe("subscription { d }", JsonValue(), std::nullopt, nullptr),
                 j("{'id':'4','type':'subscribe','payload':{'query':'subscription { d }'}}"));
        const std::vector<std::string> order = {"1", "2", "3", "4"};
        QCOMPARE(session.startOrder(), order);
        QCOMPARE(session.operations().size(), size_t(4));
    }

    // W14, W15, W13a, W21, W27: groups added and removed, the null result after the last one.
    void w15_registerAndUnregister()
    {
        Started s;
        QCOMPARE(s.feed(RegisterAB), "register_ack");
        QCOMPARE(s.stateOf(), "registered");
        QCOMPARE(groups(s.op()), "A,B");
        QCOMPARE(s.feed(Event), "event");
        QCOMPARE(s.feed(NullResult), "event"); // W21: a trigger whose value is null
        QCOMPARE(s.op().events, uint64_t(2));
        QCOMPARE(s.stateOf(), "registered");

        // W27: the same id, unsubscribing one group: still registered in the other.
        s.session.subscribe("subscription { ev: myCustomEvent(subscribe: false) { field1 } }",
                            JsonValue(), std::nullopt, nullptr, "1");
        QCOMPARE(s.stateOf(), "registered");
        QCOMPARE(s.feed(UnregisterA), "unregister_ack");
        QCOMPARE(groups(s.op()), "B");
        QCOMPARE(s.stateOf(), "registered");
        QCOMPARE(s.feed(NullResult), "null_result"); // W15: it follows the unregister ack
        QCOMPARE(s.stateOf(), "registered");
        QCOMPARE(s.feed(NullResult), "event");
        QCOMPARE(s.feed(UnregisterB), "unregister_ack");
        QCOMPARE(s.stateOf(), "unregistered");
        QCOMPARE(groups(s.op()), "");
        QCOMPARE(s.feed(NullResult), "null_result");
        QCOMPARE(s.stateOf(), "unregistered");
        QCOMPARE(s.op().events, uint64_t(3));

        const ClientMessage ack = s.session.received(j(UnregisterB)).messages.front();
        QCOMPARE(ack.action, "unregister");
        QVERIFY(!ack.subscribe);
        QCOMPARE(ack.groups, std::vector<std::string>{"B"});
        QCOMPARE(ack.id, "1");
        QCOMPARE(s.session.stop("1"), j("{'id':'1','type':'complete'}"));
        QCOMPARE(s.stateOf(), "completed");
    }

    // W14: the deprecation note and the legacy subscripe flag are parsed.
    void w14_registerAckFields()
    {
        Started s(Subprotocol::LegacyWs);
        const QByteArray frame =
            "{\"id\":\"1\",\"type\":\"data\",\"payload\":{\"data\":null,\"errors\":null,"
            "\"extensions\":{\"cyparta\":{\"registeredGroups\":[\"MyModelCreated\"],"
            "\"subscribe\":true,\"subscripe\":true,\"action\":\"register\",\"deprecationNotes\":"
            "[\"Prefer ``subscribe`` (``extensions.cyparta.subscribe``); positional "
            "``subscripe`` is deprecated but still mirrored as ``subscripe``.\"]}}}}";
        const ClientOutput out = s.session.received(frame);
        QCOMPARE(kinds(out), "register_ack");
        const ClientMessage &m = out.messages.front();
        QCOMPARE(m.action, "register");
        QVERIFY(m.subscribe);
        QCOMPARE(m.groups, std::vector<std::string>{"MyModelCreated"});
        QCOMPARE(m.notes.size(), size_t(1));
        QVERIFY(m.notes.front().starts_with("Prefer ``subscribe``"));
        QCOMPARE(m.payload, *m.frame.find("payload"));
        QCOMPARE(groups(s.op()), "MyModelCreated");
        // Only subscripe (no action): the flag decides.
        QCOMPARE(s.feed("{'id':'1','type':'data','payload':{'data':null,'extensions':{'cyparta':{"
                        "'registeredGroups':['MyModelCreated'],'subscripe':false}}}}"),
                 "unregister_ack");
        QCOMPARE(s.stateOf(), "unregistered");
    }

    // W13a, W16, W17: errors, then the null result; Error stays.
    void w13a_errorsThenNullResult()
    {
        Started s;
        const ClientOutput out = s.session.received(j(Errors));
        QCOMPARE(kinds(out), "errors");
        QCOMPARE(out.messages.front().error, "Invalid subscription channel name.");
        QCOMPARE(s.stateOf(), "error");
        QCOMPARE(s.feed(NullResult), "null_result");
        QCOMPARE(s.stateOf(), "error");
        QCOMPARE(s.feed("{'type':'complete','id':'1'}"), "complete");
        QCOMPARE(s.stateOf(), "error");
        s.session.stop("1");
        QCOMPARE(s.stateOf(), "error");
        // Starting the id again starts afresh.
        s.session.subscribe("subscription { ev: myCustomEvent { field1 } }", JsonValue(),
                            std::nullopt, nullptr, "1");
        QCOMPARE(s.stateOf(), "starting");
        QCOMPARE(s.feed(RegisterAB), "register_ack");
        QCOMPARE(s.stateOf(), "registered");
    }

    // W27, W12: a failed request on an operation the server holds leaves it where it was (the
    // server keeps it), with the error recorded until the next ack or its end. Only a refusal
    // that leaves it in no group is followed by a null result (W13a), and then it is forgotten.
    void w27_failedRequestKeepsOperation()
    {
        Started s;
        QCOMPARE(s.feed(RegisterAB), "register_ack");
        s.session.subscribe("subscription { ev: nope }", JsonValue(), std::nullopt, nullptr, "1");
        QCOMPARE(s.stateOf(), "registered"); // the same operation (W27)
        QCOMPARE(s.feed(Errors), "errors");
        QCOMPARE(s.stateOf(), "registered");
        QCOMPARE(groups(s.op()), "A,B");
        QCOMPARE(s.op().lastError, "Invalid subscription channel name.");
        // Still in groups: no null result follows, so this is an event whose value is null.
        QCOMPARE(s.feed(NullResult), "event");
        QCOMPARE(s.op().events, uint64_t(1));
        // An error frame (W10) likewise; one without a message still says something.
        QCOMPARE(s.feed("{'id':'1','type':'error','payload':7}"), "operation_error");
        QCOMPARE(s.stateOf(), "registered");
        QCOMPARE(s.op().lastError, "an error without a message");
        // The next ack clears it; leaving every group keeps the operation (W27).
        QCOMPARE(s.feed(UnregisterA), "unregister_ack");
        QVERIFY(s.op().lastError.empty());
        QCOMPARE(s.feed(UnregisterB), "unregister_ack");
        QCOMPARE(s.feed(NullResult), "null_result");
        QCOMPARE(s.stateOf(), "unregistered");
        // W12 on it: the server keeps it, in no group; no null result comes.
        s.session.subscribe("subscription { ev: nope }", JsonValue(), std::nullopt, nullptr, "1");
        QCOMPARE(s.stateOf(), "unregistered");
        QCOMPARE(s.feed("{'id':'1','type':'next','payload':{'data':null,'errors':[{'message':"
                        "'Cannot query field.'}]}}"),
                 "errors");
        QCOMPARE(s.stateOf(), "unregistered");
        QCOMPARE(s.op().lastError, "Cannot query field.");
        // Stop ends it and the error with it.
        s.session.stop("1");
        QCOMPARE(s.stateOf(), "completed");
        QVERIFY(s.op().lastError.empty());

        // W16 / W17 on an operation in no group: errors, then the null result: forgotten.
        Started t;
        QCOMPARE(t.feed(RegisterAB), "register_ack");
        t.feed(UnregisterA);
        t.feed(UnregisterB);
        QCOMPARE(t.feed(NullResult), "null_result");
        QCOMPARE(t.feed(Errors), "errors");
        QCOMPARE(t.stateOf(), "unregistered");
        QCOMPARE(t.feed(NullResult), "null_result");
        QCOMPARE(t.stateOf(), "error");
        QVERIFY(!t.op().onServer);

        // A server's complete ends it, with any recorded error.
        Started u;
        u.feed(RegisterAB);
        u.feed(Errors);
        QCOMPARE(u.feed("{'type':'complete','id':'1'}"), "complete");
        QCOMPARE(u.stateOf(), "completed");
        QVERIFY(u.op().lastError.empty());
    }

    // W13a: a register ack that joins nothing is followed by the null result.
    void w13a_noGroupJoined()
    {
        Started s;
        QCOMPARE(s.feed("{'id':'1','type':'next','payload':{'data':null,'errors':null,"
                        "'extensions':{'cyparta':{'registeredGroups':[],'subscribe':true,"
                        "'subscripe':true,'action':'register'}}}}"),
                 "register_ack");
        QCOMPARE(s.feed(NullResult), "null_result");
        QCOMPARE(s.stateOf(), "unregistered");
    }

    // W10: error frames, a list (graphql-transport-ws) or one object (graphql-ws).
    void w10_operationErrors()
    {
        Started transport;
        ClientOutput out = transport.session.received(
            j("{'id':'1','type':'error','payload':[{'message':'Invalid message: missing query.',"
              "'extensions':{'code':'INVALID_MESSAGE'}}]}"));
        QCOMPARE(kinds(out), "operation_error");
        QCOMPARE(out.messages.front().error, "Invalid message: missing query.");
        QCOMPARE(transport.stateOf(), "error");

        Started legacy(Subprotocol::LegacyWs);
        out = legacy.session.received(
            j("{'id':'1','type':'error','payload':{'message':'Invalid subscription document.',"
              "'extensions':{'code':'INVALID_QUERY'}}}"));
        QCOMPARE(kinds(out), "operation_error");
        QCOMPARE(out.messages.front().error, "Invalid subscription document.");
        QCOMPARE(legacy.stateOf(), "error");
    }

    // W11 beyond: a query's result (even {"base":null}) is its result, then complete.
    void w11_queryResult()
    {
        Started s(Subprotocol::TransportWs, "query Q { base }");
        QVERIFY(s.op().isQuery);
        QCOMPARE(s.feed("{'id':'1','type':'next','payload':{'data':{'base':null},'errors':null}}"),
                 "event");
        QCOMPARE(s.stateOf(), "active");
        QCOMPARE(s.feed("{'type':'complete','id':'1'}"), "complete");
        QCOMPARE(s.stateOf(), "completed");
        QCOMPARE(s.op().events, uint64_t(1));

        // A plain graphql-ws server: no register ack, events make the subscription Active.
        Started plain;
        QVERIFY(!plain.op().isQuery);
        QCOMPARE(plain.feed(Event), "event");
        QCOMPARE(plain.stateOf(), "active");
        // The chosen operation decides, not the first one.
        std::string id;
        plain.session.subscribe("subscription S { a } query Q { b }", JsonValue(), std::string("Q"),
                                &id);
        QVERIFY(plain.session.operation(id)->isQuery);
        plain.session.subscribe("query Q { b } subscription S { a }", JsonValue(), std::string("S"),
                                &id);
        QVERIFY(!plain.session.operation(id)->isQuery);
    }

    // Frames for ids this session did not start are classified and change nothing.
    void unknownIds()
    {
        Started s;
        QCOMPARE(s.feed("{'id':'zz','type':'next','payload':{'data':{'k':null},'errors':null}}"),
                 "null_result");
        QCOMPARE(s.feed("{'id':'zz','type':'next','payload':{'data':{'k':1},'errors':null}}"),
                 "event");
        QCOMPARE(s.feed("{'id':7,'type':'complete'}"), "complete");
        QCOMPARE(s.session.operations().size(), size_t(1));
        QCOMPARE(s.stateOf(), "starting");
    }

    // W8, W9 (client side): nothing the server sends may throw or crash.
    void malformedFrames_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("state"); // of operation "1", registered before
        const auto row = [](const char *name, const QByteArray &frame, const char *kind,
                            const char *state = "registered") {
            QTest::newRow(name) << frame << QString::fromLatin1(kind) << QString::fromLatin1(state);
        };
        row("empty", "", "malformed");
        row("truncated", "{", "malformed");
        row("not json", "not json at all", "malformed");
        row("null", "null", "malformed");
        row("array", "[1,2,3]", "malformed");
        row("number", "42", "malformed");
        row("string", "\"ping\"", "malformed");
        row("no type", j("{'id':'1'}"), "malformed");
        row("type not a string", j("{'type':5}"), "malformed");
        row("next without id", j("{'type':'next','payload':{'data':null}}"), "malformed");
        row("next without payload", j("{'id':'1','type':'next'}"), "malformed");
        row("next payload a string", j("{'id':'1','type':'next','payload':'x'}"), "malformed");
        row("id an object", j("{'id':{},'type':'complete'}"), "malformed");
        row("complete without id", j("{'type':'complete'}"), "malformed");
        row("unknown type", j("{'type':'no_such_type'}"), "unknown");
        row("data in transport-ws", j("{'id':'1','type':'data','payload':{}}"), "unknown");
        row("error without id", j("{'type':'error','payload':{'message':'m'}}"), "operation_error");
        // A failed request on an operation in groups leaves it registered (W27).
        row("error payload odd", j("{'id':'1','type':'error','payload':7}"), "operation_error");
        row("cyparta not an object",
            j("{'id':'1','type':'next','payload':{'data':null,'extensions':{'cyparta':5}}}"),
            "event");
        row("errors not a list", j("{'id':'1','type':'next','payload':{'errors':'x'}}"), "errors");
        row("errors empty", j("{'id':'1','type':'next','payload':{'data':{'a':1},'errors':[]}}"),
            "event");
        row("groups not strings",
            j("{'id':'1','type':'next','payload':{'extensions':{'cyparta':{'registeredGroups':"
              "[1,null,'G'],'action':'register','subscribe':'yes'}}}}"),
            "register_ack");
        row("invalid utf-8", QByteArray("{\"type\":\"\xff\xfe\"}"), "unknown");
        row("nested too deeply", QByteArray(100000, '['), "malformed");
        row("binary zeros", QByteArray(16, '\0'), "malformed");
    }
    void malformedFrames()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QString, kind);
        QFETCH(QString, state);
        Started s;
        s.feed(RegisterAB);
        const ClientOutput out = s.session.received(frame);
        QCOMPARE(kinds(out), kind);
        QVERIFY(out.send.empty());
        if (kind == QLatin1String("malformed")) QVERIFY(!out.messages.front().error.empty());
        QCOMPARE(s.stateOf(), state);
    }

    // Random damage to real frames: every input gives exactly one message.
    void fuzz()
    {
        const std::vector<QByteArray> seeds = {j(RegisterAB),
                                               j(UnregisterA),
                                               j(NullResult),
                                               j(Event),
                                               j(Errors),
                                               j("{'type':'connection_ack'}"),
                                               j("{'type':'ping'}"),
                                               j("{'type':'complete','id':'1'}")};
        QRandomGenerator random(20240611);
        for (Subprotocol sub : {Subprotocol::TransportWs, Subprotocol::LegacyWs}) {
            Started s(sub);
            for (int i = 0; i < 5000; ++i) {
                QByteArray frame = seeds[random.bounded(int(seeds.size()))];
                const int edits = random.bounded(1, 6);
                for (int e = 0; e < edits && !frame.isEmpty(); ++e) {
                    const int at = random.bounded(int(frame.size()));
                    switch (random.bounded(3)) {
                    case 0:
                        frame[at] = char(random.bounded(256));
                        break;
                    case 1:
                        frame.remove(at, random.bounded(1, 8));
                        break;
                    default:
                        frame.insert(at, "{[\",:}]"[random.bounded(7)]);
                        break;
                    }
                }
                QCOMPARE(s.session.received(frame).messages.size(), size_t(1));
            }
        }
    }

    // The Django server's recorded frames, both subprotocols.
    void transcripts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("expectation");
        const QDir dir(test::sharedPath(QStringLiteral("spec/transcripts")));
        const QStringList files = dir.entryList({QStringLiteral("*.jsonl")}, QDir::Files);
        QVERIFY2(files.size() >= 30, qPrintable(dir.path()));
        for (const QString &file : files) {
            if (skippedTranscripts.contains(file)) continue;
            int found = -1;
            for (size_t i = 0; i < transcriptExpectations.size(); ++i) {
                const QString scenario = QLatin1String(transcriptExpectations[i].scenario);
                if (file == scenario + QLatin1String(".jsonl") ||
                    file == scenario + QLatin1String("-graphql-ws.jsonl") ||
                    file == scenario + QLatin1String("-graphql-transport-ws.jsonl"))
                    found = int(i);
            }
            QVERIFY2(found >= 0, qPrintable(QStringLiteral("no expectation for ") + file));
            QTest::newRow(qPrintable(file)) << file << found;
        }
    }
    void transcripts()
    {
        QFETCH(QString, file);
        QFETCH(int, expectation);
        const TranscriptExpectation &expected = transcriptExpectations[size_t(expectation)];
        Replay replay(file);
        QVERIFY(!replay.empty());
        replay.run();
        if (QTest::currentTestFailed()) return;

        const Subprotocol sub = subprotocolOfFile(file);
        QString kindsExpected = QLatin1String(expected.kinds);
        kindsExpected.replace(
            QLatin1String("KA"),
            QLatin1String(sub == Subprotocol::TransportWs ? "ping" : "keepalive"));
        QCOMPARE(replay.kinds().join(QLatin1Char(' ')), kindsExpected);

        const ClientSession &session = replay.session();
        QCOMPARE(session.operations().size(), expected.ops.size());
        size_t queued = 0;
        for (const OpExpectation &e : expected.ops) {
            const std::string id = e.id[0] == '#' ? session.startOrder().at(size_t(atoi(e.id + 1)))
                                                  : std::string(e.id);
            const ClientOperation *op = session.operation(id);
            QVERIFY2(op, e.id);
            QCOMPARE(QLatin1String(operationStateName(op->state)), QLatin1String(e.state));
            if (e.groups) QCOMPARE(groups(*op), QLatin1String(e.groups));
            QCOMPARE(op->events, e.events);
            queued += op->queued;
        }
        QCOMPARE(replay.unreleased(), queued);
        // Every start that was written.
        QVERIFY(replay.written() >= session.operations().size() - queued);
    }
};

QTEST_GUILESS_MAIN(TestClientSession)
#include "tst_client_session.moc"
