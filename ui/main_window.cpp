#include "main_window.h"

#include "client/client_panel.h"
#include "editor/highlighters.h"
#include "embedded/server_dock.h"
#include "groups/groups_pane.h"
#include "inspector/traffic_inspector.h"
#include "inspector/traffic_recorder.h"
#include "logging.h"
#include "schema/docs_pane.h"
#include "trigger/trigger_panel.h"
#include "workspace/recent_list.h"
#include "workspace/workspace.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>

namespace subscope::ui {

const char *const DemoSubscription = "subscription OnMyModelCreated {\n"
                                     "  myModelCreated(subscribe: true) {\n"
                                     "    id\n"
                                     "    name\n"
                                     "    age\n"
                                     "  }\n"
                                     "}\n";

namespace {
constexpr int CloseGrace = 2000; // ms a closed panel waits for its socket's close handshake

const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
const QString AppearanceKey = QStringLiteral("appearance");
const QString WorkspaceFilter =
    QStringLiteral("Subscope workspaces (*.subscope.json);;JSON files (*.json);;All files (*)");

QDockWidget *dock(const QString &title, const QString &name, QWidget *content, QWidget *parent)
{
    auto *widget = new QDockWidget(title, parent);
    widget->setObjectName(name);
    auto *scroll = new QScrollArea(widget);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    widget->setWidget(scroll);
    return widget;
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_baseline(std::make_unique<Workspace>())
{
    setWindowTitle(tr("Subscope"));
    if (const auto saved = appearanceFromName(QSettings().value(AppearanceKey).toString()))
        applyAppearance(*saved);
    m_server.loadSchema(QString());
    m_recentUrls = new RecentList(QStringLiteral("recent/urls"), this);
    m_recentIntrospectionUrls = new RecentList(QStringLiteral("recent/introspectionUrls"), this);
    m_recentSchemaFiles = new RecentList(QStringLiteral("recent/schemaFiles"), this);
    m_recentWorkspaces = new RecentList(QStringLiteral("recent/workspaces"), this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("panelTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    auto *newTab = new QToolButton(m_tabs);
    newTab->setText(QStringLiteral("+"));
    newTab->setToolTip(tr("New client panel (Ctrl+T)"));
    newTab->setAutoRaise(true);
    m_tabs->setCornerWidget(newTab, Qt::TopRightCorner);
    connect(newTab, &QToolButton::clicked, this, &MainWindow::addPanel);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closePanel);
    setCentralWidget(m_tabs);

    m_serverDock = new ServerDock(m_server);
    QDockWidget *serverDock = dock(tr("Server"), QStringLiteral("serverDock"), m_serverDock, this);
    addDockWidget(Qt::LeftDockWidgetArea, serverDock);
    m_groups = new GroupsPane(m_server);
    auto *groupsDock = new QDockWidget(tr("Groups"), this);
    groupsDock->setObjectName(QStringLiteral("groupsDock"));
    groupsDock->setWidget(m_groups);
    addDockWidget(Qt::LeftDockWidgetArea, groupsDock);
    tabifyDockWidget(serverDock, groupsDock);
    serverDock->raise();
    m_trigger = new TriggerPanel(m_server);
    QDockWidget *triggerDock = dock(tr("Trigger"), QStringLiteral("triggerDock"), m_trigger, this);
    addDockWidget(Qt::RightDockWidgetArea, triggerDock);
    m_serverDock->setRecentSchemaFiles(m_recentSchemaFiles);
    connect(&m_server, &EmbeddedServer::schemaChanged, this, [this] {
        if (!m_server.schemaPath().isEmpty() && m_server.schemaErrors().isEmpty())
            m_recentSchemaFiles->add(QFileInfo(m_server.schemaPath()).absoluteFilePath());
    });
    m_docs = new DocsPane;
    QDockWidget *docsDock = dock(tr("Docs"), QStringLiteral("docsDock"), m_docs, this);
    addDockWidget(Qt::RightDockWidgetArea, docsDock);
    tabifyDockWidget(triggerDock, docsDock);
    triggerDock->raise();
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this](int index) { m_docs->setPanel(panel(index)); });

    m_traffic = new TrafficModel(this);
    m_recorder = new TrafficRecorder(*m_traffic, m_server, this);
    m_inspector = new TrafficInspector(*m_traffic);
    auto *inspectorDock = new QDockWidget(tr("Traffic"), this);
    inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    inspectorDock->setWidget(m_inspector);
    addDockWidget(Qt::BottomDockWidgetArea, inspectorDock);
    // Docks take their sizes once the window has its own; a saved layout keeps its own.
    if (!QSettings().contains(StateKey)) {
        QTimer::singleShot(0, this, [this, serverDock, triggerDock, inspectorDock] {
            resizeDocks({serverDock, triggerDock}, {370, 300}, Qt::Horizontal);
            resizeDocks({inspectorDock}, {250}, Qt::Vertical);
        });
    }

    auto *fire = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return), this);
    connect(fire, &QShortcut::activated, m_trigger, &TriggerPanel::fireOrStop);
    auto *fireEnter = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Enter), this);
    connect(fireEnter, &QShortcut::activated, m_trigger, &TriggerPanel::fireOrStop);

    connect(&m_server, &EmbeddedServer::schemaChanged, this, [this] {
        for (int i = 0; i < panelCount(); ++i)
            panel(i)->setEmbeddedSchema(m_server.schema());
    });
    connect(&m_server, &EmbeddedServer::stateChanged, this, &MainWindow::showServerState);
    connect(m_trigger, &TriggerPanel::resultShown, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    m_serverStatus = new QLabel(this);
    m_serverStatus->setObjectName(QStringLiteral("serverStatus"));
    statusBar()->addPermanentWidget(m_serverStatus);
    buildMenus();
    showServerState();
    // Roomy on a large screen, never larger than a laptop's (metainfo: display_length >= 768).
    QSize size(1580, 960);
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() * 0.95);
    resize(size);
    restoreSettings();
}

