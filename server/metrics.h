#pragma once

#include <QByteArray>

namespace subscope::server {

class WebSocketEndpoint;

// GET /metrics: the server's counters in Prometheus' text format.
QByteArray prometheusMetrics(const WebSocketEndpoint &endpoint);

} // namespace subscope::server
