// The ordered JSON value and Python's repr, which graphql-core's messages use for values.
#include "graphql/json_value.h"
#include "graphql/python_repr.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace subscope::graphql;

namespace {
JsonValue json(const char *text)
{
    JsonValue v;
    if (!JsonValue::fromJson(text, &v)) qFatal("bad JSON in test: %s", text);
    return v;
}
} // namespace

class TestJsonValue : public QObject
{
    Q_OBJECT

private slots:
    void keepsOrderAndIntegerness()
    {
        const JsonValue v = json(R"({"b": 1, "a": 1.0, "c": [true, null, "x"]})");
        QCOMPARE(v.toJson(), std::string(R"({"b":1,"a":1.0,"c":[true,null,"x"]})"));
        QVERIFY(v.find("b")->isInt());
        QVERIFY(v.find("a")->isDouble());
        QVERIFY(*v.find("b") == *v.find("a")); // equal as numbers
    }

    // msgpack's integers reach 2^64 - 1; past int64_t they are kept exact, as Python does.
    void integersPastInt64()
    {
        const JsonValue v = json("[18446744073709551615, 9223372036854775808, "
                                 "-9223372036854775808, 18446744073709551616]");
        QCOMPARE(v.toJson(), std::string("[18446744073709551615,9223372036854775808,"
                                         "-9223372036854775808,1.8446744073709552e+19]"));
        QVERIFY(v.items()[0].isUInt());
        QVERIFY(!v.items()[0].isInt());
        QVERIFY(v.items()[0].isNumber());
        QCOMPARE(v.items()[0].toUInt(), std::numeric_limits<uint64_t>::max());
        QVERIFY(v.items()[2].isInt());
        QVERIFY(v.items()[3].isDouble()); // beyond every integer form: a float, as before
        QVERIFY(JsonValue(uint64_t(5)).isInt());
        QVERIFY(!(v.items()[0] == JsonValue(int64_t(-1)))); // the same bits, not the same number
        QVERIFY(v.items()[0] == JsonValue(std::numeric_limits<uint64_t>::max()));
        QVERIFY(v.items()[1] == JsonValue(9223372036854775808.0));
    }

    // Strings are read and quoted in runs between escapes: escapes at the ends, side by side and
    // between runs survive the round trip.
    void stringsRoundTripWithEscapesAnywhere()
    {
        // Plain strings, not raw ones: moc of Qt 6.4 misreads raw strings with quotes.
        const char *texts[] = {"\"plain\"",
                               "\"\\\"quoted\\\" and \\\\ back\\\\\"",
                               "\"\\n\\t\\r\\b\\f\\u0001\\u001f\"",
                               "\"a\\nb\\\"c\\\\d\"",
                               "\"caf\\u00e9 caf\xc3\xa9\"",
                               "\"\""};
        for (const char *text : texts) {
            const JsonValue v = json(text);
            QVERIFY(v.isString());
            const std::string quoted = jsonQuote(v.toString());
            QCOMPARE(json(quoted.c_str()).toString(), v.toString());
        }
        QCOMPARE(jsonQuote("a\"b\\c\nd\x01\xc3\xa9"),
                 std::string("\"a\\\"b\\\\c\\nd\\u0001\xc3\xa9\""));
        QCOMPARE(json("\"x\\u0041y\"").toString(), std::string("xAy"));
    }

    void qtJsonKeepsIntegers()
    {
        const QJsonDocument doc =
            QJsonDocument::fromJson(R"({"i": 5, "f": 5.5, "big": 3000000000})");
        const JsonValue v = JsonValue::fromQJsonValue(doc.object());
        QVERIFY(v.find("i")->isInt());
        QVERIFY(v.find("f")->isDouble());
        QCOMPARE(v.find("big")->toInt(), int64_t(3000000000));
    }

    void invalidJson()
    {
        JsonValue v;
        std::string error;
        QVERIFY(!JsonValue::fromJson("{\"a\": }", &v, &error));
        QVERIFY(!error.empty());
        QVERIFY(!JsonValue::fromJson(std::string(1000, '['), &v, &error)); // too deep, not a crash
    }

    void pythonFloats()
    {
        QCOMPARE(pythonFloatRepr(5.0), std::string("5.0"));
        QCOMPARE(pythonFloatRepr(1.5), std::string("1.5"));
        QCOMPARE(pythonFloatRepr(1e16), std::string("1e+16"));
        QCOMPARE(pythonFloatRepr(1e15), std::string("1000000000000000.0"));
        QCOMPARE(pythonFloatRepr(0.0001), std::string("0.0001"));
        QCOMPARE(pythonFloatRepr(0.00001), std::string("1e-05"));
        QCOMPARE(pythonFloatRepr(-0.0), std::string("-0.0"));
        QCOMPARE(pythonFloatRepr(0.1 + 0.2), std::string("0.30000000000000004"));
        QCOMPARE(pythonFloatRepr(3e9), std::string("3000000000.0"));
    }

    void pythonInspect()
    {
        QCOMPARE(subscope::graphql::pythonInspect(json("null")), std::string("None"));
        QCOMPARE(subscope::graphql::pythonInspect(json("true")), std::string("True"));
        QCOMPARE(subscope::graphql::pythonInspect(json("\"it's\"")), std::string("\"it's\""));
        QCOMPARE(subscope::graphql::pythonInspect(json("\"a\\\"b\"")), std::string("'a\"b'"));
        QCOMPARE(subscope::graphql::pythonInspect(json("\"tab\\tnl\\nbell\\u0007\"")),
                 std::string("'tab\\tnl\\nbell\\x07'"));
        QCOMPARE(subscope::graphql::pythonInspect(json("\"caf\\u00e9 \\u200b\"")),
                 std::string("'caf\xC3\xA9 \\u200b'"));
        QCOMPARE(subscope::graphql::pythonInspect(json(R"({"x": 1, "y": [1, 2.0]})")),
                 std::string("{'x': 1, 'y': [1, 2.0]}"));
        QCOMPARE(subscope::graphql::pythonInspect(json("[[[1]]]")), std::string("[[[...]]]"));
        QCOMPARE(subscope::graphql::pythonInspect(json(R"({"a": {"b": {"c": 1}}})")),
                 std::string("{'a': {'b': {...}}}"));
        QCOMPARE(subscope::graphql::pythonInspect(json("[1,2,3,4,5,6,7,8,9,10,11,12]")),
                 std::string("[1, 2, 3, 4, 5, ..., 9, 10, 11, 12]"));
        QCOMPARE(subscope::graphql::pythonInspect(json("[]")), std::string("[]"));
        const std::string longText =
            subscope::graphql::pythonInspect(JsonValue(std::string(300, 'x')));
        QCOMPARE(longText.size(), size_t(240));
        QCOMPARE(longText.substr(0, 4), std::string("'xxx"));
        QCOMPARE(longText.substr(118, 3), std::string("..."));
    }
};

QTEST_GUILESS_MAIN(TestJsonValue)
#include "tst_json_value.moc"
