#pragma once

#include "schema_docs_model.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTextBrowser;
class QTreeView;

namespace subscope::ui {

class ClientPanel;
class SchemaDocsFilter;

// The docs of a client panel's schema: a tree of types, fields and arguments with a name filter,
// the selected item's description (a named type in it is a link to that type), and "Insert into
// editor" (or a double click) writing the selected field into the panel's GraphQL editor.
class DocsPane : public QWidget
{
    Q_OBJECT
public:
    explicit DocsPane(QWidget *parent = nullptr);

    // Shows the panel's schema and follows its changes; null shows nothing.
    void setPanel(ClientPanel *panel);
    ClientPanel *panel() const { return m_panel; }

    SchemaDocsModel *model() const { return m_model; }
    // What the tree shows (the model through the filter).
    QAbstractItemModel *shownModel() const;
    QTreeView *view() const { return m_tree; }

    void setFilter(const QString &text);
    // Selects the type or field, clearing a filter that hides it; false when there is none.
    bool showType(const QString &name);
    bool showField(const QString &type, const QString &field);
    // The selected item, as an index of model(); invalid when nothing is selected.
    QModelIndex selectedItem() const;
    // The description area's text.
    QString documentationText() const;

    // Writes the selected field at the cursor of the panel's editor (see fieldSnippet()); false
    // when no field is selected or there is no panel.
    bool insertSelectedField();

private:
    void showSchema();
    void select(const QModelIndex &modelIndex);
    void showSelection();

    QPointer<ClientPanel> m_panel;
    SchemaDocsModel *m_model;
    SchemaDocsFilter *m_filter;
    QLineEdit *m_search;
    QLabel *m_empty;
    QTreeView *m_tree;
    QTextBrowser *m_description;
    QPushButton *m_insert;
};

} // namespace subscope::ui
