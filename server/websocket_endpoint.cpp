#include "websocket_endpoint.h"

#include "graphql/utf8.h"
#include "logging.h"
#include "stream_transport.h"
#include "tls_transport.h"
#include "websocket/frame_codec.h"
#include "websocket/handshake.h"
#include "websocket_stream.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <unistd.h>

namespace subscope::server {

using protocol::Subprotocol;

namespace {

// Bytes the kernel may refuse before the outbox stops draining into the socket (W28: the outbox,
// not the socket, is where a slow consumer's frames wait and drop).
constexpr qint64 HighWaterBytes = 256 * 1024;

// W30: what the handshake request says about the client.
protocol::ConnectionInfo connectionInfo(const QTcpSocket &socket,
                                        const ConnectionRouter::RequestHead &head)
{
    protocol::ConnectionInfo info;
    for (const auto &[key, value] : head.headers)
        if (key.compare("authorization", Qt::CaseInsensitive) == 0) {
            info.authorization = value.toStdString();
            break;
        }
    const QUrlQuery query(QUrl(QString::fromUtf8(head.target)).query());
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        info.query.emplace_back(key.toStdString(), value.toStdString());
    info.peer = QString(socket.peerAddress().toString() + QLatin1Char(':') +
                        QString::number(socket.peerPort()))
                    .toStdString();
    return info;
}

} // namespace

WebSocketConnection::WebSocketConnection(WebSocketEndpoint &endpoint, WebSocketStream *stream,
                                         const protocol::ConnectionInfo &info,
                                         std::optional<Subprotocol> subprotocol, QByteArray early)
    : QObject(&endpoint)
    , m_endpoint(endpoint)
    , m_socket(stream)
{
    stream->setParent(this);
    // Queued: close() can disconnect at once, and whoever closed (the constructor, a loop over
    // the connections) must not see the connection vanish under it.
    connect(stream, &WebSocketStream::disconnected, this, &WebSocketConnection::onDisconnected,
            Qt::QueuedConnection);
    // Gone before anyone listened: the connection must still end.
    if (!stream->isOpen())
        QMetaObject::invokeMethod(this, &WebSocketConnection::onDisconnected, Qt::QueuedConnection);
    m_peer = QString::fromStdString(info.peer);
    if (!subprotocol) {
        tap(WireEvent::Kind::Opened, true, m_peer.toUtf8());
        // W1: no supported subprotocol offered: the handshake completed without one; close 1002.
        qCInfo(lcServer).noquote() << "connection from" << QString::fromStdString(info.peer)
                                   << "offered no supported subprotocol: closed 1002";
        m_closing = true;
        stream->start({});
        stream->close(protocol::close_code::ProtocolError, "Unsupported subprotocol");
        return;
    }
    m_session = std::make_unique<protocol::Session>(endpoint.m_hub, *subprotocol, endpoint.m_schema,
                                                    endpoint.m_sessionConfig, info);
    tap(WireEvent::Kind::Opened, true, m_peer.toUtf8());
    qCInfo(lcServer).noquote() << "socket" << m_session->socket() << "connected from"
                               << QString::fromStdString(info.peer) << "speaking"
                               << protocol::subprotocolName(*subprotocol);
    connect(stream, &WebSocketStream::textReceived, this, &WebSocketConnection::onText);
    connect(stream, &WebSocketStream::binaryReceived, this, &WebSocketConnection::onBinary);
    connect(stream, &WebSocketStream::pongReceived, this, [this] {
        if (m_session) m_session->pong();
    });
    connect(stream, &WebSocketStream::bytesWritten, this, &WebSocketConnection::scheduleDrain);
    apply(m_session->open());
    stream->start(std::move(early));
}

WebSocketConnection::~WebSocketConnection()
{
    if (!m_session) return;
    const registry::Outbox *outbox = m_endpoint.m_hub.outbox(m_session->socket());
    const uint64_t drops = outbox ? outbox->drops() : 0;
    if (drops) // W28: what this socket lost to its outbox, once, where the socket's story ends
        qCInfo(lcServer).nospace() << "socket " << m_session->socket() << " closed with "
                                   << (m_socket ? int(m_socket->closeCode()) : 0) << " (" << drops
                                   << " frames dropped by its outbox)";
    else
        qCInfo(lcServer) << "socket" << m_session->socket() << "closed with"
                         << (m_socket ? int(m_socket->closeCode()) : 0);
}

std::optional<Subprotocol> WebSocketConnection::subprotocol() const
{
    return m_session ? std::optional(m_session->subprotocol()) : std::nullopt;
}

void WebSocketConnection::onText(const QByteArray &frame)
{
    ++m_endpoint.m_counters.framesIn;
    tap(WireEvent::Kind::Text, true, frame);
    if (m_session && !m_closing) apply(m_session->textFrame(frame));
}

void WebSocketConnection::onBinary(const QByteArray &message)
{
    ++m_endpoint.m_counters.framesIn;
    tap(WireEvent::Kind::Binary, true, message);
    if (m_session && !m_closing) apply(m_session->binaryFrame());
}

void WebSocketConnection::onDisconnected()
{
    if (m_socket)
        tap(WireEvent::Kind::Closed, m_socket->closedByClient(), m_socket->closeReason(),
            int(m_socket->closeCode()));
    emit finished(this);
}

void WebSocketConnection::tap(WireEvent::Kind kind, bool fromClient, const QByteArray &data,
                              int closeCode)
{
    if (!m_endpoint.m_tap) return;
    m_endpoint.m_tap(WireEvent{kind, socketId(), subprotocol(), fromClient, data, closeCode});
}

void WebSocketConnection::apply(const protocol::SessionOutput &out)
{
    for (const protocol::SessionOutput::Timer &t : out.timers) {
        QTimer *&timer = m_timers[t.timer];
        if (t.intervalMs <= 0) {
            if (timer) timer->stop();
            continue;
        }
        if (!timer) {
            timer = new QTimer(this);
            const protocol::SessionTimer kind = t.timer;
            connect(timer, &QTimer::timeout, this, [this, kind] {
                if (m_session && !m_closing) apply(m_session->timer(kind));
            });
        }
        timer->setSingleShot(!t.repeat);
        timer->start(t.intervalMs);
    }
    if (out.sendPing && m_socket) m_socket->ping();
    if (out.abort) {
        closeNow(0, {});
        return;
    }
    m_endpoint.closeOverflowed();
    if (out.close)
        closeAfterDrain(out.close->code, out.close->reason);
    else
        drain();
}

void WebSocketConnection::scheduleDrain()
{
    if (m_drainPending || !m_session) return;
    m_drainPending = true;
    m_endpoint.drainLater(m_session->socket());
}

void WebSocketConnection::frameQueued()
{
    const registry::Outbox *outbox = m_endpoint.m_hub.outbox(m_session->socket());
    // Half full: drain at once, so that a batch of events larger than the outbox reaches a
    // socket that takes bytes (W28 drops only what a socket cannot take).
    if (outbox && outbox->size() >= std::max<size_t>(1, outbox->capacity() / 2)) {
        drain();
        return;
    }
    scheduleDrain();
}

void WebSocketConnection::drain()
{
    m_drainPending = false;
    if (!m_socket || !m_session || m_closing) return;
    registry::Outbox *outbox = m_endpoint.m_hub.outbox(m_session->socket());
    QByteArray out; // every frame of this turn in one write
    while (outbox && !outbox->empty()) {
        if (m_socket->bytesToWrite() + out.size() >= HighWaterBytes) {
            // What the kernel refused waits in the stream; past the mark, the socket is behind
            // and frames wait in the outbox.
            if (out.isEmpty()) break;
            m_socket->write(std::exchange(out, {}));
            continue;
        }
        const QByteArray frame = *outbox->pop();
        // Text frames must be UTF-8 (a client closes with 1007 otherwise): what a trigger's JSON
        // carried unchecked goes through QString, which replaces bad bytes with U+FFFD.
        if (graphql::utf8::isValid(std::string_view(frame.constData(), frame.size())))
            websocket::appendTextFrame(out, frame);
        else
            websocket::appendTextFrame(out, QString::fromUtf8(frame).toUtf8());
        ++m_endpoint.m_counters.framesOut;
        tap(WireEvent::Kind::Text, false, frame);
    }
    if (!out.isEmpty()) m_socket->write(out);
    if (m_closeWhenDrained && (!outbox || outbox->empty()) && m_socket->bytesToWrite() == 0)
        closeNow(m_closeWhenDrained->first, m_closeWhenDrained->second);
}

void WebSocketConnection::closeAfterDrain(int code, const QString &reason, int graceMs)
{
    if (m_closing || !m_socket) return;
    if (!m_closeWhenDrained) // a close already decided (e.g. 4400) keeps its code
        m_closeWhenDrained = {code, reason};
    QTimer::singleShot(graceMs, this, [this] {
        if (m_closeWhenDrained) closeNow(m_closeWhenDrained->first, m_closeWhenDrained->second);
    });
    drain();
}

void WebSocketConnection::closeNow(int code, const QString &reason)
{
    if (m_closing || !m_socket) return;
    m_closing = true;
    m_closeWhenDrained.reset();
    for (auto &[kind, timer] : m_timers)
        timer->stop();
    if (m_session)
        qCInfo(lcServer).noquote()
            << "socket" << m_session->socket() << "closing with" << code << reason;
    if (code == 0)
        m_socket->abort();
    else
        m_socket->close(code, reason.toUtf8());
}

WebSocketEndpoint::WebSocketEndpoint(const graphql::Schema &schema, registry::Hub &hub,
                                     const ServerConfig &config, const graphql::Fixtures &fixtures,
                                     QObject *parent)
    : QObject(parent)
    , m_schema(schema)
    , m_hub(hub)
    , m_config(config)
{
    m_sessionConfig.keepaliveMs = config.keepaliveSeconds * 1000;
    m_sessionConfig.initTimeoutMs = config.initTimeoutSeconds * 1000;
    m_sessionConfig.groupNames = config.groupNames;
    m_sessionConfig.maxOperations = size_t(std::max(0, config.maxOperations));
    m_sessionConfig.fixtures = &fixtures;
    if (m_config.access) {
        m_access = m_config.access->policy();
        m_sessionConfig.access = &m_access;
    }
    m_hub.onFramesQueued = [this](registry::SocketId socket) {
        auto it = m_bySocket.find(socket);
        if (it != m_bySocket.end()) it->second->frameQueued();
    };
}

WebSocketEndpoint::~WebSocketEndpoint()
{
    m_hub.onFramesQueued = nullptr;
    for (WebSocketConnection *c : m_connections)
        c->disconnect(this);
    qDeleteAll(m_connections);
}

void WebSocketEndpoint::drainLater(registry::SocketId socket)
{
    m_drainLater.push_back(socket);
    if (m_drainScheduled) return;
    m_drainScheduled = true;
    // Once for all sockets, after whatever queued the frames (a trigger, a batch) is done: each
    // socket's frames of this turn go out in one write.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_drainScheduled = false;
            for (registry::SocketId socket : std::exchange(m_drainLater, {})) {
                auto it = m_bySocket.find(socket);
                if (it != m_bySocket.end()) it->second->drain();
            }
        },
        Qt::QueuedConnection);
}

