#pragma once

#include "connection_router.h"
#include "graphql/execution.h"
#include "graphql/schema.h"
#include "redis/redis_channel_layer.h"
#include "registry/hub.h"
#include "server_config.h"
#include "websocket_endpoint.h"

#include <QHttpServer>
#include <QObject>

#include <functional>
#include <memory>

namespace subscope::server {

// What became of a trigger.
struct TriggerOutcome
{
    bool ok = true;
    size_t deliveries = 0;  // event frames queued here (the in-process channel layer)
    bool published = false; // handed to Redis: each process delivers it when Redis passes it on
    QString error;          // !ok: why it was refused (Redis is not connected)
};

// The server: WebSocket (both subprotocols) and the HTTP API on one port, around a Hub.
// The same object runs headless and inside the explorer.
class HeadlessServer : public QObject
{
    Q_OBJECT
public:
    HeadlessServer(std::shared_ptr<const graphql::Schema> schema, ServerConfig config,
                   graphql::Fixtures fixtures = {}, QObject *parent = nullptr);
    ~HeadlessServer() override;

    bool start(QString *error);
    quint16 port() const;
    QString websocketUrl() const; // ws://127.0.0.1:8765/graphql/, wss:// with TLS
    QString httpUrl() const;      // http://127.0.0.1:8765, https:// with TLS

    // W20, W25: publishes an event to a group (the name already checked): delivered to the
    // local members, or with Redis PUBLISHed (refused while Redis is not connected).
    TriggerOutcome publish(const std::string &group, const graphql::JsonValue &value);
    // A batch of POST /trigger, in order: one info line for the batch, each event at debug.
    // With Redis, the whole batch is refused while Redis is not connected.
    TriggerOutcome
    publishBatch(const std::vector<std::pair<std::string, const graphql::JsonValue *>> &events);
    // The group name a trigger means under the configured W16 mode, or nullopt when invalid.
    std::optional<std::string> triggerGroup(const std::string &group) const;

    // Who may join which groups from now on (W17); operations already in groups stay there.
    void setAccessRules(std::shared_ptr<const protocol::AccessRules> rules);
    // SIGINT/SIGTERM: stop listening, close every socket with 1001 after its outbox (at most
    // 2 s), then call done.
    void shutdown(std::function<void()> done);

    const graphql::Schema &schema() const { return *m_schema; }
    const ServerConfig &config() const { return m_config; }
    registry::Hub &hub() { return m_hub; }
    WebSocketEndpoint &websockets() { return m_websockets; }
    // The Redis channel layer, or null when events stay in this process.
    RedisChannelLayer *redis() { return m_redis.get(); }
    const RedisChannelLayer *redis() const { return m_redis.get(); }

private:
    void addRoutes();
    // An event for the local members: triggered here, or received from Redis.
    size_t deliver(const std::string &group, const graphql::JsonValue &value);
    // The refusal of a trigger request that lacks the trigger token, or none.
    std::optional<QHttpServerResponse> refuseTrigger(const QHttpServerRequest &request) const;

    std::shared_ptr<const graphql::Schema> m_schema;
    ServerConfig m_config;
    graphql::Fixtures m_fixtures;
    registry::Hub m_hub;
    std::unique_ptr<RedisChannelLayer> m_redis;
    WebSocketEndpoint m_websockets;
    ConnectionRouter m_router;
    QHttpServer m_http;
};

} // namespace subscope::server
