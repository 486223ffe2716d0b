#include "traffic_recorder.h"

#include "client/client_connection.h"
#include "embedded/embedded_server.h"

namespace subscope::ui {

namespace {
QString subprotocolText(std::optional<protocol::Subprotocol> subprotocol)
{
    return subprotocol ? QString::fromLatin1(protocol::subprotocolName(*subprotocol)) : QString();
}
} // namespace

TrafficRecorder::TrafficRecorder(TrafficModel &model, EmbeddedServer &server, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_server(&server)
{
    server.setWireTap([this](const server::WireEvent &event) {
        using Kind = server::WireEvent::Kind;
        if (event.kind == Kind::Opened) {
            // Socket ids start again at 1 when the server restarts: a new entry each time.
            const QString name = event.socket ? tr("server · socket %1 · %2")
                                                    .arg(event.socket)
                                                    .arg(QString::fromUtf8(event.data))
                                              : tr("server · refused (no subprotocol) · %1")
                                                    .arg(QString::fromUtf8(event.data));
            m_serverSockets.insert(event.socket,
                                   m_model.addConnection(name, subprotocolText(event.subprotocol)));
        }
        const auto it = m_serverSockets.constFind(event.socket);
        if (it == m_serverSockets.constEnd()) return; // opened before the recorder existed
        const FrameDirection direction =
            event.fromClient ? FrameDirection::ClientToServer : FrameDirection::ServerToClient;
        switch (event.kind) {
        case Kind::Opened:
            m_model.append(*it, direction, FrameKind::Opened, event.data);
            break;
        case Kind::Text:
            m_model.append(*it, direction, FrameKind::Text, event.data);
            break;
        case Kind::Binary:
            m_model.append(*it, direction, FrameKind::Binary, event.data);
            break;
        case Kind::Closed:
            m_model.append(*it, direction, FrameKind::Closed, event.data, event.closeCode);
            m_serverSockets.erase(it);
            break;
        }
    });
}

TrafficRecorder::~TrafficRecorder()
{
    if (m_server) m_server->setWireTap(nullptr);
}

void TrafficRecorder::watch(ClientConnection &connection, const QString &name)
{
    // The entry of the connection's current socket; shared by the lambdas below.
    auto entry = std::make_shared<std::optional<uint32_t>>();
    connect(&connection, &ClientConnection::stateChanged, this,
            [this, &connection, name, entry](ClientConnection::State state) {
                using State = ClientConnection::State;
                if (state == State::AwaitingAck) {
                    const QString url = connection.url().toString(QUrl::RemoveQuery);
                    *entry = m_model.addConnection(tr("%1 · %2").arg(name, url),
                                                   subprotocolText(connection.subprotocol()));
                    m_model.append(**entry, FrameDirection::ClientToServer, FrameKind::Opened,
                                   url.toUtf8());
                } else if ((state == State::Closed || state == State::Disconnected) && *entry) {
                    m_model.append(**entry,
                                   connection.closedHere() ? FrameDirection::ClientToServer
                                                           : FrameDirection::ServerToClient,
                                   FrameKind::Closed, connection.closeReason().toUtf8(),
                                   connection.closeCode().value_or(1005));
                    entry->reset();
                }
            });
    connect(&connection, &ClientConnection::frameSent, this, [this, entry](const QByteArray &f) {
        if (*entry) m_model.append(**entry, FrameDirection::ClientToServer, FrameKind::Text, f);
    });
    connect(&connection, &ClientConnection::frameReceived, this,
            [this, entry](const QByteArray &f) {
                if (*entry)
                    m_model.append(**entry, FrameDirection::ServerToClient, FrameKind::Text, f);
            });
}

} // namespace subscope::ui
