#include "client_panel.h"

#include "editor/graphql_editor.h"
#include "editor/json_editor.h"
#include "event_stream_model.h"
#include "graphql/editor_support.h"
#include "json_text.h"
#include "operations_model.h"
#include "schema/schema_source.h"
#include "schema/schema_source_bar.h"
#include "theme/tones.h"
#include "workspace/recent_list.h"
#include "workspace/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace subscope::ui {

using State = ClientConnection::State;

namespace {
Tone stateTone(State state)
{
    switch (state) {
    case State::Ready:
        return Tone::Success;
    case State::Connecting:
    case State::AwaitingAck:
        return Tone::Warning;
    case State::Closed:
    case State::Failed:
        return Tone::Error;
    case State::Disconnected:
        break;
    }
    return Tone::Muted;
}

QTableView *tableView(QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    return view;
}
} // namespace

ClientPanel::ClientPanel(QWidget *parent)
    : QWidget(parent)
    , m_operations(new OperationsModel(this))
    , m_schemaSource(new SchemaSource(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildConnectionBar());
    layout->addWidget(buildOptions());
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(buildEditor());
    split->addWidget(buildResults());
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 5);
    layout->addWidget(split, 1);

    connect(&m_connection, &ClientConnection::stateChanged, this, &ClientPanel::showState);
    connect(m_url, &QLineEdit::textEdited, this, [this] { m_onEmbeddedServer = false; });
    connect(&m_connection, &ClientConnection::stateChanged, this, [this](State state) {
        if (state == State::Ready && m_recentUrls) m_recentUrls->add(url());
    });
    connect(&m_connection, &ClientConnection::messageReceived, this, &ClientPanel::showMessage);
    connect(&m_connection, &ClientConnection::frameSent, this, &ClientPanel::onFrameSent);
    connect(m_schemaSource, &SchemaSource::schemaChanged, this, &ClientPanel::applySchema);
    connect(m_url, &QLineEdit::textChanged, m_schemaBar, &SchemaSourceBar::setWebSocketUrl);
    showState();
}

QWidget *ClientPanel::buildConnectionBar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_url = new QLineEdit(bar);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("ws://127.0.0.1:8000/graphql/"));
    m_url->setClearButtonEnabled(true);
    m_protocol = new QComboBox(bar);
    m_protocol->setObjectName(QStringLiteral("protocolCombo"));
    m_protocol->addItem(tr("auto"), int(ConnectionSettings::Protocol::Auto));
    m_protocol->addItem(QStringLiteral("graphql-transport-ws"),
                        int(ConnectionSettings::Protocol::TransportWs));
    m_protocol->addItem(QStringLiteral("graphql-ws (legacy)"),
                        int(ConnectionSettings::Protocol::LegacyWs));
    m_protocol->setToolTip(tr("The subprotocol offered on the upgrade; auto offers both and the "
                              "server picks (W1)"));
    m_connect = new QPushButton(tr("Connect"), bar);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_status = new QLabel(bar);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_optionsToggle = new QToolButton(bar);
    m_optionsToggle->setText(tr("Options"));
    m_optionsToggle->setCheckable(true);
    m_optionsToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_optionsToggle->setArrowType(Qt::RightArrow);
    m_optionsToggle->setToolTip(
        tr("Upgrade headers, query-string token, connection_init payload, schema source"));
    row->addWidget(m_url, 3);
    row->addWidget(m_protocol);
    row->addWidget(m_optionsToggle);
    row->addWidget(m_connect);
    row->addWidget(m_status, 2);

    connect(m_url, &QLineEdit::returnPressed, this, &ClientPanel::connectToServer);
    connect(m_connect, &QPushButton::clicked, this, [this] {
        const State s = m_connection.state();
        if (s == State::Connecting || s == State::AwaitingAck || s == State::Ready)
            disconnectFromServer();
        else
            connectToServer();
    });
    connect(m_optionsToggle, &QToolButton::toggled, this, [this](bool on) {
        m_options->setVisible(on);
        m_optionsToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });
    return bar;
}

