#include "server_dock.h"

#include "rate_chart.h"
#include "theme/tones.h"
#include "workspace/recent_list.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace subscope::ui {

namespace {
constexpr registry::OverflowStrategy Strategies[] = {registry::OverflowStrategy::DropNewest,
                                                     registry::OverflowStrategy::DropOldest,
                                                     registry::OverflowStrategy::CloseConnection};

std::optional<server::RedisAddress> parseRedisUrlText(const QString &text)
{
    QString error;
    return text.trimmed().isEmpty() ? std::nullopt : server::parseRedisUrl(text.trimmed(), &error);
}

QSpinBox *secondsBox(QWidget *parent, const QString &offText)
{
    auto *box = new QSpinBox(parent);
    box->setRange(0, 3600);
    box->setSuffix(QObject::tr(" s"));
    box->setSpecialValueText(offText);
    return box;
}
} // namespace

ServerDock::ServerDock(EmbeddedServer &server, QWidget *parent)
    : QWidget(parent)
    , m_server(server)
{
    auto *layout = new QVBoxLayout(this);

    auto *stateRow = new QHBoxLayout;
    auto *buttonRow = new QHBoxLayout;
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("serverState"));
    m_state->setWordWrap(true);
    m_startStop = new QPushButton(this);
    m_startStop->setObjectName(QStringLiteral("startStopButton"));
    m_restart = new QPushButton(tr("Restart to apply"), this);
    m_restart->setObjectName(QStringLiteral("restartButton"));
    m_restart->setToolTip(tr("The settings changed: restart the server to use them. Connected "
                             "clients are closed with 1001."));
    stateRow->addWidget(m_state, 1);
    buttonRow->addWidget(m_startStop);
    buttonRow->addWidget(m_restart);
    buttonRow->addStretch(1);
    layout->addLayout(stateRow);
    layout->addLayout(buttonRow);

    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("serverUrl"));
    m_url->setReadOnly(true);
    m_url->setToolTip(tr("The WebSocket URL of the embedded server (HTTP API on the same port)"));
    layout->addWidget(m_url);

    layout->addWidget(buildSettings());
    layout->addWidget(buildFigures());
    layout->addStretch(1);

    connect(m_startStop, &QPushButton::clicked, this,
            [this] { m_server.isRunning() ? m_server.stop() : (void)m_server.start(); });
    connect(m_restart, &QPushButton::clicked, this, [this] {
        m_server.restart();
        m_restart->hide();
    });
    connect(&m_server, &EmbeddedServer::stateChanged, this, &ServerDock::showState);
    connect(&m_server, &EmbeddedServer::schemaChanged, this, &ServerDock::showSchema);
    connect(&m_server, &EmbeddedServer::schemaErrorsChanged, this, &ServerDock::showSchema);
    connect(&m_server, &EmbeddedServer::channelLayerChanged, this,
            [this] { showRedis(m_server.figures()); });
    connect(&m_server, &EmbeddedServer::configChanged, this, [this] {
        if (!m_editing) loadSettings(m_server.config());
    });

    loadSettings(m_server.config());
    showState();
    showSchema();
    m_sampler.setInterval(1000);
    connect(&m_sampler, &QTimer::timeout, this, &ServerDock::sample);
    m_sampler.start();
    m_sinceSample.start();
}

