#include "redis_channel_layer.h"

#include "pubsub_message.h"
#include "server/logging.h"

#include <QHostInfo>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <hiredis/async.h>
#include <hiredis/hiredis.h>
#include <memory>

namespace subscope::server {

namespace {

constexpr int FirstRetryMs = 100;
constexpr int LastRetryMs = 5000;
constexpr int AttemptTimeoutMs = 5000;
constexpr int CheckTimeoutSeconds = 2;
constexpr int UnansweredMs = 5000;
constexpr int PingIdleMs = 2000;
// Channels per SUBSCRIBE when a whole set is subscribed again.
constexpr size_t ChannelsPerCommand = 1000;

std::string_view text(const redisReply *reply)
{
    return std::string_view(reply->str, reply->len);
}

} // namespace

RedisChannelLayer::RedisChannelLayer(RedisAddress address, std::string prefix, QObject *parent)
    : QObject(parent)
    , m_address(std::move(address))
    , m_prefix(std::move(prefix))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &RedisChannelLayer::attempt);
    m_clock.start();
    m_health.setInterval(500);
    connect(&m_health, &QTimer::timeout, this, &RedisChannelLayer::checkHealth);
    m_attemptTimeout.setSingleShot(true);
    connect(&m_attemptTimeout, &QTimer::timeout, this, [this] {
        linkDown(QStringLiteral("no answer within %1 s").arg(AttemptTimeoutMs / 1000));
    });
    for (RedisConnection *connection : {&m_publisher, &m_subscriber}) {
        connection->onReady = [this] { connectionReady(); };
        connection->onFailed = [this](const QString &reason) { linkDown(reason); };
    }
}

RedisChannelLayer::~RedisChannelLayer()
{
    m_destroying = true;
    if (m_lookupId >= 0) QHostInfo::abortHostLookup(m_lookupId);
    m_publisher.close();
    m_subscriber.close();
}

bool RedisChannelLayer::checkCredentials(const RedisAddress &address, QString *error,
                                         QString *warning)
{
    const timeval timeout{CheckTimeoutSeconds, 0};
    std::unique_ptr<redisContext, void (*)(redisContext *)> context(
        redisConnectWithTimeout(address.host.toUtf8().constData(), address.port, timeout),
        redisFree);
    if (!context || context->err) {
        *warning = QStringLiteral("Redis at %1 does not answer (%2); the server starts and keeps "
                                  "trying, and refuses triggers until it is reached")
                       .arg(address.display(), context ? QString::fromUtf8(context->errstr)
                                                       : QStringLiteral("out of memory"));
        return true;
    }
    redisSetTimeout(context.get(), timeout);
    auto run = [&](std::vector<QByteArray> arguments, const QString &what) {
        std::vector<const char *> argv;
        std::vector<size_t> lengths;
        for (const QByteArray &a : arguments) {
            argv.push_back(a.constData());
            lengths.push_back(size_t(a.size()));
        }
        std::unique_ptr<redisReply, void (*)(void *)> reply(
            static_cast<redisReply *>(
                redisCommandArgv(context.get(), int(argv.size()), argv.data(), lengths.data())),
            freeReplyObject);
        if (!reply) {
            *warning = QStringLiteral("Redis at %1 did not answer %2 (%3); the server starts "
                                      "and keeps trying")
                           .arg(address.display(), what, QString::fromUtf8(context->errstr));
            return false;
        }
        if (reply->type == REDIS_REPLY_ERROR) {
            *error = QStringLiteral("Redis at %1 refused %2: %3")
                         .arg(address.display(), what, QString::fromUtf8(text(reply.get())));
            return false;
        }
        return true;
    };
    if (!address.password.isEmpty()) {
        std::vector<QByteArray> auth{QByteArrayLiteral("AUTH")};
        if (!address.user.isEmpty()) auth.push_back(address.user);
        auth.push_back(address.password);
        if (!run(auth, QStringLiteral("the password (AUTH)"))) return error->isEmpty();
    }
    if (address.database != 0 &&
        !run({QByteArrayLiteral("SELECT"), QByteArray::number(address.database)},
             QStringLiteral("database %1 (SELECT)").arg(address.database)))
        return error->isEmpty();
    // A Redis that asks for a password we were not given says so here (NOAUTH).
    if (!run({QByteArrayLiteral("PING")}, QStringLiteral("PING"))) {
        if (error->contains(QLatin1String("NOAUTH")))
            error->append(
                QStringLiteral(" (give the password in the URL: redis://:password@host:port/db)"));
        return error->isEmpty();
    }
    return true;
}

