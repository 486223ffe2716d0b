#pragma once

#include <QSortFilterProxyModel>

namespace subscope::ui {

// The docs tree filtered by a name: types and fields (input fields, enum values) whose name
// contains the text, ignoring case, with their ancestors and everything below them. Arguments
// are not matched on their own.
class SchemaDocsFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit SchemaDocsFilter(QObject *parent = nullptr);

    void setNameFilter(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
};

} // namespace subscope::ui
