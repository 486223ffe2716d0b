#include "code_editor.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QTextBlock>
#include <QToolTip>

namespace subscope::ui {

CodeEditor::CodeEditor(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 2);
    m_checkDelay.setSingleShot(true);
    m_checkDelay.setInterval(250);
    connect(&m_checkDelay, &QTimer::timeout, this, &CodeEditor::checkNow);
    connect(this, &QPlainTextEdit::textChanged, &m_checkDelay, qOverload<>(&QTimer::start));
}

void CodeEditor::checkNow()
{
    m_checkDelay.stop();
    m_problems = check();
    showProblems();
    emit problemsChanged();
}

QStringList CodeEditor::problemLines() const
{
    QStringList lines;
    for (const TextProblem &p : m_problems)
        lines << (p.line > 0 ? tr("%1:%2: %3").arg(p.line).arg(p.column).arg(p.message)
                             : p.message);
    return lines;
}

void CodeEditor::showProblems()
{
    QList<QTextEdit::ExtraSelection> selections;
    const int end = document()->characterCount() - 1;
    for (const TextProblem &p : m_problems) {
        QTextEdit::ExtraSelection selection;
        selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        selection.format.setUnderlineColor(QColor(0xe7, 0x4c, 0x3c));
        selection.format.setToolTip(p.message);
        // At the very end there is no character to underline: take the one before.
        const int start = std::max(0, std::min(int(p.position), end - 1));
        selection.cursor = QTextCursor(document());
        selection.cursor.setPosition(start);
        selection.cursor.setPosition(std::min(end, start + int(std::max<qsizetype>(1, p.length))),
                                     QTextCursor::KeepAnchor);
        selections << selection;
    }
    setExtraSelections(selections);
}

bool CodeEditor::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int position = cursorForPosition(help->pos() - viewport()->pos()).position();
        QStringList messages;
        for (const TextProblem &p : m_problems)
            if (position >= p.position && position <= p.position + std::max<qsizetype>(1, p.length))
                messages << p.message;
        if (messages.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), messages.join(u'\n'), this);
        return true;
    }
    return QPlainTextEdit::event(event);
}

void CodeEditor::keyPressEvent(QKeyEvent *event)
{
    // Tab indents by two spaces; Enter keeps the indentation of the line.
    if (event->key() == Qt::Key_Tab && event->modifiers() == Qt::NoModifier) {
        insertPlainText(QStringLiteral("  "));
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
        event->modifiers() == Qt::NoModifier) {
        const QString line = textCursor().block().text();
        qsizetype indent = 0;
        while (indent < line.size() && line[indent] == u' ')
            ++indent;
        QString extra;
        const QString before = line.left(textCursor().positionInBlock()).trimmed();
        if (before.endsWith(u'{') || before.endsWith(u'[') || before.endsWith(u'('))
            extra = QStringLiteral("  ");
        insertPlainText(u'\n' + QString(indent, u' ') + extra);
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace subscope::ui
