#include "http/request_framing.h"

#include <QTest>

using namespace subscope::http;

namespace {

// Small limits, so that rows can reach them.
constexpr RequestFraming::Limits TestLimits{512, 1024};

struct Outcome
{
    int status = 0; // 0: no violation
    QByteArray message;
    qint64 requestStart = -1;
    int requestsComplete = 0;

    bool operator==(const Outcome &) const = default;
};

Outcome outcome(const RequestFraming &framing)
{
    Outcome o;
    o.requestsComplete = framing.requestsComplete();
    if (const auto &violation = framing.violation()) {
        o.status = violation->status;
        o.message = violation->message;
        o.requestStart = violation->requestStart;
    }
    return o;
}

QByteArray describe(const Outcome &o)
{
    return QByteArray::number(o.status) + " \"" + o.message + "\" at " +
           QByteArray::number(o.requestStart) + ", " + QByteArray::number(o.requestsComplete) +
           " complete";
}

Outcome feedInPieces(const QByteArray &stream, qsizetype piece,
                     RequestFraming::Limits limits = TestLimits)
{
    RequestFraming framing(limits);
    for (qsizetype at = 0; at < stream.size(); at += piece)
        framing.feed(QByteArrayView(stream).sliced(at, std::min(piece, stream.size() - at)));
    return outcome(framing);
}

QByteArray chunked(const QByteArray &chunks, const QByteArray &extraHeaders = {})
{
    return "POST /trigger HTTP/1.1\r\nHost: x\r\n" + extraHeaders +
           "Transfer-Encoding: chunked\r\n\r\n" + chunks;
}

QByteArray withLength(const QByteArray &body, const QByteArray &length = {})
{
    return "POST /trigger HTTP/1.1\r\nHost: x\r\nContent-Length: " +
           (length.isNull() ? QByteArray::number(body.size()) : length) + "\r\n\r\n" + body;
}

const QByteArray Get = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";

} // namespace

class TestRequestFraming : public QObject
{
    Q_OBJECT

private slots:
    // Each row: the bytes of a connection, what comes of them, the same whatever the pieces they
    // arrive in.
    void framing_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("status"); // 0: no violation
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<int>("requestStart"); // of the violation
        QTest::addColumn<int>("complete");     // requests complete
        const auto ok = [](const char *name, const QByteArray &stream, int complete) {
            QTest::newRow(name) << stream << 0 << QByteArray() << -1 << complete;
        };
        const auto bad = [](const char *name, const QByteArray &stream, int status,
                            const QByteArray &message, int complete = 0, int requestStart = 0) {
            QTest::newRow(name) << stream << status << message << requestStart << complete;
        };

        // Heads.
        ok("GET", Get, 1);
        ok("bare LF line ends", "GET / HTTP/1.1\nHost: x\n\n", 1);
        ok("mixed line ends", "GET / HTTP/1.1\r\nHost: x\n\r\n", 1);
        ok("no header", "GET / HTTP/1.1\r\n\r\n", 1);
        ok("empty lines before the request line", "\r\n\n\r\n" + Get, 1);
        ok("HTTP/1.0", "GET / HTTP/1.0\r\n\r\n", 1);
        ok("HTTP/1.9", "GET / HTTP/1.9\r\n\r\n", 1);
        ok("unknown method", "BREW /pot HTTP/1.1\r\n\r\n", 1);
        ok("absolute target", "GET http://x/a?b=c HTTP/1.1\r\n\r\n", 1);
        ok("target with bytes over 0x7f", "GET /\xc3\xa9 HTTP/1.1\r\n\r\n", 1);
        ok("header value with tabs and spaces", "GET / HTTP/1.1\r\nX-A: \t a b \t\r\n\r\n", 1);
        ok("empty header value", "GET / HTTP/1.1\r\nX-A:\r\n\r\n", 1);
        ok("incomplete head", "GET / HTTP/1.1\r\nHost: x\r\n", 0);
        ok("head at the limit", "GET / HTTP/1.1\r\nX: " + QByteArray(512 - 23, 'p') + "\r\n\r\n",
           1);
        bad("head over the limit", "GET / HTTP/1.1\r\nX: " + QByteArray(512 - 22, 'p') + "\r\n\r\n",
            431, "The request head is larger than 512 bytes.");
        bad("head without end over the limit", "GET / HTTP/1.1\r\nX: " + QByteArray(600, 'p'), 431,
            "The request head is larger than 512 bytes.");
        bad("empty lines without end", QByteArray(600, '\n'), 431,
            "The request head is larger than 512 bytes.");

