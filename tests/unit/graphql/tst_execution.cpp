// Executing query operations: introspection of any shape (W11 beyond: query operations are
// answered), fixture values for other fields, null propagation and error order.
#include "graphql/execution.h"
#include "support/test_schemas.h"

#include <QTest>

using namespace subscope;
using namespace subscope::graphql;

namespace {

QString run(const Schema &schema, const char *query, const Fixtures &fixtures = {},
            const char *variables = "{}")
{
    JsonValue values;
    JsonValue::fromJson(variables, &values);
    const CheckedRequest request = checkRequest(schema, query, values, std::nullopt);
    return QString::fromStdString(execute(schema, request, fixtures).toJson().toJson());
}

JsonValue json(const char *text)
{
    JsonValue v;
    if (!JsonValue::fromJson(text, &v)) qFatal("bad JSON: %s", text);
    return v;
}

} // namespace

class TestExecution : public QObject
{
    Q_OBJECT

private slots:
    void typename_()
    {
        QCOMPARE(run(test::testSchema(), "{ __typename t: __typename }"),
                 QString::fromUtf8(R"({"data":{"__typename":"Query","t":"Query"}})"));
    }

    void typeIntrospection()
    {
        QCOMPARE(
            run(test::testSchema(),
                R"({ __type(name: "Mood") { kind name enumValues { name } all: enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } } })"),
            QString::fromUtf8(
                R"({"data":{"__type":{"kind":"ENUM","name":"Mood","enumValues":[{"name":"HAPPY"},{"name":"SAD"}],)"
                R"("all":[{"name":"HAPPY","isDeprecated":false,"deprecationReason":null},{"name":"SAD","isDeprecated":false,"deprecationReason":null},)"
                R"({"name":"GRUMPY","isDeprecated":true,"deprecationReason":"No longer supported"}]}}})"));
        QCOMPARE(run(test::testSchema(), R"({ __type(name: "Nope") { name } })"),
                 QString::fromUtf8(R"({"data":{"__type":null}})"));
        QCOMPARE(
            run(test::testSchema(),
                R"({ __type(name: "Person") { fields { name type { kind ofType { kind ofType { kind name } } } } } })")
                .contains(QStringLiteral(
                    R"({"name":"friends","type":{"kind":"NON_NULL","ofType":{"kind":"LIST","ofType":{"kind":"NON_NULL","name":null}}}})")),
            true);
        QVERIFY(!run(test::testSchema(), R"({ __type(name: "Person") { fields { name } } })")
                     .contains(QStringLiteral("\"age\"")));
    }

    void defaultValuesAndInputFields()
    {
        QCOMPARE(
            run(test::testSchema(),
                R"({ __type(name: "PersonFilter") { inputFields { name defaultValue } } })"),
            QString::fromUtf8(
                R"({"data":{"__type":{"inputFields":[{"name":"name","defaultValue":null},{"name":"mood","defaultValue":"HAPPY"},)"
                "{\"name\":\"range\",\"defaultValue\":null},{\"name\":\"tags\",\"defaultValue\":\"["
                "\\\"a\\\"]\"}]}}}"));
    }

    void schemaRoots()
    {
        QCOMPARE(
            run(test::testSchema(), "{ __schema { queryType { name } mutationType { name } "
                                    "subscriptionType { name } } }"),
            QString::fromUtf8(
                R"({"data":{"__schema":{"queryType":{"name":"Query"},"mutationType":{"name":"Mutation"},"subscriptionType":{"name":"Subscription"}}}})"));
        QCOMPARE(run(test::demoSchema(), "{ __schema { mutationType { name } } }"),
                 QString::fromUtf8(R"({"data":{"__schema":{"mutationType":null}}})"));
    }

    void fieldsWithoutFixturesAreNull()
    {
        QCOMPARE(run(test::demoSchema(), "{ base getMyModel { id } }"),
                 QString::fromUtf8(R"({"data":{"base":null,"getMyModel":null}})"));
    }

    void fixtures()
    {
        Fixtures fixtures{
            {"Query.getMyModel",
             json(
                 R"([{"id": 1, "name": "a", "age": 3, "extra": true}, {"id": "2", "name": null, "age": 4}])")},
            {"Query.base", json(R"("hello")")}};
        QCOMPARE(
            run(test::demoSchema(), "{ base getMyModel { id n: name age __typename } }", fixtures),
            QString::fromUtf8(
                R"({"data":{"base":"hello","getMyModel":[{"id":"1","n":"a","age":3,"__typename":"MyModelType"},)"
                R"({"id":"2","n":null,"age":4,"__typename":"MyModelType"}]}})"));
    }

