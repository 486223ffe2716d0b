#include "metrics.h"

#include "websocket_endpoint.h"

namespace subscope::server {

QByteArray prometheusMetrics(const WebSocketEndpoint &endpoint)
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
    return out;
}

} // namespace subscope::server
