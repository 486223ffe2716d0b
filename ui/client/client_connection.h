#pragma once

#include "connection_settings.h"
#include "protocol/client_session.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QWebSocket>

#include <memory>
#include <optional>

namespace subscope::ui {

// A client panel's WebSocket: one QWebSocket, and the client side of the subprotocol in a
// core ClientSession (no protocol rules here). Sends connection_init exactly once per socket.
class ClientConnection : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Disconnected, // never connected, or closed by the user
        Connecting,   // the upgrade request is on its way
        AwaitingAck,  // connection_init sent
        Ready,        // connection_ack received
        Closed,       // the connection ended (see closeCode())
        Failed,       // the connection could not be made (see statusText())
    };
    Q_ENUM(State)

    explicit ClientConnection(QObject *parent = nullptr);
    ~ClientConnection() override;

    // Checks the settings (URL, init payload JSON) and opens the socket; false with *error
    // when they are wrong, and nothing changes then.
    bool open(const ConnectionSettings &settings, QString *error);
    // Closes with 1000 (graphql-ws sends connection_terminate first).
    void close();

    State state() const { return m_state; }
    // The state in words, with the close code and its meaning once closed.
    QString statusText() const;
    std::optional<int> closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }
    bool closedHere() const { return m_closedByUser; } // close() was called, not the server
    QUrl url() const { return m_settings.url; }        // with the query token, as opened
    std::optional<protocol::Subprotocol> subprotocol() const;
    const protocol::ClientSession *session() const { return m_session.get(); }

    // Starts an operation with the given id; the frame is sent now, or right after the
    // connection_ack (the session queues it). False with *error when not connected.
    bool subscribe(const std::string &id, const std::string &query,
                   const graphql::JsonValue &variables,
                   const std::optional<std::string> &operationName, QString *error);
    // complete / stop for the operation.
    void stop(const std::string &id);

signals:
    void stateChanged(subscope::ui::ClientConnection::State state);
    void messageReceived(const subscope::protocol::ClientMessage &message);
    void frameSent(const QByteArray &frame);
    void frameReceived(const QByteArray &frame);

private:
    void setState(State state);
    void onConnected();
    void onConnectTimeout();
    void onDisconnected();
    void onText(const QString &text);
    void send(const QByteArray &frame);

    QPointer<QWebSocket> m_socket;
    ConnectionSettings m_settings;
    std::unique_ptr<protocol::ClientSession> m_session;
    graphql::JsonValue m_initPayload;
    State m_state = State::Disconnected;
    std::optional<int> m_closeCode;
    QString m_closeReason;
    QString m_failure;
    bool m_closedByUser = false;
    bool m_timedOut = false;
    QTimer m_connectTimer;
};

} // namespace subscope::ui