QWidget *ClientPanel::buildOptions()
{
    m_options = new QWidget(this);
    auto *form = new QFormLayout(m_options);
    form->setContentsMargins(0, 0, 0, 0);
    m_headers = new QPlainTextEdit(m_options);
    m_headers->setObjectName(QStringLiteral("headersEdit"));
    m_headers->setPlaceholderText(QStringLiteral("Authorization: Token 0123abcd"));
    m_headers->setMaximumHeight(m_headers->fontMetrics().height() * 4);
    m_headers->setToolTip(tr("Sent with the upgrade request, one \"Name: value\" per line"));
    form->addRow(tr("Upgrade headers"), m_headers);
    m_token = new QLineEdit(m_options);
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setPlaceholderText(tr("sent as ?token=… (W30)"));
    form->addRow(tr("Query token"), m_token);
    m_initPayload = new JsonEditor(m_options);
    m_initPayload->setObjectName(QStringLiteral("initPayloadEditor"));
    m_initPayload->setPlaceholderText(QStringLiteral("{\"authToken\": \"…\"}"));
    m_initPayload->setMaximumHeight(m_initPayload->fontMetrics().height() * 5);
    m_initPayload->setToolTip(tr("The connection_init payload, sent once per connection; empty "
                                 "sends none"));
    m_initPayload->setValidator([](const QString &text) {
        graphql::JsonValue value;
        QString error;
        return parseJsonObject(text, tr("payload"), &value, &error) ? QStringList()
                                                                    : QStringList{error};
    });
    form->addRow(tr("connection_init payload"), m_initPayload);
    connect(m_initPayload, &CodeEditor::problemsChanged, this, &ClientPanel::showProblems);
    // Introspection sends the upgrade headers too: an endpoint that wants a token on the socket
    // usually wants it over HTTP as well.
    m_schemaBar = new SchemaSourceBar(
        *m_schemaSource,
        [this](SchemaSource::Headers *headers, QString *error) {
            if (parseHeaderLines(m_headers->toPlainText(), headers, error)) return true;
            *error = tr("Upgrade headers: %1").arg(*error);
            return false;
        },
        m_options);
    form->addRow(tr("Schema"), m_schemaBar);
    m_options->hide();
    return m_options;
}

QWidget *ClientPanel::buildEditor()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *tools = new QHBoxLayout;
    m_operationPicker = new QComboBox(box);
    m_operationPicker->setObjectName(QStringLiteral("operationPicker"));
    m_operationPicker->setToolTip(tr("The operation to run when the document has several"));
    m_operationPicker->setMinimumContentsLength(12);
    auto *prettify = new QPushButton(tr("Prettify"), box);
    prettify->setObjectName(QStringLiteral("prettifyButton"));
    prettify->setToolTip(tr("Reformat the document (Shift+Ctrl+P)"));
    m_subscribe = new QPushButton(tr("Subscribe"), box);
    m_subscribe->setObjectName(QStringLiteral("subscribeButton"));
    m_subscribe->setToolTip(tr("Send the document as a new operation (Ctrl+Enter)"));
    m_subscribe->setDefault(true);
    m_sendOnSelected = new QPushButton(tr("Send on selected"), box);
    m_sendOnSelected->setObjectName(QStringLiteral("sendOnSelectedButton"));
    m_sendOnSelected->setToolTip(
        tr("Send the document with the selected operation's id (W27): with subscribe: false it "
           "leaves the groups without ending the operation"));
    tools->addWidget(m_operationPicker, 1);
    tools->addWidget(prettify);
    tools->addWidget(m_sendOnSelected);
    tools->addWidget(m_subscribe);
    layout->addLayout(tools);

    m_editor = new GraphqlEditor(box);
    m_editor->setObjectName(QStringLiteral("queryEditor"));
    layout->addWidget(m_editor, 3);
    layout->addWidget(new QLabel(tr("Variables"), box));
    m_variables = new JsonEditor(box);
    m_variables->setObjectName(QStringLiteral("variablesEditor"));
    m_variables->setPlaceholderText(QStringLiteral("{\"id\": 1}"));
    m_variables->setValidator([this](const QString &text) { return variableProblems(text); });
    layout->addWidget(m_variables, 1);
    m_problems = new QLabel(box);
    m_problems->setObjectName(QStringLiteral("problemsLabel"));
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_problems);

    connect(prettify, &QPushButton::clicked, this, [this] {
        QString error;
        if (!m_editor->prettify(&error)) setNotice(tr("Cannot prettify: %1").arg(error), true);
    });
    connect(m_subscribe, &QPushButton::clicked, this, &ClientPanel::subscribe);
    connect(m_sendOnSelected, &QPushButton::clicked, this, &ClientPanel::sendOnSelected);
    connect(m_editor, &CodeEditor::problemsChanged, this, [this] {
        refreshOperationPicker();
        m_variables->checkNow();
        showProblems();
    });
    connect(m_variables, &CodeEditor::problemsChanged, this, &ClientPanel::showProblems);
    connect(m_operationPicker, &QComboBox::currentIndexChanged, m_variables, &CodeEditor::checkNow);
    auto *prettifyKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), this);
    prettifyKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(prettifyKey, &QShortcut::activated, prettify, &QPushButton::click);
    return box;
}

