// The registry: group index, operations (W26, W27), event delivery and shaping (W20-W24) and
// the bounded outbox with its three strategies (W28).
#include "registry/hub.h"

#include <QTest>

using namespace subscope::registry;
using subscope::graphql::JsonValue;

namespace {

JsonValue json(const char *text)
{
    JsonValue v;
    if (!JsonValue::fromJson(text, &v)) qFatal("bad JSON: %s", text);
    return v;
}

QStringList drain(Hub &hub, SocketId socket)
{
    QStringList frames;
    while (auto frame = hub.outbox(socket)->pop())
        frames << QString::fromUtf8(*frame);
    return frames;
}

} // namespace

class TestHub : public QObject
{
    Q_OBJECT

private slots:
    void w20_everyMemberGetsTheEventOncePerGroup()
    {
        Hub hub;
        const SocketId a = hub.addSocket("next"), b = hub.addSocket("data"),
                       idle = hub.addSocket("next");
        hub.upsertOperation(a, "1", "x", {"id"});
        hub.upsertOperation(a, "2", "y", {"id"});
        hub.upsertOperation(b, "1", "z", {"name"});
        hub.join(a, "1", {"G", "H"});
        hub.join(a, "2", {"G"});
        hub.join(b, "1", {"G"});
        QCOMPARE(hub.publish("G", json(R"("v")")), size_t(3));
        QCOMPARE(hub.publish("H", json("1")), size_t(1));
        QCOMPARE(hub.publish("nobody", json("1")), size_t(0));
        QCOMPARE(
            drain(hub, a),
            (QStringList{R"({"id":"1","type":"next","payload":{"data":{"x":"v"},"errors":null}})",
                         R"({"id":"2","type":"next","payload":{"data":{"y":"v"},"errors":null}})",
                         R"({"id":"1","type":"next","payload":{"data":{"x":1},"errors":null}})"}));
        QCOMPARE(
            drain(hub, b),
            QStringList{R"({"id":"1","type":"data","payload":{"data":{"z":"v"},"errors":null}})"});
        QVERIFY(drain(hub, idle).isEmpty());
        QCOMPARE(hub.counters().deliveries, uint64_t(4));
        QCOMPARE(hub.counters().triggers, uint64_t(3));
    }

    void w22_w24_modelEvents()
    {
        const JsonValue value = modelEventValue(
            json("39"), json(R"({"name": "renamed", "age": 2})"), "MyModelUpdated.39");
        QCOMPARE(
            value.toJson(),
            std::string(
                R"({"pk":39,"fields":{"name":"renamed","age":2,"id":39},"group":"MyModelUpdated.39"})"));
        QCOMPARE(modelGroup("MyModel", ModelAction::Create, json("1")),
                 std::string("MyModelCreated"));
        QCOMPARE(modelGroup("MyModel", ModelAction::Update, json("39")),
                 std::string("MyModelUpdated.39"));
        QCOMPARE(modelGroup("MyModel", ModelAction::Delete, json(R"("a-7")")),
                 std::string("MyModelDeleted.a-7"));
    }

    void w23_fieldFilter()
    {
        const JsonValue model =
            json(R"({"pk":1,"fields":{"name":"n","age":3,"id":1},"group":"G"})");
        QCOMPARE(filterRequestedFields(model, {"id", "name"}).toJson(),
                 std::string(R"({"pk":1,"fields":{"name":"n","id":1},"group":"G"})"));
        // Values without an object "fields" travel unchanged.
        QCOMPARE(filterRequestedFields(json(R"({"field1":"x","extra":[1]})"), {"field1"}).toJson(),
                 std::string(R"({"field1":"x","extra":[1]})"));
        QCOMPARE(filterRequestedFields(json(R"({"fields":"text"})"), {"a"}).toJson(),
                 std::string(R"({"fields":"text"})"));
        QCOMPARE(filterRequestedFields(json("null"), {"a"}).toJson(), std::string("null"));
    }

    void w23_shapedOncePerKeyAndFilter()
    {
        Hub hub;
        const SocketId s = hub.addSocket("next");
        hub.upsertOperation(s, "A", "x", {"id"});
        hub.upsertOperation(s, "B", "y", {"name", "age"});
        hub.join(s, "A", {"MyModelCreated"});
        hub.join(s, "B", {"MyModelCreated"});
        hub.publish(
            "MyModelCreated",
            modelEventValue(json("46"), json(R"({"name":"shared","age":9})"), "MyModelCreated"));
        QCOMPARE(
            drain(hub, s),
            (QStringList{
                R"({"id":"A","type":"next","payload":{"data":{"x":{"pk":46,"fields":{"id":46},"group":"MyModelCreated"}},"errors":null}})",
                R"({"id":"B","type":"next","payload":{"data":{"y":{"pk":46,"fields":{"name":"shared","age":9},"group":"MyModelCreated"}},"errors":null}})"}));
    }

