#include "docs_pane.h"

#include "client/client_panel.h"
#include "editor/graphql_editor.h"
#include "field_snippet.h"
#include "schema_doc_text.h"
#include "schema_docs_filter.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace subscope::ui {

using ItemKind = SchemaDocsModel::ItemKind;

namespace {
QString leadingWhitespace(const QString &line)
{
    qsizetype end = 0;
    while (end < line.size() && (line[end] == u' ' || line[end] == u'\t'))
        ++end;
    return line.left(end);
}
} // namespace

DocsPane::DocsPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new SchemaDocsModel(this))
    , m_filter(new SchemaDocsFilter(this))
{
    m_filter->setSourceModel(m_model);
    auto *layout = new QVBoxLayout(this);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("docsSearchEdit"));
    m_search->setPlaceholderText(tr("Search types and fields"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("docsEmptyLabel"));
    m_empty->setWordWrap(true);
    layout->addWidget(m_empty);

    auto *split = new QSplitter(Qt::Vertical, this);
    m_tree = new QTreeView(split);
    m_tree->setObjectName(QStringLiteral("docsTree"));
    m_tree->setModel(m_filter);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setExpandsOnDoubleClick(false); // a double click on a field inserts it
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_description = new QTextBrowser(split);
    m_description->setObjectName(QStringLiteral("docsDescription"));
    m_description->setOpenLinks(false);
    split->addWidget(m_tree);
    split->addWidget(m_description);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    auto *buttons = new QHBoxLayout;
    m_insert = new QPushButton(tr("Insert into editor"), this);
    m_insert->setObjectName(QStringLiteral("insertFieldButton"));
    m_insert->setToolTip(tr("Write the selected field at the cursor of the panel's editor (or "
                            "double-click the field)"));
    buttons->addStretch(1);
    buttons->addWidget(m_insert);
    layout->addLayout(buttons);

    connect(m_search, &QLineEdit::textChanged, this, &DocsPane::setFilter);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &DocsPane::showSelection);
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        const SchemaDocsModel::Item *item = m_model->item(m_filter->mapToSource(index));
        if (item && item->kind == ItemKind::Field)
            insertSelectedField();
        else
            m_tree->setExpanded(index, !m_tree->isExpanded(index));
    });
    connect(m_description, &QTextBrowser::anchorClicked, this, [this](const QUrl &link) {
        if (const QString type = typeFromLink(link); !type.isEmpty()) showType(type);
    });
    connect(m_insert, &QPushButton::clicked, this, &DocsPane::insertSelectedField);
    showSchema();
}

void DocsPane::setPanel(ClientPanel *panel)
{
    if (m_panel) disconnect(m_panel, nullptr, this, nullptr);
    m_panel = panel;
    if (panel) connect(panel, &ClientPanel::schemaChanged, this, &DocsPane::showSchema);
    showSchema();
}

QAbstractItemModel *DocsPane::shownModel() const
{
    return m_filter;
}

void DocsPane::showSchema()
{
    const std::shared_ptr<const graphql::Schema> schema =
        m_panel ? m_panel->schema() : std::shared_ptr<const graphql::Schema>();
    m_empty->setText(m_panel ? tr("This panel has no schema: choose where it comes from in the "
                                  "panel's Options")
                             : tr("No client panel"));
    m_empty->setVisible(!schema);
    if (schema == m_model->schema()) {
        showSelection();
        return;
    }
    // The selected type or field stays selected when the new schema has it.
    QString typeName, fieldName;
    if (const SchemaDocsModel::Item *item = m_model->item(selectedItem())) {
        typeName = QString::fromStdString(item->type->name);
        if (item->field) fieldName = QString::fromStdString(item->field->name);
    }
    m_model->setSchema(schema);
    if (!m_search->text().trimmed().isEmpty()) m_tree->expandAll();
    const QModelIndex again = fieldName.isEmpty() ? m_model->typeIndex(typeName)
                                                  : m_model->fieldIndex(typeName, fieldName);
    if (again.isValid())
        select(again);
    else
        showSelection();
}

void DocsPane::setFilter(const QString &text)
{
    if (m_search->text() != text) m_search->setText(text); // comes back here through textChanged
    m_filter->setNameFilter(text);
    if (text.trimmed().isEmpty())
        m_tree->collapseAll();
    else
        m_tree->expandAll();
    if (m_tree->currentIndex().isValid()) m_tree->scrollTo(m_tree->currentIndex());
}

bool DocsPane::showType(const QString &name)
{
    const QModelIndex index = m_model->typeIndex(name);
    if (index.isValid()) select(index);
    return index.isValid();
}

bool DocsPane::showField(const QString &type, const QString &field)
{
    const QModelIndex index = m_model->fieldIndex(type, field);
    if (index.isValid()) select(index);
    return index.isValid();
}

void DocsPane::select(const QModelIndex &modelIndex)
{
    QModelIndex shown = m_filter->mapFromSource(modelIndex);
    if (!shown.isValid()) {
        setFilter(QString());
        shown = m_filter->mapFromSource(modelIndex);
    }
    for (QModelIndex parent = shown.parent(); parent.isValid(); parent = parent.parent())
        m_tree->expand(parent);
    m_tree->setCurrentIndex(shown);
    m_tree->scrollTo(shown);
    showSelection();
}

QModelIndex DocsPane::selectedItem() const
{
    return m_filter->mapToSource(m_tree->currentIndex());
}

QString DocsPane::documentationText() const
{
    return m_description->toPlainText();
}

void DocsPane::showSelection()
{
    const SchemaDocsModel::Item *item = m_model->item(selectedItem());
    m_insert->setEnabled(m_panel && item && item->kind == ItemKind::Field);
    if (!item) {
        m_description->setHtml(m_model->schema() ? tr("<p>Select a type or a field.</p>")
                                                 : QString());
        return;
    }
    const QString typeName = QString::fromStdString(item->type->name);
    QString html;
    switch (item->kind) {
    case ItemKind::Type:
        html = typeDocumentation(*m_model->schema(), *item->type);
        break;
    case ItemKind::Field:
        html = fieldDocumentation(*item->type, *item->field);
        break;
    case ItemKind::Argument:
        html = inputValueDocumentation(
            tr("Argument of %1.%2").arg(typeName, QString::fromStdString(item->field->name)),
            *item->inputValue);
        break;
    case ItemKind::InputField:
        html = inputValueDocumentation(tr("Field of the input type %1").arg(typeName),
                                       *item->inputValue);
        break;
    case ItemKind::EnumValue:
        html = enumValueDocumentation(*item->type, *item->enumValue);
        break;
    }
    m_description->setHtml(html);
}

bool DocsPane::insertSelectedField()
{
    const SchemaDocsModel::Item *item = m_model->item(selectedItem());
    if (!m_panel || !item || item->kind != ItemKind::Field) return false;
    GraphqlEditor *editor = m_panel->editor();
    QTextCursor cursor = editor->textCursor();
    const FieldSnippet snippet =
        fieldSnippet(*item->field, leadingWhitespace(cursor.block().text()));
    const int start = cursor.selectionStart();
    cursor.insertText(snippet.text); // one undo step; replaces a selection
    cursor.setPosition(start + int(snippet.cursor));
    editor->setTextCursor(cursor);
    editor->setFocus();
    return true;
}

} // namespace subscope::ui
