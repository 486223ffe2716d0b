#include "field_snippet.h"

#include <QStringList>

namespace subscope::ui {

FieldSnippet fieldSnippet(const graphql::FieldDefinition &field, const QString &indentation)
{
    FieldSnippet snippet;
    snippet.text = QString::fromStdString(field.name);
    qsizetype firstValue = -1;
    QStringList required;
    for (const graphql::InputValue &argument : field.arguments)
        if (argument.type.isNonNull() && !argument.defaultValue)
            required << QString::fromStdString(argument.name);
    if (!required.isEmpty()) {
        snippet.text += u'(';
        for (qsizetype i = 0; i < required.size(); ++i) {
            snippet.text +=
                (i ? QStringLiteral(", ") : QString()) + required[i] + QStringLiteral(": ");
            if (firstValue < 0) firstValue = snippet.text.size();
        }
        snippet.text += u')';
    }
    snippet.cursor = snippet.text.size();
    if (field.type.named()->isCompositeType()) {
        snippet.text += QStringLiteral(" {\n") + indentation + QStringLiteral("  ");
        snippet.cursor = snippet.text.size();
        snippet.text += u'\n' + indentation + u'}';
    }
    if (firstValue >= 0) snippet.cursor = firstValue;
    return snippet;
}

} // namespace subscope::ui