QWidget *ClientPanel::buildResults()
{
    auto *split = new QSplitter(Qt::Vertical, this);
    m_operationsView = tableView(split);
    m_operationsView->setObjectName(QStringLiteral("operationsView"));
    m_operationsView->setModel(m_operations);
    m_operationsView->horizontalHeader()->setStretchLastSection(false);
    m_operationsView->horizontalHeader()->setSectionResizeMode(OperationsModel::OperationColumn,
                                                               QHeaderView::Stretch);
    const QFontMetrics metrics = m_operationsView->fontMetrics();
    const auto width = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + 16;
    };
    m_operationsView->setColumnWidth(OperationsModel::StateColumn, width(tr("unregistered")));
    m_operationsView->setColumnWidth(OperationsModel::GroupsColumn, width(tr("MyModelCreated")));
    m_operationsView->setColumnWidth(OperationsModel::EventsColumn, width(tr("Events")));
    m_operationsView->setColumnWidth(OperationsModel::LastEventColumn, width(tr("00:00:00")));
    m_operationsView->setColumnWidth(OperationsModel::StopColumn, width(tr("Stop")));
    split->addWidget(m_operationsView);

    auto *streamBox = new QWidget(split);
    auto *layout = new QVBoxLayout(streamBox);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *tools = new QHBoxLayout;
    m_newestFirst = new QCheckBox(tr("Newest first"), streamBox);
    m_newestFirst->setObjectName(QStringLiteral("newestFirstCheck"));
    auto *clear = new QPushButton(tr("Clear"), streamBox);
    clear->setObjectName(QStringLiteral("clearStreamButton"));
    clear->setToolTip(tr("Clear the selected operation's stream"));
    auto *removeEnded = new QPushButton(tr("Remove ended"), streamBox);
    removeEnded->setObjectName(QStringLiteral("removeEndedButton"));
    removeEnded->setToolTip(tr("Remove the completed, failed and closed operations"));
    m_dropped = new QLabel(streamBox);
    m_dropped->setObjectName(QStringLiteral("droppedLabel"));
    tools->addWidget(m_newestFirst);
    tools->addWidget(clear);
    tools->addWidget(removeEnded);
    tools->addStretch(1);
    tools->addWidget(m_dropped);
    layout->addLayout(tools);
    auto *streamSplit = new QSplitter(Qt::Vertical, streamBox);
    m_streamView = tableView(streamSplit);
    m_streamView->setObjectName(QStringLiteral("streamView"));
    m_detail = new QPlainTextEdit(streamSplit);
    m_detail->setObjectName(QStringLiteral("frameDetail"));
    m_detail->setReadOnly(true);
    m_detail->setFont(m_editor->font());
    m_detail->setPlaceholderText(tr("The selected frame, as pretty JSON"));
    streamSplit->addWidget(m_streamView);
    streamSplit->addWidget(m_detail);
    streamSplit->setStretchFactor(0, 3);
    streamSplit->setStretchFactor(1, 2);
    layout->addWidget(streamSplit, 1);
    split->addWidget(streamBox);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);

    connect(m_newestFirst, &QCheckBox::toggled, this, [this](bool on) {
        if (m_shownStream) m_shownStream->setNewestFirst(on);
    });
    connect(clear, &QPushButton::clicked, this, &ClientPanel::clearStream);
    connect(removeEnded, &QPushButton::clicked, this, [this] {
        showStream(nullptr); // its stream may be among those removed
        m_operations->removeEnded();
        for (int row = 0; row < m_operations->rowCount(); ++row)
            addStopButton(row);
        if (m_operations->rowCount() > 0) selectOperation(m_operations->rowCount() - 1);
    });
    connect(m_operations, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first) {
                addStopButton(first);
                selectOperation(first);
            });
    connect(m_operations, &QAbstractItemModel::dataChanged, this, &ClientPanel::updateButtons);
    connect(m_operationsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                showStream(current.isValid() ? m_operations->stream(current.row()) : nullptr);
                updateButtons();
            });
    return split;
}