void RedisChannelLayer::start()
{
    attempt();
}

void RedisChannelLayer::attempt()
{
    setState(State::Connecting);
    m_attemptTimeout.start(AttemptTimeoutMs);
    const QHostAddress ip(m_address.host);
    if (!ip.isNull()) {
        connectTo(ip);
        return;
    }
    // hiredis would resolve the name blocking the event loop; Qt does it on a thread.
    m_lookupId = QHostInfo::lookupHost(m_address.host, this, [this](const QHostInfo &info) {
        m_lookupId = -1;
        if (m_state != State::Connecting) return;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            linkDown(
                QStringLiteral("cannot resolve %1: %2").arg(m_address.host, info.errorString()));
            return;
        }
        // "localhost" may list ::1 first while Redis listens on 127.0.0.1 only (as hiredis's
        // own resolution, IPv4 is tried first); each failed attempt tries the next address.
        m_addresses = info.addresses();
        std::stable_partition(m_addresses.begin(), m_addresses.end(), [](const QHostAddress &a) {
            return a.protocol() == QAbstractSocket::IPv4Protocol;
        });
        connectTo(m_addresses.at(m_failuresInARow % m_addresses.size()));
    });
}

void RedisChannelLayer::connectTo(const QHostAddress &ip)
{
    m_subscribedChannels = 0;
    m_publisher.open(ip, m_address);
    m_subscriber.open(ip, m_address);
}

void RedisChannelLayer::connectionReady()
{
    if (m_state != State::Connecting || !m_publisher.isReady() || !m_subscriber.isReady()) return;
    // Up once Redis confirmed the subscriptions: a trigger accepted before would miss the
    // members here.
    m_subscriptionsLive = true;
    m_awaitingConfirmations = m_groups.size();
    subscribeAll();
    if (m_awaitingConfirmations == 0) linkUp();
}

void RedisChannelLayer::linkUp()
{
    m_attemptTimeout.stop();
    m_failuresInARow = 0;
    m_lastError.clear();
    if (m_everUp) {
        ++m_counters.reconnects;
        qCInfo(lcRedis).noquote() << "reconnected to Redis at" << m_address.display()
                                  << "and subscribed again to" << m_groups.size() << "groups";
    } else {
        qCInfo(lcRedis).noquote() << "connected to Redis at" << m_address.display() << "with prefix"
                                  << QString::fromStdString(m_prefix);
    }
    m_everUp = true;
    m_unanswered.clear();
    m_lastSent = m_clock.elapsed();
    m_health.start();
    setState(State::Up);
}

void RedisChannelLayer::checkHealth()
{
    const qint64 now = m_clock.elapsed();
    if (!m_unanswered.empty() && now - m_unanswered.front() > UnansweredMs) {
        linkDown(QStringLiteral("no answer from Redis for %1 s").arg(UnansweredMs / 1000));
        return;
    }
    if (!m_unanswered.empty() || now - m_lastSent < PingIdleMs) return;
    if (m_publisher.command({"PING"}, &RedisChannelLayer::pinged, this)) {
        m_unanswered.push_back(now);
        m_lastSent = now;
    }
}

