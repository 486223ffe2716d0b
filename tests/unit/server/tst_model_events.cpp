// Model events (W22, W24) from a request, and the typed text of the explorer's model form and of
// `subscope trigger --pk` turned into that request's values.
#include "server/model_events.h"
#include "support/test_schemas.h"

#include <QTest>

using namespace subscope;
using graphql::JsonValue;

namespace {

JsonValue json(const char *text)
{
    JsonValue value;
    if (!JsonValue::fromJson(text, &value)) qFatal("bad test JSON: %s", text);
    return value;
}

const graphql::NamedType &myModel()
{
    return *server::findModelType(test::demoSchema(), "MyModel");
}

graphql::TypeRef fieldType(const char *name)
{
    return myModel().field(name)->type;
}

} // namespace

class TestModelEvents : public QObject
{
    Q_OBJECT
private slots:
    // W22, W24: the shape and the conventional group of each action.
    void w22_w24_shapeAndGroups()
    {
        server::ModelEvent created = server::buildModelEvent(
            myModel(), json(R"({"action":"create","pk":3,"fields":{"name":"x","age":4}})"));
        QVERIFY2(created.error.empty(), created.error.c_str());
        QCOMPARE(created.group, "MyModelCreated");
        QCOMPARE(created.value.toJson(),
                 R"({"pk":3,"fields":{"name":"x","age":4,"id":3},"group":"MyModelCreated"})");
        QCOMPARE(server::buildModelEvent(myModel(), json(R"({"action":"update","pk":"a"})")).group,
                 "MyModelUpdated.a");
        QCOMPARE(server::buildModelEvent(myModel(), json(R"({"action":"delete","pk":7})")).group,
                 "MyModelDeleted.7");
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("request");
        QTest::addColumn<QString>("error");
        QTest::newRow("not an object") << "[]"
                                       << "The body must be a JSON object";
        QTest::newRow("action") << R"({"action":"upsert","pk":1})"
                                << "not 'upsert'";
        QTest::newRow("pk") << R"({"action":"create","pk":1.5})"
                            << "\"pk\" must be";
        QTest::newRow("unknown field") << R"({"action":"create","pk":1,"fields":{"nme":"x"}})"
                                       << "Field 'nme' is not a field of MyModelType. Did you "
                                          "mean 'name' or 'age'?";
        QTest::newRow("wrong type") << R"({"action":"create","pk":1,"fields":{"age":"x"}})"
                                    << "Field 'age' of MyModelType: Int cannot represent";
        QTest::newRow("null for non-null") << R"({"action":"create","pk":1,"fields":{"age":null}})"
                                           << "null is not allowed for 'Int!'";
    }
    void refusals()
    {
        QFETCH(QString, request);
        QFETCH(QString, error);
        const server::ModelEvent event =
            server::buildModelEvent(myModel(), json(request.toUtf8().constData()));
        QVERIFY2(QString::fromStdString(event.error).contains(error), event.error.c_str());
        QVERIFY(event.group.empty());
    }

    // The same rule for the command line's --pk and the form's pk: an integer or a string.
    void pkFromText()
    {
        QCOMPARE(server::pkFromText("42").toJson(), "42");
        QCOMPARE(server::pkFromText("\"42\"").toJson(), "\"42\"");
        QCOMPARE(server::pkFromText("abc").toJson(), "\"abc\"");
        QCOMPARE(server::pkFromText("1.5").toJson(), "\"1.5\"");
        QCOMPARE(server::pkFromText("{\"a\":1}").toJson(), "\"{\\\"a\\\":1}\"");
        QCOMPARE(server::pkFromText("").toJson(), "\"\"");
    }

    // Typing follows the field's schema type, not the text's look.
    void fieldValueFromText()
    {
        QCOMPARE(server::fieldValueFromText(fieldType("name"), "42").toJson(), "\"42\"");
        QCOMPARE(server::fieldValueFromText(fieldType("name"), "true").toJson(), "\"true\"");
        QCOMPARE(server::fieldValueFromText(fieldType("id"), "7").toJson(), "\"7\"");
        QCOMPARE(server::fieldValueFromText(fieldType("age"), "42").toJson(), "42");
        QCOMPARE(server::fieldValueFromText(fieldType("age"), "null").toJson(), "null");
        // Not JSON: the text, which the type then refuses with its own message.
        QCOMPARE(server::fieldValueFromText(fieldType("age"), "forty").toJson(), "\"forty\"");
        const auto schema = test::schemaFrom(R"(
            directive @model(name: String) on OBJECT
            enum Colour { RED GREEN }
            type Thing @model { id: ID! tags: [String] colour: Colour! when: DateTime }
            scalar DateTime
            type Query { a: Int })");
        const graphql::NamedType *thing = server::findModelType(*schema, "Thing");
        QVERIFY(thing);
        QCOMPARE(server::fieldValueFromText(thing->field("colour")->type, "RED").toJson(),
                 "\"RED\"");
        QCOMPARE(server::fieldValueFromText(thing->field("tags")->type, "[\"a\",\"b\"]").toJson(),
                 "[\"a\",\"b\"]");
        QCOMPARE(server::fieldValueFromText(thing->field("when")->type, "2026-11-24").toJson(),
                 "\"2026-11-24\"");
        const server::ModelEvent event = server::buildModelEvent(
            *thing, json(R"({"action":"create","pk":1,"fields":{"colour":"BLUE"}})"));
        QVERIFY2(!event.error.empty(), "an unknown enum value is refused");
    }
};

QTEST_APPLESS_MAIN(TestModelEvents)
#include "tst_model_events.moc"
