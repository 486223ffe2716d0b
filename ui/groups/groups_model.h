#pragma once

#include "embedded/embedded_server.h"

#include <QAbstractItemModel>

namespace subscope::ui {

// The embedded server's groups as a tree: group → its members (socket, operation id, response
// key, peer, subprotocol). Follows the server live: on each change it moves to the new state
// with row inserts and removals (no reset), so what the user expanded or selected stays.
class GroupsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,     // the group, or the member's socket and operation id
        KeyColumn,      // the member's response key
        PeerColumn,     // address:port
        ProtocolColumn, // subprotocol
        ColumnCount
    };

    explicit GroupsModel(EmbeddedServer &server, QObject *parent = nullptr);

    // Moves to `groups` (sorted by name, as EmbeddedServer::groupMembership gives them).
    void update(const std::vector<GroupInfo> &groups);
    int memberCount() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void updateMembers(int row, const std::vector<GroupMemberInfo> &members);

    EmbeddedServer &m_server;
    std::vector<GroupInfo> m_groups;
};

} // namespace subscope::ui