        const QByteArray badLine = "The request line is not \"<method> <target> HTTP/1.1\".";
        bad("garbage request line", "GARBAGE\r\n\r\n", 400, badLine);
        bad("request line without target", "GET\r\n\r\n", 400, badLine);
        bad("request line without version", "GET /\r\n\r\n", 400, badLine);
        bad("request line with two spaces", "GET  / HTTP/1.1\r\n\r\n", 400, badLine);
        bad("request line with a fourth part", "GET / HTTP/1.1 x\r\n\r\n", 400, badLine);
        bad("request line with a trailing space", "GET / HTTP/1.1 \r\n\r\n", 400, badLine);
        bad("request line after a space", " GET / HTTP/1.1\r\n\r\n", 400, badLine);
        bad("version in lower case", "GET / http/1.1\r\n\r\n", 400, badLine);
        bad("version of two digits", "GET / HTTP/1.10\r\n\r\n", 400, badLine);
        bad("method not a token", "GE(T / HTTP/1.1\r\n\r\n", 400, badLine);
        bad("target with a control byte", "GET /\x01 HTTP/1.1\r\n\r\n", 400, badLine);
        bad("target with a tab", "GET /\ta HTTP/1.1\r\n\r\n", 400, badLine);
        bad("request line refused before the head ends", "GARBAGE\r\n", 400, badLine);
        bad("HTTP/2.0", "GET / HTTP/2.0\r\n\r\n", 505, "Only HTTP/1.1 is served.");
        bad("HTTP/0.9", "GET / HTTP/0.9\r\n\r\n", 505, "Only HTTP/1.1 is served.");
        bad("bare CR in a header", "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", 400,
            "A line of the request has a CR that is not before its LF.");
        bad("bare CR in the request line", "GET /\r HTTP/1.1\r\n\r\n", 400,
            "A line of the request has a CR that is not before its LF.");
        bad("CR CR LF", "GET / HTTP/1.1\r\nX: a\r\r\n\r\n", 400,
            "A line of the request has a CR that is not before its LF.");
        bad("obsolete line folding", "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", 400,
            "A header line starts with whitespace (obsolete line folding).");
        bad("whitespace before the first header", "GET / HTTP/1.1\r\n\tX: a\r\n\r\n", 400,
            "A header line starts with whitespace (obsolete line folding).");
        bad("space before the colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400,
            "A header line is not \"<name>: <value>\".");
        bad("header without colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n", 400,
            "A header line is not \"<name>: <value>\".");
        bad("header without name", "GET / HTTP/1.1\r\n: x\r\n\r\n", 400,
            "A header line is not \"<name>: <value>\".");
        bad("NUL in a header value", QByteArray("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n", 26), 400,
            "A header value contains a NUL byte.");

