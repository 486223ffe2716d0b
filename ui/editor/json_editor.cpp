#include "json_editor.h"

#include "graphql/json_value.h"
#include "highlighters.h"
#include "json_text.h"
#include "text_offsets.h"

namespace subscope::ui {

JsonEditor::JsonEditor(QWidget *parent)
    : CodeEditor(parent)
{
    attachHighlighter(document(), SyntaxLanguage::Json);
}

void JsonEditor::setValidator(std::function<QStringList(const QString &)> validator)
{
    m_validator = std::move(validator);
    checkNow();
}

QList<TextProblem> JsonEditor::check()
{
    const QString text = m_preprocessor ? m_preprocessor(toPlainText()) : toPlainText();
    if (text.trimmed().isEmpty()) {
        if (m_emptyAllowed) return {};
        return {TextProblem{0, 1, tr("A JSON value is needed here"), 0, 0}};
    }
    graphql::JsonValue value;
    QString message;
    size_t offset = 0;
    if (!parseJson(text, &value, &message, &offset)) {
        const qsizetype position = positionFromUtf8Offset(text, uint32_t(offset));
        const QString before = text.left(position);
        const int line = int(before.count(u'\n')) + 1;
        const int column = int(position - before.lastIndexOf(u'\n'));
        return {TextProblem{position, 1, tr("Invalid JSON: %1").arg(message), line, column}};
    }
    QList<TextProblem> problems;
    if (m_validator) {
        for (const QString &message : m_validator(text))
            problems << TextProblem{0, 1, message, 0, 0};
    }
    return problems;
}

} // namespace subscope::ui
