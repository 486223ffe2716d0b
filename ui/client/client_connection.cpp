#include "client_connection.h"

#include "json_text.h"
#include "logging.h"
#include "protocol/close_codes.h"

#include <QNetworkRequest>
#include <QUrlQuery>
#include <QWebSocketHandshakeOptions>

namespace subscope::ui {

using protocol::Subprotocol;

ClientConnection::ClientConnection(QObject *parent)
    : QObject(parent)
{
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, &ClientConnection::onConnectTimeout);
}

ClientConnection::~ClientConnection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

namespace {
QStringList offeredSubprotocols(ConnectionSettings::Protocol protocol)
{
    switch (protocol) {
    case ConnectionSettings::Protocol::TransportWs:
        return {QString::fromLatin1(protocol::subprotocolName(Subprotocol::TransportWs))};
    case ConnectionSettings::Protocol::LegacyWs:
        return {QString::fromLatin1(protocol::subprotocolName(Subprotocol::LegacyWs))};
    case ConnectionSettings::Protocol::Auto:
        break;
    }
    return protocol::supportedSubprotocols();
}
} // namespace

bool ClientConnection::open(const ConnectionSettings &settings, QString *error)
{
    QUrl url = settings.url;
    if (url.scheme() == QLatin1String("http")) url.setScheme(QStringLiteral("ws"));
    if (url.scheme() == QLatin1String("https")) url.setScheme(QStringLiteral("wss"));
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))) {
        *error = tr("'%1' is not a WebSocket URL (ws://host:port/path or wss://...)")
                     .arg(settings.url.toString());
        return false;
    }
    graphql::JsonValue payload;
    if (!parseJsonObject(settings.initPayload, tr("connection_init payload"), &payload, error))
        return false;
    if (!settings.queryToken.isEmpty()) {
        QUrlQuery query(url);
        query.removeAllQueryItems(QStringLiteral("token"));
        query.addQueryItem(QStringLiteral("token"), settings.queryToken);
        url.setQuery(query);
    }

    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_settings = settings;
    m_settings.url = url;
    m_session.reset();
    m_initPayload = payload;
    m_closeCode.reset();
    m_closeReason.clear();
    m_failure.clear();
    m_closedByUser = false;
    m_timedOut = false;

    QNetworkRequest request(url);
    for (const auto &[name, value] : settings.headers)
        request.setRawHeader(name, value);
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(offeredSubprotocols(settings.protocol));

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(64 * 1024 * 1024);
    connect(m_socket, &QWebSocket::connected, this, &ClientConnection::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &ClientConnection::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ClientConnection::onText);
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                if (!m_timedOut) m_failure = m_socket->errorString();
            });
    setState(State::Connecting);
    m_connectTimer.start(settings.connectTimeoutMs);
    m_socket->open(request, options);
    return true;
}

void ClientConnection::onConnectTimeout()
{
    if (m_state != State::Connecting || !m_socket) return;
    m_timedOut = true;
    m_failure = tr("no answer from %1 within %2 s")
                    .arg(QStringLiteral("%1:%2")
                             .arg(m_settings.url.host())
                             .arg(m_settings.url.port(
                                 m_settings.url.scheme() == QLatin1String("wss") ? 443 : 80)))
                    .arg(m_settings.connectTimeoutMs / 1000.0);
    m_socket->abort();
    if (m_state == State::Connecting) setState(State::Failed); // abort() did not report it
}

void ClientConnection::close()
{
    if (!m_socket) return;
    m_closedByUser = true;
    if (m_state == State::Connecting) {
        m_connectTimer.stop();
        m_socket->abort();
        if (m_state == State::Connecting)
            setState(State::Disconnected); // abort() did not report it
        return;
    }
    if (m_session && m_socket->state() == QAbstractSocket::ConnectedState) {
        const QByteArray terminate = m_session->terminate();
        if (!terminate.isEmpty()) send(terminate);
    }
    m_socket->close(QWebSocketProtocol::CloseCodeNormal, tr("Closed by the explorer"));
}

std::optional<Subprotocol> ClientConnection::subprotocol() const
{
    if (!m_session) return std::nullopt;
    return m_session->subprotocol();
}

