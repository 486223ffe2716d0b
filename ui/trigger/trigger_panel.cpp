#include "trigger_panel.h"

#include "editor/json_editor.h"
#include "embedded/embedded_server.h"
#include "group_suggestions.h"
#include "json_text.h"
#include "server/model_events.h"
#include "theme/tones.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStringListModel>
#include <QTabWidget>
#include <QTextDocument>
#include <QVBoxLayout>

namespace subscope::ui {

namespace {
constexpr int ShotRole = Qt::UserRole + 1;
constexpr int FailedRole = Qt::UserRole + 2; // the shot was refused: its row is in the error tone
} // namespace

TriggerPanel::TriggerPanel(EmbeddedServer &server, QWidget *parent)
    : QWidget(parent)
    , m_server(server)
    , m_sender(server)
{
    auto *layout = new QVBoxLayout(this);

    auto *targetRow = new QHBoxLayout;
    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("targetCombo"));
    m_target->addItem(tr("Embedded server"));
    m_target->addItem(tr("Headless Subscope (HTTP)"));
    m_httpUrl = QStringLiteral("http://127.0.0.1:8765");
    m_targetUrl = new QLineEdit(this);
    m_targetUrl->setObjectName(QStringLiteral("targetUrl"));
    m_targetUrl->setToolTip(tr("POST /trigger and POST /models/<name> of a subscope --headless"));
    m_targetUrl->setEnabled(false);
    targetRow->addWidget(new QLabel(tr("Fire into"), this));
    targetRow->addWidget(m_target, 1);
    layout->addLayout(targetRow);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_targetUrl, 3);
    // Kept for the session only: a secret is not written to the settings.
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("triggerToken"));
    m_token->setPlaceholderText(tr("Token"));
    m_token->setToolTip(tr("The --trigger-token of the headless Subscope, if it was started with "
                           "one (sent as \"Authorization: Bearer\"; not saved)"));
    m_token->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_token->setClearButtonEnabled(true);
    m_token->setEnabled(false);
    urlRow->addWidget(m_token, 1);
    layout->addLayout(urlRow);

    m_modes = new QTabWidget(this);
    m_modes->setObjectName(QStringLiteral("triggerModes"));
    m_modes->addTab(buildGroupForm(), tr("Group"));
    m_modes->addTab(buildModelForm(), tr("Model"));
    layout->addWidget(m_modes, 1);

    auto *fireRow = new QHBoxLayout;
    m_count = new QSpinBox(this);
    m_count->setObjectName(QStringLiteral("repeatCount"));
    m_count->setRange(1, 1000000);
    m_count->setPrefix(tr("× "));
    m_count->setToolTip(tr("How many times to fire; {{n}} in the value becomes 1, 2, 3, …"));
    m_rate = new QDoubleSpinBox(this);
    m_rate->setObjectName(QStringLiteral("repeatRate"));
    m_rate->setRange(0.1, 1000);
    m_rate->setValue(10);
    m_rate->setSuffix(tr(" /s"));
    m_rate->setToolTip(tr("Events per second when firing several times"));
    m_fire = new QPushButton(tr("Fire"), this);
    m_fire->setObjectName(QStringLiteral("fireButton"));
    m_fire->setToolTip(tr("Fire the event (Ctrl+Shift+Enter)"));
    fireRow->addWidget(m_count);
    fireRow->addWidget(m_rate);
    fireRow->addStretch(1);
    fireRow->addWidget(m_fire);
    layout->addLayout(fireRow);

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("triggerResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);

    layout->addWidget(new QLabel(tr("History (double-click to fire again)"), this));
    m_history = new QListWidget(this);
    m_history->setObjectName(QStringLiteral("triggerHistory"));
    layout->addWidget(m_history, 1);

    connect(m_target, &QComboBox::currentIndexChanged, this, [this](int index) {
        index == 1 ? (void)setHttpTarget(m_httpUrl) : useEmbeddedTarget();
    });
    connect(&m_server, &EmbeddedServer::stateChanged, this, &TriggerPanel::showEmbeddedUrl);
    showEmbeddedUrl();
    // Every edit counts at once (Ctrl+Shift+Enter fires without leaving the field); the reason
    // a URL is wrong is shown once the user is done with it.
    connect(m_targetUrl, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (m_target->currentIndex() != 1) return;
        m_httpUrl = text;
        applyHttpTarget(text, false);
    });
    connect(m_targetUrl, &QLineEdit::editingFinished, this, [this] {
        if (m_target->currentIndex() != 1 || !m_targetUrl->isModified()) return;
        m_targetUrl->setModified(false);
        setHttpTarget(m_targetUrl->text());
    });
    connect(m_token, &QLineEdit::textChanged, this,
            [this](const QString &token) { m_sender.setToken(token.trimmed().toUtf8()); });
    connect(m_fire, &QPushButton::clicked, this, &TriggerPanel::fireOrStop);
    connect(m_history, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        const QStringList parts = item->data(ShotRole).toStringList();
        if (!targetError().isEmpty()) return showError(targetError());
        fireShot(TriggerShot{Mode(parts.value(0).toInt()), parts.value(1), parts.value(2),
                             parts.value(3)});
    });
    connect(&m_sender, &TriggerSender::fired, this, &TriggerPanel::showResult);
    connect(&m_server, &EmbeddedServer::schemaChanged, this, &TriggerPanel::refreshSchema);
    m_repeat.setTimerType(Qt::PreciseTimer);
    connect(&m_repeat, &QTimer::timeout, this, &TriggerPanel::fireNextRepetition);
    refreshSchema();
}