    void w27_reusedIdAddsFieldsAndTakesTheNewKey()
    {
        Hub hub;
        const SocketId s = hub.addSocket("data");
        hub.upsertOperation(s, "B", "y", {"name", "age"});
        hub.join(s, "B", {"G"});
        hub.upsertOperation(s, "B", "z", {"id"});
        hub.join(s, "B", {"G"});
        QCOMPARE(hub.operation(s, "B")->requestedFields,
                 (std::vector<std::string>{"name", "age", "id"}));
        QCOMPARE(hub.groups().members("G").size(), size_t(1));
        hub.publish("G", json(R"({"pk":1,"fields":{"id":1,"age":2,"name":"n"}})"));
        QCOMPARE(
            drain(hub, s),
            QStringList{
                R"({"id":"B","type":"data","payload":{"data":{"z":{"pk":1,"fields":{"id":1,"age":2,"name":"n"}}},"errors":null}})"});
        // Leaving every group keeps the operation until it is completed.
        hub.leave(s, "B", {"G"});
        QVERIFY(hub.operation(s, "B"));
        QCOMPARE(hub.groups().groupCount(), size_t(0));
        QVERIFY(hub.removeOperation(s, "B"));
        QVERIFY(!hub.removeOperation(s, "B"));
    }

    // The groups view's signal: every change of membership (and of a grouped operation's
    // response key) is reported once; what changes nothing is not.
    void membershipChangesAreReported()
    {
        Hub hub;
        int changes = 0;
        hub.onMembershipChanged = [&] { ++changes; };
        const SocketId s = hub.addSocket("next");
        hub.upsertOperation(s, "1", "a", {});
        QCOMPARE(changes, 0); // in no group yet
        hub.join(s, "1", {"G", "H"});
        QCOMPARE(changes, 1);
        hub.join(s, "1", {"G"});
        QCOMPARE(changes, 1); // already there
        hub.upsertOperation(s, "1", "b", {});
        QCOMPARE(changes, 2); // W27: the members now answer under another key
        hub.leave(s, "1", {"G"});
        QCOMPARE(changes, 3);
        hub.leave(s, "1", {"X"});
        QCOMPARE(changes, 3);
        hub.upsertOperation(s, "2", "c", {});
        hub.join(s, "2", {"G"});
        QCOMPARE(changes, 4);
        QVERIFY(hub.removeOperation(s, "2"));
        QCOMPARE(changes, 5);
        hub.removeSocket(s);
        QCOMPARE(changes, 6);
        const SocketId idle = hub.addSocket("next");
        hub.upsertOperation(idle, "1", "a", {});
        hub.removeSocket(idle);
        QCOMPARE(changes, 6);
    }

    // A channel layer across processes subscribes to a group while it has local members.
    void groupsOpenWithTheirFirstMemberAndCloseWithTheLast()
    {
        Hub hub;
        QStringList events;
        hub.groups().onGroupOpened = [&](const std::string &g) {
            events << QStringLiteral("open ") + QString::fromStdString(g);
        };
        hub.groups().onGroupClosed = [&](const std::string &g) {
            events << QStringLiteral("close ") + QString::fromStdString(g);
        };
        const SocketId a = hub.addSocket("next"), b = hub.addSocket("next");
        hub.upsertOperation(a, "1", "x", {});
        hub.upsertOperation(a, "2", "x", {});
        hub.upsertOperation(b, "1", "x", {});
        hub.join(a, "1", {"G", "H"});
        hub.join(a, "2", {"G"});
        hub.join(b, "1", {"G"});
        QCOMPARE(events, QStringList({"open G", "open H"}));
        hub.leave(a, "1", {"G", "H"});
        QCOMPARE(events.size(), 3);
        QCOMPARE(events.last(), "close H");
        QVERIFY(hub.removeOperation(a, "2"));
        QCOMPARE(events.size(), 3); // b is still in G
        hub.removeSocket(b);
        QCOMPARE(events.last(), "close G");
        QCOMPARE(events.size(), 4);
    }