void ClientConnection::onConnected()
{
    m_connectTimer.stop();
    // W1: the server answers with the one it chose; a server that names none speaks the one
    // asked for (or, with auto, the current protocol).
    std::optional<Subprotocol> chosen = protocol::negotiateSubprotocol({m_socket->subprotocol()});
    if (!chosen) {
        chosen = m_settings.protocol == ConnectionSettings::Protocol::LegacyWs
                     ? Subprotocol::LegacyWs
                     : Subprotocol::TransportWs;
    }
    m_session = std::make_unique<protocol::ClientSession>(*chosen, m_initPayload);
    qCInfo(lcUi).noquote() << "connected to" << m_settings.url.toString() << "with"
                           << protocol::subprotocolName(*chosen);
    setState(State::AwaitingAck);
    send(m_session->open());
}

void ClientConnection::onDisconnected()
{
    m_connectTimer.stop();
    const bool wasOpen = m_session != nullptr;
    if (wasOpen) {
        m_closeCode = int(m_socket->closeCode());
        m_closeReason = m_socket->closeReason();
        // Qt reports 1000 when the peer went away without a close frame; an error says so.
        if (!m_closedByUser && !m_failure.isEmpty() && m_closeReason.isEmpty() &&
            m_closeCode == QWebSocketProtocol::CloseCodeNormal)
            m_closeCode = QWebSocketProtocol::CloseCodeAbnormalDisconnection;
    }
    qCInfo(lcUi).noquote() << "disconnected from" << m_settings.url.toString()
                           << (m_closeCode ? QString::number(*m_closeCode) : m_failure);
    if (wasOpen || m_closedByUser)
        setState(m_closedByUser && !wasOpen ? State::Disconnected : State::Closed);
    else
        setState(State::Failed);
}

void ClientConnection::onText(const QString &text)
{
    if (!m_session) return;
    const QByteArray frame = text.toUtf8();
    emit frameReceived(frame);
    protocol::ClientOutput out = m_session->received(frame);
    for (const QByteArray &reply : out.send)
        send(reply);
    for (const protocol::ClientMessage &message : out.messages) {
        if (message.kind == protocol::ClientMessage::Kind::ConnectionAck &&
            m_state == State::AwaitingAck)
            setState(State::Ready);
        emit messageReceived(message);
    }
}

bool ClientConnection::subscribe(const std::string &id, const std::string &query,
                                 const graphql::JsonValue &variables,
                                 const std::optional<std::string> &operationName, QString *error)
{
    if (!m_session || (m_state != State::AwaitingAck && m_state != State::Ready)) {
        *error = tr("Not connected: connect the panel first");
        return false;
    }
    std::string assigned;
    const QByteArray frame = m_session->subscribe(query, variables, operationName, &assigned, id);
    if (!frame.isEmpty()) send(frame);
    return true;
}

void ClientConnection::stop(const std::string &id)
{
    if (!m_session || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState) return;
    const QByteArray frame = m_session->stop(id);
    if (!frame.isEmpty()) send(frame);
}

void ClientConnection::send(const QByteArray &frame)
{
    m_socket->sendTextMessage(QString::fromUtf8(frame));
    emit frameSent(frame);
}

void ClientConnection::setState(State state)
{
    m_state = state;
    emit stateChanged(state);
}

QString ClientConnection::statusText() const
{
    const QString protocolName =
        m_session ? QString::fromLatin1(protocol::subprotocolName(m_session->subprotocol()))
                  : QString();
    switch (m_state) {
    case State::Disconnected:
        return tr("Disconnected");
    case State::Connecting:
        return tr("Connecting to %1…").arg(m_settings.url.toString());
    case State::AwaitingAck:
        return tr("Connected (%1), waiting for connection_ack").arg(protocolName);
    case State::Ready:
        return tr("Ready (%1)").arg(protocolName);
    case State::Closed: {
        const int code = m_closeCode.value_or(1005);
        QString text = tr("Closed %1: %2").arg(code).arg(protocol::closeCodeMeaning(code));
        if (!m_closeReason.isEmpty()) text += tr(" — \"%1\"").arg(m_closeReason);
        if (m_closedByUser) text += tr(" (closed here)");
        return text;
    }
    case State::Failed:
        return tr("Could not connect: %1")
            .arg(m_failure.isEmpty() ? tr("the connection was refused") : m_failure);
    }
    return {};
}

} // namespace subscope::ui