        // Content-Length.
        ok("Content-Length", withLength("{\"a\":1}"), 1);
        ok("Content-Length 0", withLength({}), 1);
        ok("Content-Length with spaces", withLength("abc", " \t3 \t"), 1);
        ok("Content-Length with leading zeros", withLength("abc", "0003"), 1);
        ok("Content-Length at the limit", withLength(QByteArray(1024, 'b')), 1);
        ok("Content-Length on a GET", "GET / HTTP/1.1\r\nContent-Length: 2\r\n\r\nab", 1);
        ok("identical Content-Lengths",
           "POST / HTTP/1.1\r\nContent-Length: 3\r\ncontent-length: 3\r\n\r\nabc", 1);
        ok("incomplete body", withLength("abc", "5"), 0);
        ok("body that looks like a request", withLength(Get), 1);
        const QByteArray notNumber = "Content-Length is not a number.";
        bad("Content-Length not a number", withLength(Get, "abc"), 400, notNumber);
        bad("Content-Length empty", withLength({}, ""), 400, notNumber);
        bad("Content-Length negative", withLength({}, "-1"), 400, notNumber);
        bad("Content-Length with a plus", withLength("abc", "+3"), 400, notNumber);
        bad("Content-Length in hexadecimal", withLength("abc", "0x3"), 400, notNumber);
        bad("Content-Length with a space inside", withLength("abc", "1 2"), 400, notNumber);
        bad("Content-Length list", withLength("abc", "3, 3"), 400, notNumber);
        bad("two different Content-Lengths",
            "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 2\r\n\r\nabc", 400,
            "The request has two different Content-Lengths.");
        bad("Content-Length over the limit", withLength(QByteArray(1025, 'b')), 413,
            "The body is larger than 1 KiB.");
        bad("Content-Length over the limit, body not sent", withLength({}, "1025"), 413,
            "The body is larger than 1 KiB.");
        bad("Content-Length beyond 64 bits", withLength({}, "99999999999999999999999"), 413,
            "The body is larger than 1 KiB.");

        // Chunked bodies.
        ok("chunked", chunked("5\r\nhello\r\n0\r\n\r\n"), 1);
        ok("chunked in capitals", "POST / HTTP/1.1\r\nTransfer-Encoding: CHUNKED\r\n\r\n0\r\n\r\n",
           1);
        ok("chunked with spaces",
           "POST / HTTP/1.1\r\nTransfer-Encoding:  chunked \r\n\r\n0\r\n\r\n", 1);
        ok("chunked with an empty list element",
           "POST / HTTP/1.1\r\nTransfer-Encoding: , chunked,\r\n\r\n0\r\n\r\n", 1);
        ok("chunk sizes in hexadecimal, both cases",
           chunked("A\r\n0123456789\r\nb\r\n0123456789a\r\n010\r\n" + QByteArray(16, 'x') +
                   "\r\n0\r\n\r\n"),
           1);
        ok("chunk extensions",
           chunked("5;name=value;flag\r\nhello\r\n5 ; a = \"quoted;\"\r\nworld\r\n0;last\r\n\r\n"),
           1);
        ok("chunk data that looks like a request",
           chunked(QByteArray::number(Get.size(), 16) + "\r\n" + Get + "\r\n0\r\n\r\n"), 1);
        ok("chunks up to the limit",
           chunked("200\r\n" + QByteArray(512, 'a') + "\r\n200\r\n" + QByteArray(512, 'b') +
                   "\r\n0\r\n\r\n"),
           1);
        ok("incomplete chunked body", chunked("5\r\nhello\r\n"), 0);
        ok("chunked body without its last empty line", chunked("0\r\n"), 0);
        const QByteArray notHex = "A chunk size is not a hexadecimal number.";
        bad("chunk size zz", chunked("zz\r\nhello\r\n0\r\n\r\n"), 400, notHex);
        bad("chunk size 0x5", chunked("0x5\r\nhello\r\n0\r\n\r\n"), 400, notHex);
        bad("chunk size negative", chunked("-5\r\nhello\r\n0\r\n\r\n"), 400, notHex);
        bad("chunk size empty", chunked("\r\nhello\r\n0\r\n\r\n"), 400, notHex);
        bad("chunk size after a space", chunked(" 5\r\nhello\r\n0\r\n\r\n"), 400, notHex);
        bad("chunk size with a digit after a space", chunked("5 5\r\nhello\r\n0\r\n\r\n"), 400,
            notHex);
        bad("chunk extension with a control byte", chunked("5;a\x01\r\nhello\r\n0\r\n\r\n"), 400,
            notHex);
        bad("chunk size of 17 digits", chunked("00000000000000005\r\nhello\r\n0\r\n\r\n"), 400,
            "A chunk size has more than 16 digits.");
        bad("chunk-size line ended by a bare LF", chunked("5\nhello\r\n0\r\n\r\n"), 400,
            "A chunk-size line does not end with CRLF.");
        bad("chunk data not followed by CRLF", chunked("5\r\nhelloXX0\r\n\r\n"), 400,
            "A chunk's data is not followed by CRLF.");
        bad("chunk data followed by a bare LF", chunked("5\r\nhello\n0\r\n\r\n"), 400,
            "A chunk's data is not followed by CRLF.");
        bad("chunk data longer than its size", chunked("3\r\nhello\r\n0\r\n\r\n"), 400,
            "A chunk's data is not followed by CRLF.");
        bad("chunk over the limit", chunked("401\r\n" + QByteArray(1025, 'a') + "\r\n0\r\n\r\n"),
            413, "The body is larger than 1 KiB.");
        bad("chunks over the limit together",
            chunked("200\r\n" + QByteArray(512, 'a') + "\r\n201\r\n" + QByteArray(513, 'b') +
                    "\r\n0\r\n\r\n"),
            413, "The body is larger than 1 KiB.");
        bad("chunk size of 64 bits", chunked("ffffffffffffffff\r\n"), 413,
            "The body is larger than 1 KiB.");
        bad("chunk extensions over the limit",
            chunked("1;" + QByteArray(300, 'e') + "\r\na\r\n1;" + QByteArray(300, 'e') +
                    "\r\nb\r\n0\r\n\r\n"),
            400, "The chunk extensions are larger than 512 bytes.");
        bad("one chunk-size line over the limit", chunked("1;" + QByteArray(600, 'e')), 400,
            "The chunk extensions are larger than 512 bytes.");
        // QHttpServer 6.4 takes the two bytes after the last chunk as its end, and trailer
        // fields after them as the next request.
        const QByteArray noTrailers = "Trailer fields after a chunked body are not supported; the "
                                      "body ends with 0 CRLF CRLF.";
        bad("trailer field", chunked("5\r\nhello\r\n0\r\nX-Checksum: abc\r\n\r\n"), 400,
            noTrailers);
        bad("trailer field that reads as a request", chunked("0\r\nab: /healthz HTTP/1.1\r\n\r\n"),
            400, noTrailers);
        bad("framing field in the trailer", chunked("0\r\nContent-Length: abc\r\n\r\n"), 400,
            noTrailers);
        bad("chunked body ended by a bare LF", chunked("0\r\n\n"), 400, noTrailers);
        bad("chunked body ended by two other bytes", chunked("0\r\nAB"), 400, noTrailers);
        bad("chunked body ended by CR and another byte", chunked("0\r\n\rX"), 400, noTrailers);

