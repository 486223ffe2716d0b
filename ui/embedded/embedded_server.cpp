#include "embedded_server.h"

#include "graphql/schema_builder.h"
#include "logging.h"
#include "server/open_file_limit.h"

#include <QFileInfo>

namespace subscope::ui {

namespace {
const char *const DemoSchemaPath = ":/schemas/demo.graphql";
}

EmbeddedServer::EmbeddedServer(QObject *parent)
    : QObject(parent)
{
    m_reloadDelay.setSingleShot(true);
    m_reloadDelay.setInterval(250);
    connect(&m_reloadDelay, &QTimer::timeout, this, [this] { reloadSchema(); });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { m_reloadDelay.start(); });
    m_groupsDelay.setSingleShot(true);
    m_groupsDelay.setInterval(50);
    connect(&m_groupsDelay, &QTimer::timeout, this, &EmbeddedServer::groupsChanged);
}

EmbeddedServer::~EmbeddedServer()
{
    // The server's sessions leave their groups and close as it goes: nobody listens any more.
    if (!m_server) return;
    m_server->hub().onMembershipChanged = nullptr;
    m_server->websockets().setWireTap(nullptr);
    m_server.reset();
}

QString EmbeddedServer::schemaDisplayName() const
{
    return m_schemaPath.isEmpty() ? tr("Demo schema (the package's example app)")
                                  : QFileInfo(m_schemaPath).fileName();
}

bool EmbeddedServer::loadSchema(const QString &path)
{
    const QString file = path.isEmpty() ? QString::fromLatin1(DemoSchemaPath) : path;
    graphql::SchemaLoadResult loaded = graphql::loadSchemaFile(file);
    // The file asked for stays the one to reload and watch, also while it has errors.
    m_schemaPath = path;
    watch(path);
    if (!loaded.schema) {
        m_schemaErrors = loaded.errors;
        if (loaded.errors.isEmpty()) m_schemaErrors << tr("%1: cannot be read").arg(file);
        qCWarning(lcUi).noquote() << "schema not loaded:" << m_schemaErrors.join(u'\n');
        emit schemaErrorsChanged(m_schemaErrors);
        return false;
    }
    m_schema = std::move(loaded.schema);
    m_schemaErrors.clear();
    emit schemaErrorsChanged(m_schemaErrors);
    emit schemaChanged();
    if (m_state != State::Stopped) restart();
    return true;
}

void EmbeddedServer::watch(const QString &path)
{
    if (!m_watcher.files().isEmpty()) m_watcher.removePaths(m_watcher.files());
    // An editor that saves by renaming replaces the file: watch the new one.
    if (!path.isEmpty() && QFileInfo::exists(path)) m_watcher.addPath(path);
}

bool EmbeddedServer::start()
{
    if (m_state == State::Running) return true;
    if (m_state == State::Stopping) {
        m_startWhenStopped = true;
        return true;
    }
    if (!m_schema && !loadSchema(m_schemaPath)) {
        m_error = tr("The schema has errors");
        return false;
    }
    server::raiseOpenFileLimit(m_config.maxConnections);
    m_server = std::make_unique<server::HeadlessServer>(m_schema, m_config);
    m_server->websockets().setWireTap(m_tap);
    m_server->hub().onMembershipChanged = [this] {
        if (!m_groupsDelay.isActive()) m_groupsDelay.start();
    };
    if (server::RedisChannelLayer *redis = m_server->redis())
        connect(redis, &server::RedisChannelLayer::stateChanged, this,
                &EmbeddedServer::channelLayerChanged);
    QString error;
    if (!m_server->start(&error)) {
        m_server.reset();
        m_error = error;
        qCWarning(lcUi).noquote() << "embedded server not started:" << error;
        emit stateChanged(m_state);
        return false;
    }
    m_error.clear();
    qCInfo(lcUi).noquote() << "embedded server on" << m_server->websocketUrl();
    setState(State::Running);
    return true;
}

