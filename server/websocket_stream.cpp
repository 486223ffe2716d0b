#include "websocket_stream.h"

#include <QPointer>
#include <QTimer>

namespace subscope::server {

using websocket::Opcode;

namespace {
// Read at most this much per turn of the event loop, so that one busy client does not starve
// the others (epoll reports the rest at the next turn; a TLS socket has read it already and
// reports it again).
constexpr qsizetype MaxReadPerTurn = 1024 * 1024;
// Past this many unsent bytes, pings are not answered.
constexpr qint64 MaxWaitingBeforePong = 64 * 1024;
} // namespace

WebSocketStream::WebSocketStream(StreamTransport *transport, quint64 maxMessageBytes,
                                 QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_decoder(maxMessageBytes)
{
    transport->setParent(this);
    connect(transport, &StreamTransport::readable, this, &WebSocketStream::onReadable);
    connect(transport, &StreamTransport::writable, this, &WebSocketStream::onWritable);
}

WebSocketStream::~WebSocketStream() = default; // the transport, a child, closes

void WebSocketStream::start(QByteArray early)
{
    if (m_state == State::Closed || m_started) return;
    m_started = true;
    m_transport->startReading();
    if (!early.isEmpty()) {
        m_in = std::move(early);
        QMetaObject::invokeMethod(this, &WebSocketStream::decode, Qt::QueuedConnection);
    }
}

void WebSocketStream::write(const QByteArray &bytes)
{
    if (m_state != State::Open || bytes.isEmpty()) return;
    if (bytesToWrite() == 0) {
        m_out = bytes; // shared, not copied
        m_outSent = 0;
    } else {
        if (m_outSent > m_out.size() / 2) { // drop what is sent before the buffer grows
            m_out.remove(0, m_outSent);
            m_outSent = 0;
        }
        m_out.append(bytes);
    }
    if (!sendWaiting()) {
        finish();
        return;
    }
    if (bytesToWrite() > 0) m_transport->setWriteNotification(true);
}

void WebSocketStream::ping()
{
    QByteArray frame;
    websocket::appendFrame(frame, Opcode::Ping, {});
    write(frame);
}

void WebSocketStream::close(int code, const QByteArray &reason)
{
    if (m_state != State::Open) return;
    QByteArray frame;
    websocket::appendFrame(frame, Opcode::Close, websocket::closePayload(code, reason));
    write(frame);
    if (m_state != State::Open) return; // the write failed: closed already, as 1006
    m_closeCode = code;
    m_closeReason = reason;
    m_closedByClient = false;
    m_state = State::Closing;
    // End our side once the frame is out, so that a client that does not answer still sees the
    // end of the stream.
    m_shutdownWhenSent = true;
    if (bytesToWrite() == 0) shutdownWrite();
    // The client answers with its Close frame; one that does not is closed on anyway.
    m_closeTimer = new QTimer(this);
    m_closeTimer->setSingleShot(true);
    connect(m_closeTimer, &QTimer::timeout, this, &WebSocketStream::finish);
    m_closeTimer->start(CloseTimeoutMs);
}

void WebSocketStream::abort()
{
    if (m_state == State::Open) m_closedByClient = false;
    finish();
}

bool WebSocketStream::sendWaiting()
{
    while (m_outSent < m_out.size()) {
        const qint64 sent =
            m_transport->send(m_out.constData() + m_outSent, m_out.size() - m_outSent);
        if (sent == StreamTransport::Failed) return false;
        if (sent == 0) return true;
        m_outSent += sent;
    }
    m_out = QByteArray(); // release: an idle stream keeps no buffer
    m_outSent = 0;
    return true;
}

void WebSocketStream::onWritable()
{
    if (m_state == State::Closed) return;
    if (!sendWaiting()) {
        finish();
        return;
    }
    if (bytesToWrite() > 0) return;
    m_transport->setWriteNotification(false);
    if (m_shutdownWhenSent) shutdownWrite();
    if (m_closeSocketWhenSent) {
        finish();
        return;
    }
    emit bytesWritten();
}

void WebSocketStream::onReadable()
{
    if (m_state == State::Closed) return;
    char chunk[64 * 1024];
    qsizetype total = 0;
    for (;;) {
        const qint64 got = m_transport->receive(chunk, sizeof chunk);
        if (got == StreamTransport::Failed) {
            m_eof = true;
            break;
        }
        m_in.append(chunk, got);
        total += got;
        if (size_t(got) < sizeof chunk || total >= MaxReadPerTurn) break;
    }
    const QPointer<WebSocketStream> alive(this);
    if (!m_in.isEmpty()) decode();
    if (alive && m_eof) finish();
}

void WebSocketStream::decode()
{
    if (m_state == State::Closed) return;
    if (m_decoder.error().closeCode) { // failed: the rest is not read, only waited out
        m_in = QByteArray();
        return;
    }
    std::vector<websocket::Message> messages;
    const bool ok = m_decoder.decode(m_in, messages);
    const QPointer<WebSocketStream> alive(this);
    for (websocket::Message &message : messages) {
        switch (message.opcode) {
        case Opcode::Text:
            if (m_state == State::Open) emit textReceived(message.payload);
            break;
        case Opcode::Binary:
            if (m_state == State::Open) emit binaryReceived(message.payload);
            break;
        case Opcode::Ping: {
            // §5.5.3 lets an endpoint answer only the latest of several pings: a client that
            // pings without reading gets no pongs piling up here.
            if (m_out.size() - m_outSent > MaxWaitingBeforePong) break;
            QByteArray frame;
            websocket::appendFrame(frame, Opcode::Pong, message.payload);
            write(frame);
            break;
        }
        case Opcode::Pong:
            emit pongReceived();
            break;
        case Opcode::Close:
            if (m_state == State::Open) {
                // §5.5.1: answer with a Close frame echoing the code, then close the socket.
                m_closeCode = message.closeCode;
                m_closeReason = message.payload;
                QByteArray frame;
                websocket::appendFrame(frame, Opcode::Close,
                                       message.closeCode == websocket::close_code::NoStatus
                                           ? QByteArray()
                                           : websocket::closePayload(message.closeCode, {}));
                write(frame);
                if (m_state == State::Open) m_state = State::Closing;
            }
            closeWhenSent();
            return;
        default:
            break;
        }
        if (!alive || m_state == State::Closed) return;
    }
    if (!ok) {
        m_in = QByteArray();
        close(m_decoder.error().closeCode, m_decoder.error().reason);
    }
}

void WebSocketStream::shutdownWrite()
{
    m_shutdownWhenSent = false;
    m_transport->shutdownWrite();
}

void WebSocketStream::closeWhenSent()
{
    if (m_state == State::Closed) return;
    m_closeSocketWhenSent = true;
    if (bytesToWrite() == 0) {
        finish();
        return;
    }
    if (!m_closeTimer) {
        m_closeTimer = new QTimer(this);
        m_closeTimer->setSingleShot(true);
        connect(m_closeTimer, &QTimer::timeout, this, &WebSocketStream::finish);
        m_closeTimer->start(CloseTimeoutMs);
    }
}

void WebSocketStream::finish()
{
    if (m_state == State::Closed) return;
    m_state = State::Closed;
    if (m_closeTimer) m_closeTimer->stop();
    m_transport->close();
    m_in = QByteArray();
    m_out = QByteArray();
    m_outSent = 0;
    emit disconnected();
}

} // namespace subscope::server
