// The --auth rules (W17 who may join which groups, W30 which tokens are users): parsing with
// errors that name the offending key, group patterns, and the policy a session consults.
#include "protocol/access_rules.h"

#include <QTest>

using namespace subscope;
using namespace subscope::protocol;

namespace {

AccessRules parse(std::string_view json)
{
    graphql::JsonValue document;
    if (!graphql::JsonValue::fromJson(json, &document)) qFatal("test JSON does not parse");
    std::string error;
    const auto rules = AccessRules::fromJson(document, &error);
    if (!rules) qFatal("rules refused: %s", error.c_str());
    return *rules;
}

QString refusal(std::string_view json)
{
    graphql::JsonValue document;
    if (!graphql::JsonValue::fromJson(json, &document)) qFatal("test JSON does not parse");
    std::string error;
    return AccessRules::fromJson(document, &error) ? QString() : QString::fromStdString(error);
}

} // namespace

class TestAccessRules : public QObject
{
    Q_OBJECT

private slots:
    void patterns()
    {
        QVERIFY(groupMatchesPattern("MyModelCreated", "MyModelCreated"));
        QVERIFY(!groupMatchesPattern("MyModelCreated", "MyModelCreatedX"));
        QVERIFY(groupMatchesPattern("MyModelUpdated.*", "MyModelUpdated.3"));
        QVERIFY(groupMatchesPattern("MyModelUpdated.*", "MyModelUpdated."));
        QVERIFY(!groupMatchesPattern("MyModelUpdated.*", "MyModelUpdated"));
        QVERIFY(groupMatchesPattern("*", ""));
        QVERIFY(groupMatchesPattern("*.1", "MyModelDeleted.1"));
        QVERIFY(!groupMatchesPattern("*.1", "MyModelDeleted.12"));
        QVERIFY(groupMatchesPattern("a*b*c", "aXbYbZc"));
        QVERIFY(!groupMatchesPattern("a*b*c", "aXbYbZ"));
        // Backtracking stays cheap on a hostile pattern.
        QVERIFY(!groupMatchesPattern(std::string(50, '*') + "b", std::string(99, 'a')));
    }

    void w17_usersMayJoinTheirGroups()
    {
        const AccessRules rules = parse(
            R"({"tokens": {"bob-token": {"user": "bob", "groups": ["MyModelCreated", "MyModelUpdated.*"]},
                           "admin-token": {"user": "admin"}, "eve-token": {"user": "eve", "groups": []}}})");
        QCOMPARE(rules.tokens.at("bob-token").name, std::string("bob"));
        QVERIFY(rules.mayJoin(std::string("bob-token"), "MyModelUpdated.7"));
        QVERIFY(!rules.mayJoin(std::string("bob-token"), "MyModelDeleted.7"));
        QVERIFY(rules.mayJoin(std::string("admin-token"), "anything"));
        QVERIFY(!rules.mayJoin(std::string("eve-token"), "custom_event"));
    }

    void w17_anonymousJoinsAnythingUnlessAuthIsRequired()
    {
        AccessRules rules = parse(R"({"tokens": {"t": {"user": "u", "groups": ["a"]}}})");
        QVERIFY(rules.mayJoin(std::nullopt, "b"));
        QVERIFY(rules.mayJoin(std::string("unknown"), "b")); // W30: an unknown token is anonymous
        rules.requireAuth = true;
        QVERIFY(!rules.mayJoin(std::nullopt, "b"));
        QVERIFY(!rules.mayJoin(std::string("unknown"), "a"));
        QVERIFY(rules.mayJoin(std::string("t"), "a"));
    }

    void w30_policyKnowsOnlyItsTokens()
    {
        const AccessRules rules = parse(R"({"tokens": {"bob": {"user": "bob", "groups": ["a"]}}})");
        const AccessPolicy policy = rules.policy();
        QVERIFY(policy.knowsToken("bob"));
        QVERIFY(!policy.knowsToken("alice"));
        QVERIFY(policy.mayJoin(std::nullopt, "b"));
        QVERIFY(!policy.mayJoin(std::string("bob"), "b"));
    }

    void refusalsNameTheKey()
    {
        QCOMPARE(refusal("[]"), QStringLiteral("the rules must be a JSON object"));
        QCOMPARE(refusal(R"({"tokns": {}})"),
                 QStringLiteral(R"(unknown key "tokns" (expected "tokens"))"));
        QCOMPARE(refusal(R"({"tokens": ["a"]})"),
                 QStringLiteral(
                     R"("tokens" must be an object of token: {"user": ..., "groups": [...]})"));
        QCOMPARE(refusal(R"({"tokens": {"bob": true}})"),
                 QStringLiteral(R"(token "bob" must map to {"user": ..., "groups": [...]})"));
        QCOMPARE(refusal(R"({"tokens": {"bob": {"groups": ["a"]}}})"),
                 QStringLiteral(R"(token "bob": "user" is missing)"));
        QCOMPARE(refusal(R"({"tokens": {"bob": {"user": 3}}})"),
                 QStringLiteral(R"(token "bob": "user" must be a non-empty string)"));
        QCOMPARE(refusal(R"({"tokens": {"bob": {"user": "b", "groups": "a"}}})"),
                 QStringLiteral(R"(token "bob": "groups" must be a list of group patterns)"));
        QCOMPARE(
            refusal(R"({"tokens": {"bob": {"user": "b", "group": ["a"]}}})"),
            QStringLiteral(R"(token "bob": unknown key "group" (expected "user" and "groups"))"));
        QCOMPARE(refusal(R"({"tokens": {"": {"user": "b"}}})"),
                 QStringLiteral("a token must not be empty"));
    }
};

QTEST_GUILESS_MAIN(TestAccessRules)
#include "tst_access_rules.moc"
