#include "graphql_editor.h"

#include "graphql/editor_support.h"
#include "highlighters.h"
#include "text_offsets.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QScrollBar>
#include <QStandardItemModel>

namespace subscope::ui {

namespace {
QString kindLabel(graphql::CompletionItem::Kind kind)
{
    using Kind = graphql::CompletionItem::Kind;
    switch (kind) {
    case Kind::Field:
        return QObject::tr("field");
    case Kind::Argument:
        return QObject::tr("argument");
    case Kind::Type:
        return QObject::tr("type");
    case Kind::Variable:
        return QObject::tr("variable");
    case Kind::Directive:
        return QObject::tr("directive");
    case Kind::EnumValue:
        return QObject::tr("value");
    case Kind::InputField:
        return QObject::tr("input field");
    case Kind::Fragment:
        return QObject::tr("fragment");
    case Kind::Keyword:
        return QObject::tr("keyword");
    }
    return {};
}

bool startsCompletion(const QString &typed)
{
    if (typed.size() != 1) return false;
    const QChar c = typed[0];
    return c.isLetterOrNumber() || c == u'_' || c == u'@' || c == u'$';
}
} // namespace

GraphqlEditor::GraphqlEditor(QWidget *parent)
    : CodeEditor(parent)
    , m_completer(new QCompleter(this))
    , m_completions(new QStandardItemModel(this))
{
    attachHighlighter(document(), SyntaxLanguage::GraphQL);
    m_completer->setModel(m_completions);
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchStartsWith);
    m_completer->setMaxVisibleItems(12);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &GraphqlEditor::insertCompletion);
}

void GraphqlEditor::setSchema(std::shared_ptr<const graphql::Schema> schema)
{
    m_schema = std::move(schema);
    checkNow();
}

QList<TextProblem> GraphqlEditor::check()
{
    QList<TextProblem> problems;
    if (!m_schema) return problems;
    const QString text = toPlainText();
    const QByteArray utf8 = text.toUtf8();
    const std::string_view source(utf8.constData(), size_t(utf8.size()));
    for (const graphql::Diagnostic &d : graphql::diagnose(*m_schema, source)) {
        const qsizetype start = positionFromUtf8Offset(text, d.offset);
        const qsizetype end = positionFromUtf8Offset(text, d.offset + d.length);
        problems << TextProblem{start, std::max<qsizetype>(1, end - start),
                                QString::fromStdString(d.message), int(d.line), int(d.column)};
    }
    return problems;
}

bool GraphqlEditor::prettify(QString *error)
{
    const QByteArray utf8 = toPlainText().toUtf8();
    std::string message;
    const auto pretty =
        graphql::prettify(std::string_view(utf8.constData(), size_t(utf8.size())), &message);
    if (!pretty) {
        *error = QString::fromStdString(message);
        return false;
    }
    QTextCursor cursor(document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(QString::fromStdString(*pretty)); // one undo step
    return true;
}

QStringList GraphqlEditor::operationNames() const
{
    const QByteArray utf8 = toPlainText().toUtf8();
    QStringList names;
    for (const auto &op :
         graphql::listOperations(std::string_view(utf8.constData(), size_t(utf8.size()))))
        names << (op.name ? QString::fromStdString(*op.name) : QString());
    return names;
}

QStringList GraphqlEditor::showCompletions()
{
    m_completions->clear();
    if (!m_schema) return {};
    const QString text = toPlainText();
    const QByteArray utf8 = text.toUtf8();
    const qsizetype cursor = textCursor().position();
    const graphql::Completion completion =
        graphql::complete(*m_schema, std::string_view(utf8.constData(), size_t(utf8.size())),
                          utf8OffsetFromPosition(text, cursor));
    QStringList labels;
    for (const graphql::CompletionItem &item : completion.items) {
        const QString label = QString::fromStdString(item.label);
        auto *row = new QStandardItem(label);
        QString detail = kindLabel(item.kind);
        if (!item.detail.empty())
            detail += QStringLiteral(": ") + QString::fromStdString(item.detail);
        if (!item.documentation.empty())
            detail += u'\n' + QString::fromStdString(item.documentation);
        if (item.deprecated) detail += u'\n' + tr("Deprecated");
        row->setToolTip(detail);
        m_completions->appendRow(row);
        labels << label;
    }
    m_completionStart = positionFromUtf8Offset(text, completion.prefixStart);
    const QString prefix = QString::fromStdString(completion.prefix);
    m_completer->setCompletionPrefix(prefix);
    if (labels.isEmpty() || m_completer->completionCount() == 0) {
        m_completer->popup()->hide();
        return labels;
    }
    // Nothing left to offer when the word is already complete.
    if (m_completer->completionCount() == 1 && m_completer->currentCompletion() == prefix) {
        m_completer->popup()->hide();
        return labels;
    }
    m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    QRect rect = cursorRect();
    rect.setWidth(m_completer->popup()->sizeHintForColumn(0) +
                  m_completer->popup()->verticalScrollBar()->sizeHint().width());
    m_completer->complete(rect);
    return labels;
}

void GraphqlEditor::insertCompletion(const QString &label)
{
    QTextCursor cursor = textCursor();
    // The whole name under the cursor is replaced, also what follows the cursor.
    const QString text = toPlainText();
    qsizetype end = cursor.position();
    while (end < text.size() && (text[end].isLetterOrNumber() || text[end] == u'_'))
        ++end;
    cursor.setPosition(m_completionStart);
    cursor.setPosition(int(end), QTextCursor::KeepAnchor);
    cursor.insertText(label);
    setTextCursor(cursor);
}

void GraphqlEditor::keyPressEvent(QKeyEvent *event)
{
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            event->ignore(); // the completer takes them
            return;
        default:
            break;
        }
    }
    const bool force = event->key() == Qt::Key_Space && (event->modifiers() & Qt::ControlModifier);
    if (!force) CodeEditor::keyPressEvent(event);
    if (force || startsCompletion(event->text()))
        showCompletions();
    else if (m_completer->popup()->isVisible() && event->key() != Qt::Key_Backspace)
        m_completer->popup()->hide();
    else if (event->key() == Qt::Key_Backspace && m_completer->popup()->isVisible())
        showCompletions();
}

void GraphqlEditor::focusInEvent(QFocusEvent *event)
{
    m_completer->setWidget(this);
    CodeEditor::focusInEvent(event);
}

} // namespace subscope::ui
