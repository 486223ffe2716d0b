#include "websocket/frame_codec.h"
#include "websocket/handshake.h"

#include <QTest>

using namespace subscope::websocket;

namespace {

// A client frame: masked unless told otherwise.
QByteArray clientFrame(Opcode opcode, const QByteArray &payload, bool fin = true, bool mask = true,
                       uchar rsv = 0)
{
    QByteArray frame;
    frame.append(char((fin ? 0x80 : 0) | rsv | uint8_t(opcode)));
    const quint64 size = quint64(payload.size());
    const char maskBit = mask ? char(0x80) : char(0);
    if (size < 126) {
        frame.append(char(maskBit | char(size)));
    } else if (size <= 0xffff) {
        frame.append(char(maskBit | 126));
        frame.append(char(size >> 8));
        frame.append(char(size & 0xff));
    } else {
        frame.append(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((size >> shift) & 0xff));
    }
    const uchar key[4] = {0x37, 0xfa, 0x21, 0x3d};
    if (!mask) return frame + payload;
    frame.append(reinterpret_cast<const char *>(key), 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(uchar(payload[i]) ^ key[i % 4]));
    return frame;
}

struct Decoded
{
    bool ok = true;
    std::vector<Message> messages;
    FrameDecoder::Error error;
    QByteArray left;
};

Decoded decodeAll(const QByteArray &bytes, quint64 max = 1024)
{
    FrameDecoder decoder(max);
    Decoded result;
    result.left = bytes;
    result.ok = decoder.decode(result.left, result.messages);
    result.error = decoder.error();
    return result;
}

} // namespace

class TestFrameCodec : public QObject
{
    Q_OBJECT

private slots:
    // RFC 6455 §5.2: 7-bit lengths up to 125, 16-bit up to 65,535, 64-bit beyond.
    void serverFramesUseTheShortestLength_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("0") << 0 << QByteArray("\x81\x00", 2);
        QTest::newRow("125") << 125 << QByteArray("\x81\x7d", 2);
        QTest::newRow("126") << 126 << QByteArray("\x81\x7e\x00\x7e", 4);
        QTest::newRow("65535") << 65535 << QByteArray("\x81\x7e\xff\xff", 4);
        QTest::newRow("65536") << 65536
                               << QByteArray("\x81\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10);
    }
    void serverFramesUseTheShortestLength()
    {
        QFETCH(int, size);
        QFETCH(QByteArray, header);
        const QByteArray payload(size, 'x');
        QByteArray out("before");
        appendTextFrame(out, payload);
        QCOMPARE(out.left(6), QByteArray("before"));
        QCOMPARE(out.mid(6, header.size()), header);
        QCOMPARE(out.mid(6 + header.size()), payload);
    }

    void controlFramesCarryTheirOpcode()
    {
        QByteArray out;
        appendFrame(out, Opcode::Pong, "hi");
        QCOMPARE(out, QByteArray("\x8a\x02hi", 4));
        out.clear();
        appendFrame(out, Opcode::Close, closePayload(4413, "Outbox overflow"));
        QCOMPARE(out, QByteArray("\x88\x11\x11\x3dOutbox overflow", 19));
    }

    // A Close payload fits a control frame (125 bytes): the reason is cut, never inside a
    // character.
    void closeReasonIsCutAtACharacterBoundary()
    {
        // 122 bytes and two 'é': 123 bytes would end inside the first 'é', so it goes too.
        const QByteArray reason = QByteArray(122, 'a').append("\xc3\xa9\xc3\xa9");
        QCOMPARE(closePayload(1000, reason), QByteArray("\x03\xe8", 2) + QByteArray(122, 'a'));
        QCOMPARE(closePayload(1000, "short"), QByteArray("\x03\xe8short", 7));
        const QByteArray fits = closePayload(1000, QByteArray(121, 'a').append("\xc3\xa9"));
        QCOMPARE(fits.size(), 125);
    }

