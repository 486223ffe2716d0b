#pragma once

#include "graphql/json_value.h"
#include "graphql/schema.h"
#include "server/headless_server.h"
#include "server/server_config.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace subscope::ui {

// What the server dock shows, read from the running server.
struct ServerFigures
{
    size_t transportConnections = 0; // graphql-transport-ws
    size_t legacyConnections = 0;    // graphql-ws
    size_t operations = 0;
    size_t groups = 0;
    uint64_t framesIn = 0;
    uint64_t framesOut = 0;
    uint64_t drops = 0;
    uint64_t triggers = 0;
    // The Redis channel layer, when the server runs on one.
    bool redis = false;
    bool redisUp = false;
    QString redisState; // "connected to Redis at …", "cannot reach Redis at …"
    uint64_t redisPublished = 0;
    uint64_t redisReceived = 0;
    uint64_t redisReconnects = 0;
};

// One member of a group (W13): an operation of a socket, as the groups view shows it.
struct GroupMemberInfo
{
    quint64 socket = 0;
    QString operation;   // the id the client chose
    QString responseKey; // what its events are answered under
    QString peer;        // address:port
    QString subprotocol;
    friend bool operator==(const GroupMemberInfo &, const GroupMemberInfo &) = default;
};

struct GroupInfo
{
    QString name;
    std::vector<GroupMemberInfo> members; // in the order they joined
};

// The explorer's own server: the same HeadlessServer as `subscope --headless`, started and
// stopped from the server dock, on a schema file that is reloaded when it changes on disk.
class EmbeddedServer : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Stopped,
        Running,
        Stopping
    };
    Q_ENUM(State)

    explicit EmbeddedServer(QObject *parent = nullptr);
    ~EmbeddedServer() override;

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    QString errorString() const { return m_error; }

    // Takes effect at the next start (restart() to apply it now).
    const server::ServerConfig &config() const { return m_config; }
    void setConfig(const server::ServerConfig &config)
    {
        m_config = config;
        emit configChanged();
    }

    // The schema file asked for (the schema in effect may be an earlier one while it has
    // errors); empty means the embedded demo schema.
    QString schemaPath() const { return m_schemaPath; }
    QString schemaDisplayName() const;
    // Loads the schema and watches the file. On errors the previous schema stays in effect and
    // schemaErrors() says what is wrong (file:line:column: message). A running server is
    // restarted on the new schema.
    bool loadSchema(const QString &path);
    bool reloadSchema() { return loadSchema(m_schemaPath); }
    std::shared_ptr<const graphql::Schema> schema() const { return m_schema; }
    QStringList schemaErrors() const { return m_schemaErrors; }

    bool start();
    // Closes every socket with 1001 (after its queued frames), then stops listening.
    void stop();
    void restart();

    quint16 port() const;
    QString websocketUrl() const;
    QString httpUrl() const;
    ServerFigures figures() const;
    QStringList liveGroups() const;
    // Every group with its members, sorted by name; empty when the server is not running.
    std::vector<GroupInfo> groupMembership() const;
    // Every frame of every connection, from now on and across restarts; null: none.
    void setWireTap(server::WireTap tap);

    // Fires an event into a group (W20); refused with the reason when the server is not
    // running, the group name is invalid (W16, W25) or Redis is not connected.
    server::TriggerOutcome publish(const QString &group, const graphql::JsonValue &value);

    server::HeadlessServer *server() { return m_server.get(); }

signals:
    void stateChanged(subscope::ui::EmbeddedServer::State state);
    void schemaChanged();
    void configChanged();
    void schemaErrorsChanged(const QStringList &errors);
    // Who is in which group changed (coalesced: at most every 50 ms), or the server stopped.
    void groupsChanged();
    // The connection to Redis came, went or is being tried again.
    void channelLayerChanged();

private:
    void setState(State state);
    void watch(const QString &path);

    server::ServerConfig m_config;
    QString m_schemaPath;
    std::shared_ptr<const graphql::Schema> m_schema;
    QStringList m_schemaErrors;
    std::unique_ptr<server::HeadlessServer> m_server;
    State m_state = State::Stopped;
    bool m_startWhenStopped = false;
    QString m_error;
    QFileSystemWatcher m_watcher;
    QTimer m_reloadDelay; // editors save in several steps: reload once they are done
    QTimer m_groupsDelay; // a burst of joins (a page of subscriptions) is one change
    server::WireTap m_tap;
};

} // namespace subscope::ui