QWidget *ServerDock::buildSettings()
{
    auto *box = new QGroupBox(tr("Settings"), this);
    auto *form = new QFormLayout(box);

    auto *schemaRow = new QHBoxLayout;
    auto *schemaButtons = new QHBoxLayout;
    m_schema = new QLineEdit(box);
    m_schema->setObjectName(QStringLiteral("schemaPath"));
    m_schema->setReadOnly(true);
    auto *open = new QToolButton(box);
    open->setObjectName(QStringLiteral("openSchemaButton"));
    open->setText(tr("Open…"));
    open->setToolTip(tr("Open an SDL file; the arrow lists the files opened lately"));
    open->setPopupMode(QToolButton::MenuButtonPopup);
    m_recentMenu = new QMenu(open);
    open->setMenu(m_recentMenu);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &ServerDock::fillRecentMenu);
    auto *reload = new QPushButton(tr("Reload"), box);
    reload->setObjectName(QStringLiteral("reloadSchemaButton"));
    auto *demo = new QPushButton(tr("Demo"), box);
    demo->setToolTip(tr("Use the embedded demo schema (the package's example app)"));
    schemaRow->addWidget(m_schema, 1);
    schemaButtons->addWidget(open);
    schemaButtons->addWidget(reload);
    schemaButtons->addWidget(demo);
    schemaButtons->addStretch(1);
    form->addRow(tr("Schema"), schemaRow);
    form->addRow(QString(), schemaButtons);
    m_schemaErrors = new QListWidget(box);
    m_schemaErrors->setObjectName(QStringLiteral("schemaErrors"));
    m_schemaErrors->setMaximumHeight(90);
    form->addRow(m_schemaErrors);
    connect(open, &QToolButton::clicked, this, &ServerDock::openSchema);
    connect(reload, &QPushButton::clicked, this, [this] { m_server.reloadSchema(); });
    connect(demo, &QPushButton::clicked, this, [this] { m_server.loadSchema(QString()); });

    m_port = new QSpinBox(box);
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    form->addRow(tr("Port"), m_port);
    m_bind = new QComboBox(box);
    m_bind->setObjectName(QStringLiteral("bindCombo"));
    m_bind->setEditable(true);
    m_bind->addItems({QStringLiteral("127.0.0.1"), QStringLiteral("::1"), QStringLiteral("0.0.0.0"),
                      QStringLiteral("::")});
    m_bind->setToolTip(tr("Anything other than loopback lets other machines connect"));
    form->addRow(tr("Bind address"), m_bind);
    m_keepalive = secondsBox(box, tr("off"));
    m_keepalive->setToolTip(tr("W6: the server's ping / ka frame every N seconds"));
    form->addRow(tr("Keepalive"), m_keepalive);
    m_initTimeout = secondsBox(box, tr("off"));
    m_initTimeout->setToolTip(tr("W3a: close with 4408 when no connection_init arrives in time"));
    form->addRow(tr("Init timeout"), m_initTimeout);
    m_outboxSize = new QSpinBox(box);
    m_outboxSize->setRange(1, 1000000);
    m_outboxSize->setToolTip(tr("W28: frames queued per socket before the strategy below applies"));
    form->addRow(tr("Outbox frames"), m_outboxSize);
    m_overflow = new QComboBox(box);
    m_overflow->setObjectName(QStringLiteral("overflowCombo"));
    m_overflow->addItems({tr("Drop the newest frame"), tr("Drop the oldest frame"),
                          tr("Close the connection (4413)")});
    form->addRow(tr("When full"), m_overflow);
    m_lenient = new QCheckBox(tr("Lenient group names"), box);
    m_lenient->setToolTip(tr("W16: characters a group name may not have become _, and the name "
                             "is cut to 99 characters"));
    form->addRow(m_lenient);
    m_channelLayer = new QLineEdit(box);
    m_channelLayer->setObjectName(QStringLiteral("channelLayerUrl"));
    m_channelLayer->setPlaceholderText(tr("In this process; or redis://host:6379/0"));
    m_channelLayer->setClearButtonEnabled(true);
    form->addRow(tr("Channel layer"), m_channelLayer);
    m_channelPrefix = new QLineEdit(box);
    m_channelPrefix->setObjectName(QStringLiteral("channelLayerPrefix"));
    m_channelPrefix->setToolTip(tr("channels_redis's prefix: the Redis channel of group G is "
                                   "<prefix>__group__G"));
    form->addRow(tr("Redis prefix"), m_channelPrefix);

    for (QSpinBox *spin : {m_port, m_keepalive, m_initTimeout, m_outboxSize})
        connect(spin, &QSpinBox::valueChanged, this, &ServerDock::settingsEdited);
    connect(m_bind, &QComboBox::currentTextChanged, this, &ServerDock::settingsEdited);
    connect(m_overflow, &QComboBox::currentIndexChanged, this, &ServerDock::settingsEdited);
    connect(m_lenient, &QCheckBox::toggled, this, &ServerDock::settingsEdited);
    connect(m_channelLayer, &QLineEdit::textEdited, this, &ServerDock::settingsEdited);
    connect(m_channelPrefix, &QLineEdit::textEdited, this, &ServerDock::settingsEdited);
    return box;
}

