// The wire format of channels_redis's RedisPubSubChannelLayer (../shared/spec/
// channels-redis-wire.txt): group channels, trigger_subscription's message as msgpack.packb()
// writes it (the expected bytes are Python msgpack 1.0's), and what a received message may hold.
// Also the --channel-layer URL.
#include "server/redis/pubsub_message.h"
#include "server/redis/redis_address.h"

#include <QTest>

#include <cstdint>
#include <limits>

using namespace subscope;
using graphql::JsonValue;
using server::decodeTriggerMessage;
using server::encodeTriggerMessage;

namespace {

JsonValue json(std::string_view text)
{
    JsonValue value;
    if (!JsonValue::fromJson(text, &value)) qFatal("bad JSON in the test");
    return value;
}

QByteArray hex(const std::string &bytes)
{
    return QByteArray::fromStdString(bytes).toHex();
}

// The message around a value, as msgpack: {"type": ..., "value": <valueHex>, "group": "g"}.
std::string message(const QByteArray &valueHex, const QByteArray &groupHex = "a167")
{
    return QByteArray::fromHex(
               "83a474797065b6737562736372697074696f6e2e747269676765726564a576616c7565" + valueHex +
               "a567726f7570" + groupHex)
        .toStdString();
}

} // namespace

class TestPubsubMessage : public QObject
{
    Q_OBJECT

private slots:
    void groupChannels()
    {
        QCOMPARE(server::groupChannel("asgi", "custom_event"), "asgi__group__custom_event");
        QCOMPARE(server::channelGroup("asgi", "asgi__group__MyModelUpdated.5"),
                 std::optional<std::string>("MyModelUpdated.5"));
        QCOMPARE(server::channelGroup("asgi", "other__group__x"), std::nullopt);
        QCOMPARE(server::channelGroup("asgi", "asgi__group__"), std::nullopt);
        QCOMPARE(server::channelGroup("asgi", "asgispecific.abc"), std::nullopt);
    }

    // The example of channels-redis-wire.txt, byte for byte.
    void triggerSubscriptionMessage()
    {
        QCOMPARE(
            hex(encodeTriggerMessage("custom_event", json(R"({"seq":1,"ts":12.5,"field1":"e1"})"))),
            QByteArray("83a474797065b6737562736372697074696f6e2e747269676765726564a576616c"
                       "756583a373657101a27473cb4029000000000000a66669656c6431a26531a56772"
                       "6f7570ac637573746f6d5f6576656e74"));
    }

    // Each value in the form msgpack.packb() picks, and back to the same JSON.
    void valuesBothWays_data()
    {
        QTest::addColumn<QByteArray>("jsonText");
        QTest::addColumn<QByteArray>("packed");
        const std::pair<const char *, QByteArray> rows[] = {
            {"0", "00"},
            {"127", "7f"},
            {"128", "cc80"},
            {"256", "cd0100"},
            {"65536", "ce00010000"},
            {"4294967296", "cf0000000100000000"},
            {"9223372036854775807", "cf7fffffffffffffff"},
            {"18446744073709551615", "cfffffffffffffffff"},
            {"-1", "ff"},
            {"-32", "e0"},
            {"-33", "d0df"},
            {"-129", "d1ff7f"},
            {"-32769", "d2ffff7fff"},
            {"-2147483649", "d3ffffffff7fffffff"},
            {"-9223372036854775808", "d38000000000000000"},
            {"1.5", "cb3ff8000000000000"},
            {"null", "c0"},
            {"true", "c3"},
            {"false", "c2"},
            {R"("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")", "bf" + QByteArray("61").repeated(31)},
            {R"("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")", "d920" + QByteArray("61").repeated(32)},
            {R"("é")", "a2c3a9"},
            {R"([1,[],{}])", "930190"
                             "80"},
            {R"({"b":1,"a":2})", "82a16201a16102"},
        };
        for (const auto &[text, packed] : rows)
            QTest::newRow(text) << QByteArray(text) << packed;
    }
    void valuesBothWays()
    {
        QFETCH(QByteArray, jsonText);
        QFETCH(QByteArray, packed);
        const JsonValue value = json(jsonText.toStdString());
        const std::string bytes = encodeTriggerMessage("g", value);
        QCOMPARE(hex(bytes), hex(message(packed)));
        std::string problem;
        const auto decoded = decodeTriggerMessage(bytes, "g", &problem);
        QVERIFY2(decoded, problem.c_str());
        QCOMPARE(decoded->group, "g");
        QCOMPARE(QByteArray::fromStdString(decoded->value.toJson()), jsonText);
    }

    // What Python sends that JSON has no form for, or writes otherwise.
    void pythonOnlyValues_data()
    {
        QTest::addColumn<QByteArray>("packed");
        QTest::addColumn<QByteArray>("jsonText");
        QTest::newRow("bytes: base64") << QByteArray("c40400ff6869") << QByteArray(R"("AP9oaQ==")");
        QTest::newRow("empty bytes") << QByteArray("c400") << QByteArray(R"("")");
        QTest::newRow("float32") << QByteArray("ca3fc00000") << QByteArray("1.5");
        QTest::newRow("repeated key: the last")
            << QByteArray("82a16101a16102") << QByteArray(R"({"a":2})");
        QTest::newRow("uint8 form of a small int") << QByteArray("cc05") << QByteArray("5");
    }
    void pythonOnlyValues()
    {
        QFETCH(QByteArray, packed);
        QFETCH(QByteArray, jsonText);
        std::string problem;
        const auto decoded = decodeTriggerMessage(message(packed), "g", &problem);
        QVERIFY2(decoded, problem.c_str());
        QCOMPARE(QByteArray::fromStdString(decoded->value.toJson()), jsonText);
    }