QWidget *TriggerPanel::buildGroupForm()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_group = new QLineEdit(page);
    m_group->setObjectName(QStringLiteral("groupEdit"));
    m_group->setPlaceholderText(QStringLiteral("MyModelCreated"));
    m_groupModel = new QStringListModel(this);
    auto *completer = new QCompleter(m_groupModel, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_group->setCompleter(completer);
    form->addRow(tr("Group"), m_group);
    m_value = new JsonEditor(page);
    m_value->setObjectName(QStringLiteral("valueEditor"));
    m_value->setEmptyAllowed(false);
    m_value->setPreprocessor(
        // As long as {{n}} itself, so that error positions stay where the user typed.
        [](QString text) {
            return text.replace(TriggerTemplate::Counter, QStringLiteral("11111"));
        });
    m_value->setPlaceholderText(QStringLiteral("{\"id\": 1, \"name\": \"first\"}"));
    form->addRow(tr("Value"), m_value);
    // The live groups change all the time: refresh them when the user comes to pick one.
    m_group->installEventFilter(this);
    connect(m_group, &QLineEdit::textEdited, this, &TriggerPanel::refreshGroupCompletions);
    return page;
}

QWidget *TriggerPanel::buildModelForm()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout;
    m_model = new QComboBox(page);
    m_model->setObjectName(QStringLiteral("modelCombo"));
    m_action = new QComboBox(page);
    m_action->setObjectName(QStringLiteral("actionCombo"));
    m_action->addItems(
        {QStringLiteral("create"), QStringLiteral("update"), QStringLiteral("delete")});
    m_pk = new QLineEdit(QStringLiteral("1"), page);
    m_pk->setObjectName(QStringLiteral("pkEdit"));
    m_pk->setToolTip(tr("The primary key: a number, or text"));
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("Action"), m_action);
    form->addRow(tr("pk"), m_pk);
    layout->addLayout(form);
    m_fieldsBox = new QWidget(page);
    m_fieldsForm = new QFormLayout(m_fieldsBox);
    m_fieldsForm->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fieldsBox);
    m_preview = new QLabel(page);
    m_preview->setObjectName(QStringLiteral("modelPreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_preview);
    layout->addStretch(1);
    connect(m_model, &QComboBox::currentIndexChanged, this, &TriggerPanel::rebuildModelFields);
    connect(m_action, &QComboBox::currentIndexChanged, this, &TriggerPanel::showPreview);
    connect(m_pk, &QLineEdit::textChanged, this, &TriggerPanel::showPreview);
    return page;
}

void TriggerPanel::refreshSchema()
{
    const QString current = m_model->currentText();
    const QSignalBlocker block(m_model);
    m_model->clear();
    if (const auto schema = m_server.schema()) m_model->addItems(modelNames(*schema));
    const int keep = m_model->findText(current);
    m_model->setCurrentIndex(keep >= 0 ? keep : 0);
    rebuildModelFields();
    refreshGroupCompletions();
}

void TriggerPanel::refreshGroupCompletions()
{
    const auto schema = m_server.schema();
    m_groupModel->setStringList(groupSuggestions(schema.get(), m_server.liveGroups()));
}

QStringList TriggerPanel::groupCompletions() const
{
    return m_groupModel->stringList();
}

void TriggerPanel::rebuildModelFields()
{
    while (m_fieldsForm->rowCount() > 0)
        m_fieldsForm->removeRow(0);
    m_fields.clear();
    const auto schema = m_server.schema();
    const graphql::NamedType *type =
        schema ? server::findModelType(*schema, m_model->currentText().toStdString()) : nullptr;
    if (type) {
        for (const graphql::FieldDefinition &field : type->fields) {
            auto *edit = new QLineEdit(m_fieldsBox);
            edit->setObjectName(QStringLiteral("field_") + QString::fromStdString(field.name));
            edit->setPlaceholderText(QString::fromStdString(field.type.toString()));
            edit->setToolTip(
                tr("Empty: not sent. String and ID fields take text; others JSON (42, true, "
                   "[1, 2])."));
            m_fieldsForm->addRow(QString::fromStdString(field.name), edit);
            connect(edit, &QLineEdit::textChanged, this, &TriggerPanel::showPreview);
            m_fields << qMakePair(QString::fromStdString(field.name), edit);
        }
    }
    m_modes->setTabEnabled(1, m_model->count() > 0);
    m_modes->setTabToolTip(1,
                           m_model->count() > 0 ? QString() : tr("The schema has no @model type"));
    showPreview();
}

TriggerTemplate TriggerPanel::readForm() const
{
    TriggerTemplate form;
    form.mode = m_modes->currentIndex() == 0 ? Mode::Group : Mode::Model;
    form.group = m_group->text();
    form.value = m_value->toPlainText();
    form.model = m_model->currentText();
    form.action = m_action->currentText();
    form.pk = m_pk->text();
    for (const auto &[name, edit] : m_fields)
        if (!edit->text().isEmpty()) form.fields << qMakePair(name, edit->text());
    return form;
}

void TriggerPanel::showPreview()
{
    TriggerShot shot;
    QString error;
    const auto schema = m_server.schema();
    TriggerTemplate form = readForm();
    form.mode = Mode::Model; // the preview sits on the model page, whichever page is shown
    if (!form.shot(1, schema.get(), &shot, &error)) {
        m_preview->setText(error);
        return;
    }
    graphql::JsonValue request;
    parseJson(shot.text, &request);
    const server::ModelEvent event =
        server::buildModelEvent(*server::findModelType(*schema, shot.model.toStdString()), request);
    m_preview->setText(event.error.empty()
                           ? tr("→ %1: %2")
                                 .arg(QString::fromStdString(event.group),
                                      elided(QString::fromStdString(event.value.toJson()), 400))
                           : QString::fromStdString(event.error));
}

QString TriggerPanel::targetError() const
{
    return m_target->currentIndex() == 1 ? m_targetError : QString();
}

void TriggerPanel::fireOrStop()
{
    isRepeating() ? stopRepeating() : (void)fire();
}

bool TriggerPanel::fire()
{
    const TriggerTemplate form = readForm();
    TriggerShot shot;
    QString error = targetError();
    if (error.isEmpty()) form.shot(1, m_server.schema().get(), &shot, &error);
    if (!error.isEmpty()) {
        showError(error);
        return false;
    }
    if (m_count->value() <= 1) {
        fireShot(shot);
        return true;
    }
    m_template = form;
    m_repetition = 0;
    m_repetitionsLeft = m_count->value();
    m_repeat.setInterval(std::max(1, int(1000.0 / m_rate->value())));
    fireNextRepetition();
    if (m_repetitionsLeft > 0) m_repeat.start();
    return true;
}

void TriggerPanel::fireNextRepetition()
{
    if (m_repetitionsLeft <= 0) {
        stopRepeating();
        return;
    }
    TriggerShot shot;
    QString error;
    ++m_repetition;
    if (!m_template.shot(m_repetition, m_server.schema().get(), &shot, &error)) {
        stopRepeating();
        showError(tr("Repeat stopped at #%1: %2").arg(m_repetition).arg(error));
        return;
    }
    --m_repetitionsLeft;
    fireShot(shot);
    m_fire->setText(tr("Stop (%1 left)").arg(m_repetitionsLeft));
    if (m_repetitionsLeft == 0) stopRepeating();
}

void TriggerPanel::stopRepeating()
{
    m_repeat.stop();
    m_repetitionsLeft = 0;
    m_fire->setText(tr("Fire"));
}

void TriggerPanel::fireShot(const TriggerShot &shot)
{
    graphql::JsonValue value;
    parseJson(shot.text, &value);
    addHistory(shot);
    if (shot.mode == Mode::Group)
        m_sender.fireGroup(shot.group, value);
    else
        m_sender.fireModel(shot.model, value);
}

void TriggerPanel::showError(const QString &error)
{
    m_showingTargetError = !m_targetError.isEmpty() && error == m_targetError;
    m_shownError = error;
    m_result->setText(tonedHtml(error.toHtmlEscaped(), Tone::Error));
    emit resultShown(error);
}

void TriggerPanel::addHistory(const TriggerShot &shot)
{
    const QString what = shot.mode == Mode::Group
                             ? tr("%1 ← %2").arg(shot.group, elided(shot.text.simplified(), 120))
                             : tr("%1 %2").arg(shot.model, elided(shot.text.simplified(), 120));
    auto *item = new QListWidgetItem(
        QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss  ")) + what);
    item->setData(ShotRole,
                  QStringList{QString::number(int(shot.mode)), shot.group, shot.model, shot.text});
    item->setToolTip(shot.text);
    m_history->insertItem(0, item);
    while (m_history->count() > 500)
        delete m_history->takeItem(m_history->count() - 1);
}

void TriggerPanel::showResult(const TriggerResult &result)
{
    if (auto *latest = m_history->item(0); latest && !result.ok) {
        latest->setData(FailedRole, true);
        latest->setForeground(toneColour(Tone::Error));
    }
    if (!result.ok && isRepeating()) stopRepeating(); // one refusal is enough to know
    refreshGroupCompletions();
    if (!result.ok) return showError(result.error);
    const QString text =
        result.published ? tr("Fired into %1: published to Redis").arg(result.group)
        : result.deliveries == 1
            ? tr("Fired into %1: 1 frame queued").arg(result.group)
            : tr("Fired into %1: %2 frames queued").arg(result.group).arg(result.deliveries);
    m_showingTargetError = false;
    m_shownError.clear();
    m_result->setText(text.toHtmlEscaped());
    emit resultShown(text);
}

QString TriggerPanel::resultText() const
{
    QTextDocument doc;
    doc.setHtml(m_result->text());
    return doc.toPlainText();
}

void TriggerPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (!isPaletteChange(event)) return;
    for (int i = 0; i < m_history->count(); ++i)
        if (m_history->item(i)->data(FailedRole).toBool())
            m_history->item(i)->setForeground(toneColour(Tone::Error));
    if (!m_shownError.isEmpty())
        m_result->setText(tonedHtml(m_shownError.toHtmlEscaped(), Tone::Error));
}

bool TriggerPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_group && event->type() == QEvent::FocusIn) refreshGroupCompletions();
    return QWidget::eventFilter(watched, event);
}