void ClientPanel::addStopButton(int row)
{
    const QModelIndex index = m_operations->index(row, OperationsModel::StopColumn);
    if (!m_operations->isActive(row)) {
        m_operationsView->setIndexWidget(index, nullptr);
        return;
    }
    auto *stop = new QPushButton(tr("Stop"));
    stop->setObjectName(QStringLiteral("stopButton"));
    stop->setToolTip(tr("Send complete / stop for this operation (W26)"));
    const std::string id = m_operations->idAt(row);
    connect(stop, &QPushButton::clicked, this, [this, id] {
        const int r = m_operations->rowOf(id);
        if (r >= 0) stopOperation(r);
    });
    m_operationsView->setIndexWidget(index, stop);
}

void ClientPanel::updateButtons()
{
    for (int row = 0; row < m_operations->rowCount(); ++row) {
        const QModelIndex index = m_operations->index(row, OperationsModel::StopColumn);
        if (!m_operations->isActive(row) && m_operationsView->indexWidget(index))
            m_operationsView->setIndexWidget(index, nullptr);
    }
    const QModelIndex current = m_operationsView->currentIndex();
    const State s = m_connection.state();
    const bool connected = s == State::AwaitingAck || s == State::Ready;
    m_sendOnSelected->setEnabled(connected && current.isValid() &&
                                 m_operations->isActive(current.row()));
    m_subscribe->setEnabled(connected);
}

void ClientPanel::selectOperation(int row)
{
    m_operationsView->selectRow(row);
    m_operationsView->setCurrentIndex(m_operations->index(row, 0));
    showStream(m_operations->stream(row));
    updateButtons();
}

void ClientPanel::showStream(EventStreamModel *stream)
{
    if (m_shownStream == stream) return;
    if (m_shownStream) m_shownStream->disconnect(this);
    QItemSelectionModel *previousSelection = m_streamView->selectionModel();
    m_shownStream = stream;
    m_streamView->setModel(stream);
    delete previousSelection; // setModel() made a new one; the old one would still signal
    m_detail->clear();
    if (!stream) {
        m_dropped->clear();
        return;
    }
    stream->setNewestFirst(m_newestFirst->isChecked());
    const QFontMetrics metrics = m_streamView->fontMetrics();
    m_streamView->setColumnWidth(EventStreamModel::TimeColumn,
                                 metrics.horizontalAdvance(QStringLiteral("00:00:00.000")) + 16);
    m_streamView->setColumnWidth(EventStreamModel::KindColumn,
                                 metrics.horizontalAdvance(tr("unregister ack")) + 16);
    const auto showDropped = [this](uint64_t dropped) {
        m_dropped->setText(dropped ? tr("%1 older frames dropped from view").arg(dropped)
                                   : QString());
    };
    showDropped(stream->dropped());
    connect(stream, &EventStreamModel::droppedChanged, this, showDropped);
    connect(m_streamView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_detail->setPlainText(current.data(EventStreamModel::PrettyJsonRole).toString());
            });
    // Keeps the newest row in sight (at the top when newest first).
    connect(stream, &QAbstractItemModel::rowsInserted, this, [this, stream] {
        if (m_shownStream != stream) return;
        m_newestFirst->isChecked() ? m_streamView->scrollToTop() : m_streamView->scrollToBottom();
    });
}

void ClientPanel::clearStream()
{
    if (m_shownStream) m_shownStream->clear();
    m_detail->clear();
}

