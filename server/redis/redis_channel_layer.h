#pragma once

#include "graphql/json_value.h"
#include "redis_address.h"
#include "redis_connection.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <string>
#include <unordered_set>

namespace subscope::server {

struct RedisCounters
{
    uint64_t published = 0;       // PUBLISH commands sent
    uint64_t received = 0;        // events received from Redis and delivered here
    uint64_t refusedMessages = 0; // received, but not a subscription.triggered message
    uint64_t refusedTriggers = 0; // triggers refused because Redis was not connected
    uint64_t unconfirmed = 0;     // PUBLISHed, but the connection closed before Redis answered
    uint64_t publishErrors = 0;   // PUBLISHes Redis answered with an error
    uint64_t reconnects = 0;      // times the link came back after it had been up
    uint64_t failedAttempts = 0;  // connection attempts that failed
};

// The channel layer across processes, on Redis, in the wire format of channels_redis's
// RedisPubSubChannelLayer (pubsub_message.h). A group's first local member SUBSCRIBEs to its
// channel, its last member UNSUBSCRIBEs; a trigger is PUBLISHed, and what comes back on a
// subscribed channel is handed to onEvent for the local members. One connection publishes,
// another subscribes (a subscribed connection can do nothing else).
//
// A lost connection is retried with a backoff from 0.1 s doubling to 5 s (±20 %), and every
// group that still has local members is subscribed again; the layer is up once Redis has
// confirmed those subscriptions. Meanwhile publish() refuses, naming Redis: a trigger is never
// dropped without its caller knowing. A Redis that stops answering (a PUBLISH or a PING
// unanswered for 5 s; the publisher PINGs when idle) counts as lost.
class RedisChannelLayer : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Connecting, // an attempt is under way
        Up,         // both connections ready, every group subscribed again
        Down        // waiting for the next attempt
    };
    Q_ENUM(State)

    RedisChannelLayer(RedisAddress address, std::string prefix, QObject *parent = nullptr);
    ~RedisChannelLayer() override;

    // At start, for at most 2 s: what only Redis can tell, that the password is accepted and
    // the database exists. False with *error for those, so that the server does not start on a
    // configuration that cannot work. A Redis that does not answer is no error (*warning says
    // so): the layer keeps trying.
    static bool checkCredentials(const RedisAddress &address, QString *error, QString *warning);
    void start();

    void subscribe(const std::string &group);
    void unsubscribe(const std::string &group);
    // True when Redis is connected; else false with *error, the `events` counted as refused.
    bool canPublish(size_t events, QString *error);
    // Publishes the event; false with *error when Redis is not connected.
    bool publish(const std::string &group, const graphql::JsonValue &value, QString *error);

    // An event received for a group (whatever process published it).
    std::function<void(const std::string &group, const graphql::JsonValue &value)> onEvent;

    State state() const { return m_state; }
    // "connected to …", "connecting to …", "cannot reach Redis at …: why; next attempt in 1.6 s".
    QString stateText() const;
    // Whole seconds until the next attempt (at least 1), for Retry-After.
    int retryAfterSeconds() const;
    const RedisAddress &address() const { return m_address; }
    const std::string &prefix() const { return m_prefix; }
    const RedisCounters &counters() const { return m_counters; }
    // Groups this process wants to hear, and channels Redis confirmed it subscribed.
    size_t wantedGroups() const { return m_groups.size(); }
    size_t subscribedChannels() const { return m_subscribedChannels; }

signals:
    void stateChanged();

private:
    void attempt();
    void connectTo(const QHostAddress &ip);
    void connectionReady();
    void linkUp();
    void linkDown(const QString &reason);
    void checkHealth();
    void setState(State state);
    void subscribeAll();
    bool sendSubscription(const char *command, const std::vector<std::string> &channels);
    void received(std::string_view channel, std::string_view payload);
    static void pushed(redisAsyncContext *context, void *reply, void *data);
    static void published(redisAsyncContext *context, void *reply, void *data);
    static void pinged(redisAsyncContext *context, void *reply, void *data);

    RedisAddress m_address;
    std::string m_prefix;
    RedisConnection m_publisher{QStringLiteral("publisher")};
    RedisConnection m_subscriber{QStringLiteral("subscriber")};
    std::unordered_set<std::string> m_groups; // with local members
    State m_state = State::Down;
    bool m_everUp = false;
    int m_failuresInARow = 0;
    QString m_lastError;
    QTimer m_retry;
    QTimer m_attemptTimeout;
    QElapsedTimer m_retryClock;
    int m_lookupId = -1;
    QList<QHostAddress> m_addresses;    // of the host name, IPv4 first; an attempt each in turn
    bool m_subscriptionsLive = false;   // SUBSCRIBE and UNSUBSCRIBE go out as members come and go
    size_t m_awaitingConfirmations = 0; // of the groups subscribed again after connecting
    size_t m_subscribedChannels = 0;
    QElapsedTimer m_clock;
    QTimer m_health;
    std::deque<qint64> m_unanswered; // when each PUBLISH or PING still unanswered was sent
    qint64 m_lastSent = 0;
    uint64_t m_unconfirmedAtLastLoss = 0;
    RedisCounters m_counters;
    // A flood of refused messages is logged once per 10 s, with how many.
    QElapsedTimer m_refusalLog;
    uint64_t m_refusedSinceLog = 0;
    bool m_destroying = false;
};

} // namespace subscope::server