void RedisChannelLayer::linkDown(const QString &reason)
{
    if (m_destroying || m_state == State::Down) return;
    const bool wasUp = m_state == State::Up;
    m_attemptTimeout.stop();
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    m_health.stop();
    m_publisher.close();
    m_subscriber.close();
    m_subscriptionsLive = false;
    m_awaitingConfirmations = 0;
    m_subscribedChannels = 0;
    m_unanswered.clear();
    ++m_counters.failedAttempts;
    const int backoff = std::min(LastRetryMs, FirstRetryMs << std::min(m_failuresInARow, 10));
    ++m_failuresInARow;
    const int delay = int(backoff * (0.8 + 0.4 * QRandomGenerator::global()->generateDouble()));
    const bool sameAsBefore = reason == m_lastError;
    m_lastError = reason;
    m_retry.start(delay);
    m_retryClock.start();
    setState(State::Down);
    if (wasUp) {
        const uint64_t lost = m_counters.unconfirmed - m_unconfirmedAtLastLoss;
        m_unconfirmedAtLastLoss = m_counters.unconfirmed;
        qCWarning(lcRedis).noquote()
            << QStringLiteral("lost the connection to Redis at %1 (%2); triggers are refused "
                              "until it is back; next attempt in %3 ms%4")
                   .arg(m_address.display(), reason)
                   .arg(delay)
                   .arg(lost ? QStringLiteral("; %1 published events were not confirmed by "
                                              "Redis and may not have reached it")
                                   .arg(lost)
                             : QString());
    } else if (!sameAsBefore || m_failuresInARow == 1) {
        qCWarning(lcRedis).noquote()
            << QStringLiteral("cannot reach Redis at %1 (%2); trying again, every %3 s at most")
                   .arg(m_address.display(), reason)
                   .arg(LastRetryMs / 1000);
    }
}

void RedisChannelLayer::setState(State state)
{
    if (m_state == state) return;
    m_state = state;
    emit stateChanged();
}

QString RedisChannelLayer::stateText() const
{
    switch (m_state) {
    case State::Up:
        return QStringLiteral("connected to Redis at %1").arg(m_address.display());
    case State::Connecting:
        return QStringLiteral("connecting to Redis at %1%2")
            .arg(m_address.display(), m_lastError.isEmpty()
                                          ? QString()
                                          : QStringLiteral(" (last error: %1)").arg(m_lastError));
    case State::Down:
        break;
    }
    const qint64 left = std::max<qint64>(0, m_retry.interval() - m_retryClock.elapsed());
    return QStringLiteral("cannot reach Redis at %1 (%2); next attempt in %3 s")
        .arg(m_address.display(), m_lastError)
        .arg(double(left) / 1000, 0, 'f', 1);
}

int RedisChannelLayer::retryAfterSeconds() const
{
    if (m_state != State::Down) return 1;
    const qint64 left = std::max<qint64>(0, m_retry.interval() - m_retryClock.elapsed());
    return std::max(1, int(std::ceil(double(left) / 1000)));
}

void RedisChannelLayer::subscribe(const std::string &group)
{
    if (!m_groups.insert(group).second || !m_subscriptionsLive) return;
    sendSubscription("SUBSCRIBE", {groupChannel(m_prefix, group)});
    // On its way before the member's register ack is: an event fired by whoever saw the ack
    // comes after the subscription at Redis.
    m_subscriber.flush();
}

void RedisChannelLayer::unsubscribe(const std::string &group)
{
    if (!m_groups.erase(group) || !m_subscriptionsLive) return;
    sendSubscription("UNSUBSCRIBE", {groupChannel(m_prefix, group)});
}

void RedisChannelLayer::subscribeAll()
{
    std::vector<std::string> channels;
    for (const std::string &group : m_groups) {
        channels.push_back(groupChannel(m_prefix, group));
        if (channels.size() == ChannelsPerCommand)
            sendSubscription("SUBSCRIBE", std::exchange(channels, {}));
    }
    if (!channels.empty()) sendSubscription("SUBSCRIBE", channels);
    m_subscriber.flush();
}

bool RedisChannelLayer::sendSubscription(const char *command,
                                         const std::vector<std::string> &channels)
{
    std::vector<std::string_view> arguments{command};
    arguments.insert(arguments.end(), channels.begin(), channels.end());
    // hiredis calls pushed() for each confirmation and each message of these channels.
    return m_subscriber.command(arguments, &RedisChannelLayer::pushed, this);
}

