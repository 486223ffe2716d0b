#pragma once

#include "code_editor.h"

#include <functional>

namespace subscope::ui {

// A JSON editor: highlighting, syntax errors underlined where they are, and an optional further
// check of the parsed text (e.g. variables against the operation's variable types).
class JsonEditor : public CodeEditor
{
    Q_OBJECT
public:
    explicit JsonEditor(QWidget *parent = nullptr);

    // Whether empty text is acceptable (it means "none").
    void setEmptyAllowed(bool allowed) { m_emptyAllowed = allowed; }
    // Further messages about valid JSON text; shown at the start of the text.
    void setValidator(std::function<QStringList(const QString &text)> validator);
    // Turns the text into what is checked, e.g. placeholders into values.
    void setPreprocessor(std::function<QString(const QString &text)> preprocessor)
    {
        m_preprocessor = std::move(preprocessor);
    }

protected:
    QList<TextProblem> check() override;

private:
    bool m_emptyAllowed = true;
    std::function<QStringList(const QString &)> m_validator;
    std::function<QString(const QString &)> m_preprocessor;
};

} // namespace subscope::ui