        // Transfer-Encoding.
        // RFC 9112 §6.3: without chunked last, the body's length cannot be known (400); with it,
        // another coding is one not implemented (§6.1, 501).
        const QByteArray endWithChunked = "Transfer-Encoding must end with chunked.";
        bad("Transfer-Encoding gzip", "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nxyz", 400,
            endWithChunked);
        bad("Transfer-Encoding chunked, gzip",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", 400,
            endWithChunked);
        bad("Transfer-Encoding identity", "POST / HTTP/1.1\r\nTransfer-Encoding: identity\r\n\r\n",
            400, endWithChunked);
        bad("Transfer-Encoding with a parameter",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n", 400,
            endWithChunked);
        bad("Transfer-Encoding empty", "POST / HTTP/1.1\r\nTransfer-Encoding: \r\n\r\n", 400,
            endWithChunked);
        bad("Transfer-Encoding gzip, chunked",
            "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501,
            "The only transfer coding supported is chunked.");
        const QByteArray once = "Transfer-Encoding must name chunked once.";
        bad("chunked twice", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400,
            once);
        bad("chunked on two lines",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
            400, once);
        bad("Transfer-Encoding with Content-Length",
            "POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
            "0\r\n\r\n",
            400, "A request may not have both Content-Length and Transfer-Encoding.");
        bad("Transfer-Encoding in HTTP/1.0",
            "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
            "Transfer-Encoding needs HTTP/1.1.");

