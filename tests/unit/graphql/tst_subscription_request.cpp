// What a valid subscription asks for: the operation (W11), its response key (W11), groups and
// subscribe flag (W13), the legacy `subscripe` (W14's deprecationNotes), group-name rules (W16)
// and the requested fields (W23).
#include "graphql/parser.h"
#include "graphql/subscription_request.h"
#include "support/test_schemas.h"

#include <QTest>

using namespace subscope;
using namespace subscope::graphql;

namespace {

SubscriptionResolution resolve(const Schema &schema, const char *query,
                               const char *variables = "{}",
                               GroupNameMode mode = GroupNameMode::Strict,
                               std::optional<std::string> operationName = std::nullopt)
{
    JsonValue values;
    JsonValue::fromJson(variables, &values);
    const CheckedRequest request = checkRequest(schema, query, values, operationName);
    if (!request.ok())
        qFatal("invalid request in test: %s", request.errors.front().message.c_str());
    return resolveSubscription(schema, request, mode);
}

SubscriptionTarget target(const Schema &schema, const char *query, const char *variables = "{}",
                          GroupNameMode mode = GroupNameMode::Strict)
{
    SubscriptionResolution r = resolve(schema, query, variables, mode);
    if (!r.target) qFatal("no target: %s", r.error ? r.error->message.c_str() : "");
    return *r.target;
}

using Names = std::vector<std::string>;

} // namespace

class TestSubscriptionRequest : public QObject
{
    Q_OBJECT

private slots:
    void chooseOperationW11()
    {
        auto choose = [](const char *text, std::optional<std::string> name) -> std::string {
            ParseResult r = parse(text);
            const ast::OperationDefinition *op =
                chooseSubscriptionOperation(r.document->root(), name);
            return op ? std::string(op->name.empty() ? "<anonymous>" : op->name.value)
                      : std::string("<none>");
        };
        QCOMPARE(choose("query Q { a } subscription S { b }", std::nullopt), std::string("S"));
        QCOMPARE(choose("subscription A { a } subscription B { b }", std::nullopt),
                 std::string("<none>"));
        QCOMPARE(choose("subscription A { a } subscription B { b }", std::string("B")),
                 std::string("B"));
        QCOMPARE(choose("subscription A { a } subscription B { b }", std::string("C")),
                 std::string("<none>"));
        QCOMPARE(choose("query Q { a }", std::nullopt), std::string("<none>"));
        QCOMPARE(choose("subscription { a }", std::string("ignored")), std::string("<anonymous>"));
    }

    void responseKeyIsAliasOrNameW11()
    {
        QCOMPARE(target(test::demoSchema(), "subscription { myModelCreated { id } }").responseKey,
                 std::string("myModelCreated"));
        QCOMPARE(target(test::demoSchema(), "subscription { created: myModelCreated { id } }")
                     .responseKey,
                 std::string("created"));
        QCOMPARE(
            target(test::demoSchema(),
                   "subscription { ...F } fragment F on Subscription { c: myModelCreated { id } }")
                .responseKey,
            std::string("c"));
    }

    void groupsFromTemplatesW13()
    {
        const Schema &demo = test::demoSchema();
        QCOMPARE(target(demo, "subscription { myModelCreated { id } }").groups,
                 Names{"MyModelCreated"});
        QCOMPARE(
            target(demo, "subscription { myModelCreatedUpdateDelete(id: \"7\") { id } }").groups,
            (Names{"MyModelCreated", "MyModelUpdated.7", "MyModelDeleted.7"}));
        // A template whose argument is missing, null or "" is skipped.
        QCOMPARE(target(demo, "subscription { myModelCreatedUpdateDelete { id } }").groups,
                 Names{"MyModelCreated"});
        QCOMPARE(
            target(demo, "subscription { myModelCreatedUpdateDelete(id: null) { id } }").groups,
            Names{"MyModelCreated"});
        QCOMPARE(
            target(demo, "subscription { myModelCreatedUpdateDelete(id: \"\") { id } }").groups,
            Names{"MyModelCreated"});
        QCOMPARE(target(demo, "subscription ($id: String) { myModelUpdated(id: $id) { id } }",
                        R"({"id": "x9"})")
                     .groups,
                 Names{"MyModelUpdated.x9"});
        QCOMPARE(
            target(demo, "subscription ($id: String) { myModelUpdated(id: $id) { id } }").groups,
            Names{});
    }

    void valuesInGroupNamesW13()
    {
        // Strings as they are; numbers and booleans in their JSON text; enums by name.
        const auto t = target(test::testSchema(), "subscription { moodChanged(mood: SAD, ratio: 2, "
                                                  "count: -3, flag: false, label: \"L\") }");
        QCOMPARE(t.groups, (Names{"mood.SAD", "ratio.2.0", "count.-3", "flag.false", "label.L"}));
        QCOMPARE(target(test::testSchema(), "subscription { personChanged(id: 42) { id } }").groups,
                 (Names{"PersonUpdated.42", "PersonDeleted.42"}));
        QCOMPARE(target(test::testSchema(), "subscription { petEvents { __typename } }").groups,
                 Names{"pets"}); // no repeats
    }