    // W28 close_connection: a socket leaving its groups during a publish closes them after it.
    void groupsCloseAfterThePublishThatOverflowedTheirLastMember()
    {
        Hub hub(HubConfig{1, OverflowStrategy::CloseConnection});
        std::vector<std::string> closed;
        hub.groups().onGroupClosed = [&](const std::string &g) { closed.push_back(g); };
        const SocketId s = hub.addSocket("next");
        hub.upsertOperation(s, "1", "x", {});
        hub.join(s, "1", {"G"});
        hub.publish("G", JsonValue(1));
        QVERIFY(closed.empty());
        hub.publish("G", JsonValue(2)); // the outbox of 1 overflows
        QCOMPARE(closed, std::vector<std::string>{"G"});
    }

    void w26_closingASocketRemovesItsOperations()
    {
        Hub hub;
        const SocketId a = hub.addSocket("next"), b = hub.addSocket("next");
        hub.upsertOperation(a, "1", "k", {});
        hub.upsertOperation(b, "1", "k", {});
        hub.join(a, "1", {"G", "H"});
        hub.join(b, "1", {"G"});
        QCOMPARE(hub.groups().membershipCount(), size_t(3));
        hub.removeSocket(a);
        QCOMPARE(hub.groups().membershipCount(), size_t(1));
        QCOMPARE(hub.groups().members("G").front().socket, b);
        QCOMPARE(hub.operationCount(), size_t(1));
    }

    void w28_dropNewest()
    {
        Hub hub(HubConfig{2, OverflowStrategy::DropNewest});
        const SocketId s = hub.addSocket("next");
        for (const char *f : {"1", "2", "3", "4"})
            hub.send(s, f);
        QCOMPARE(drain(hub, s), (QStringList{"1", "2"}));
        QCOMPARE(hub.outbox(s)->drops(), uint64_t(2));
        QCOMPARE(hub.counters().dropsByStrategy[int(OverflowStrategy::DropNewest)], uint64_t(2));
        QVERIFY(hub.takeSocketsToClose().empty());
    }

    void w28_dropOldest()
    {
        Hub hub(HubConfig{2, OverflowStrategy::DropOldest});
        const SocketId s = hub.addSocket("next");
        for (const char *f : {"1", "2", "3", "4"})
            hub.send(s, f);
        QCOMPARE(drain(hub, s), (QStringList{"3", "4"}));
        QCOMPARE(hub.drops(), uint64_t(2));
    }

    void w28_closeConnectionOnce()
    {
        Hub hub(HubConfig{1, OverflowStrategy::CloseConnection});
        const SocketId s = hub.addSocket("next"), other = hub.addSocket("next");
        hub.send(s, "1");
        hub.send(s, "2");
        hub.send(s, "3");
        hub.send(other, "x");
        QCOMPARE(hub.takeSocketsToClose(), std::vector<SocketId>{s}); // once, however many overflow
        QVERIFY(hub.takeSocketsToClose().empty());
        QCOMPARE(drain(hub, other), QStringList{"x"}); // a slow socket never delays the others
        QCOMPARE(hub.counters().dropsByStrategy[int(OverflowStrategy::CloseConnection)],
                 uint64_t(1));
    }

    void w28_anOverflowedSocketLeavesItsGroupsAtOnce()
    {
        Hub hub(HubConfig{1, OverflowStrategy::CloseConnection});
        const SocketId s = hub.addSocket("next");
        hub.upsertOperation(s, "1", "k", {});
        hub.join(s, "1", {"g"});
        QCOMPARE(hub.publish("g", JsonValue(1)), size_t(1));
        QCOMPARE(hub.publish("g", JsonValue(2)), size_t(0)); // overflows
        QVERIFY(hub.groups().members("g").empty());
        QCOMPARE(hub.publish("g", JsonValue(3)), size_t(0));
        QCOMPARE(hub.drops(), uint64_t(1));
        QCOMPARE(
            drain(hub, s),
            QStringList{R"({"id":"1","type":"next","payload":{"data":{"k":1},"errors":null}})"});
    }

    void w28_strategyNames()
    {
        QCOMPARE(overflowStrategyFromName(QStringLiteral("drop_oldest")),
                 std::optional(OverflowStrategy::DropOldest));
        QVERIFY(!overflowStrategyFromName(QStringLiteral("nope")));
    }
};

QTEST_GUILESS_MAIN(TestHub)
#include "tst_hub.moc"