        // Several requests on one connection.
        ok("pipelined requests", Get + withLength("abc") + chunked("3\r\nabc\r\n0\r\n\r\n") + Get,
           4);
        ok("empty lines between requests", Get + "\r\n\r\n" + Get + "\n" + Get, 3);
        bad("garbage after a request", Get + "GARBAGE\r\n\r\n", 400, badLine, 1, int(Get.size()));
        bad("second request over the limit",
            withLength("abc") + "\r\n" + withLength(QByteArray(2000, 'x')), 413,
            "The body is larger than 1 KiB.", 1, int(withLength("abc").size()));
        bad("Content-Length not a number on the third request",
            Get + chunked("0\r\n\r\n") + withLength("x", "x"), 400, notNumber, 2,
            int(Get.size() + chunked("0\r\n\r\n").size()));
        bad("smuggling by Content-Length: abc", withLength({}, "abc") + Get, 400, notNumber);
    }
    void framing()
    {
        QFETCH(QByteArray, stream);
        QFETCH(int, status);
        QFETCH(QByteArray, message);
        QFETCH(int, requestStart);
        QFETCH(int, complete);
        const RequestFraming::Limits limits = TestLimits;
        const Outcome expected{status, message, requestStart, complete};

        const Outcome whole = feedInPieces(stream, std::max<qsizetype>(1, stream.size()), limits);
        QVERIFY2(whole == expected,
                 QByteArray("got " + describe(whole) + ", not " + describe(expected)).constData());
        const Outcome bytes = feedInPieces(stream, 1, limits);
        QVERIFY2(bytes == expected, QByteArray("byte by byte: " + describe(bytes)).constData());
        for (qsizetype split = 0; split <= stream.size(); ++split) {
            RequestFraming framing(limits);
            framing.feed(QByteArrayView(stream).first(split));
            framing.feed(QByteArrayView(stream).sliced(split));
            QCOMPARE(framing.fed(), qint64(stream.size()));
            QVERIFY2(outcome(framing) == expected,
                     QByteArray("split at " + QByteArray::number(split) + ": " +
                                describe(outcome(framing)))
                         .constData());
        }
    }

    void bytesAfterAViolationAreCountedNotRead()
    {
        RequestFraming framing(TestLimits);
        framing.feed("GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n");
        QVERIFY(framing.violation());
        const qint64 fed = framing.fed();
        framing.feed(Get);
        QCOMPARE(framing.fed(), fed + Get.size());
        QCOMPARE(framing.requestsComplete(), 0);
        QCOMPARE(framing.violation()->status, 400);
    }

    void fedAndRequestStartFollowTheStream()
    {
        RequestFraming framing(TestLimits);
        QCOMPARE(framing.requestStart(), 0);
        framing.feed(Get);
        QCOMPARE(framing.fed(), qint64(Get.size()));
        QCOMPARE(framing.requestStart(), qint64(Get.size()));
        framing.feed(withLength("abcdef").chopped(3));
        QCOMPARE(framing.requestStart(), qint64(Get.size()));
        QCOMPARE(framing.requestsComplete(), 1);
        framing.feed("def");
        QCOMPARE(framing.requestsComplete(), 2);
        QCOMPARE(framing.requestStart(), qint64(Get.size() + withLength("abcdef").size()));
        QCOMPARE(framing.fed(), framing.requestStart());
    }

    // The default limits: 16 KiB heads, 4 MiB bodies, read in the pieces a socket gives.
    void largeBodiesWithTheDefaultLimits()
    {
        const QByteArray body(4 * 1024 * 1024, 'b');
        QCOMPARE(feedInPieces(withLength(body) + Get, 65536, {}).requestsComplete, 2);
        QByteArray chunks;
        for (int i = 0; i < 64; ++i)
            chunks += "10000\r\n" + QByteArray(0x10000, 'c') + "\r\n";
        QCOMPARE(feedInPieces(chunked(chunks + "0\r\n\r\n") + Get, 65536, {}).requestsComplete, 2);
        const Outcome tooLarge = feedInPieces(chunked(chunks + "1\r\n"), 65536, {});
        QCOMPARE(tooLarge.status, 413);
        QCOMPARE(tooLarge.message, QByteArray("The body is larger than 4 MiB."));
        QCOMPARE(feedInPieces(withLength({}, "4194305"), 7, {}).status, 413);
        const QByteArray head = "GET / HTTP/1.1\r\nX: " + QByteArray(16 * 1024, 'h') + "\r\n\r\n";
        QCOMPARE(feedInPieces(head, 1000, {}).status, 431);
        const QByteArray fits =
            "GET / HTTP/1.1\r\nX: " + QByteArray(16 * 1024 - 23, 'h') + "\r\n\r\n";
        QVERIFY((feedInPieces(fits, 1000, {}) == Outcome{0, {}, -1, 1}));
    }

    // QHttpHeaderParser keeps no field of a head with more than 100: refused before QHttpServer
    // reads the body of such a request as the next one.
    void headerFieldCount()
    {
        QByteArray fields;
        for (int i = 0; i < RequestFraming::MaxFields - 2; ++i) // with Host and Content-Length
            fields += "X-" + QByteArray::number(i) + ": y\r\n";
        const QByteArray hundred = "POST /trigger HTTP/1.1\r\nHost: x\r\n" + fields +
                                   "Content-Length: " + QByteArray::number(Get.size()) +
                                   "\r\n\r\n" + Get;
        QVERIFY((feedInPieces(hundred, 7, {}) == Outcome{0, {}, -1, 1}));
        const QByteArray hundredAndOne =
            QByteArray(hundred).insert(hundred.indexOf("X-0"), "A: b\r\n");
        const Outcome refused{431, "The request has more than 100 header fields.", 0, 0};
        QVERIFY2(feedInPieces(hundredAndOne, 7, {}) == refused,
                 describe(feedInPieces(hundredAndOne, 7, {})).constData());
        // On a later request of the connection too, and counted afresh for each request.
        QVERIFY((feedInPieces(hundred + hundred, 64, {}) == Outcome{0, {}, -1, 2}));
        QVERIFY((feedInPieces(Get + hundredAndOne, 64, {}) ==
                 Outcome{431, refused.message, Get.size(), 1}));
    }

    // headLength() finds the end of the head where RequestFraming does.
    void headLength_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("CRLF") << Get;
        QTest::newRow("LF") << QByteArray("GET / HTTP/1.1\nHost: x\n\n");
        QTest::newRow("LF then CRLF") << QByteArray("GET / HTTP/1.1\r\nHost: x\n\r\n");
        QTest::newRow("CRLF then LF") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\n");
        QTest::newRow("no header") << QByteArray("GET / HTTP/1.1\r\n\r\n");
        QTest::newRow("no header, LF") << QByteArray("GET / HTTP/1.1\n\n");
        QTest::newRow("empty lines before") << "\r\n\n" + Get;
        QTest::newRow("incomplete") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n");
        QTest::newRow("incomplete after CR") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r");
        QTest::newRow("only empty lines") << QByteArray("\r\n\r\n\n");
        QTest::newRow("empty") << QByteArray();
    }
    void headLength()
    {
        QFETCH(QByteArray, bytes);
        RequestFraming framing;
        framing.feed(bytes);
        QVERIFY(!framing.violation());
        QCOMPARE(subscope::http::headLength(QByteArray(bytes + "POST")),
                 framing.requestsComplete() ? framing.requestStart() : -1);
    }

    void texts()
    {
        QCOMPARE(sizeText(4 * 1024 * 1024), QByteArray("4 MiB"));
        QCOMPARE(sizeText(128 * 1024), QByteArray("128 KiB"));
        QCOMPARE(sizeText(1000), QByteArray("1000 bytes"));
        QCOMPARE(sizeText(1024 * 1024 + 1024), QByteArray("1025 KiB"));
        QCOMPARE(reasonPhrase(400), QByteArray("Bad Request"));
        QCOMPARE(reasonPhrase(413), QByteArray("Content Too Large"));
        QCOMPARE(reasonPhrase(431), QByteArray("Request Header Fields Too Large"));
        QCOMPARE(reasonPhrase(501), QByteArray("Not Implemented"));
        QCOMPARE(reasonPhrase(505), QByteArray("HTTP Version Not Supported"));
    }
};

QTEST_APPLESS_MAIN(TestRequestFraming)
#include "tst_request_framing.moc"