    void refusedMessages_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("problem");
        const auto raw = [](const QByteArray &hexText) { return QByteArray::fromHex(hexText); };
        QTest::newRow("not msgpack") << QByteArray("\xc1") << QStringLiteral("not msgpack");
        QTest::newRow("cut short") << raw("83a474797065") << QStringLiteral("not msgpack");
        QTest::newRow("trailing bytes") << QByteArray::fromStdString(message("01")) + '\0'
                                        << QStringLiteral("1 bytes after its msgpack value");
        QTest::newRow("not a map") << raw("9101") << QStringLiteral("not a msgpack map");
        QTest::newRow("another type") << raw("82a474797065a9636861742e73656e64a576616c756501")
                                      << QStringLiteral(R"(its "type" is "chat.send")");
        QTest::newRow("no type") << raw("81a576616c756501")
                                 << QStringLiteral(R"("type" is missing)");
        QTest::newRow("no value")
            << raw("81a474797065b6737562736372697074696f6e2e747269676765726564")
            << QStringLiteral(R"(no "value")");
        QTest::newRow("another group")
            << QByteArray::fromStdString(message("01", "a168"))
            << QStringLiteral(R"(its "group" "h" is not the channel's group "g")");
        QTest::newRow("integer key")
            << QByteArray::fromStdString(message("810102")) << QStringLiteral("not a string");
        QTest::newRow("extension type") << QByteArray::fromStdString(message("d6ff00000001"))
                                        << QStringLiteral("extension type (-1)");
        QTest::newRow("invalid UTF-8")
            << QByteArray::fromStdString(message("a2c328")) << QStringLiteral("not valid UTF-8");
        QByteArray deep = QByteArray("91").repeated(1100) + "c0";
        QTest::newRow("1100 levels") << QByteArray::fromStdString(message(deep))
                                     << QStringLiteral("deeper than 1024 levels");
        QTest::newRow("an array header asking for 4 G items")
            << QByteArray::fromStdString(message("ddffffffff")) << QStringLiteral("not msgpack");
    }
    void refusedMessages()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, problem);
        std::string why;
        QCOMPARE(decodeTriggerMessage(bytes.toStdString(), "g", &why), std::nullopt);
        QVERIFY2(QString::fromStdString(why).contains(problem), why.c_str());
    }

    // What our JSON parser takes (512 levels) fits, with the message around it.
    void deepestJsonValueTravels()
    {
        const std::string text = std::string(512, '[') + std::string(512, ']');
        const JsonValue value = json(text);
        std::string problem;
        const auto decoded = decodeTriggerMessage(encodeTriggerMessage("g", value), "g", &problem);
        QVERIFY2(decoded, problem.c_str());
        QCOMPARE(decoded->value.toJson(), text);
    }

    // Text that is not UTF-8 (JSON bodies are not checked for it) is repaired, not passed on
    // for every consumer to refuse.
    void invalidUtf8IsRepairedWhenPacked()
    {
        const std::string bytes = encodeTriggerMessage("g", JsonValue(std::string("a\xff"
                                                                                  "b")));
        std::string problem;
        const auto decoded = decodeTriggerMessage(bytes, "g", &problem);
        QVERIFY2(decoded, problem.c_str());
        QCOMPARE(decoded->value.toString(), std::string("a\xef\xbf\xbd"
                                                        "b"));
    }

    // A message without "group" is taken as the channel's (the channel says it).
    void groupFromTheChannel()
    {
        std::string problem;
        const auto decoded = decodeTriggerMessage(
            QByteArray::fromHex(
                "82a474797065b6737562736372697074696f6e2e747269676765726564a576616c756501")
                .toStdString(),
            "custom_event", &problem);
        QVERIFY2(decoded, problem.c_str());
        QCOMPARE(decoded->group, "custom_event");
        QCOMPARE(decoded->value.toJson(), "1");
    }

    void redisUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("display");
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<QByteArray>("password");
        QTest::newRow("defaults") << QStringLiteral("redis://localhost")
                                  << QStringLiteral("localhost:6379/0") << QByteArray()
                                  << QByteArray();
        QTest::newRow("port and db")
            << QStringLiteral("redis://10.0.0.5:6380/2") << QStringLiteral("10.0.0.5:6380/2")
            << QByteArray() << QByteArray();
        QTest::newRow("password") << QStringLiteral("redis://:p%40ss@h:1/0")
                                  << QStringLiteral("h:1/0") << QByteArray() << QByteArray("p@ss");
        QTest::newRow("ACL user") << QStringLiteral("redis://app:pw@h")
                                  << QStringLiteral("h:6379/0") << QByteArray("app")
                                  << QByteArray("pw");
        QTest::newRow("IPv6") << QStringLiteral("redis://[::1]:7000")
                              << QStringLiteral("[::1]:7000/0") << QByteArray() << QByteArray();
    }
    void redisUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, display);
        QFETCH(QByteArray, user);
        QFETCH(QByteArray, password);
        QString error;
        const auto address = server::parseRedisUrl(url, &error);
        QVERIFY2(address, qPrintable(error));
        QCOMPARE(address->display(), display);
        QCOMPARE(address->user, user);
        QCOMPARE(address->password, password);
    }
};

QTEST_MAIN(TestPubsubMessage)
#include "tst_pubsub_message.moc"
