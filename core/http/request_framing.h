#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace subscope::http {

// Where the requests on one HTTP/1.1 connection begin and end (RFC 9112), without a socket: feed()
// takes the connection's bytes as they arrive, in pieces of any size. Each head's request line and
// framing headers (Content-Length, Transfer-Encoding) are checked, each body is skipped by its
// length or chunk by chunk, and bounded. The first violation ends the reading: the connection is
// to be answered with its status and closed, since what follows cannot be framed.
//
// It stands in front of QHttpServer 6.4, whose parser trusts what it reads, and must never see a
// request end where QHttpServer does not: whatever QHttpServer would frame otherwise is refused
// (more than 100 fields, trailer fields, a chunked body not ended by exactly CRLF).
class RequestFraming
{
public:
    struct Limits
    {
        // A head, its end and the empty lines before it included: 431.
        // The chunk extensions of one body, in all: 400.
        qint64 maxHeadBytes = 16 * 1024;
        qint64 maxBodyBytes = 4 * 1024 * 1024; // the content of one body: 413
    };
    // QHttpHeaderParser drops every field of a head with more (Host and Content-Length too), so
    // QHttpServer would read its body as the next request: 431.
    static constexpr int MaxFields = 100;
    struct Violation
    {
        int status = 0;          // 400, 413, 431, 501 or 505
        QByteArray message;      // one sentence for the client
        qint64 requestStart = 0; // offset in the stream of the request at fault
    };

    RequestFraming() = default;
    explicit RequestFraming(Limits limits)
        : m_limits(limits)
    {}

    void feed(QByteArrayView bytes);
    const std::optional<Violation> &violation() const { return m_violation; }
    qint64 fed() const { return m_fed; } // all of it, read or not after a violation
    qint64 requestsComplete() const { return m_requestsComplete; }
    // Where the request being read starts: the end of the last complete one.
    qint64 requestStart() const { return m_requestStart; }

private:
    enum class State
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataCr,
        ChunkDataLf,
    };

    qsizetype takeLine(QByteArrayView bytes);
    void line(QByteArrayView text, bool crlf);
    void requestLine(QByteArrayView text);
    void fieldLine(QByteArrayView text);
    void endHead();
    void chunkSizeLine(QByteArrayView text);
    void endRequest();
    void refuse(int status, const QByteArray &message);

    Limits m_limits;
    State m_state = State::Head;
    std::optional<Violation> m_violation;
    qint64 m_fed = 0;
    qint64 m_read = 0; // up to the violation
    qint64 m_requestStart = 0;
    qint64 m_requestsComplete = 0;
    QByteArray m_line;      // the line being read, its LF included
    qint64 m_lineBytes = 0; // of the head, or of the chunk-size lines' extensions
    // Of the head being read:
    bool m_requestLineRead = false;
    int m_fields = 0;
    bool m_http10 = false;
    std::optional<qint64> m_contentLength;
    std::optional<QList<QByteArray>> m_transferCodings;
    // Of the body being read:
    qint64 m_remaining = 0;   // of the body or of the chunk
    qint64 m_bodyBytes = 0;   // of a chunked body
    bool m_lastChunk = false; // the CRLF expected ends the body
};

// The length of the request head at the start of `bytes`, the empty lines before it and the one
// that ends it included (a line ends with LF, or CRLF); -1 while it is incomplete.
qsizetype headLength(QByteArrayView bytes);

// "Bad Request" for 400, and so on for the statuses of a Violation.
QByteArray reasonPhrase(int status);

// 4194304 -> "4 MiB", 1000 -> "1000 bytes".
QByteArray sizeText(qint64 bytes);

} // namespace subscope::http
