// Coercion of the request's `variables` (W12) with graphql-core's messages: Python repr of the
// offending value, paths into lists and input objects, defaults.
#include "graphql/request.h"
#include "support/test_schemas.h"

#include <QTest>

using namespace subscope;
using namespace subscope::graphql;

namespace {

CheckedRequest check(const char *document, const char *variables)
{
    JsonValue values;
    if (!JsonValue::fromJson(variables, &values)) qFatal("bad variables JSON: %s", variables);
    return checkRequest(test::testSchema(), document, values, std::nullopt);
}

QString errors(const char *document, const char *variables)
{
    QStringList out;
    for (const GraphQLError &e : check(document, variables).errors) {
        QString text = e.messageText();
        for (const SourceLocation &l : e.locations)
            text += QStringLiteral("@%1:%2").arg(l.line).arg(l.column);
        out << text;
    }
    return out.join(QStringLiteral(" | "));
}

QString coerced(const char *document, const char *variables)
{
    const CheckedRequest r = check(document, variables);
    if (!r.ok()) return QStringLiteral("error: ") + r.errors.front().messageText();
    return QString::fromStdString(r.variables.toJson());
}

} // namespace

class TestValues : public QObject
{
    Q_OBJECT

private slots:
    void coercesEveryScalar()
    {
        QCOMPARE(
            coerced(
                "query ($s: String, $i: Int, $f: Float, $b: Boolean, $id: ID, $m: Mood, $d: Date) "
                "{ echo(s: $s, i: $i, f: $f, b: $b, id: $id, mood: $m, date: $d) }",
                R"({"s": "x", "i": 5.0, "f": 2, "b": false, "id": 7, "m": "SAD", "d": {"any": "json"}})"),
            QStringLiteral(
                R"({"s":"x","i":5,"f":2.0,"b":false,"id":"7","m":"SAD","d":{"any":"json"}})"));
    }

    // Integers past int64_t (from JSON, or msgpack through Redis) are exact, as in Python.
    void integersPastInt64()
    {
        QCOMPARE(coerced("query ($id: ID, $f: Float) { echo(id: $id, f: $f) }",
                         R"({"id": 18446744073709551615, "f": 18446744073709551615})"),
                 QStringLiteral(R"({"id":"18446744073709551615","f":1.8446744073709552e+19})"));
    }