bool ClientPanel::stopSelected()
{
    const QModelIndex current = m_operationsView->currentIndex();
    if (!current.isValid() || !m_operations->isActive(current.row())) {
        setNotice(tr("No running operation is selected"), true);
        return false;
    }
    stopOperation(current.row());
    return true;
}

EventStreamModel *ClientPanel::currentStream() const
{
    return m_shownStream;
}

void ClientPanel::setUrl(const QString &url, bool embeddedServer)
{
    m_url->setText(url);
    m_onEmbeddedServer = embeddedServer;
}

QString ClientPanel::url() const
{
    return m_url->text().trimmed();
}

void ClientPanel::setProtocol(ConnectionSettings::Protocol protocol)
{
    m_protocol->setCurrentIndex(m_protocol->findData(int(protocol)));
}

void ClientPanel::setEmbeddedSchema(std::shared_ptr<const graphql::Schema> schema)
{
    m_schemaSource->setEmbeddedSchema(std::move(schema));
}

std::shared_ptr<const graphql::Schema> ClientPanel::schema() const
{
    return m_schemaSource->schema();
}

void ClientPanel::applySchema()
{
    m_editor->setSchema(m_schemaSource->schema());
    m_variables->checkNow();
    emit schemaChanged();
}

void ClientPanel::setQuery(const QString &query)
{
    m_editor->setPlainText(query);
    m_editor->checkNow();
}

void ClientPanel::setVariables(const QString &json)
{
    m_variables->setPlainText(json);
    m_variables->checkNow();
}

void ClientPanel::setInitPayload(const QString &json)
{
    m_initPayload->setPlainText(json);
    m_initPayload->checkNow();
}

void ClientPanel::setHeaders(const QString &lines)
{
    m_headers->setPlainText(lines);
}

void ClientPanel::setQueryToken(const QString &token)
{
    m_token->setText(token);
}

PanelSetup ClientPanel::setup() const
{
    PanelSetup setup;
    setup.url = url();
    setup.embeddedServer = m_onEmbeddedServer;
    setup.protocol = ConnectionSettings::Protocol(m_protocol->currentData().toInt());
    setup.headers = m_headers->toPlainText();
    setup.queryToken = m_token->text();
    setup.initPayload = m_initPayload->toPlainText();
    setup.query = m_editor->toPlainText();
    setup.variables = m_variables->toPlainText();
    setup.schemaSource = m_schemaBar->chosenKind();
    if (setup.schemaSource == SchemaSource::Kind::Introspection &&
        m_schemaBar->introspectionUrlEdited())
        setup.introspectionUrl = m_schemaBar->introspectionUrl();
    if (setup.schemaSource == SchemaSource::Kind::SdlFile && !m_schemaBar->file().isEmpty())
        setup.schemaFile = QFileInfo(m_schemaBar->file()).absoluteFilePath();
    return setup;
}

void ClientPanel::applySetup(const PanelSetup &setup)
{
    setUrl(setup.url, setup.embeddedServer);
    setProtocol(setup.protocol);
    setHeaders(setup.headers);
    setQueryToken(setup.queryToken);
    setInitPayload(setup.initPayload);
    setQuery(setup.query);
    setVariables(setup.variables);
    m_schemaBar->setIntrospectionUrl(setup.introspectionUrl);
    if (setup.schemaSource == SchemaSource::Kind::SdlFile) m_schemaBar->setFile(setup.schemaFile);
    m_schemaBar->choose(setup.schemaSource);
    // What is not the defaults is worth seeing.
    const bool options = !setup.headers.trimmed().isEmpty() ||
                         !setup.queryToken.trimmed().isEmpty() ||
                         !setup.initPayload.trimmed().isEmpty() ||
                         setup.schemaSource != SchemaSource::Kind::EmbeddedServer;
    m_optionsToggle->setChecked(options);
}

void ClientPanel::setRecentLists(RecentList *urls, RecentList *introspectionUrls,
                                 RecentList *schemaFiles)
{
    m_recentUrls = urls;
    if (urls) {
        auto *completer = new QCompleter(urls, m_url);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        m_url->setCompleter(completer);
    }
    m_schemaBar->setRecentLists(introspectionUrls, schemaFiles);
}

void ClientPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (!isPaletteChange(event)) return;
    showState();
    showProblems();
}

