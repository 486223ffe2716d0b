#include "request_framing.h"

#include <algorithm>
#include <limits>

namespace subscope::http {

namespace {

constexpr qsizetype MaxChunkSizeDigits = 16; // 64 bits

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (isDigit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimmedOws(QByteArrayView text)
{
    while (!text.isEmpty() && isOws(text.front()))
        text = text.sliced(1);
    while (!text.isEmpty() && isOws(text.back()))
        text.chop(1);
    return text;
}

// HTTP-version = "HTTP/" DIGIT "." DIGIT (case-sensitive).
bool isHttpVersion(QByteArrayView text)
{
    return text.size() == 8 && text.startsWith("HTTP/") && isDigit(text[5]) && text[6] == '.' &&
           isDigit(text[7]);
}

} // namespace

void RequestFraming::feed(QByteArrayView bytes)
{
    m_fed += bytes.size();
    while (!bytes.isEmpty() && !m_violation) {
        switch (m_state) {
        case State::Head:
        case State::ChunkSize:
            bytes = bytes.sliced(takeLine(bytes));
            break;
        case State::Body:
        case State::ChunkData: {
            const qsizetype taken = qsizetype(std::min<qint64>(m_remaining, bytes.size()));
            bytes = bytes.sliced(taken);
            m_read += taken;
            m_remaining -= taken;
            if (m_remaining > 0) break;
            if (m_state == State::Body)
                endRequest();
            else
                m_state = State::ChunkDataCr;
            break;
        }
        case State::ChunkDataCr:
        case State::ChunkDataLf: {
            // Byte by byte: QHttpServer takes the two bytes after the last chunk as the body's
            // end whatever they are, and serves the request before a line of ours could end.
            const char expected = m_state == State::ChunkDataCr ? '\r' : '\n';
            if (bytes.front() != expected) {
                refuse(400, m_lastChunk ? "Trailer fields after a chunked body are not supported; "
                                          "the body ends with 0 CRLF CRLF."
                                        : "A chunk's data is not followed by CRLF.");
                break;
            }
            bytes = bytes.sliced(1);
            ++m_read;
            if (m_state == State::ChunkDataCr)
                m_state = State::ChunkDataLf;
            else if (m_lastChunk)
                endRequest();
            else
                m_state = State::ChunkSize;
            break;
        }
        }
    }
}

// Takes `bytes` up to the end of the line being read (or all of them), within the limit of the
// state; returns how many it took.
qsizetype RequestFraming::takeLine(QByteArrayView bytes)
{
    const qsizetype lf = bytes.indexOf('\n');
    const qsizetype taken = lf < 0 ? bytes.size() : lf + 1;
    if (m_state == State::ChunkSize) {
        // Digits, CR and the extensions left to the request: anything longer breaks a limit.
        if (m_line.size() + taken > MaxChunkSizeDigits + 2 + m_limits.maxHeadBytes - m_lineBytes) {
            refuse(400,
                   "The chunk extensions are larger than " + sizeText(m_limits.maxHeadBytes) + '.');
            return 0;
        }
    } else {
        m_lineBytes += taken;
        if (m_lineBytes > m_limits.maxHeadBytes) {
            refuse(431, "The request head is larger than " + sizeText(m_limits.maxHeadBytes) + '.');
            return 0;
        }
    }
    m_line.append(bytes.first(taken));
    m_read += taken;
    if (lf >= 0) {
        QByteArrayView text(m_line);
        text.chop(1);
        const bool crlf = text.endsWith('\r');
        if (crlf) text.chop(1);
        if (text.contains('\r'))
            refuse(400, "A line of the request has a CR that is not before its LF.");
        else
            line(text, crlf);
        m_line.clear();
    }
    return taken;
}

void RequestFraming::line(QByteArrayView text, bool crlf)
{
    switch (m_state) {
    case State::Head:
        // RFC 9112 §2.2: empty lines before a request line are ignored.
        if (!m_requestLineRead && text.isEmpty()) return;
        if (!m_requestLineRead)
            requestLine(text);
        else if (text.isEmpty())
            endHead();
        else
            fieldLine(text);
        return;
    case State::ChunkSize:
        if (!crlf)
            refuse(400, "A chunk-size line does not end with CRLF.");
        else
            chunkSizeLine(text);
        return;
    default:
        Q_UNREACHABLE();
    }
}

// RFC 9112 §3: method SP request-target SP HTTP-version.
void RequestFraming::requestLine(QByteArrayView text)
{
    m_requestLineRead = true;
    const qsizetype methodEnd = text.indexOf(' ');
    const qsizetype targetEnd = methodEnd < 0 ? -1 : text.indexOf(' ', methodEnd + 1);
    if (targetEnd < 0) {
        refuse(400, "The request line is not \"<method> <target> HTTP/1.1\".");
        return;
    }
    const QByteArrayView target = text.sliced(methodEnd + 1, targetEnd - methodEnd - 1);
    const QByteArrayView version = text.sliced(targetEnd + 1);
    // Bytes over 0x7f pass: not URI characters, but harmless to the framing.
    const bool targetValid =
        !target.isEmpty() && std::none_of(target.begin(), target.end(), [](char c) {
            return uchar(c) <= 0x20 || uchar(c) == 0x7f;
        });
    if (!isToken(text.first(methodEnd)) || !targetValid || !isHttpVersion(version)) {
        refuse(400, "The request line is not \"<method> <target> HTTP/1.1\".");
        return;
    }
    if (version[5] != '1') {
        refuse(505, "Only HTTP/1.1 is served.");
        return;
    }
    m_http10 = version[7] == '0';
}

// name ":" OWS value OWS.
void RequestFraming::fieldLine(QByteArrayView text)
{
    if (++m_fields > MaxFields) {
        refuse(431,
               "The request has more than " + QByteArray::number(MaxFields) + " header fields.");
        return;
    }
    if (isOws(text.front())) {
        refuse(400, "A header line starts with whitespace (obsolete line folding).");
        return;
    }
    const qsizetype colon = text.indexOf(':');
    if (colon < 0 || !isToken(text.first(colon))) {
        refuse(400, "A header line is not \"<name>: <value>\".");
        return;
    }
    const QByteArrayView name = text.first(colon);
    const QByteArrayView value = trimmedOws(text.sliced(colon + 1));
    if (value.contains('\0')) {
        refuse(400, "A header value contains a NUL byte.");
        return;
    }
    if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
        // A list ("5, 5") is refused too: QHttpServer would read it as no length at all.
        if (value.isEmpty() || !std::all_of(value.begin(), value.end(), isDigit)) {
            refuse(400, "Content-Length is not a number.");
            return;
        }
        qint64 length = 0;
        for (const char digit : value)
            length = length > (std::numeric_limits<qint64>::max() - 9) / 10
                         ? std::numeric_limits<qint64>::max() // over any limit all the same
                         : length * 10 + (digit - '0');
        if (m_contentLength && *m_contentLength != length) {
            refuse(400, "The request has two different Content-Lengths.");
            return;
        }
        m_contentLength = length;
    } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
        if (!m_transferCodings) m_transferCodings.emplace();
        for (const QByteArray &item : value.toByteArray().split(','))
            if (const QByteArrayView coding = trimmedOws(item); !coding.isEmpty())
                m_transferCodings->append(coding.toByteArray().toLower());
    }
}