    void defaultsAndAbsentValues()
    {
        QCOMPARE(coerced("query ($i: Int = 3, $s: String) { echo(i: $i, s: $s) }", "{}"),
                 QStringLiteral(R"({"i":3})"));
        QCOMPARE(
            coerced("query ($f: PersonFilter) { people(filter: $f) { id } }",
                    R"({"f": {"range": {"to": 9}}})"),
            QStringLiteral(R"({"f":{"mood":"HAPPY","range":{"from":0,"to":9},"tags":["a"]}})"));
        QCOMPARE(coerced("query ($l: [Int]) { echo(list: $l) }", R"({"l": 4})"),
                 QStringLiteral(R"({"l":[4]})"));
        QCOMPARE(coerced("query ($i: Int) { echo(i: $i) }", "null"), QStringLiteral("{}"));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QByteArray>("variables");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not provided")
            << QByteArray("query ($id: ID!) { person(id: $id) { id } }") << QByteArray("{}")
            << QStringLiteral("Variable '$id' of required type 'ID!' was not provided.@1:8");
        QTest::newRow("null for non-null")
            << QByteArray("query ($id: ID!) { person(id: $id) { id } }")
            << QByteArray(R"({"id": null})")
            << QStringLiteral("Variable '$id' of non-null type 'ID!' must not be null.@1:8");
        QTest::newRow("python repr of bool")
            << QByteArray("query ($i: Int) { echo(i: $i) }") << QByteArray(R"({"i": true})")
            << QStringLiteral("Variable '$i' got invalid value True; Int cannot represent "
                              "non-integer value: True@1:8");
        QTest::newRow("python repr of str")
            << QByteArray("query ($i: Int) { echo(i: $i) }") << QByteArray(R"({"i": "it's"})")
            << QStringLiteral("Variable '$i' got invalid value \"it's\"; Int cannot represent "
                              "non-integer value: \"it's\"@1:8");
        QTest::newRow("float out of range")
            << QByteArray("query ($i: Int) { echo(i: $i) }") << QByteArray(R"({"i": 3e9})")
            << QStringLiteral("Variable '$i' got invalid value 3000000000.0; Int cannot represent "
                              "non 32-bit signed integer value: 3000000000.0@1:8");
        QTest::newRow("integer past int64")
            << QByteArray("query ($i: Int) { echo(i: $i) }")
            << QByteArray(R"({"i": 18446744073709551615})")
            << QStringLiteral("Variable '$i' got invalid value 18446744073709551615; Int cannot "
                              "represent non 32-bit signed integer value: "
                              "18446744073709551615@1:8");
        QTest::newRow("path into a list")
            << QByteArray("query ($n: [[Int!]!]) { echo(nested: $n) }")
            << QByteArray(R"({"n": [[1], [2, null]]})")
            << QStringLiteral("Variable '$n' got invalid value None at 'n[1][1]'; Expected "
                              "non-nullable type 'Int!' not to be None.@1:8");
        QTest::newRow("not a mapping")
            << QByteArray("query ($f: PersonFilter) { people(filter: $f) { id } }")
            << QByteArray(R"({"f": [1]})")
            << QStringLiteral("Variable '$f' got invalid value [1]; Expected type 'PersonFilter' "
                              "to be a mapping.@1:8");
        QTest::newRow("missing and unknown fields")
            << QByteArray("query ($f: PersonFilter) { people(filter: $f) { id } }")
            << QByteArray(R"({"f": {"range": {}, "nam": 1}})")
            << QStringLiteral(
                   "Variable '$f' got invalid value {} at 'f.range'; Field 'to' of required type "
                   "'Int!' was not provided.@1:8 | "
                   "Variable '$f' got invalid value {'range': {}, 'nam': 1}; Field 'nam' is not "
                   "defined by type 'PersonFilter'. Did you mean 'name'?@1:8");
        QTest::newRow("enum")
            << QByteArray("query ($m: Mood) { echo(mood: $m) }") << QByteArray(R"({"m": "HAPY"})")
            << QStringLiteral("Variable '$m' got invalid value 'HAPY'; Value 'HAPY' does not exist "
                              "in 'Mood' enum. Did you mean the enum value 'HAPPY'?@1:8");
        QTest::newRow("enum, not a string")
            << QByteArray("query ($m: Mood) { echo(mood: $m) }") << QByteArray(R"({"m": 1})")
            << QStringLiteral("Variable '$m' got invalid value 1; Enum 'Mood' cannot represent "
                              "non-string value: 1.@1:8");
        QTest::newRow("ID")
            << QByteArray("query ($id: ID) { echo(id: $id) }") << QByteArray(R"({"id": 1.5})")
            << QStringLiteral(
                   "Variable '$id' got invalid value 1.5; ID cannot represent value: 1.5@1:8");
        QTest::newRow("operation is chosen before variables")
            << QByteArray("query A($i: Int!) { echo(i: $i) } query B { version }")
            << QByteArray("{}")
            << QStringLiteral("Must provide operation name if query contains multiple operations.");
    }

    void errors()
    {
        QFETCH(QByteArray, document);
        QFETCH(QByteArray, variables);
        QFETCH(QString, expected);
        QCOMPARE(::errors(document.constData(), variables.constData()), expected);
    }

    void operationSelection()
    {
        JsonValue none = JsonValue::object();
        const Schema &schema = test::testSchema();
        QCOMPARE(checkRequest(schema, "query A { version }", none, std::string("B"))
                     .errors.front()
                     .message,
                 std::string("Unknown operation named 'B'."));
        QVERIFY(checkRequest(schema, "query A { version } query B { now }", none, std::string("B"))
                    .ok());
        QCOMPARE(checkRequest(schema, "fragment F on Query { version }", none, std::nullopt)
                     .errors.front()
                     .message,
                 std::string("Fragment 'F' is never used."));
    }

    void tooManyVariableErrors()
    {
        QByteArray document = "query (";
        QByteArray variables = "{";
        for (int i = 0; i < 60; ++i) {
            document += "$v" + QByteArray::number(i) + ": Int ";
            variables += (i ? "," : "") + QByteArray("\"v") + QByteArray::number(i) + "\": \"x\"";
        }
        document += ") { ";
        for (int i = 0; i < 60; ++i)
            document += "e" + QByteArray::number(i) + ": echo(i: $v" + QByteArray::number(i) + ") ";
        document += "}";
        variables += "}";
        const CheckedRequest r = check(document.constData(), variables.constData());
        QCOMPARE(r.errors.size(), size_t(51));
        QCOMPARE(
            r.errors.back().message,
            std::string(
                "Too many errors processing variables, error limit reached. Execution aborted."));
    }
};

QTEST_GUILESS_MAIN(TestValues)
#include "tst_values.moc"