bool ClientPanel::connectToServer()
{
    ConnectionSettings settings;
    settings.url = QUrl::fromUserInput(url());
    if (!url().contains(QLatin1String("://"))) settings.url = QUrl(QStringLiteral("ws://") + url());
    settings.protocol = ConnectionSettings::Protocol(m_protocol->currentData().toInt());
    settings.queryToken = m_token->text().trimmed();
    settings.initPayload = m_initPayload->toPlainText();
    QString error;
    if (!parseHeaderLines(m_headers->toPlainText(), &settings.headers, &error) ||
        !m_connection.open(settings, &error)) {
        setNotice(error, true);
        return false;
    }
    m_operations->connectionClosed();
    m_keepalives = 0;
    setNotice(QString(), false);
    return true;
}

void ClientPanel::disconnectFromServer()
{
    m_connection.close();
}

QStringList ClientPanel::variableProblems(const QString &text) const
{
    if (!m_editor->schema()) return {};
    const QByteArray document = m_editor->toPlainText().toUtf8();
    const QByteArray variables = text.toUtf8();
    std::optional<std::string> operationName;
    if (m_operationPicker->count() > 1 && !m_operationPicker->currentText().isEmpty())
        operationName = m_operationPicker->currentText().toStdString();
    QStringList problems;
    for (const std::string &message : graphql::checkVariables(
             *m_editor->schema(), std::string_view(document.constData(), size_t(document.size())),
             std::string_view(variables.constData(), size_t(variables.size())), operationName))
        problems << QString::fromStdString(message);
    return problems;
}

bool ClientPanel::subscribe()
{
    return send(std::to_string(m_nextId), true);
}

bool ClientPanel::sendOnSelected()
{
    const QModelIndex current = m_operationsView->currentIndex();
    if (!current.isValid() || !m_operations->isActive(current.row())) {
        setNotice(tr("Select an operation that is still running"), true);
        return false;
    }
    return send(m_operations->idAt(current.row()), false);
}

bool ClientPanel::send(const std::string &id, bool newOperation)
{
    const QString query = m_editor->toPlainText();
    if (query.trimmed().isEmpty()) {
        setNotice(tr("Write a subscription in the editor first"), true);
        return false;
    }
    graphql::JsonValue variables = graphql::JsonValue::object();
    QString variablesError;
    if (!parseJsonObject(m_variables->toPlainText(), tr("variables object"), &variables,
                         &variablesError)) {
        setNotice(variablesError, true);
        return false;
    }
    std::optional<std::string> operationName;
    if (m_operationPicker->count() > 1 && !m_operationPicker->currentText().isEmpty())
        operationName = m_operationPicker->currentText().toStdString();
    // The title shows what runs: the operation's name, else its text on one line.
    const QString title =
        operationName ? QString::fromStdString(*operationName) : elided(query.simplified(), 80);
    const State state = m_connection.state();
    if (state != State::AwaitingAck && state != State::Ready) {
        setNotice(tr("Not connected: connect the panel first"), true);
        return false;
    }
    // The row first: the frame (sent now, or queued until the ack) is shown in its stream.
    if (newOperation) m_operations->add(id, title);
    QString error;
    if (!m_connection.subscribe(id, query.toStdString(), variables, operationName, &error)) {
        setNotice(error, true);
        return false;
    }
    if (newOperation) ++m_nextId;
    setNotice(m_editor->problems().isEmpty()
                  ? QString()
                  : tr("Sent although the editor shows problems: the server answers them"),
              false);
    return true;
}

void ClientPanel::stopOperation(int row)
{
    const std::string id = m_operations->idAt(row);
    m_connection.stop(id);
    if (const protocol::ClientSession *session = m_connection.session())
        m_operations->update(id, *session);
}

void ClientPanel::onFrameSent(const QByteArray &frame)
{
    graphql::JsonValue value;
    if (!parseJson(frame, &value) || !value.isObject()) return;
    const graphql::JsonValue *id = value.find("id");
    const graphql::JsonValue *type = value.find("type");
    if (!id || !id->isString() || !type || !type->isString()) return;
    const int row = m_operations->rowOf(id->toString());
    if (row < 0) return;
    m_operations->stream(row)->addSent(
        tr("%1 (sent by this panel)").arg(QString::fromStdString(type->toString())), frame);
}