MainWindow::~MainWindow()
{
    // Widgets going away (a line edit losing focus) may still report; not to a half-gone window.
    m_trigger->disconnect(this);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("New client panel"), QKeySequence(Qt::CTRL | Qt::Key_T), this,
                    &MainWindow::addPanel);
    file->addAction(tr("Close panel"), QKeySequence(Qt::CTRL | Qt::Key_W), this,
                    [this] { closePanel(m_tabs->currentIndex()); });
    file->addSeparator();
    file->addAction(tr("Open workspace…"), QKeySequence::Open, this,
                    &MainWindow::openWorkspaceWithDialog);
    m_recentWorkspacesMenu = file->addMenu(tr("Open recent workspace"));
    connect(m_recentWorkspacesMenu, &QMenu::aboutToShow, this,
            &MainWindow::fillRecentWorkspacesMenu);
    file->addAction(tr("Save workspace"), QKeySequence::Save, this,
                    [this] { saveWorkspaceWithDialog(false); });
    file->addAction(tr("Save workspace as…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this,
                    [this] { saveWorkspaceWithDialog(true); });
    file->addSeparator();
    file->addAction(tr("Quit"), QKeySequence::Quit, this, &QWidget::close);

    buildPanelMenu();

    QMenu *serverMenu = menuBar()->addMenu(tr("&Server"));
    serverMenu->addAction(tr("Start"), this, [this] { m_server.start(); });
    serverMenu->addAction(tr("Stop"), this, [this] { m_server.stop(); });
    serverMenu->addAction(tr("Restart"), this, [this] { m_server.restart(); });
    serverMenu->addAction(tr("Reload schema"), QKeySequence(Qt::CTRL | Qt::Key_R), this,
                          [this] { m_server.reloadSchema(); });

    buildViewMenu();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("About Subscope"), this, [this] {
        QMessageBox::about(
            this, tr("About Subscope"),
            tr("<b>Subscope %1</b><p>GraphQL subscriptions explorer and server, wire-compatible "
               "with Django's cypartagraphqlsubscriptionstools.</p><p>Qt %2 · highlighting: "
               "%3</p>")
                .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                     QString::fromLatin1(highlighterEngine())));
    });
}

