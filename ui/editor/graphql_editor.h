#pragma once

#include "code_editor.h"
#include "graphql/schema.h"

#include <memory>
#include <optional>

class QCompleter;
class QStandardItemModel;

namespace subscope::ui {

// The GraphQL editor: highlighting, completion from the schema (Ctrl+Space, or as a name is
// typed), the engine's syntax and validation errors underlined as you type, prettify.
class GraphqlEditor : public CodeEditor
{
    Q_OBJECT
public:
    explicit GraphqlEditor(QWidget *parent = nullptr);

    void setSchema(std::shared_ptr<const graphql::Schema> schema);
    const graphql::Schema *schema() const { return m_schema.get(); }

    // Reformats the document (undoable); false with *error when it does not parse.
    bool prettify(QString *error);
    // The names of the document's operations ("" for an anonymous one), in order.
    QStringList operationNames() const;
    // Opens the completion popup for the cursor position; the labels it offers.
    QStringList showCompletions();
    QCompleter *completer() const { return m_completer; }

protected:
    QList<TextProblem> check() override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;

private:
    void insertCompletion(const QString &label);

    std::shared_ptr<const graphql::Schema> m_schema;
    QCompleter *m_completer;
    QStandardItemModel *m_completions;
    qsizetype m_completionStart = 0;
};

} // namespace subscope::ui