void ClientPanel::showMessage(const protocol::ClientMessage &message)
{
    using Kind = protocol::ClientMessage::Kind;
    if (message.kind == Kind::Keepalive || message.kind == Kind::Ping) {
        ++m_keepalives;
        showState();
        return;
    }
    if (message.kind == Kind::ConnectionError) {
        setNotice(tr("connection_error: %1").arg(QString::fromStdString(message.payload.toJson())),
                  true);
        return;
    }
    if (message.id.empty()) return;
    const int row = m_operations->rowOf(message.id);
    if (row < 0) return;
    m_operations->stream(row)->addReceived(message,
                                           QByteArray::fromStdString(message.frame.toJson()));
    m_operations->update(message.id, *m_connection.session());
}

void ClientPanel::showState()
{
    const State state = m_connection.state();
    if (state == State::Closed || state == State::Failed) m_operations->connectionClosed();
    const bool live =
        state == State::Connecting || state == State::AwaitingAck || state == State::Ready;
    m_connect->setText(live ? tr("Disconnect") : tr("Connect"));
    m_url->setEnabled(!live);
    m_protocol->setEnabled(!live);
    m_status->setText(tonedHtml(QStringLiteral("&#x25CF;"), stateTone(state)) + u' ' +
                      statusText().toHtmlEscaped());
    m_status->setToolTip(statusText());
    updateButtons();
    emit titleChanged(title());
}

QString ClientPanel::statusText() const
{
    QString text = m_connection.statusText();
    if (m_connection.state() == State::Ready && m_keepalives)
        text += m_keepalives == 1 ? tr(" · 1 keepalive") : tr(" · %1 keepalives").arg(m_keepalives);
    if (!m_notice.isEmpty()) text += QStringLiteral(" · ") + m_notice;
    return text;
}

QString ClientPanel::title() const
{
    const QUrl parsed = QUrl::fromUserInput(
        url().contains(QLatin1String("://")) ? url() : QStringLiteral("ws://") + url());
    const int port = parsed.port(parsed.scheme() == QLatin1String("wss") ? 443 : 80);
    const QString where =
        parsed.host().isEmpty() ? tr("New panel") : parsed.host() + u':' + QString::number(port);
    switch (m_connection.state()) {
    case State::Ready:
        return where;
    case State::Connecting:
    case State::AwaitingAck:
        return where + QStringLiteral(" …");
    case State::Closed:
        return where + QStringLiteral(" (") +
               QString::number(m_connection.closeCode().value_or(1005)) + u')';
    case State::Failed:
    case State::Disconnected:
        break;
    }
    return where + tr(" (off)");
}

void ClientPanel::setNotice(const QString &text, bool error)
{
    m_notice = text;
    m_noticeIsError = error;
    showState();
}

void ClientPanel::showProblems()
{
    QStringList lines;
    for (const QString &line : m_editor->problemLines())
        lines << tr("Document %1").arg(line);
    for (const QString &line : m_variables->problemLines())
        lines << tr("Variables: %1").arg(line);
    for (const QString &line : m_initPayload->problemLines())
        lines << tr("connection_init payload: %1").arg(line);
    m_problems->setText(lines.isEmpty() ? QString()
                                        : tonedHtml(lines.join(u'\n').toHtmlEscaped().replace(
                                                        u'\n', QStringLiteral("<br>")),
                                                    Tone::Error));
    m_problems->setToolTip(lines.join(u'\n'));
}

void ClientPanel::refreshOperationPicker()
{
    const QStringList names = m_editor->operationNames();
    const QString current = m_operationPicker->currentText();
    QStringList items;
    for (const QString &name : names)
        items << (name.isEmpty() ? tr("(anonymous)") : name);
    QStringList existing;
    for (int i = 0; i < m_operationPicker->count(); ++i)
        existing << m_operationPicker->itemText(i);
    if (existing == items) return;
    const QSignalBlocker block(m_operationPicker);
    m_operationPicker->clear();
    m_operationPicker->addItems(items);
    m_operationPicker->setEnabled(items.size() > 1);
    const int keep = int(items.indexOf(current));
    m_operationPicker->setCurrentIndex(keep >= 0 ? keep : 0);
}

} // namespace subscope::ui