void TriggerPanel::setMode(Mode mode)
{
    m_modes->setCurrentIndex(mode == Mode::Group ? 0 : 1);
}

void TriggerPanel::setGroup(const QString &group)
{
    m_group->setText(group);
}

void TriggerPanel::setValue(const QString &json)
{
    m_value->setPlainText(json);
}

void TriggerPanel::setModel(const QString &model)
{
    m_model->setCurrentIndex(m_model->findText(model));
}

void TriggerPanel::setAction(const QString &action)
{
    m_action->setCurrentIndex(m_action->findText(action));
}

void TriggerPanel::setPk(const QString &pk)
{
    m_pk->setText(pk);
}

bool TriggerPanel::setFieldValue(const QString &field, const QString &text)
{
    for (const auto &[name, edit] : m_fields) {
        if (name == field) {
            edit->setText(text);
            return true;
        }
    }
    return false;
}

void TriggerPanel::setRepeat(int count, double perSecond)
{
    m_count->setValue(count);
    m_rate->setValue(perSecond);
}

void TriggerPanel::useEmbeddedTarget()
{
    const QSignalBlocker block(m_target);
    m_target->setCurrentIndex(0);
    m_targetUrl->setEnabled(false);
    m_token->setEnabled(false);
    showEmbeddedUrl();
    m_targetError.clear();
    m_sender.setHttpTarget(QUrl());
    if (m_showingTargetError) {
        m_result->clear();
        m_shownError.clear();
    }
    m_showingTargetError = false;
}

