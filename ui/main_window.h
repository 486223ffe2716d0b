#pragma once

#include "embedded/embedded_server.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace subscope::ui {

class ClientPanel;
class DocsPane;
class GroupsPane;
class ServerDock;
class TrafficInspector;
class TrafficModel;
class TrafficRecorder;
class TriggerPanel;

// The explorer: client panels in tabs, the embedded server's dock, the trigger dock.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // The first-run session: the embedded server on the demo schema (on the default port, or
    // any free one when that is taken) and one panel connected to it, subscribed to the demo
    // subscription.
    void startDemoSession();

    // A new client panel aimed at the embedded server; the tab becomes current.
    ClientPanel *addPanel();
    ClientPanel *panel(int index) const;
    int panelCount() const;
    // Removes the tab; the panel closes its connection and goes once the server has answered.
    void closePanel(int index);

    EmbeddedServer &server() { return m_server; }
    ServerDock *serverDock() const { return m_serverDock; }
    TriggerPanel *triggerPanel() const { return m_trigger; }
    // The docs of the current panel's schema.
    DocsPane *docsPane() const { return m_docs; }
    TrafficModel *traffic() const { return m_traffic; }
    GroupsPane *groups() const { return m_groups; }
    TrafficInspector *inspector() const { return m_inspector; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void showServerState();

    EmbeddedServer m_server;
    QTabWidget *m_tabs;
    ServerDock *m_serverDock;
    TriggerPanel *m_trigger;
    DocsPane *m_docs;
    GroupsPane *m_groups;
    TrafficModel *m_traffic;
    TrafficRecorder *m_recorder;
    TrafficInspector *m_inspector;
    int m_panelsMade = 0; // panels are named "Panel <n>" in the inspector
    QLabel *m_serverStatus;
};

// The query a new panel starts with.
extern const char *const DemoSubscription;

} // namespace subscope::ui