bool RedisChannelLayer::canPublish(size_t events, QString *error)
{
    if (m_state == State::Up) return true;
    m_counters.refusedTriggers += events;
    *error = QStringLiteral("Not published: %1.").arg(stateText());
    return false;
}

bool RedisChannelLayer::publish(const std::string &group, const graphql::JsonValue &value,
                                QString *error)
{
    if (!canPublish(1, error)) return false;
    const std::string channel = groupChannel(m_prefix, group);
    const std::string message = encodeTriggerMessage(group, value);
    if (!m_publisher.command({"PUBLISH", channel, message}, &RedisChannelLayer::published, this)) {
        ++m_counters.refusedTriggers;
        *error = QStringLiteral("The event was not published: the connection to Redis at %1 is "
                                "closing.")
                     .arg(m_address.display());
        return false;
    }
    ++m_counters.published;
    m_unanswered.push_back(m_lastSent = m_clock.elapsed());
    return true;
}

void RedisChannelLayer::published(redisAsyncContext *, void *reply, void *data)
{
    auto *self = static_cast<RedisChannelLayer *>(data);
    const auto *r = static_cast<const redisReply *>(reply);
    if (!self->m_unanswered.empty()) self->m_unanswered.pop_front();
    if (!r) {
        ++self->m_counters.unconfirmed;
    } else if (r->type == REDIS_REPLY_ERROR) {
        ++self->m_counters.publishErrors;
        qCWarning(lcRedis).noquote() << "Redis refused a PUBLISH:" << QString::fromUtf8(r->str);
    }
}

void RedisChannelLayer::pinged(redisAsyncContext *, void *, void *data)
{
    auto *self = static_cast<RedisChannelLayer *>(data);
    if (!self->m_unanswered.empty()) self->m_unanswered.pop_front();
}

void RedisChannelLayer::pushed(redisAsyncContext *, void *reply, void *data)
{
    auto *self = static_cast<RedisChannelLayer *>(data);
    const auto *r = static_cast<const redisReply *>(reply);
    if (!r || self->m_destroying) return;
    if (r->type != REDIS_REPLY_ARRAY || r->elements < 3 ||
        r->element[0]->type != REDIS_REPLY_STRING)
        return;
    const std::string_view kind = text(r->element[0]);
    if (kind == "message" && r->element[1]->type == REDIS_REPLY_STRING &&
        r->element[2]->type == REDIS_REPLY_STRING)
        self->received(text(r->element[1]), text(r->element[2]));
    else if ((kind == "subscribe" || kind == "unsubscribe") &&
             r->element[2]->type == REDIS_REPLY_INTEGER) {
        self->m_subscribedChannels = size_t(r->element[2]->integer);
        // Redis answers in order: the confirmations of the groups subscribed again on
        // connecting come before those of groups joined since.
        if (kind == "subscribe" && self->m_awaitingConfirmations > 0 &&
            --self->m_awaitingConfirmations == 0 && self->m_state == State::Connecting)
            self->linkUp();
    }
}

void RedisChannelLayer::received(std::string_view channel, std::string_view payload)
{
    const std::optional<std::string> group = channelGroup(m_prefix, channel);
    std::string problem;
    std::optional<TriggerMessage> message;
    if (group) message = decodeTriggerMessage(payload, *group, &problem);
    if (!message) {
        ++m_counters.refusedMessages;
        ++m_refusedSinceLog;
        if (!m_refusalLog.isValid() || m_refusalLog.elapsed() >= 10000) {
            qCWarning(lcRedis).noquote()
                << "ignored" << m_refusedSinceLog << "message(s) from Redis, the last on"
                << QString::fromUtf8(channel.data(), qsizetype(channel.size())) << "because"
                << QString::fromStdString(group ? problem : "it is not a group channel");
            m_refusalLog.start();
            m_refusedSinceLog = 0;
        }
        return;
    }
    // Members may have left since the message was sent.
    if (!m_groups.count(message->group) || !onEvent) return;
    ++m_counters.received;
    onEvent(message->group, message->value);
}

} // namespace subscope::server