    void subscribeFlagW13()
    {
        const Schema &demo = test::demoSchema();
        auto flag = [&](const char *query) {
            const auto t = target(demo, query);
            return QStringLiteral("%1/%2").arg(t.subscribe).arg(t.usedLegacySubscripe);
        };
        QCOMPARE(flag("subscription { myModelCreated { id } }"), QStringLiteral("1/0"));
        QCOMPARE(flag("subscription { myModelCreated(subscribe: false) { id } }"),
                 QStringLiteral("0/0"));
        QCOMPARE(flag("subscription { myModelCreated(subscripe: false) { id } }"),
                 QStringLiteral("0/1"));
        QCOMPARE(flag("subscription { myModelCreated(subscribe: true, subscripe: false) { id } }"),
                 QStringLiteral("1/0"));
        QCOMPARE(flag("subscription { myModelCreated(subscribe: null, subscripe: false) { id } }"),
                 QStringLiteral("0/1"));
        // A schema default counts when the client gives neither.
        QCOMPARE(
            target(test::testSchema(), "subscription { personChanged(id: 1) { id } }").subscribe,
            true);
        QCOMPARE(target(test::testSchema(),
                        "subscription ($s: Boolean) { personCreated(subscribe: $s) { id } }",
                        R"({"s": false})")
                     .subscribe,
                 false);
    }

    void deprecationNotesW14()
    {
        QVERIFY(
            target(test::demoSchema(), "subscription { myModelCreated(subscripe: true) { id } }")
                .deprecationNotesApply());
        QVERIFY(
            !target(test::demoSchema(), "subscription { myModelCreated(subscribe: true) { id } }")
                 .deprecationNotesApply());
        // The demo schema marks myCustomEvent's subscripe as not legacy, as the example app does.
        QVERIFY(!target(test::demoSchema(),
                        "subscription { myCustomEvent(subscripe: true) { field1 } }")
                     .deprecationNotesApply());
    }

    void groupNameRulesW16()
    {
        const Schema &demo = test::demoSchema();
        const char *query = "subscription ($id: String) { myModelUpdated(id: $id) { id } }";
        auto strict = target(demo, query, R"({"id": "a b/é"})");
        QCOMPARE(strict.groups, Names{});
        QCOMPARE(strict.invalidGroups, Names{"MyModelUpdated.a b/\xC3\xA9"});
        QCOMPARE(target(demo, query, R"({"id": "a b/é"})", GroupNameMode::Lenient).groups,
                 Names{"MyModelUpdated.a_b__"});
        const std::string longId(120, 'x');
        const std::string vars = "{\"id\": \"" + longId + "\"}";
        auto tooLong = target(demo, query, vars.c_str());
        QCOMPARE(tooLong.invalidGroups.size(), size_t(1));
        auto cut = target(demo, query, vars.c_str(), GroupNameMode::Lenient);
        QCOMPARE(cut.groups.front().size(), size_t(99));
        QCOMPARE(target(demo, query, R"({"id": "ok-1.2_3"})").groups,
                 Names{"MyModelUpdated.ok-1.2_3"});
    }

    void requestedFieldsW23()
    {
        const Schema &demo = test::demoSchema();
        QCOMPARE(target(demo, "subscription { myModelCreated { id name } }").requestedFields,
                 (Names{"id", "name"}));
        // Fragments are expanded, unlike the Django package, which reads fragment names.
        QCOMPARE(target(demo, "subscription { myModelCreated { ...F ... on MyModelType { age } "
                              "name } } fragment F on MyModelType { id name }")
                     .requestedFields,
                 (Names{"id", "name", "age"}));
        QCOMPARE(
            target(demo, "subscription { myModelCreated { a: name __typename } }").requestedFields,
            (Names{"name"}));
        QCOMPARE(
            target(demo,
                   "subscription ($no: Boolean!) { myModelCreated { id name @skip(if: $no) } }",
                   R"({"no": true})")
                .requestedFields,
            (Names{"id"}));
        // Every member of a union, whatever the type condition.
        QCOMPARE(target(test::testSchema(), "subscription { petEvents { ... on Dog { barkVolume } "
                                            "... on Cat { meowVolume } } }")
                     .requestedFields,
                 (Names{"barkVolume", "meowVolume"}));
    }

    void modelOfTheField()
    {
        QCOMPARE(target(test::demoSchema(), "subscription { myModelCreated { id } }")
                     .modelName.value_or(""),
                 std::string("MyModel"));
        QVERIFY(!target(test::demoSchema(), "subscription { myCustomEvent { field1 } }").modelName);
    }

    void argumentErrorsComeFromExecution()
    {
        SubscriptionResolution r = resolve(test::testSchema(), "subscription { quiet }");
        QVERIFY(r.target);
        QVERIFY(r.target->groups.empty()); // a field without @groups joins nothing (W13a)
    }

    void jsonForTheCommandLine()
    {
        QCOMPARE(
            target(test::demoSchema(),
                   "subscription { u: myModelUpdated(id: \"3\", subscripe: false) { id } }")
                .toJson()
                .toJson(),
            std::string(
                R"({"responseKey":"u","field":"myModelUpdated","groups":["MyModelUpdated.3"],"subscribe":false,)"
                R"("usedLegacySubscripe":true,"requestedFields":["id"],"model":"MyModel"})"));
    }
};

QTEST_GUILESS_MAIN(TestSubscriptionRequest)
#include "tst_subscription_request.moc"
