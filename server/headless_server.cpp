#include "headless_server.h"

#include "graphql/groups.h"
#include "logging.h"

#include <QLoggingCategory>

namespace subscope::server {

using graphql::JsonValue;

HeadlessServer::HeadlessServer(std::shared_ptr<const graphql::Schema> schema, ServerConfig config,
                               graphql::Fixtures fixtures, QObject *parent)
    : QObject(parent)
    , m_schema(std::move(schema))
    , m_config(std::move(config))
    , m_fixtures(std::move(fixtures))
    , m_hub(registry::HubConfig{m_config.outboxSize, m_config.overflow})
    , m_websockets(*m_schema, m_hub, m_config, m_fixtures)
    , m_router([this](QTcpSocket *socket, const ConnectionRouter::RequestHead &head) {
        m_websockets.upgrade(socket, head);
    })
{
    if (m_config.redis) {
        m_redis = std::make_unique<RedisChannelLayer>(*m_config.redis, m_config.channelLayerPrefix);
        m_hub.groups().onGroupOpened = [this](const std::string &g) { m_redis->subscribe(g); };
        m_hub.groups().onGroupClosed = [this](const std::string &g) { m_redis->unsubscribe(g); };
        m_redis->onEvent = [this](const std::string &group, const JsonValue &value) {
            const size_t deliveries = deliver(group, value);
            qCDebug(lcRedis).noquote() << "event from Redis for" << QString::fromStdString(group)
                                       << "->" << deliveries << "deliveries";
        };
    }
    addRoutes();
}

HeadlessServer::~HeadlessServer()
{
    // The sockets leave their groups as they go; Redis forgets this process's subscriptions
    // with its connections anyway.
    m_hub.groups().onGroupOpened = nullptr;
    m_hub.groups().onGroupClosed = nullptr;
}

namespace {

QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

void withoutHttpServerWarnings(QLoggingCategory *category)
{
    if (g_previousFilter) g_previousFilter(category);
    if (qstrcmp(category->categoryName(), "qt.httpserver") == 0)
        category->setEnabled(QtWarningMsg, false);
}

} // namespace

bool HeadlessServer::start(QString *error)
{
    if (m_redis) {
        QString warning;
        if (!RedisChannelLayer::checkCredentials(*m_config.redis, error, &warning)) return false;
        if (!warning.isEmpty()) qCWarning(lcRedis).noquote() << warning;
    }
    // QHttpServer warns that the server it is bound to does not listen, which is the design
    // here: quiet for that call only.
    g_previousFilter = QLoggingCategory::installFilter(withoutHttpServerWarnings);
    m_router.setMaxBodyBytes(m_config.maxBodyBytes);
    if (m_config.tls) m_router.setTls(*m_config.tls);
    m_http.bind(m_router.httpServer());
    QLoggingCategory::installFilter(g_previousFilter);
    if (!m_router.listen(m_config.bind, m_config.port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(m_config.bind.toString())
                     .arg(m_config.port)
                     .arg(m_router.errorString());
        return false;
    }
    qCInfo(lcServer).noquote() << "serving" << websocketUrl() << "and" << httpUrl();
    if (m_redis) m_redis->start();
    return true;
}

quint16 HeadlessServer::port() const
{
    return m_router.port();
}

QString HeadlessServer::websocketUrl() const
{
    QString host = m_config.bind.toString();
    if (m_config.bind == QHostAddress::Any || m_config.bind == QHostAddress::AnyIPv4)
        host = QStringLiteral("127.0.0.1");
    if (m_config.bind.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("%1://%2:%3%4")
        .arg(m_config.tls ? QStringLiteral("wss") : QStringLiteral("ws"), host)
        .arg(port())
        .arg(m_config.path);
}

QString HeadlessServer::httpUrl() const
{
    return websocketUrl().replace(0, 2, QStringLiteral("http")).section(QLatin1Char('/'), 0, 2);
}

std::optional<std::string> HeadlessServer::triggerGroup(const std::string &group) const
{
    const std::string name = m_config.groupNames == graphql::GroupNameMode::Lenient
                                 ? graphql::normalizeGroupName(group)
                                 : group;
    if (!graphql::isValidGroupName(name)) return std::nullopt;
    return name;
}

size_t HeadlessServer::deliver(const std::string &group, const JsonValue &value)
{
    const size_t deliveries = m_hub.publish(group, value);
    m_websockets.closeOverflowed();
    return deliveries;
}

TriggerOutcome HeadlessServer::publish(const std::string &group, const JsonValue &value)
{
    TriggerOutcome outcome;
    if (m_redis) {
        outcome.ok = outcome.published = m_redis->publish(group, value, &outcome.error);
        if (outcome.ok)
            qCInfo(lcServer).noquote()
                << "trigger" << QString::fromStdString(group) << "-> published to Redis";
        else
            qCWarning(lcServer).noquote()
                << "trigger" << QString::fromStdString(group) << "refused:" << outcome.error;
        return outcome;
    }
    outcome.deliveries = deliver(group, value);
    qCInfo(lcServer).noquote() << "trigger" << QString::fromStdString(group) << "->"
                               << outcome.deliveries << "deliveries";
    return outcome;
}

TriggerOutcome
HeadlessServer::publishBatch(const std::vector<std::pair<std::string, const JsonValue *>> &events)
{
    TriggerOutcome outcome;
    if (m_redis) {
        // Up now means up for the whole batch: the publishes are queued without waiting.
        if (!m_redis->canPublish(events.size(), &outcome.error)) {
            outcome.ok = false;
            qCWarning(lcServer).noquote()
                << "trigger batch of" << events.size() << "events refused:" << outcome.error;
            return outcome;
        }
        size_t published = 0;
        for (const auto &[group, value] : events) {
            if (!m_redis->publish(group, *value, &outcome.error)) {
                outcome.ok = false;
                outcome.error = QStringLiteral("Published the first %1 events of %2, then: %3")
                                    .arg(published)
                                    .arg(events.size())
                                    .arg(outcome.error);
                return outcome;
            }
            ++published;
        }
        outcome.published = true;
        qCInfo(lcServer).noquote()
            << "trigger batch of" << events.size() << "events -> published to Redis";
        return outcome;
    }
    // A line per event would cost a tenth of the server's time at full rate (a write() each).
    for (const auto &[group, value] : events) {
        const size_t delivered = m_hub.publish(group, *value);
        qCDebug(lcServer).noquote()
            << "trigger" << QString::fromStdString(group) << "->" << delivered << "deliveries";
        outcome.deliveries += delivered;
    }
    m_websockets.closeOverflowed();
    qCInfo(lcServer).noquote() << "trigger batch of" << events.size() << "events ->"
                               << outcome.deliveries << "deliveries";
    return outcome;
}

void HeadlessServer::setAccessRules(std::shared_ptr<const protocol::AccessRules> rules)
{
    m_config.access = rules;
    m_websockets.setAccessRules(std::move(rules));
}

void HeadlessServer::shutdown(std::function<void()> done)
{
    m_router.close();
    m_websockets.shutdown(2000, std::move(done));
}

} // namespace subscope::server