void MainWindow::buildPanelMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&Panel"));
    const auto onPanel = [this](auto action) {
        return [this, action] {
            if (ClientPanel *p = panel(m_tabs->currentIndex())) action(p);
        };
    };
    menu->addAction(tr("Connect or disconnect"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
                    this, onPanel([](ClientPanel *p) {
                        const auto state = p->connection().state();
                        if (state == ClientConnection::State::Connecting ||
                            state == ClientConnection::State::AwaitingAck ||
                            state == ClientConnection::State::Ready)
                            p->disconnectFromServer();
                        else
                            p->connectToServer();
                    }));
    QAction *subscribe =
        menu->addAction(tr("Subscribe"), this, onPanel([](ClientPanel *p) { p->subscribe(); }));
    subscribe->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    // In the panels only: in the trigger's editors Ctrl+Shift+Enter fires, and a Ctrl+Enter
    // there subscribing a panel would surprise.
    subscribe->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_tabs->addAction(subscribe);
    menu->addAction(tr("Stop the selected operation"), QKeySequence(Qt::CTRL | Qt::Key_Period),
                    this, onPanel([](ClientPanel *p) { p->stopSelected(); }));
    QAction *clear = menu->addAction(tr("Clear"), QKeySequence(Qt::CTRL | Qt::Key_L), this,
                                     &MainWindow::clearFocused);
    clear->setStatusTip(
        tr("Clear the traffic inspector when it has the focus, else the selected stream"));
    menu->addSeparator();
    const auto step = [this](int by) {
        return [this, by] {
            if (panelCount() > 0)
                m_tabs->setCurrentIndex((m_tabs->currentIndex() + by + panelCount()) %
                                        panelCount());
        };
    };
    menu->addAction(tr("Next panel"), QKeySequence(Qt::CTRL | Qt::Key_PageDown), this, step(1));
    menu->addAction(tr("Previous panel"), QKeySequence(Qt::CTRL | Qt::Key_PageUp), this, step(-1));
}

void MainWindow::buildViewMenu()
{
    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *d : findChildren<QDockWidget *>())
        view->addAction(d->toggleViewAction());
    view->addSeparator();
    auto *inspectorDock = findChild<QDockWidget *>(QStringLiteral("inspectorDock"));
    view->addAction(tr("Filter the traffic"), QKeySequence::Find, this, [this, inspectorDock] {
        inspectorDock->show();
        inspectorDock->raise();
        m_inspector->focusFilter();
    });
    view->addSeparator();
    QMenu *appearance = view->addMenu(tr("Appearance"));
    m_appearanceGroup = new QActionGroup(this);
    const std::pair<Appearance, QString> choices[] = {
        {Appearance::System, tr("System")},
        {Appearance::Light, tr("Light")},
        {Appearance::Dark, tr("Dark")},
    };
    for (const auto &[choice, text] : choices) {
        QAction *action =
            appearance->addAction(text, this, [this, choice] { setAppearance(choice); });
        action->setCheckable(true);
        action->setChecked(currentAppearance() == choice);
        action->setData(appearanceName(choice));
        m_appearanceGroup->addAction(action);
    }
}

void MainWindow::setAppearance(Appearance appearance)
{
    applyAppearance(appearance);
    QSettings().setValue(AppearanceKey, appearanceName(appearance));
    for (QAction *action : m_appearanceGroup->actions())
        action->setChecked(action->data().toString() == appearanceName(appearance));
}

void MainWindow::clearFocused()
{
    QWidget *focus = QApplication::focusWidget();
    if (focus && (focus == m_inspector || m_inspector->isAncestorOf(focus))) {
        m_traffic->clear();
        return;
    }
    if (ClientPanel *p = panel(m_tabs->currentIndex())) p->clearStream();
}

ClientPanel *MainWindow::addPanel()
{
    auto *panel = new ClientPanel(m_tabs);
    panel->setRecentLists(m_recentUrls, m_recentIntrospectionUrls, m_recentSchemaFiles);
    panel->setEmbeddedSchema(m_server.schema());
    panel->setUrl(embeddedUrl(), true);
    panel->setQuery(QString::fromLatin1(DemoSubscription));
    m_recorder->watch(panel->connection(), tr("Panel %1").arg(++m_panelsMade));
    const int index = m_tabs->addTab(panel, panel->title());
    m_tabs->setCurrentIndex(index);
    connect(panel, &ClientPanel::titleChanged, this, [this, panel](const QString &title) {
        const int at = m_tabs->indexOf(panel);
        if (at >= 0) m_tabs->setTabText(at, title);
    });
    return panel;
}

ClientPanel *MainWindow::panel(int index) const
{
    return qobject_cast<ClientPanel *>(m_tabs->widget(index));
}

int MainWindow::panelCount() const
{
    return m_tabs->count();
}