    void nullInNonNullPropagatesAndErrorsAreSorted()
    {
        // people is [Person!]!: a null id nulls the person, the list, and so the whole data.
        Fixtures fixtures{{"Query.people", json(R"([{"id": 1, "name": 5}, {"name": "x"}])")},
                          {"Query.person", json(R"({"friends": [{"id": 2}, {"name": "no id"}]})")},
                          {"Query.version", json("null")}};
        QCOMPARE(
            run(test::testSchema(), "{ people { name id } }", fixtures),
            QString::fromUtf8(
                R"({"data":null,"errors":[{"message":"Cannot return null for non-nullable field Person.id.","locations":[{"line":1,"column":17}],"path":["people",1,"id"]}]})"));
        // person is nullable: the null stops there; errors come sorted by location.
        QCOMPARE(
            run(test::testSchema(), "{ person(id: 1) { friends { id } id } }", fixtures),
            QString::fromUtf8(
                R"({"data":{"person":null},"errors":[{"message":"Cannot return null for non-nullable field Person.id.","locations":[{"line":1,"column":29}],"path":["person","friends",1,"id"]}]})"));
        QCOMPARE(
            run(test::testSchema(), "{ version }", fixtures),
            QString::fromUtf8(
                R"({"data":null,"errors":[{"message":"Cannot return null for non-nullable field Query.version.","locations":[{"line":1,"column":3}],"path":["version"]}]})"));
    }

    void leafSerialization()
    {
        Fixtures fixtures{
            {"Query.echo", json("[1]")},
            {"Query.now", json(R"({"a": 1})")},
            {"Query.person", json(R"({"id": 1, "mood": "ANGRY", "birthYear": 1.5})")}};
        QCOMPARE(
            run(test::testSchema(), "{ echo now person(id: 1) { mood birthYear } }", fixtures),
            QString::fromUtf8(
                R"({"data":{"echo":null,"now":{"a":1},"person":{"mood":null,"birthYear":null}},"errors":[)"
                R"({"message":"String cannot represent value: [1]","locations":[{"line":1,"column":3}],"path":["echo"]},)"
                R"({"message":"Enum 'Mood' cannot represent value: 'ANGRY'","locations":[{"line":1,"column":28}],"path":["person","mood"]},)"
                R"({"message":"Int cannot represent non-integer value: 1.5","locations":[{"line":1,"column":33}],"path":["person","birthYear"]}]})"));
    }

    void abstractTypesNeedTypename()
    {
        Fixtures fixtures{
            {"Query.pets",
             json(R"([{"__typename": "Dog", "id": 1, "barkVolume": 9}, {"id": 2}])")}};
        QCOMPARE(
            run(test::testSchema(), "{ pets { __typename ... on Dog { barkVolume } } }", fixtures),
            QString::fromUtf8(
                R"({"data":null,"errors":[{"message":"Abstract type 'Pet' must resolve to an Object type at runtime for field 'Query.pets'. )"
                R"(Either the 'Pet' type should provide a 'resolve_type' function or each possible type should provide an 'is_type_of' function.",)"
                R"("locations":[{"line":1,"column":3}],"path":["pets",1]}]})"));
    }

    void skipAndIncludeWithVariables()
    {
        QCOMPARE(run(test::testSchema(),
                     "query ($no: Boolean!) { a: __typename @skip(if: $no) b: __typename "
                     "@include(if: $no) }",
                     {}, R"({"no": true})"),
                 QString::fromUtf8(R"({"data":{"b":"Query"}})"));
    }

    void requestErrorsHaveNoData()
    {
        QCOMPARE(
            run(test::testSchema(), "{ nope }"),
            QString::fromUtf8(
                R"({"data":null,"errors":[{"message":"Cannot query field 'nope' on type 'Query'. Did you mean 'node' or 'now'?","locations":[{"line":1,"column":3}]}]})"));
    }
};

QTEST_GUILESS_MAIN(TestExecution)
#include "tst_execution.moc"
