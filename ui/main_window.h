#pragma once

#include "embedded/embedded_server.h"
#include "theme/appearance.h"

#include <QMainWindow>

#include <memory>

class QActionGroup;
class QLabel;
class QMenu;
class QTabWidget;

namespace subscope::ui {

class ClientPanel;
class DocsPane;
class GroupsPane;
class RecentList;
class ServerDock;
class TrafficInspector;
class TrafficModel;
class TrafficRecorder;
class TriggerPanel;
struct Workspace;

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
    // Starts the embedded server on its port, or on any free one when the default port is taken
    // (a port asked for is kept: the dock says why it did not start). False when it did not.
    bool startEmbeddedServer();

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

    // The client panels as a workspace; applying one replaces every panel (their connections
    // close) with the workspace's, none connected.
    Workspace workspace() const;
    void applyWorkspace(const Workspace &workspace);
    // File › Save workspace / Open workspace without dialogs: false with *error (naming the file
    // and what is wrong in it) and nothing changed.
    bool saveWorkspace(const QString &path, QString *error);
    bool openWorkspace(const QString &path, QString *error);
    // The file the workspace was last saved to or opened from; empty for none.
    QString workspacePath() const { return m_workspacePath; }
    // Whether the panels differ from the workspace last saved or opened (or the first panels).
    bool isWorkspaceModified() const;

    void setAppearance(Appearance appearance);
    // Recently connected URLs, introspection URLs, schema files and workspaces (in the settings).
    RecentList *recentUrls() const { return m_recentUrls; }
    RecentList *recentIntrospectionUrls() const { return m_recentIntrospectionUrls; }
    RecentList *recentSchemaFiles() const { return m_recentSchemaFiles; }
    RecentList *recentWorkspaces() const { return m_recentWorkspaces; }

    // Ctrl+L: the traffic inspector when it has the focus, else the current panel's stream.
    void clearFocused();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildPanelMenu();
    void buildViewMenu();
    void showServerState();
    void showWindowTitle();
    void restoreSettings();
    void saveSettings();
    void openWorkspaceWithDialog();
    void openWorkspaceAsked(const QString &path);
    // False when nothing was saved (cancelled or failed: the user was told).
    bool saveWorkspaceWithDialog(bool askForPath);
    void fillRecentWorkspacesMenu();
    // Before the panels are replaced or the window closes with unsaved changes to them: offers to
    // save; false when the user cancels.
    bool mayPutPanelsAside(const QString &title);
    // The URL a panel aimed at the embedded server takes.
    QString embeddedUrl() const;

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
    QString m_workspacePath;
    std::unique_ptr<Workspace> m_baseline; // the panels as last saved, opened or first shown
    RecentList *m_recentUrls;
    RecentList *m_recentIntrospectionUrls;
    RecentList *m_recentSchemaFiles;
    RecentList *m_recentWorkspaces;
    QMenu *m_recentWorkspacesMenu = nullptr;
    QActionGroup *m_appearanceGroup = nullptr;
};

// The query a new panel starts with.
extern const char *const DemoSubscription;

} // namespace subscope::ui
