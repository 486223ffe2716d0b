#pragma once

#include "connection_router.h"
#include "graphql/execution.h"
#include "protocol/session.h"
#include "registry/hub.h"
#include "server_config.h"
#include "wire_tap.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <map>
#include <memory>

namespace subscope::server {

struct TrafficCounters
{
    uint64_t framesIn = 0;
    uint64_t framesOut = 0;
    uint64_t connectionsOpened = 0;
};

class WebSocketEndpoint;
class WebSocketStream;

// One WebSocket connection: feeds its frames and timer ticks to its Session and drains the
// Session's outbox onto the socket as fast as the socket takes bytes.
class WebSocketConnection : public QObject
{
    Q_OBJECT
public:
    // Takes `stream` (handshake answered); `early`: what the client sent after its handshake.
    WebSocketConnection(WebSocketEndpoint &endpoint, WebSocketStream *stream,
                        const protocol::ConnectionInfo &info,
                        std::optional<protocol::Subprotocol> subprotocol, QByteArray early);
    ~WebSocketConnection() override;

    registry::SocketId socketId() const { return m_session ? m_session->socket() : 0; }
    std::optional<protocol::Subprotocol> subprotocol() const;
    QString peer() const { return m_peer; } // address:port
    // Moves queued frames from the outbox into the socket while it takes them.
    void drain();
    // Drains with the other sockets at the end of this turn of the event loop.
    void scheduleDrain();
    // The hub queued a frame for this socket: drain now or with the others at the end of the turn.
    void frameQueued();
    // Closes with `code` once the queued frames are sent, at the latest after `graceMs`.
    void closeAfterDrain(int code, const QString &reason, int graceMs = 2000);
    void closeNow(int code, const QString &reason);

signals:
    void finished(WebSocketConnection *connection);

private:
    void apply(const protocol::SessionOutput &out);
    void onText(const QByteArray &message);
    void onBinary(const QByteArray &message);
    void onDisconnected();
    void tap(WireEvent::Kind kind, bool fromClient, const QByteArray &data, int closeCode = 0);

    WebSocketEndpoint &m_endpoint;
    QString m_peer;
    QPointer<WebSocketStream> m_socket;
    std::unique_ptr<protocol::Session> m_session;
    std::map<protocol::SessionTimer, QTimer *> m_timers;
    bool m_drainPending = false; // on the endpoint's list for the end of the turn
    std::optional<std::pair<int, QString>> m_closeWhenDrained;
    bool m_closing = false;
};

// The WebSocket side of the server: the handshake (RFC 6455, W1), the connections and their
// sessions. Each connection's socket descriptor is taken from Qt after the handshake and served
// by a WebSocketStream: no Qt socket buffers per connection.
class WebSocketEndpoint : public QObject
{
    Q_OBJECT
public:
    WebSocketEndpoint(const graphql::Schema &schema, registry::Hub &hub, const ServerConfig &config,
                      const graphql::Fixtures &fixtures, QObject *parent = nullptr);
    ~WebSocketEndpoint() override;

    // Takes a socket whose request head asks for an upgrade.
    void upgrade(QTcpSocket *socket, const ConnectionRouter::RequestHead &head);
    // Closes every connection with 1001 after its queued frames (at most graceMs).
    void shutdown(int graceMs, std::function<void()> done);
    // W17 from now on; sessions read the policy through m_sessionConfig.access, which stays.
    void setAccessRules(std::shared_ptr<const protocol::AccessRules> rules);
    // Closes the sockets whose outbox overflowed under close_connection (W28).
    void closeOverflowed();

    size_t connectionCount(std::optional<protocol::Subprotocol> subprotocol) const;
    // The connection of a socket id, or null once it is gone.
    const WebSocketConnection *connection(registry::SocketId socket) const;
    // Every frame in and out from now on (the explorer's traffic inspector); null: none.
    void setWireTap(WireTap tap) { m_tap = std::move(tap); }
    const TrafficCounters &counters() const { return m_counters; }
    TrafficCounters &counters() { return m_counters; }
    registry::Hub &hub() { return m_hub; }
    const graphql::Schema &schema() const { return m_schema; }
    const protocol::SessionConfig &sessionConfig() const { return m_sessionConfig; }

private:
    friend class WebSocketConnection;
    void drainLater(registry::SocketId socket);
    bool pathMatches(const QByteArray &target) const;
    bool originAllowed(const QByteArray &origin) const;

    const graphql::Schema &m_schema;
    registry::Hub &m_hub;
    ServerConfig m_config;
    protocol::AccessPolicy m_access;
    protocol::SessionConfig m_sessionConfig;
    std::map<registry::SocketId, WebSocketConnection *> m_bySocket;
    std::vector<WebSocketConnection *> m_connections;
    std::vector<registry::SocketId> m_drainLater;
    bool m_drainScheduled = false;
    TrafficCounters m_counters;
    WireTap m_tap;
};

} // namespace subscope::server
