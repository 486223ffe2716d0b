#pragma once

#include "traffic_model.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace subscope::ui {

class ClientConnection;
class EmbeddedServer;

// Feeds the inspector: every frame of the embedded server (through its wire tap, across
// restarts) and of each client panel's connection given to watch().
class TrafficRecorder : public QObject
{
    Q_OBJECT
public:
    TrafficRecorder(TrafficModel &model, EmbeddedServer &server, QObject *parent = nullptr);
    ~TrafficRecorder() override;

    // Records the connection's frames under "<name> · <url>", a new connection entry each time
    // it connects.
    void watch(ClientConnection &connection, const QString &name);

private:
    TrafficModel &m_model;
    QPointer<EmbeddedServer> m_server;        // may go first: the window's member, this its child
    QHash<quint64, uint32_t> m_serverSockets; // socket id → connection entry
};

} // namespace subscope::ui