bool WebSocketEndpoint::originAllowed(const QByteArray &origin) const
{
    if (origin.isEmpty() || m_config.allowedOrigins.isEmpty()) return true;
    QString given = QString::fromLatin1(origin).trimmed();
    while (given.endsWith(QLatin1Char('/')))
        given.chop(1);
    for (QString allowed : m_config.allowedOrigins) {
        while (allowed.endsWith(QLatin1Char('/')))
            allowed.chop(1);
        if (allowed == QLatin1String("*") || allowed.compare(given, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool WebSocketEndpoint::pathMatches(const QByteArray &target) const
{
    const QString path = QUrl(QString::fromUtf8(target)).path();
    const QString expected = m_config.path;
    auto trimmed = [](QString p) {
        while (p.size() > 1 && p.endsWith(QLatin1Char('/')))
            p.chop(1);
        return p;
    };
    return trimmed(path) == trimmed(expected);
}

void WebSocketEndpoint::upgrade(QTcpSocket *socket, const ConnectionRouter::RequestHead &head)
{
    const auto refuse = [socket](const QByteArray &answer) {
        socket->write(answer);
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    };
    if (!pathMatches(head.target)) {
        refuse("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nConnection: "
               "close\r\nContent-Length: 0\r\n\r\n");
        return;
    }
    // Against cross-site WebSocket hijacking: a browser page of another origin may not use the
    // cookies or network position of whoever opened it.
    const QByteArray origin = head.header("origin");
    if (!originAllowed(origin)) {
        qCWarning(lcServer).noquote() << "handshake from" << socket->peerAddress().toString()
                                      << "refused: origin" << origin << "is not allowed";
        refuse(websocket::httpRefusal("403 Forbidden",
                                      "The origin " + origin +
                                          " may not open WebSockets here (--allowed-origins)."));
        return;
    }
    if (m_connections.size() >= size_t(m_config.maxConnections)) {
        qCWarning(lcServer).noquote()
            << "handshake from" << socket->peerAddress().toString() << "refused: the server holds"
            << m_config.maxConnections << "connections (--max-connections)";
        refuse(websocket::httpRefusal("503 Service Unavailable",
                                      "The server holds its limit of " +
                                          QByteArray::number(m_config.maxConnections) +
                                          " connections; try again later.",
                                      "Retry-After: 5\r\n"));
        return;
    }
    const websocket::HandshakeRequest request = websocket::readHandshake(head.method, head.headers);
    if (!request.valid) {
        qCInfo(lcServer).noquote()
            << "handshake from" << socket->peerAddress().toString()
            << "refused:" << request.refusal.left(request.refusal.indexOf('\r'));
        refuse(request.refusal);
        return;
    }
    const protocol::ConnectionInfo info = connectionInfo(*socket, head);
    QByteArray early = socket->readAll(); // the head was only peeked at
    early.remove(0, head.size);
    StreamTransport *transport = nullptr;
    if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
        transport = new TlsTransport(tls);
    } else {
        // The descriptor leaves Qt: a duplicate outlives the QTcpSocket, whose buffers (48 KiB
        // of address space, a page or two resident) would otherwise stay with every idle
        // connection.
        const int descriptor = ::dup(int(socket->socketDescriptor()));
        if (descriptor < 0) {
            qCWarning(lcServer) << "cannot take the socket of" << QString::fromStdString(info.peer)
                                << "from Qt:" << strerror(errno);
            socket->abort();
            socket->deleteLater();
            return;
        }
        socket->abort(); // closes Qt's descriptor only: the connection lives on in the duplicate
        socket->deleteLater();
        transport = new DescriptorTransport(descriptor);
    }

    const std::optional<Subprotocol> chosen = protocol::negotiateSubprotocol(request.subprotocols);
    auto *stream = new WebSocketStream(transport, quint64(m_config.maxMessageBytes));
    stream->write(websocket::acceptResponse(
        request.key, chosen ? QString::fromLatin1(protocol::subprotocolName(*chosen)) : QString()));
    if (!stream->isOpen()) { // the client is gone already (reset before the answer)
        delete stream;
        return;
    }
    auto *connection = new WebSocketConnection(*this, stream, info, chosen, std::move(early));
    ++m_counters.connectionsOpened;
    m_connections.push_back(connection);
    if (connection->socketId()) m_bySocket[connection->socketId()] = connection;
    connect(connection, &WebSocketConnection::finished, this, [this](WebSocketConnection *c) {
        m_bySocket.erase(c->socketId());
        m_connections.erase(std::remove(m_connections.begin(), m_connections.end(), c),
                            m_connections.end());
        c->deleteLater();
    });
}

void WebSocketEndpoint::setAccessRules(std::shared_ptr<const protocol::AccessRules> rules)
{
    // The policy's closures point into the rules: keep them alive as long as it is used.
    m_config.access = std::move(rules);
    m_access = m_config.access->policy();
    m_sessionConfig.access = &m_access;
}

void WebSocketEndpoint::closeOverflowed()
{
    for (registry::SocketId socket : m_hub.takeSocketsToClose()) {
        auto it = m_bySocket.find(socket);
        if (it != m_bySocket.end()) {
            qCWarning(lcServer) << "socket" << socket << "outbox overflowed: closing with 4413";
            it->second->closeNow(protocol::close_code::OutboxOverflow,
                                 QStringLiteral("Outbox overflow"));
        }
    }
}

const WebSocketConnection *WebSocketEndpoint::connection(registry::SocketId socket) const
{
    const auto it = m_bySocket.find(socket);
    return it == m_bySocket.end() ? nullptr : it->second;
}

size_t WebSocketEndpoint::connectionCount(std::optional<Subprotocol> subprotocol) const
{
    size_t count = 0;
    for (const WebSocketConnection *c : m_connections)
        if (c->subprotocol() && (!subprotocol || c->subprotocol() == subprotocol)) ++count;
    return count;
}

void WebSocketEndpoint::shutdown(int graceMs, std::function<void()> done)
{
    if (m_connections.empty()) {
        done();
        return;
    }
    auto finishedAll = std::make_shared<bool>(false);
    auto check = [this, done, finishedAll] {
        if (!*finishedAll && m_connections.empty()) {
            *finishedAll = true;
            done();
        }
    };
    const std::vector<WebSocketConnection *> connections = m_connections;
    for (WebSocketConnection *c : connections) {
        // Queued on the endpoint: when the server is destroyed before it runs, it never does.
        connect(c, &WebSocketConnection::finished, this,
                [this, check] { QMetaObject::invokeMethod(this, check, Qt::QueuedConnection); });
        c->closeAfterDrain(protocol::close_code::GoingAway, QStringLiteral("Server shutting down"),
                           graceMs);
    }
    QTimer::singleShot(graceMs + 500, this, [done, finishedAll] {
        if (!*finishedAll) {
            *finishedAll = true;
            done();
        }
    });
}

} // namespace subscope::server