QWidget *ServerDock::buildFigures()
{
    auto *box = new QGroupBox(tr("Live"), this);
    auto *form = new QFormLayout(box);
    const auto label = [box](const char *name) {
        auto *l = new QLabel(box);
        l->setObjectName(QString::fromLatin1(name));
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
        return l;
    };
    m_connections = label("connectionsFigure");
    m_operations = label("operationsFigure");
    m_groups = label("groupsFigure");
    m_triggers = label("triggersFigure");
    m_drops = label("dropsFigure");
    form->addRow(tr("Connections"), m_connections);
    form->addRow(tr("Operations"), m_operations);
    form->addRow(tr("Groups"), m_groups);
    form->addRow(tr("Events fired"), m_triggers);
    form->addRow(tr("Outbox drops"), m_drops);
    m_redis = label("redisFigure");
    m_redisLabel = new QLabel(tr("Redis"), box);
    form->addRow(m_redisLabel, m_redis);
    m_chart = new RateChart(box);
    m_chart->setObjectName(QStringLiteral("rateChart"));
    form->addRow(m_chart);
    return box;
}

void ServerDock::loadSettings(const server::ServerConfig &config)
{
    const QSignalBlocker b1(m_port), b2(m_bind), b3(m_keepalive), b4(m_initTimeout),
        b5(m_outboxSize), b6(m_overflow), b7(m_lenient), b8(m_channelLayer), b9(m_channelPrefix);
    m_port->setValue(config.port);
    m_bind->setCurrentText(config.bind.toString());
    m_keepalive->setValue(config.keepaliveSeconds);
    m_initTimeout->setValue(config.initTimeoutSeconds);
    m_outboxSize->setValue(int(config.outboxSize));
    m_overflow->setCurrentIndex(int(config.overflow));
    m_lenient->setChecked(config.groupNames == graphql::GroupNameMode::Lenient);
    // The dock is what sets the explorer's channel layer: the URL stays as typed (with its
    // password) while it names the same Redis.
    if (!config.redis)
        m_channelLayer->clear();
    else if (parseRedisUrlText(m_channelLayer->text()) != config.redis)
        m_channelLayer->setText(config.redis->url());
    m_channelPrefix->setText(QString::fromStdString(config.channelLayerPrefix));
    showChannelLayerValidity();
    m_restart->hide();
}

server::ServerConfig ServerDock::editedConfig() const
{
    server::ServerConfig config = m_server.config();
    config.port = quint16(m_port->value());
    config.keepaliveSeconds = m_keepalive->value();
    config.initTimeoutSeconds = m_initTimeout->value();
    config.outboxSize = size_t(m_outboxSize->value());
    config.overflow = Strategies[std::max(0, m_overflow->currentIndex())];
    config.groupNames =
        m_lenient->isChecked() ? graphql::GroupNameMode::Lenient : graphql::GroupNameMode::Strict;
    const QHostAddress bind(m_bind->currentText().trimmed());
    if (!bind.isNull()) config.bind = bind;
    const QString url = m_channelLayer->text().trimmed();
    if (url.isEmpty())
        config.redis.reset();
    else if (const auto redis = parseRedisUrlText(url))
        config.redis = redis;
    const QString prefix = m_channelPrefix->text().trimmed();
    config.channelLayerPrefix = prefix.isEmpty() ? std::string("asgi") : prefix.toStdString();
    return config;
}

void ServerDock::showBindValidity()
{
    const bool validBind = !QHostAddress(m_bind->currentText().trimmed()).isNull();
    m_bind->setToolTip(
        validBind
            ? tr("Anything other than loopback lets other machines connect")
            : tr("Not an IP address: the server keeps %1").arg(m_server.config().bind.toString()));
    m_bind->setStyleSheet(
        validBind ? QString() : QStringLiteral("color: %1").arg(toneColour(Tone::Error).name()));
}

void ServerDock::showChannelLayerValidity()
{
    const QString url = m_channelLayer->text().trimmed();
    QString error;
    const bool valid = url.isEmpty() || server::parseRedisUrl(url, &error);
    m_channelLayer->setToolTip(
        valid ? tr("Empty: events stay in this server. A redis:// URL shares them with other "
                   "Subscope servers and Django apps on channels_redis's "
                   "RedisPubSubChannelLayer: redis://[[user]:password@]host[:port][/db]")
              : tr("%1. The server keeps its previous channel layer.")
                    .arg(error.section(QStringLiteral(": "), 1)));
    m_channelLayer->setStyleSheet(
        valid ? QString() : QStringLiteral("color: %1").arg(toneColour(Tone::Error).name()));
    m_channelPrefix->setEnabled(!url.isEmpty());
}