    void maskedTextIsUnmasked()
    {
        const Decoded d = decodeAll(clientFrame(Opcode::Text, R"({"type":"connection_init"})"));
        QVERIFY(d.ok);
        QCOMPARE(d.messages.size(), size_t(1));
        QCOMPARE(d.messages[0].opcode, Opcode::Text);
        QCOMPARE(d.messages[0].payload, QByteArray(R"({"type":"connection_init"})"));
        QVERIFY(d.left.isEmpty());
    }

    // Frames arrive in pieces of any size: a frame cut short waits for the rest.
    void framesSplitAtEveryByteDecodeTheSame()
    {
        const QByteArray stream = clientFrame(Opcode::Text, QByteArray(300, 'a')) +
                                  clientFrame(Opcode::Ping, "p") +
                                  clientFrame(Opcode::Binary, QByteArray(70000, 'b'));
        FrameDecoder decoder(1 << 20);
        QByteArray buffer;
        std::vector<Message> messages;
        for (char byte : stream) {
            buffer.append(byte);
            QVERIFY(decoder.decode(buffer, messages));
        }
        QCOMPARE(messages.size(), size_t(3));
        QCOMPARE(messages[0].payload, QByteArray(300, 'a'));
        QCOMPARE(messages[1].opcode, Opcode::Ping);
        QCOMPARE(messages[2].opcode, Opcode::Binary);
        QCOMPARE(messages[2].payload.size(), 70000);
        QVERIFY(buffer.isEmpty());
        QCOMPARE(buffer.capacity(), 0); // released: an idle connection keeps no buffer
    }

    // §5.4: fragments join into one message; control frames may come between them.
    void fragmentsJoinAroundAControlFrame()
    {
        // 'é' split between two fragments: only the whole message must be UTF-8.
        const QByteArray stream = clientFrame(Opcode::Text, "caf\xc3", false) +
                                  clientFrame(Opcode::Ping, "x") +
                                  clientFrame(Opcode::Continuation, "\xa9 au", false) +
                                  clientFrame(Opcode::Continuation, " lait");
        const Decoded d = decodeAll(stream);
        QVERIFY(d.ok);
        QCOMPARE(d.messages.size(), size_t(2));
        QCOMPARE(d.messages[0].opcode, Opcode::Ping);
        QCOMPARE(d.messages[1].opcode, Opcode::Text);
        QCOMPARE(d.messages[1].payload, QByteArray("caf\xc3\xa9 au lait"));
    }

