#include "schema_source_bar.h"

#include "theme/tones.h"
#include "workspace/recent_list.h"

#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace subscope::ui {

using Kind = SchemaSource::Kind;

namespace {
// "1 type", "12 types": the schema's own types, not the built-in ones.
QString typeCount(const graphql::Schema &schema)
{
    int count = 0;
    for (const graphql::NamedType *type : schema.types())
        count += type->builtIn ? 0 : 1;
    return count == 1 ? SchemaSourceBar::tr("1 type") : SchemaSourceBar::tr("%1 types").arg(count);
}
} // namespace

SchemaSourceBar::SchemaSourceBar(SchemaSource &source, HeaderProvider headers, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
    , m_headers(std::move(headers))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("schemaSourceCombo"));
    m_kind->addItem(tr("Embedded server"), int(Kind::EmbeddedServer));
    m_kind->addItem(tr("Introspection (HTTP)"), int(Kind::Introspection));
    m_kind->addItem(tr("SDL file"), int(Kind::SdlFile));
    m_kind->setToolTip(tr("Where completion, checks and the docs take this panel's schema from"));
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("schemaUrlEdit"));
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:8000/graphql/"));
    m_url->setToolTip(tr("The GraphQL endpoint the introspection query is POSTed to; it follows "
                         "the panel's URL until you edit it"));
    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("schemaFileEdit"));
    m_file->setPlaceholderText(tr("schema.graphql"));
    m_browse = new QPushButton(tr("Browse…"), this);
    m_browse->setObjectName(QStringLiteral("schemaBrowseButton"));
    m_load = new QPushButton(tr("Load"), this);
    m_load->setObjectName(QStringLiteral("loadSchemaButton"));
    m_load->setToolTip(tr("Fetch or read the schema again"));
    row->addWidget(m_kind);
    row->addWidget(m_url, 1);
    row->addWidget(m_file, 1);
    row->addWidget(m_browse);
    row->addWidget(m_load);
    layout->addLayout(row);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("schemaStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        showChoice();
        load();
    });
    connect(m_url, &QLineEdit::textEdited, this,
            [this](const QString &text) { m_urlEdited = !text.trimmed().isEmpty(); });
    connect(m_url, &QLineEdit::returnPressed, this, &SchemaSourceBar::load);
    connect(m_file, &QLineEdit::returnPressed, this, &SchemaSourceBar::load);
    connect(m_load, &QPushButton::clicked, this, &SchemaSourceBar::load);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("GraphQL schema"), m_file->text(),
            tr("GraphQL SDL (*.graphql *.graphqls *.gql);;All files (*)"));
        if (path.isEmpty()) return;
        m_file->setText(path);
        load();
    });
    connect(&m_source, &SchemaSource::schemaChanged, this, &SchemaSourceBar::showStatus);
    connect(&m_source, &SchemaSource::schemaChanged, this, &SchemaSourceBar::remember);
    connect(&m_source, &SchemaSource::loadingChanged, this, &SchemaSourceBar::showStatus);
    connect(&m_source, &SchemaSource::failed, this, &SchemaSourceBar::showStatus);
    showChoice();
    showStatus();
}

void SchemaSourceBar::setWebSocketUrl(const QString &url)
{
    m_webSocketUrl = url;
    if (!m_urlEdited) m_url->setText(introspectionUrlFor(url).toString());
}

void SchemaSourceBar::choose(Kind kind)
{
    const int index = m_kind->findData(int(kind));
    if (index == m_kind->currentIndex())
        load();
    else
        m_kind->setCurrentIndex(index); // loads
}

void SchemaSourceBar::load()
{
    switch (Kind(m_kind->currentData().toInt())) {
    case Kind::EmbeddedServer:
        m_source.useEmbeddedServer();
        return;
    case Kind::Introspection: {
        SchemaSource::Headers headers;
        QString error;
        if (m_headers && !m_headers(&headers, &error)) {
            showText(error, true);
            return;
        }
        const QString typed = m_url->text().trimmed();
        m_source.introspect(typed.isEmpty() ? QUrl() : QUrl(typed, QUrl::StrictMode), headers);
        return;
    }
    case Kind::SdlFile:
        m_source.loadFile(m_file->text().trimmed());
        return;
    }
}

SchemaSource::Kind SchemaSourceBar::chosenKind() const
{
    return Kind(m_kind->currentData().toInt());
}

QString SchemaSourceBar::introspectionUrl() const
{
    return m_url->text().trimmed();
}

void SchemaSourceBar::setIntrospectionUrl(const QString &url)
{
    m_urlEdited = !url.trimmed().isEmpty();
    m_url->setText(m_urlEdited ? url : introspectionUrlFor(m_webSocketUrl).toString());
}

QString SchemaSourceBar::file() const
{
    return m_file->text().trimmed();
}

void SchemaSourceBar::setFile(const QString &path)
{
    m_file->setText(path);
}

void SchemaSourceBar::setRecentLists(RecentList *urls, RecentList *files)
{
    m_recentUrls = urls;
    m_recentFiles = files;
    const auto complete = [](QLineEdit *edit, RecentList *list) {
        if (!list) return;
        auto *completer = new QCompleter(list, edit);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        edit->setCompleter(completer);
    };
    complete(m_url, urls);
    complete(m_file, files);
}

void SchemaSourceBar::remember()
{
    if (!m_source.schema() || !m_source.errorString().isEmpty()) return;
    if (m_source.kind() == Kind::Introspection && m_recentUrls)
        m_recentUrls->add(m_source.origin());
    if (m_source.kind() == Kind::SdlFile && m_recentFiles)
        m_recentFiles->add(QFileInfo(m_source.origin()).absoluteFilePath());
}

void SchemaSourceBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (isPaletteChange(event)) showText(m_statusText, m_statusIsError);
}

void SchemaSourceBar::showChoice()
{
    const Kind kind = Kind(m_kind->currentData().toInt());
    m_url->setVisible(kind == Kind::Introspection);
    m_file->setVisible(kind == Kind::SdlFile);
    m_browse->setVisible(kind == Kind::SdlFile);
    m_load->setVisible(kind != Kind::EmbeddedServer);
}

void SchemaSourceBar::showStatus()
{
    QString text;
    bool error = false;
    const auto schema = m_source.schema();
    if (m_source.isLoading()) {
        text = tr("Loading the schema from %1…").arg(m_source.origin());
    } else if (!m_source.errorString().isEmpty()) {
        text = m_source.errorString();
        error = true;
    } else if (m_source.kind() == Kind::EmbeddedServer) {
        text = schema ? tr("The embedded server's schema: %1").arg(typeCount(*schema))
                      : tr("The embedded server has no schema");
    } else if (schema) {
        text = (m_source.kind() == Kind::Introspection ? tr("Introspected %1: %2")
                                                       : tr("Loaded %1: %2"))
                   .arg(m_source.origin(), typeCount(*schema));
    }
    showText(text, error);
}

void SchemaSourceBar::showText(const QString &text, bool error)
{
    m_statusText = text;
    m_statusIsError = error;
    m_status->setToolTip(text);
    const QString html = text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
    m_status->setText(error ? tonedHtml(html, Tone::Error) : html);
}

} // namespace subscope::ui