void ServerDock::settingsEdited()
{
    showBindValidity();
    showChannelLayerValidity();
    m_editing = true;
    m_server.setConfig(editedConfig());
    m_editing = false;
    m_restart->setVisible(m_server.state() != EmbeddedServer::State::Stopped);
}

void ServerDock::showState()
{
    switch (m_server.state()) {
    case EmbeddedServer::State::Running:
        m_state->setText(tr("Running on port %1").arg(m_server.port()));
        m_startStop->setText(tr("Stop"));
        m_url->setText(m_server.websocketUrl());
        break;
    case EmbeddedServer::State::Stopping:
        m_state->setText(tr("Stopping: closing connections…"));
        m_startStop->setText(tr("Stop"));
        break;
    case EmbeddedServer::State::Stopped:
        m_state->setText(m_server.errorString().isEmpty()
                             ? tr("Stopped")
                             : tr("Not running: %1").arg(m_server.errorString()));
        m_startStop->setText(tr("Start"));
        m_url->clear();
        m_chart->clear();
        break;
    }
    m_startStop->setEnabled(m_server.state() != EmbeddedServer::State::Stopping);
    if (m_server.state() == EmbeddedServer::State::Running) m_restart->hide();
    sample();
}

void ServerDock::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (!isPaletteChange(event)) return;
    showSchema();
    showBindValidity();
    showChannelLayerValidity();
}

void ServerDock::showSchema()
{
    m_schema->setText(m_server.schemaPath().isEmpty() ? m_server.schemaDisplayName()
                                                      : m_server.schemaPath());
    m_schema->setCursorPosition(0); // the start of a long path or name is what tells it apart
    m_schemaErrors->clear();
    const QStringList errors = m_server.schemaErrors();
    for (const QString &error : errors) {
        auto *item = new QListWidgetItem(error, m_schemaErrors);
        item->setForeground(toneColour(Tone::Error));
    }
    if (!errors.isEmpty())
        new QListWidgetItem(tr("The server keeps the previous schema until these are fixed."),
                            m_schemaErrors);
    m_schemaErrors->setVisible(!errors.isEmpty());
}

void ServerDock::setRecentSchemaFiles(RecentList *files)
{
    m_recentFiles = files;
}

void ServerDock::openSchema()
{
    const QString last = m_recentFiles ? m_recentFiles->values().value(0) : QString();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open schema"), QFileInfo(last).path(),
                                     tr("GraphQL SDL (*.graphql *.graphqls *.gql);;"
                                        "All files (*)"));
    if (!path.isEmpty()) m_server.loadSchema(path);
}

void ServerDock::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_recentFiles ? m_recentFiles->values() : QStringList();
    for (const QString &file : files)
        m_recentMenu->addAction(file, this, [this, file] { m_server.loadSchema(file); });
    if (files.isEmpty()) m_recentMenu->addAction(tr("No schema opened yet"))->setEnabled(false);
}

void ServerDock::sample()
{
    const ServerFigures figures = m_server.figures();
    const double seconds = std::max(0.001, m_sinceSample.restart() / 1000.0);
    m_connections->setText(tr("%1 (graphql-transport-ws %2, graphql-ws %3)")
                               .arg(figures.transportConnections + figures.legacyConnections)
                               .arg(figures.transportConnections)
                               .arg(figures.legacyConnections));
    m_operations->setText(QString::number(figures.operations));
    m_groups->setText(QString::number(figures.groups));
    m_triggers->setText(QString::number(figures.triggers));
    m_drops->setText(QString::number(figures.drops));
    showRedis(figures);
    if (m_server.isRunning() && figures.framesIn >= m_lastFigures.framesIn &&
        figures.framesOut >= m_lastFigures.framesOut)
        m_chart->addSample(double(figures.framesIn - m_lastFigures.framesIn) / seconds,
                           double(figures.framesOut - m_lastFigures.framesOut) / seconds);
    m_lastFigures = figures;
}

void ServerDock::showRedis(const ServerFigures &figures)
{
    m_redisLabel->setVisible(figures.redis);
    m_redis->setVisible(figures.redis);
    if (!figures.redis) return;
    m_redis->setText(tr("%1. Published %2, received %3, reconnects %4")
                         .arg(figures.redisState)
                         .arg(figures.redisPublished)
                         .arg(figures.redisReceived)
                         .arg(figures.redisReconnects));
    m_redis->setStyleSheet(figures.redisUp
                               ? QString()
                               : QStringLiteral("color: %1").arg(toneColour(Tone::Error).name()));
}

} // namespace subscope::ui
