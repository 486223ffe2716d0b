#include "main_window.h"

#include "client/client_panel.h"
#include "editor/highlighters.h"
#include "embedded/server_dock.h"
#include "groups/groups_pane.h"
#include "inspector/traffic_inspector.h"
#include "inspector/traffic_recorder.h"
#include "schema/docs_pane.h"
#include "trigger/trigger_panel.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
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
{
    setWindowTitle(tr("Subscope"));
    m_server.loadSchema(QString());

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
    // Docks take their widths once the window has its own.
    QTimer::singleShot(0, this, [this, serverDock, triggerDock] {
        resizeDocks({serverDock, triggerDock}, {370, 300}, Qt::Horizontal);
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
    QTimer::singleShot(
        0, this, [this, inspectorDock] { resizeDocks({inspectorDock}, {250}, Qt::Vertical); });
    auto *filter = new QShortcut(QKeySequence::Find, this);
    connect(filter, &QShortcut::activated, this, [this, inspectorDock] {
        inspectorDock->show();
        inspectorDock->raise();
        m_inspector->focusFilter();
    });

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
    resize(1580, 960);
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
    file->addAction(tr("Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *serverMenu = menuBar()->addMenu(tr("&Server"));
    serverMenu->addAction(tr("Start"), this, [this] { m_server.start(); });
    serverMenu->addAction(tr("Stop"), this, [this] { m_server.stop(); });
    serverMenu->addAction(tr("Restart"), this, [this] { m_server.restart(); });
    serverMenu->addAction(tr("Reload schema"), QKeySequence(Qt::CTRL | Qt::Key_R), this,
                          [this] { m_server.reloadSchema(); });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *d : findChildren<QDockWidget *>())
        view->addAction(d->toggleViewAction());

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

ClientPanel *MainWindow::addPanel()
{
    auto *panel = new ClientPanel(m_tabs);
    panel->setEmbeddedSchema(m_server.schema());
    panel->setUrl(m_server.isRunning()
                      ? m_server.websocketUrl()
                      : QStringLiteral("ws://127.0.0.1:%1/graphql/").arg(m_server.config().port));
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

void MainWindow::startDemoSession()
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
    ClientPanel *first = addPanel();
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

void MainWindow::closeEvent(QCloseEvent *event)
{
    for (int i = 0; i < panelCount(); ++i)
        panel(i)->disconnectFromServer();
    QMainWindow::closeEvent(event);
}

} // namespace subscope::ui