void MainWindow::closePanel(int index)
{
    ClientPanel *p = panel(index);
    if (!p) return;
    m_tabs->removeTab(index);
    p->disconnectFromServer();
    // Deleting the panel aborts its socket: wait for the close handshake (connection_terminate
    // and the close frame must reach the server), but not for a server that never answers.
    const auto ended = [](ClientConnection::State state) {
        return state != ClientConnection::State::Connecting &&
               state != ClientConnection::State::AwaitingAck &&
               state != ClientConnection::State::Ready;
    };
    if (ended(p->connection().state())) {
        p->deleteLater();
        return;
    }
    connect(&p->connection(), &ClientConnection::stateChanged, p,
            [p, ended](ClientConnection::State state) {
                if (ended(state)) p->deleteLater();
            });
    QTimer::singleShot(CloseGrace, p, &QObject::deleteLater);
}

bool MainWindow::startEmbeddedServer()
{
    if (!m_server.start() && m_server.config().port == server::DefaultPort) {
        // The default port is taken (another Subscope, say): any free port will do. A port
        // asked for with --port is not replaced: the dock says why it did not start.
        server::ServerConfig config = m_server.config();
        config.port = 0;
        m_server.setConfig(config);
        if (m_server.start()) {
            // Restarts keep this port, so that panels and trigger targets stay valid.
            config.port = m_server.port();
            m_server.setConfig(config);
            statusBar()->showMessage(tr("Port %1 is in use: the embedded server took port %2")
                                         .arg(server::DefaultPort)
                                         .arg(m_server.port()),
                                     10000);
        }
    }
    return m_server.isRunning();
}

void MainWindow::startDemoSession()
{
    startEmbeddedServer();
    ClientPanel *first = addPanel();
    *m_baseline = workspace();
    if (!m_server.isRunning()) return;
    // Subscribe once the socket is up, so the register ack is the first thing the user sees.
    auto *once = new QObject(first);
    connect(&first->connection(), &ClientConnection::stateChanged, once,
            [first, once](ClientConnection::State state) {
                if (state != ClientConnection::State::Ready) return;
                delete once;
                first->subscribe();
            });
    first->connectToServer();
    m_trigger->setGroup(QStringLiteral("MyModelCreated"));
    m_trigger->setValue(QStringLiteral("{\"pk\": {{n}}, \"fields\": {\"id\": {{n}}, \"name\": "
                                       "\"item {{n}}\", \"age\": 30}}"));
}

void MainWindow::showServerState()
{
    const QString text =
        m_server.isRunning()
            ? tr("Embedded server: %1 (HTTP %2)").arg(m_server.websocketUrl(), m_server.httpUrl())
            : tr("Embedded server stopped");
    m_serverStatus->setText(text);
}

QString MainWindow::embeddedUrl() const
{
    return m_server.isRunning()
               ? m_server.websocketUrl()
               : QStringLiteral("ws://127.0.0.1:%1/graphql/").arg(m_server.config().port);
}

Workspace MainWindow::workspace() const
{
    Workspace workspace;
    const QUrl embedded(embeddedUrl());
    for (int i = 0; i < panelCount(); ++i) {
        PanelSetup setup = panel(i)->setup();
        setup.embeddedServer = setup.embeddedServer || QUrl(setup.url) == embedded;
        workspace.panels << setup;
    }
    workspace.currentPanel = std::max(0, m_tabs->currentIndex());
    return workspace;
}

void MainWindow::applyWorkspace(const Workspace &workspace)
{
    while (panelCount() > 0)
        closePanel(panelCount() - 1);
    for (PanelSetup setup : workspace.panels) {
        // Aimed before anything loads from the URL (an introspection URL derived from it).
        if (setup.embeddedServer) setup.url = embeddedUrl();
        addPanel()->applySetup(setup);
    }
    if (workspace.currentPanel < panelCount()) m_tabs->setCurrentIndex(workspace.currentPanel);
}

bool MainWindow::isWorkspaceModified() const
{
    return workspace().panels != m_baseline->panels;
}

bool MainWindow::saveWorkspace(const QString &path, QString *error)
{
    const Workspace saved = workspace();
    if (!saveWorkspaceFile(path, saved, error)) return false;
    *m_baseline = saved;
    m_workspacePath = QFileInfo(path).absoluteFilePath();
    m_recentWorkspaces->add(m_workspacePath);
    showWindowTitle();
    return true;
}

