#include "metrics.h"

#include "redis/redis_channel_layer.h"
#include "websocket_endpoint.h"

namespace subscope::server {

QByteArray prometheusMetrics(const WebSocketEndpoint &endpoint, const RedisChannelLayer *redis)
{
    const registry::Hub &hub = const_cast<WebSocketEndpoint &>(endpoint).hub();
    const registry::HubCounters &c = hub.counters();
    const TrafficCounters &t = endpoint.counters();
    QByteArray out;
    auto metric = [&out](const char *name, const char *type, const char *help) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    };
    auto value = [&out](const QByteArray &series, uint64_t v) {
        out += series + ' ' + QByteArray::number(qulonglong(v)) + '\n';
    };

    metric("subscope_connections", "gauge", "Open WebSocket connections by subprotocol.");
    value(R"(subscope_connections{subprotocol="graphql-transport-ws"})",
          endpoint.connectionCount(protocol::Subprotocol::TransportWs));
    value(R"(subscope_connections{subprotocol="graphql-ws"})",
          endpoint.connectionCount(protocol::Subprotocol::LegacyWs));
    metric("subscope_connections_opened_total", "counter",
           "WebSocket connections accepted since the start.");
    value("subscope_connections_opened_total", t.connectionsOpened);
    metric("subscope_operations", "gauge", "Registered subscription operations.");
    value("subscope_operations", hub.operationCount());
    metric("subscope_groups", "gauge", "Channel groups with at least one operation.");
    value("subscope_groups", hub.groups().groupCount());
    metric("subscope_group_memberships", "gauge", "Operation-in-group memberships.");
    value("subscope_group_memberships", hub.groups().membershipCount());
    metric("subscope_frames_received_total", "counter", "WebSocket frames received.");
    value("subscope_frames_received_total", t.framesIn);
    metric("subscope_frames_sent_total", "counter", "WebSocket frames sent.");
    value("subscope_frames_sent_total", t.framesOut);
    metric("subscope_triggers_total", "counter", "Events published to a group.");
    value("subscope_triggers_total", c.triggers);
    metric("subscope_deliveries_total", "counter", "Event frames queued for operations.");
    value("subscope_deliveries_total", c.deliveries);
    metric("subscope_outbox_drops_total", "counter",
           "Frames dropped by a full outbox, by strategy.");
    for (registry::OverflowStrategy s :
         {registry::OverflowStrategy::DropNewest, registry::OverflowStrategy::DropOldest,
          registry::OverflowStrategy::CloseConnection})
        value(QByteArray(R"(subscope_outbox_drops_total{strategy=")") +
                  registry::overflowStrategyName(s) + "\"}",
              c.dropsByStrategy[int(s)]);
    if (!redis) return out;

    const RedisCounters &r = redis->counters();
    const struct
    {
        const char *name;
        const char *type;
        const char *help;
        uint64_t value;
    } redisMetrics[] = {
        {"subscope_redis_up", "gauge", "1 while both connections to Redis are ready, else 0.",
         redis->state() == RedisChannelLayer::State::Up ? 1u : 0u},
        {"subscope_redis_published_total", "counter", "Events PUBLISHed to Redis.", r.published},
        {"subscope_redis_received_total", "counter",
         "Events received from Redis for groups with members here.", r.received},
        {"subscope_redis_reconnects_total", "counter",
         "Times the connection to Redis came back after it was lost.", r.reconnects},
        {"subscope_redis_failed_attempts_total", "counter",
         "Connection attempts to Redis that failed, and connections lost.", r.failedAttempts},
        {"subscope_redis_refused_triggers_total", "counter",
         "Triggers refused (HTTP 503) because Redis was not connected.", r.refusedTriggers},
        {"subscope_redis_unconfirmed_total", "counter",
         "PUBLISHes whose connection closed before Redis confirmed them.", r.unconfirmed},
        {"subscope_redis_publish_errors_total", "counter",
         "PUBLISHes Redis answered with an error.", r.publishErrors},
        {"subscope_redis_ignored_messages_total", "counter",
         "Messages on a group channel that were not a subscription.triggered event.",
         r.refusedMessages},
        {"subscope_redis_subscribed_channels", "gauge",
         "Group channels Redis confirmed this process is subscribed to.",
         redis->subscribedChannels()},
    };
    for (const auto &m : redisMetrics) {
        metric(m.name, m.type, m.help);
        value(m.name, m.value);
    }
    return out;
}

} // namespace subscope::server