void EmbeddedServer::stop()
{
    m_startWhenStopped = false;
    if (m_state != State::Running) return;
    setState(State::Stopping);
    m_server->shutdown([this] {
        // Not from inside the server's own callback: it is still on the stack.
        QTimer::singleShot(0, this, [this] {
            m_server.reset();
            emit groupsChanged();
            setState(State::Stopped);
            if (m_startWhenStopped) {
                m_startWhenStopped = false;
                start();
            }
        });
    });
}

void EmbeddedServer::restart()
{
    if (m_state == State::Stopped) {
        start();
        return;
    }
    stop();
    m_startWhenStopped = true;
}

void EmbeddedServer::setState(State state)
{
    m_state = state;
    emit stateChanged(state);
}

quint16 EmbeddedServer::port() const
{
    return m_server && m_state == State::Running ? m_server->port() : 0;
}

QString EmbeddedServer::websocketUrl() const
{
    return m_server && m_state == State::Running ? m_server->websocketUrl() : QString();
}

QString EmbeddedServer::httpUrl() const
{
    return m_server && m_state == State::Running ? m_server->httpUrl() : QString();
}

ServerFigures EmbeddedServer::figures() const
{
    ServerFigures figures;
    if (!m_server) return figures;
    auto &websockets = m_server->websockets();
    figures.transportConnections = websockets.connectionCount(protocol::Subprotocol::TransportWs);
    figures.legacyConnections = websockets.connectionCount(protocol::Subprotocol::LegacyWs);
    figures.framesIn = websockets.counters().framesIn;
    figures.framesOut = websockets.counters().framesOut;
    const registry::Hub &hub = m_server->hub();
    figures.operations = hub.operationCount();
    figures.groups = hub.groups().groupCount();
    figures.drops = hub.drops();
    figures.triggers = hub.counters().triggers;
    if (const server::RedisChannelLayer *redis = m_server->redis()) {
        figures.redis = true;
        figures.redisUp = redis->state() == server::RedisChannelLayer::State::Up;
        figures.redisState = redis->stateText();
        figures.redisPublished = redis->counters().published;
        figures.redisReceived = redis->counters().received;
        figures.redisReconnects = redis->counters().reconnects;
    }
    return figures;
}

QStringList EmbeddedServer::liveGroups() const
{
    QStringList groups;
    if (!m_server) return groups;
    for (const std::string &name : m_server->hub().groups().groupNames())
        groups << QString::fromStdString(name);
    groups.sort();
    return groups;
}

std::vector<GroupInfo> EmbeddedServer::groupMembership() const
{
    std::vector<GroupInfo> groups;
    if (!m_server) return groups;
    const registry::Hub &hub = m_server->hub();
    for (const QString &name : liveGroups()) {
        GroupInfo group{name, {}};
        for (const registry::Member &member : hub.groups().members(name.toStdString())) {
            GroupMemberInfo info;
            info.socket = member.socket;
            info.operation = QString::fromStdString(member.operation);
            if (const registry::OperationRecord *op =
                    hub.operation(member.socket, member.operation))
                info.responseKey = QString::fromStdString(op->responseKey);
            if (const server::WebSocketConnection *c =
                    m_server->websockets().connection(member.socket)) {
                info.peer = c->peer();
                if (c->subprotocol())
                    info.subprotocol =
                        QString::fromLatin1(protocol::subprotocolName(*c->subprotocol()));
            }
            group.members.push_back(std::move(info));
        }
        groups.push_back(std::move(group));
    }
    return groups;
}

void EmbeddedServer::setWireTap(server::WireTap tap)
{
    m_tap = std::move(tap);
    if (m_server) m_server->websockets().setWireTap(m_tap);
}

server::TriggerOutcome EmbeddedServer::publish(const QString &group,
                                               const graphql::JsonValue &value)
{
    server::TriggerOutcome refused;
    refused.ok = false;
    if (m_state != State::Running) {
        refused.error = tr("The embedded server is not running");
        return refused;
    }
    const auto name = m_server->triggerGroup(group.toStdString());
    if (!name) {
        refused.error = tr("'%1' is not a valid group name: letters, digits, '_', '.', '-', "
                           "fewer than 100 characters (W16)")
                            .arg(group);
        return refused;
    }
    return m_server->publish(*name, value);
}

} // namespace subscope::ui
