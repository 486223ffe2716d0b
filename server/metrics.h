#pragma once

#include <QByteArray>

namespace subscope::server {

class RedisChannelLayer;
class WebSocketEndpoint;

// GET /metrics: the server's counters in Prometheus' text format, with the Redis channel
// layer's when there is one.
QByteArray prometheusMetrics(const WebSocketEndpoint &endpoint, const RedisChannelLayer *redis);

} // namespace subscope::server
