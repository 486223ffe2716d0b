#include "websocket_endpoint.h"

#include "frame_writer.h"
#include "graphql/utf8.h"
#include "logging.h"

#include <QCoreApplication>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

namespace subscope::server {

using protocol::Subprotocol;

namespace {

// Bytes the socket may hold unsent before the outbox stops draining into it (W28: the outbox,
// not the socket, is where a slow consumer's frames wait and drop).
constexpr qint64 HighWaterBytes = 256 * 1024;
// The largest text or binary message a client may send; larger ones close the socket with 1009.
constexpr quint64 MaxIncomingMessageBytes = 1024 * 1024;

// W30: what the handshake request says about the client.
protocol::ConnectionInfo connectionInfo(const QWebSocket &socket)
{
    protocol::ConnectionInfo info;
    const QNetworkRequest request = socket.request();
    if (request.hasRawHeader("Authorization"))
        info.authorization = request.rawHeader("Authorization").toStdString();
    const QUrlQuery query(request.url().query());
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        info.query.emplace_back(key.toStdString(), value.toStdString());
    info.peer = QString(socket.peerAddress().toString() + QLatin1Char(':') +
                        QString::number(socket.peerPort()))
                    .toStdString();
    return info;
}

} // namespace

WebSocketConnection::WebSocketConnection(WebSocketEndpoint &endpoint, QWebSocket *socket,
                                         QTcpSocket *tcp, std::optional<Subprotocol> subprotocol)
    : QObject(&endpoint)
    , m_endpoint(endpoint)
    , m_socket(socket)
    , m_tcp(tcp)
{
    socket->setParent(this);
    socket->setMaxAllowedIncomingMessageSize(MaxIncomingMessageBytes);
    socket->setMaxAllowedIncomingFrameSize(MaxIncomingMessageBytes);
    // Queued: close() can disconnect at once, and whoever closed (the constructor, a loop over
    // the connections) must not see the connection vanish under it.
    connect(socket, &QWebSocket::disconnected, this, &WebSocketConnection::onDisconnected,
            Qt::QueuedConnection);
    const protocol::ConnectionInfo info = connectionInfo(*socket);
    m_peer = QString::fromStdString(info.peer);
    if (!subprotocol) {
        tap(WireEvent::Kind::Opened, true, m_peer.toUtf8());
        // W1: no supported subprotocol offered: the handshake completed without one; close 1002.
        qCInfo(lcServer).noquote() << "connection from" << QString::fromStdString(info.peer)
                                   << "offered no supported subprotocol: closed 1002";
        m_closing = true;
        socket->close(QWebSocketProtocol::CloseCode(protocol::close_code::ProtocolError),
                      QStringLiteral("Unsupported subprotocol"));
        return;
    }
    m_session = std::make_unique<protocol::Session>(endpoint.m_hub, *subprotocol, endpoint.m_schema,
                                                    endpoint.m_sessionConfig, info);
    tap(WireEvent::Kind::Opened, true, m_peer.toUtf8());
    qCInfo(lcServer).noquote() << "socket" << m_session->socket() << "connected from"
                               << QString::fromStdString(info.peer) << "speaking"
                               << protocol::subprotocolName(*subprotocol);
    connect(socket, &QWebSocket::textMessageReceived, this, &WebSocketConnection::onText);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &WebSocketConnection::onBinary);
    connect(socket, &QWebSocket::pong, this, [this] {
        if (m_session) m_session->pong();
    });
    connect(socket, &QWebSocket::bytesWritten, this, &WebSocketConnection::scheduleDrain);
    apply(m_session->open());
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

void WebSocketConnection::onText(const QString &message)
{
    ++m_endpoint.m_counters.framesIn;
    const QByteArray frame = message.toUtf8();
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
        tap(WireEvent::Kind::Closed, !m_closing, m_socket->closeReason().toUtf8(),
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
    bool flushed = false;
    while (outbox && !outbox->empty()) {
        if (m_socket->bytesToWrite() + out.size() >= HighWaterBytes) {
            if (!out.isEmpty()) {
                writeToSocket(*m_tcp, std::exchange(out, {}));
                continue;
            }
            // Qt's buffer is full: hand it to the kernel once before the socket counts as
            // behind and frames wait in the outbox.
            if (flushed) break;
            flushed = true;
            m_socket->flush();
            continue;
        }
        const QByteArray frame = *outbox->pop();
        // Text frames must be UTF-8 (a client closes with 1007 otherwise): what a trigger's JSON
        // carried unchecked goes through QString, which replaces bad bytes, as QWebSocket did.
        if (m_tcp && graphql::utf8::isValid(std::string_view(frame.constData(), frame.size())))
            appendTextFrame(out, frame);
        else if (m_tcp)
            appendTextFrame(out, QString::fromUtf8(frame).toUtf8());
        else
            m_socket->sendTextMessage(QString::fromUtf8(frame));
        ++m_endpoint.m_counters.framesOut;
        tap(WireEvent::Kind::Text, false, frame);
    }
    if (!out.isEmpty()) writeToSocket(*m_tcp, out);
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
        m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

WebSocketEndpoint::WebSocketEndpoint(const graphql::Schema &schema, registry::Hub &hub,
                                     const ServerConfig &config, const graphql::Fixtures &fixtures,
                                     QObject *parent)
    : QObject(parent)
    , m_schema(schema)
    , m_hub(hub)
    , m_config(config)
    , m_transport(QStringLiteral("subscope"), QWebSocketServer::NonSecureMode)
    , m_legacy(QStringLiteral("subscope"), QWebSocketServer::NonSecureMode)
    , m_unsupported(QStringLiteral("subscope"), QWebSocketServer::NonSecureMode)
{
    m_sessionConfig.keepaliveMs = config.keepaliveSeconds * 1000;
    m_sessionConfig.initTimeoutMs = config.initTimeoutSeconds * 1000;
    m_sessionConfig.groupNames = config.groupNames;
    m_sessionConfig.fixtures = &fixtures;
    if (m_config.access) {
        m_access = m_config.access->policy();
        m_sessionConfig.access = &m_access;
    }
    // One server per answer to W1, so that the subprotocol echoed is the one negotiated here.
    m_transport.setSupportedSubprotocols({QStringLiteral("graphql-transport-ws")});
    m_legacy.setSupportedSubprotocols({QStringLiteral("graphql-ws")});
    adopt(&m_transport, Subprotocol::TransportWs);
    adopt(&m_legacy, Subprotocol::LegacyWs);
    adopt(&m_unsupported, std::nullopt);
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

void WebSocketEndpoint::adopt(QWebSocketServer *server, std::optional<Subprotocol> subprotocol)
{
    connect(server, &QWebSocketServer::newConnection, this, [this, server, subprotocol] {
        while (QWebSocket *socket = server->nextPendingConnection()) {
            QPointer<QTcpSocket> tcp;
            const auto upgraded =
                m_upgrading.find({socket->localAddress().toString(), socket->localPort(),
                                  socket->peerAddress().toString(), socket->peerPort()});
            if (upgraded != m_upgrading.end()) {
                tcp = upgraded->second;
                m_upgrading.erase(upgraded);
            }
            auto *connection = new WebSocketConnection(*this, socket, tcp, subprotocol);
            ++m_counters.connectionsOpened;
            m_connections.push_back(connection);
            if (connection->socketId()) m_bySocket[connection->socketId()] = connection;
            connect(
                connection, &WebSocketConnection::finished, this, [this](WebSocketConnection *c) {
                    m_bySocket.erase(c->socketId());
                    m_connections.erase(std::remove(m_connections.begin(), m_connections.end(), c),
                                        m_connections.end());
                    c->deleteLater();
                });
        }
    });
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
    if (!pathMatches(head.target)) {
        socket->write("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nConnection: "
                      "close\r\nContent-Length: 0\r\n\r\n");
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        return;
    }
    QStringList offered;
    for (const auto &[key, value] : head.headers)
        if (key.compare("sec-websocket-protocol", Qt::CaseInsensitive) == 0)
            for (const QByteArray &v : value.split(','))
                offered << QString::fromLatin1(v.trimmed());
    // QWebSocket does not give its TCP socket away: keep it to write frames to it directly
    // (never an encrypted one: its bytes must go through QSslSocket).
    if (!socket->inherits("QSslSocket")) {
        // Both ends: a client may use one source port towards two of our addresses.
        const UpgradeKey key{socket->localAddress().toString(), socket->localPort(),
                             socket->peerAddress().toString(), socket->peerPort()};
        m_upgrading[key] = socket;
        connect(socket, &QObject::destroyed, this, [this, key] {
            const auto it = m_upgrading.find(key);
            if (it != m_upgrading.end() && !it->second) m_upgrading.erase(it);
        });
    }
    const std::optional<Subprotocol> chosen = protocol::negotiateSubprotocol(offered);
    QWebSocketServer *server = !chosen                               ? &m_unsupported
                               : *chosen == Subprotocol::TransportWs ? &m_transport
                                                                     : &m_legacy;
    server->handleConnection(socket);
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
