#include "schema_docs_filter.h"

#include "schema_docs_model.h"

namespace subscope::ui {

SchemaDocsFilter::SchemaDocsFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
}

void SchemaDocsFilter::setNameFilter(const QString &text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
}

bool SchemaDocsFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty()) return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(SchemaDocsModel::ItemKindRole).value<SchemaDocsModel::ItemKind>() ==
        SchemaDocsModel::ItemKind::Argument)
        return false;
    return index.data(SchemaDocsModel::NameRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace subscope::ui
