#pragma once

#include "access.h"
#include "graphql/execution.h"
#include "graphql/request.h"
#include "graphql/schema.h"
#include "graphql/subscription_request.h"
#include "registry/hub.h"
#include "subprotocol.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace subscope::protocol {

struct SessionConfig
{
    int keepaliveMs = 10000;   // W6; 0 disables the keepalive and the dead-peer check
    int initTimeoutMs = 10000; // W3a; 0 disables
    graphql::GroupNameMode groupNames = graphql::GroupNameMode::Strict; // W16
    graphql::RequestLimits limits;
    size_t maxOperations = 100;                  // registered operations per socket; 0: no limit
    const AccessPolicy *access = nullptr;        // W17; null: everyone may join every group
    const graphql::Fixtures *fixtures = nullptr; // values of query fields (W11 beyond)
};

enum class SessionTimer
{
    InitTimeout,
    Keepalive
};

// What the adapter must do besides draining the socket's outbox.
struct SessionOutput
{
    struct Close
    {
        int code;
        QString reason;
    };
    struct Timer
    {
        SessionTimer timer;
        int intervalMs; // 0: stop it
        bool repeat;
    };
    std::optional<Close> close; // close the socket with this code, after the queued frames
    bool abort = false;         // drop the socket now (a dead peer, W6)
    bool sendPing = false;      // send a WebSocket ping frame (W6)
    std::vector<Timer> timers;
};

// One WebSocket connection's protocol state machine, for either subprotocol (W1-W30): frames and
// timer ticks go in; frames go to the socket's outbox in the Hub, and what else must happen
// (close with a code, timers, pings) comes out. Never touches a socket.
class Session
{
public:
    Session(registry::Hub &hub, Subprotocol subprotocol, const graphql::Schema &schema,
            SessionConfig config, ConnectionInfo connection = {});
    ~Session(); // forgets the socket's operations (W26)
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    registry::SocketId socket() const { return m_socket; }
    Subprotocol subprotocol() const { return m_subprotocol; }
    bool acknowledged() const { return m_acknowledged; }
    const std::optional<std::string> &token() const { return m_token; }
    const graphql::JsonValue &initPayload() const { return m_initPayload; }

    SessionOutput open(); // the handshake is done
    SessionOutput textFrame(const QByteArray &frame);
    SessionOutput binaryFrame(); // W9
    SessionOutput timer(SessionTimer timer);
    void pong() { m_unansweredPings = 0; } // a WebSocket pong arrived

private:
    void send(QByteArray frame);
    void sendResult(const std::string &id, const std::string &payloadJson);
    void connectionInit(const graphql::JsonValue &frame, SessionOutput &out);
    void start(const std::string &id, const graphql::JsonValue &frame);
    void stop(const std::string &id);
    void runQuery(const std::string &id, const QByteArray &query,
                  const graphql::JsonValue &variables,
                  const std::optional<std::string> &operationName);
    void runSubscription(const std::string &id, const QByteArray &query,
                         const graphql::JsonValue &variables,
                         const std::optional<std::string> &operationName);
    bool mayJoin(const std::vector<std::string> &groups) const;

    registry::Hub &m_hub;
    Subprotocol m_subprotocol;
    const graphql::Schema &m_schema;
    SessionConfig m_config;
    ConnectionInfo m_connection;
    registry::SocketId m_socket;
    bool m_initReceived = false;
    bool m_acknowledged = false;
    graphql::JsonValue m_initPayload;
    std::optional<std::string> m_token;
    int m_unansweredPings = 0;
};

} // namespace subscope::protocol