    void violationsCloseWithTheirCode_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unmasked") << clientFrame(Opcode::Text, "{}", true, false) << 1002
                                  << "must be masked";
        QTest::newRow("reserved bit")
            << clientFrame(Opcode::Text, "{}", true, true, 0x40) << 1002 << "Reserved bits";
        QTest::newRow("opcode 3") << clientFrame(Opcode(3), "{}") << 1002 << "Unknown opcode";
        QTest::newRow("long ping")
            << clientFrame(Opcode::Ping, QByteArray(126, 'p')) << 1002 << "at most 125";
        QTest::newRow("fragmented ping")
            << clientFrame(Opcode::Ping, "p", false) << 1002 << "unfragmented";
        QTest::newRow("lone continuation")
            << clientFrame(Opcode::Continuation, "x") << 1002 << "without a message";
        QTest::newRow("text inside fragments")
            << clientFrame(Opcode::Text, "a", false) + clientFrame(Opcode::Text, "b") << 1002
            << "before the fragmented one ended";
        QTest::newRow("too big") << clientFrame(Opcode::Text, QByteArray(1025, 'a')) << 1009
                                 << "larger than 1024 bytes";
        QTest::newRow("too big in fragments")
            << clientFrame(Opcode::Text, QByteArray(600, 'a'), false) +
                   clientFrame(Opcode::Continuation, QByteArray(600, 'a'))
            << 1009 << "larger than 1024 bytes";
        QTest::newRow("text not UTF-8")
            << clientFrame(Opcode::Text, "\xff\xfe") << 1007 << "not UTF-8";
        QTest::newRow("close of one byte")
            << clientFrame(Opcode::Close, "\x03", true) << 1002 << "one-byte";
        QTest::newRow("close 1005") << clientFrame(Opcode::Close, QByteArray("\x03\xed", 2)) << 1002
                                    << "Invalid close code";
        QTest::newRow("close 999") << clientFrame(Opcode::Close, QByteArray("\x03\xe7", 2)) << 1002
                                   << "Invalid close code";
        QTest::newRow("close reason not UTF-8")
            << clientFrame(Opcode::Close, QByteArray("\x03\xe8\xff", 3)) << 1007 << "not UTF-8";
    }
    void violationsCloseWithTheirCode()
    {
        QFETCH(QByteArray, stream);
        QFETCH(int, code);
        QFETCH(QString, reason);
        const Decoded d = decodeAll(stream);
        QVERIFY(!d.ok);
        QCOMPARE(d.error.closeCode, code);
        QVERIFY2(QString::fromUtf8(d.error.reason).contains(reason), d.error.reason.constData());
    }

    // UTF-8 is checked eight ASCII bytes at a time: a bad byte is found at any offset, and a
    // character is never split between two words.
    void utf8IsCheckedAtEveryOffset()
    {
        for (int offset = 0; offset < 24; ++offset) {
            QByteArray bad(24, 'a');
            bad[offset] = char(0xff);
            QCOMPARE(decodeAll(clientFrame(Opcode::Text, bad)).error.closeCode, 1007);
            const QByteArray good = QByteArray(offset, 'a').append("\xc3\xa9").append(20, 'b');
            QVERIFY2(decodeAll(clientFrame(Opcode::Text, good)).ok,
                     qPrintable(QString::number(offset)));
            const QByteArray cut = QByteArray(offset, 'a').append("\xe2\x82");
            QCOMPARE(decodeAll(clientFrame(Opcode::Text, cut)).error.closeCode, 1007);
        }
    }

    // A frame announcing more than the limit is refused from its header, before its payload.
    void anOversizedFrameIsRefusedFromItsHeader()
    {
        const QByteArray header = clientFrame(Opcode::Binary, QByteArray(5000, 'b')).left(8);
        const Decoded d = decodeAll(header);
        QVERIFY(!d.ok);
        QCOMPARE(d.error.closeCode, 1009);
    }

    void aViolationStopsDecodingForGood()
    {
        FrameDecoder decoder(1024);
        QByteArray buffer = clientFrame(Opcode::Text, "ok") + clientFrame(Opcode(3), "bad") +
                            clientFrame(Opcode::Text, "after");
        std::vector<Message> messages;
        QVERIFY(!decoder.decode(buffer, messages));
        QCOMPARE(messages.size(), size_t(1)); // what came before the violation counts
        QByteArray more = clientFrame(Opcode::Text, "later");
        QVERIFY(!decoder.decode(more, messages));
        QCOMPARE(messages.size(), size_t(1));
    }

    void closeCarriesCodeAndReasonAndEndsTheStream()
    {
        const Decoded d = decodeAll(clientFrame(Opcode::Close, QByteArray("\x0f\xa0", 2) + "bye") +
                                    clientFrame(Opcode::Text, "ignored"));
        QVERIFY(d.ok);
        QCOMPARE(d.messages.size(), size_t(1));
        QCOMPARE(d.messages[0].opcode, Opcode::Close);
        QCOMPARE(d.messages[0].closeCode, 4000);
        QCOMPARE(d.messages[0].payload, QByteArray("bye"));
        const Decoded empty = decodeAll(clientFrame(Opcode::Close, {}));
        QCOMPARE(empty.messages[0].closeCode, close_code::NoStatus);
    }

    // Found by fuzz_websocket_frames: what follows a Close frame in a later read was decoded
    // (here a frame with a reserved bit, answered 1002) although the stream had ended.
    void bytesAfterCloseAreNotReadInLaterCallsEither()
    {
        FrameDecoder decoder(1024);
        std::vector<Message> messages;
        QByteArray buffer = clientFrame(Opcode::Close, QByteArray("\x03\xe8", 2));
        QVERIFY(decoder.decode(buffer, messages));
        QByteArray later = clientFrame(Opcode::Text, "after");
        later[0] = char(later[0] | 0x20);
        QVERIFY(decoder.decode(later, messages));
        QCOMPARE(decoder.error().closeCode, 0);
        QCOMPARE(messages.size(), size_t(1));
    }

    // §4.2.2, with the example key of §1.3.
    void handshakeAnswersWithTheAcceptKey()
    {
        QCOMPARE(acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        const Headers headers = {{"Host", "localhost"},
                                 {"Upgrade", "websocket"},
                                 {"Connection", "keep-alive, Upgrade"},
                                 {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                                 {"Sec-WebSocket-Version", "13"},
                                 {"Sec-WebSocket-Protocol", "graphql-ws, graphql-transport-ws"}};
        const HandshakeRequest request = readHandshake("GET", headers);
        QVERIFY(request.valid);
        QCOMPARE(request.subprotocols, QStringList({QStringLiteral("graphql-ws"),
                                                    QStringLiteral("graphql-transport-ws")}));
        const QByteArray response = acceptResponse(request.key, QStringLiteral("graphql-ws"));
        QVERIFY(response.startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
        QVERIFY(response.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
        QVERIFY(response.contains("\r\nSec-WebSocket-Protocol: graphql-ws\r\n"));
        QVERIFY(response.endsWith("\r\n\r\n"));
        QVERIFY(!acceptResponse(request.key, {}).contains("Sec-WebSocket-Protocol"));
    }

    void badHandshakesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("version");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("connection");
        QTest::addColumn<QByteArray>("status");
        const QByteArray key = "dGhlIHNhbXBsZSBub25jZQ==";
        QTest::newRow("POST") << QByteArray("POST") << QByteArray("13") << key
                              << QByteArray("Upgrade") << QByteArray("400");
        QTest::newRow("version 8") << QByteArray("GET") << QByteArray("8") << key
                                   << QByteArray("Upgrade") << QByteArray("426");
        QTest::newRow("no key") << QByteArray("GET") << QByteArray("13") << QByteArray()
                                << QByteArray("Upgrade") << QByteArray("400");
        QTest::newRow("short key")
            << QByteArray("GET") << QByteArray("13") << QByteArray("c2hvcnQ=")
            << QByteArray("Upgrade") << QByteArray("400");
        QTest::newRow("no Connection: Upgrade") << QByteArray("GET") << QByteArray("13") << key
                                                << QByteArray("keep-alive") << QByteArray("400");
    }
    void badHandshakesAreRefused()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, version);
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, connection);
        QFETCH(QByteArray, status);
        Headers headers = {{"Upgrade", "websocket"},
                           {"Connection", connection},
                           {"Sec-WebSocket-Version", version}};
        if (!key.isEmpty()) headers.append({"Sec-WebSocket-Key", key});
        const HandshakeRequest request = readHandshake(method, headers);
        QVERIFY(!request.valid);
        QVERIFY2(request.refusal.startsWith(QByteArray("HTTP/1.1 ").append(status).append(' ')),
                 request.refusal);
        QVERIFY(request.refusal.contains("Connection: close\r\n"));
        if (status == "426") QVERIFY(request.refusal.contains("Sec-WebSocket-Version: 13\r\n"));
    }
};

QTEST_APPLESS_MAIN(TestFrameCodec)
#include "tst_frame_codec.moc"
