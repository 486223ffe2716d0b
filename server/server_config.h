#pragma once

#include "graphql/subscription_request.h"
#include "protocol/access_rules.h"
#include "registry/outbox.h"
#include "server/redis/redis_address.h"

#include <QHostAddress>
#include <QSslConfiguration>
#include <QString>

#include <memory>
#include <optional>

namespace subscope::server {

// The default port: not 8000, which our users' Django servers take.
constexpr quint16 DefaultPort = 8765;

struct ServerConfig
{
    QHostAddress bind = QHostAddress::LocalHost;
    quint16 port = DefaultPort; // 0: any free port
    QString path = QStringLiteral("/graphql/");
    int keepaliveSeconds = 10;   // W6
    int initTimeoutSeconds = 10; // W3a
    size_t outboxSize = 256;     // W28
    registry::OverflowStrategy overflow = registry::OverflowStrategy::DropNewest;
    graphql::GroupNameMode groupNames = graphql::GroupNameMode::Strict; // W16
    // W17/W30: who may join which groups; null lets every socket join every group.
    std::shared_ptr<const protocol::AccessRules> access;

    // POST /trigger and /models/<name> ask for "Authorization: Bearer <token>" when it is set;
    // without one, a server bound beyond loopback refuses them (401).
    QByteArray triggerToken;
    // Origins whose pages may open WebSockets (against cross-site WebSocket hijacking); a
    // handshake with another Origin gets 403. Empty: any origin; "*" too. No Origin (not a
    // browser): always allowed.
    QStringList allowedOrigins;
    // wss:// and https:// on the port instead of ws:// and http:// (tls_files.h).
    std::optional<QSslConfiguration> tls;
    // Events travel between processes through Redis, in the format of channels_redis's
    // RedisPubSubChannelLayer, on channels "<prefix>__group__<group>"; none: in this process.
    std::optional<RedisAddress> redis;
    std::string channelLayerPrefix = "asgi";

    // Limits (docs/server.md, "Limits"). Each refuses what is beyond it with a specific answer.
    int maxConnections = 10000;            // more handshakes: HTTP 503
    int maxOperations = 100;               // per socket; more: TOO_MANY_OPERATIONS (W10 shape)
    qint64 maxMessageBytes = 1024 * 1024;  // a larger client message: close 1009
    qint64 maxBodyBytes = 4 * 1024 * 1024; // a larger HTTP body: 413
};

} // namespace subscope::server
