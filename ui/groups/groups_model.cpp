#include "groups_model.h"

namespace subscope::ui {

namespace {
// Internal ids: 0 for a group row, group row + 1 for a member row (its parent).
constexpr quintptr GroupRow = 0;
} // namespace

GroupsModel::GroupsModel(EmbeddedServer &server, QObject *parent)
    : QAbstractItemModel(parent)
    , m_server(server)
{
    connect(&m_server, &EmbeddedServer::groupsChanged, this,
            [this] { update(m_server.groupMembership()); });
    update(m_server.groupMembership());
}

void GroupsModel::update(const std::vector<GroupInfo> &groups)
{
    // A merge of two sorted lists: groups that went are removed, new ones inserted, and the
    // members of the others brought up to date.
    size_t i = 0, j = 0;
    while (i < m_groups.size() || j < groups.size()) {
        if (j == groups.size() || (i < m_groups.size() && m_groups[i].name < groups[j].name)) {
            beginRemoveRows({}, int(i), int(i));
            m_groups.erase(m_groups.begin() + qsizetype(i));
            endRemoveRows();
        } else if (i == m_groups.size() || groups[j].name < m_groups[i].name) {
            beginInsertRows({}, int(i), int(i));
            m_groups.insert(m_groups.begin() + qsizetype(i), GroupInfo{groups[j].name, {}});
            endInsertRows();
        } else {
            updateMembers(int(i), groups[j].members);
            ++i;
            ++j;
        }
    }
}

void GroupsModel::updateMembers(int row, const std::vector<GroupMemberInfo> &members)
{
    std::vector<GroupMemberInfo> &current = m_groups[size_t(row)].members;
    if (current == members) return;
    const QModelIndex parent = index(row, 0);
    // Members join at the end and leave from anywhere: remove those that left, then append.
    for (int m = int(current.size()) - 1; m >= 0; --m) {
        if (std::find(members.begin(), members.end(), current[size_t(m)]) != members.end())
            continue;
        beginRemoveRows(parent, m, m);
        current.erase(current.begin() + m);
        endRemoveRows();
    }
    std::vector<GroupMemberInfo> added;
    for (const GroupMemberInfo &member : members)
        if (std::find(current.begin(), current.end(), member) == current.end())
            added.push_back(member);
    if (!added.empty()) {
        beginInsertRows(parent, int(current.size()), int(current.size() + added.size()) - 1);
        current.insert(current.end(), added.begin(), added.end());
        endInsertRows();
    }
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1)); // the member count
}

int GroupsModel::memberCount() const
{
    int count = 0;
    for (const GroupInfo &g : m_groups)
        count += int(g.members.size());
    return count;
}

QModelIndex GroupsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0) return {};
    if (!parent.isValid())
        return row < int(m_groups.size()) ? createIndex(row, column, GroupRow) : QModelIndex();
    if (parent.internalId() != GroupRow || parent.row() >= int(m_groups.size())) return {};
    return row < int(m_groups[size_t(parent.row())].members.size())
               ? createIndex(row, column, quintptr(parent.row()) + 1)
               : QModelIndex();
}

QModelIndex GroupsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == GroupRow) return {};
    return createIndex(int(child.internalId() - 1), 0, GroupRow);
}

int GroupsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) return int(m_groups.size());
    if (parent.internalId() != GroupRow || parent.column() != 0) return 0;
    return int(m_groups[size_t(parent.row())].members.size());
}

int GroupsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant GroupsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) return {};
    if (index.internalId() == GroupRow) {
        const GroupInfo &group = m_groups[size_t(index.row())];
        if (index.column() != NameColumn) return {};
        if (role == Qt::ToolTipRole)
            return group.members.size() == 1
                       ? tr("1 operation in %1").arg(group.name)
                       : tr("%1 operations in %2").arg(group.members.size()).arg(group.name);
        return tr("%1 (%2)").arg(group.name).arg(group.members.size());
    }
    const GroupMemberInfo &m =
        m_groups[size_t(index.internalId() - 1)].members[size_t(index.row())];
    switch (index.column()) {
    case NameColumn:
        return tr("socket %1 · operation %2").arg(m.socket).arg(m.operation);
    case KeyColumn:
        return m.responseKey;
    case PeerColumn:
        return m.peer;
    case ProtocolColumn:
        return m.subprotocol;
    }
    return {};
}

QVariant GroupsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn:
        return tr("Group / member");
    case KeyColumn:
        return tr("Response key");
    case PeerColumn:
        return tr("Peer");
    case ProtocolColumn:
        return tr("Subprotocol");
    }
    return {};
}

} // namespace subscope::ui