bool MainWindow::openWorkspace(const QString &path, QString *error)
{
    Workspace opened;
    if (!loadWorkspaceFile(path, &opened, error)) return false;
    applyWorkspace(opened);
    *m_baseline = workspace();
    m_workspacePath = QFileInfo(path).absoluteFilePath();
    qCInfo(lcUi, "opened the workspace %s: %d panels", qUtf8Printable(m_workspacePath),
           int(opened.panels.size()));
    m_recentWorkspaces->add(m_workspacePath);
    showWindowTitle();
    return true;
}

void MainWindow::openWorkspaceWithDialog()
{
    const QString start = m_workspacePath.isEmpty()
                              ? QFileInfo(m_recentWorkspaces->values().value(0)).path()
                              : QFileInfo(m_workspacePath).path();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open workspace"), start, WorkspaceFilter);
    if (!path.isEmpty()) openWorkspaceAsked(path);
}

void MainWindow::openWorkspaceAsked(const QString &path)
{
    if (!mayPutPanelsAside(tr("Open workspace"))) return;
    QString error;
    if (openWorkspace(path, &error)) return;
    if (!QFileInfo::exists(path)) m_recentWorkspaces->remove(path);
    QMessageBox::warning(this, tr("Cannot open the workspace"), error);
}

bool MainWindow::mayPutPanelsAside(const QString &title)
{
    if (!isWorkspaceModified()) return true;
    const QString question =
        m_workspacePath.isEmpty()
            ? tr("The panels here are in no workspace. Save them first?")
            : tr("The panels have changed since %1 was saved. Save them first?")
                  .arg(QFileInfo(m_workspacePath).fileName());
    switch (QMessageBox::question(this, title, question,
                                  QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                  QMessageBox::Save)) {
    case QMessageBox::Save:
        return saveWorkspaceWithDialog(false);
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

bool MainWindow::saveWorkspaceWithDialog(bool askForPath)
{
    QString path = m_workspacePath;
    if (askForPath || path.isEmpty()) {
        const QString suggested =
            path.isEmpty() ? QDir::home().filePath(QStringLiteral("workspace.subscope.json"))
                           : path;
        path = QFileDialog::getSaveFileName(this, tr("Save workspace"), suggested, WorkspaceFilter);
        if (path.isEmpty()) return false;
        // The dialog asked about the name as typed, not this one.
        if (QFileInfo(path).suffix().isEmpty()) {
            path += QStringLiteral(".subscope.json");
            if (QFileInfo::exists(path) &&
                QMessageBox::question(this, tr("Save workspace"),
                                      tr("%1 exists. Replace it?").arg(path)) != QMessageBox::Yes)
                return false;
        }
    }
    QString error;
    if (!saveWorkspace(path, &error)) {
        QMessageBox::warning(this, tr("Cannot save the workspace"), error);
        return false;
    }
    statusBar()->showMessage(tr("Saved the workspace to %1").arg(path), 5000);
    return true;
}

void MainWindow::fillRecentWorkspacesMenu()
{
    m_recentWorkspacesMenu->clear();
    const QStringList paths = m_recentWorkspaces->values();
    for (const QString &path : paths) {
        m_recentWorkspacesMenu->addAction(path, this, [this, path] { openWorkspaceAsked(path); });
    }
    if (paths.isEmpty()) {
        m_recentWorkspacesMenu->addAction(tr("No workspace opened yet"))->setEnabled(false);
        return;
    }
    m_recentWorkspacesMenu->addSeparator();
    m_recentWorkspacesMenu->addAction(tr("Clear the list"), m_recentWorkspaces, &RecentList::clear);
}

void MainWindow::showWindowTitle()
{
    // The platform adds " — Subscope" (the application's display name) to a file name.
    setWindowTitle(m_workspacePath.isEmpty() ? tr("Subscope")
                                             : QFileInfo(m_workspacePath).fileName());
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    if (settings.contains(GeometryKey)) restoreGeometry(settings.value(GeometryKey).toByteArray());
    if (settings.contains(StateKey)) restoreState(settings.value(StateKey).toByteArray());
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Panels that were never in a workspace go as they always did; a workspace's changes are
    // offered for saving.
    if (!m_workspacePath.isEmpty() && !mayPutPanelsAside(tr("Quit"))) {
        event->ignore();
        return;
    }
    saveSettings();
    for (int i = 0; i < panelCount(); ++i)
        panel(i)->disconnectFromServer();
    QMainWindow::closeEvent(event);
}

} // namespace subscope::ui