bool TriggerPanel::setHttpTarget(const QString &url)
{
    const QSignalBlocker block(m_target);
    m_target->setCurrentIndex(1);
    m_targetUrl->setEnabled(true);
    m_token->setEnabled(true);
    m_targetUrl->setPlaceholderText(QString());
    m_httpUrl = url;
    if (m_targetUrl->text() != url) m_targetUrl->setText(url);
    return applyHttpTarget(url, true);
}

void TriggerPanel::showEmbeddedUrl()
{
    if (m_target->currentIndex() != 0) return;
    const bool running = m_server.state() == EmbeddedServer::State::Running;
    m_targetUrl->setText(running ? m_server.httpUrl() : QString());
    m_targetUrl->setPlaceholderText(running ? QString() : tr("The embedded server is stopped"));
}

bool TriggerPanel::applyHttpTarget(const QString &url, bool report)
{
    QUrl target;
    m_targetError.clear();
    if (!httpTargetFromText(url, &target, &m_targetError)) {
        m_sender.setUnusableTarget(m_targetError);
        if (report) showError(m_targetError);
        return false;
    }
    m_sender.setHttpTarget(target);
    if (m_showingTargetError) {
        m_result->clear();
        m_shownError.clear();
    }
    m_showingTargetError = false;
    return true;
}

} // namespace subscope::ui