// RFC 9112 §6.1 and §6.3.
void RequestFraming::endHead()
{
    if (m_transferCodings) {
        if (m_contentLength) {
            refuse(400, "A request may not have both Content-Length and Transfer-Encoding.");
        } else if (m_http10) {
            refuse(400, "Transfer-Encoding needs HTTP/1.1.");
        } else if (m_transferCodings->isEmpty() || m_transferCodings->constLast() != "chunked") {
            // RFC 9112 §6.3: the length of the body cannot be known.
            refuse(400, "Transfer-Encoding must end with chunked.");
        } else if (m_transferCodings->count("chunked") != 1) {
            refuse(400, "Transfer-Encoding must name chunked once.");
        } else if (m_transferCodings->size() != 1) {
            refuse(501, "The only transfer coding supported is chunked.");
        } else {
            m_state = State::ChunkSize;
            m_lineBytes = 0;
        }
        return;
    }
    const qint64 length = m_contentLength.value_or(0);
    if (length > m_limits.maxBodyBytes) {
        refuse(413, "The body is larger than " + sizeText(m_limits.maxBodyBytes) + '.');
    } else if (length > 0) {
        m_state = State::Body;
        m_remaining = length;
    } else {
        endRequest();
    }
}

// RFC 9112 §7.1: chunk-size [ chunk-ext ], chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS value ] ).
void RequestFraming::chunkSizeLine(QByteArrayView text)
{
    qsizetype digits = 0;
    while (digits < text.size() && hexValue(text[digits]) >= 0)
        ++digits;
    const QByteArrayView extensions = text.sliced(digits);
    const QByteArrayView extensionStart = trimmedOws(extensions);
    const bool extensionsValid =
        extensions.isEmpty() || (extensionStart.startsWith(';') &&
                                 std::none_of(extensions.begin(), extensions.end(), [](char c) {
                                     return (uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f;
                                 }));
    if (digits == 0 || !extensionsValid) {
        refuse(400, "A chunk size is not a hexadecimal number.");
        return;
    }
    if (digits > MaxChunkSizeDigits) {
        refuse(400, "A chunk size has more than 16 digits.");
        return;
    }
    m_lineBytes += extensions.size();
    if (m_lineBytes > m_limits.maxHeadBytes) {
        refuse(400,
               "The chunk extensions are larger than " + sizeText(m_limits.maxHeadBytes) + '.');
        return;
    }
    quint64 size = 0;
    for (const char digit : text.first(digits))
        size = size * 16 + quint64(hexValue(digit));
    if (size == 0) {
        m_lastChunk = true;
        m_state = State::ChunkDataCr;
        return;
    }
    if (size > quint64(m_limits.maxBodyBytes - m_bodyBytes)) {
        refuse(413, "The body is larger than " + sizeText(m_limits.maxBodyBytes) + '.');
        return;
    }
    m_bodyBytes += qint64(size);
    m_remaining = qint64(size);
    m_state = State::ChunkData;
}

void RequestFraming::endRequest()
{
    ++m_requestsComplete;
    m_requestStart = m_read;
    m_state = State::Head;
    m_lineBytes = 0;
    m_requestLineRead = false;
    m_fields = 0;
    m_http10 = false;
    m_contentLength.reset();
    m_transferCodings.reset();
    m_remaining = 0;
    m_bodyBytes = 0;
    m_lastChunk = false;
}

void RequestFraming::refuse(int status, const QByteArray &message)
{
    m_violation = Violation{status, message, m_requestStart};
}

qsizetype headLength(QByteArrayView bytes)
{
    qsizetype start = 0;
    for (;;) {
        if (bytes.sliced(start).startsWith('\n'))
            start += 1;
        else if (bytes.sliced(start).startsWith("\r\n"))
            start += 2;
        else
            break;
    }
    for (qsizetype lf = bytes.indexOf('\n', start); lf >= 0; lf = bytes.indexOf('\n', lf + 1)) {
        const QByteArrayView after = bytes.sliced(lf + 1);
        if (after.startsWith('\n')) return lf + 2;
        if (after.startsWith("\r\n")) return lf + 3;
    }
    return -1;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 413:
        return "Content Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Error";
    }
}

QByteArray sizeText(qint64 bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return QByteArray::number(bytes / (1024 * 1024)) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0) return QByteArray::number(bytes / 1024) + " KiB";
    return QByteArray::number(bytes) + " bytes";
}

} // namespace subscope::http
