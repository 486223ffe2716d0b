#pragma once

#include "event_stream_model.h"
#include "protocol/client_session.h"

#include <QAbstractTableModel>
#include <QDateTime>

#include <vector>

namespace subscope::ui {

// A client panel's operations, oldest first, across reconnects: state, registered groups, event
// count and last event time as the panel's ClientSession sees them, each with its event stream.
class OperationsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        OperationColumn,
        StateColumn,
        GroupsColumn,
        EventsColumn,
        LastEventColumn,
        StopColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1, // the operation id (QString)
        ActiveRole,                // whether Stop makes sense (bool)
    };

    explicit OperationsModel(QObject *parent = nullptr);

    // A new operation sent with this id; returns its row.
    int add(const std::string &id, const QString &title);
    int rowOf(const std::string &id) const;
    std::string idAt(int row) const;
    EventStreamModel *stream(int row) const;
    protocol::OperationState state(int row) const;
    bool isActive(int row) const;

    // Takes state, groups and events from the session after a message about `id`.
    void update(const std::string &id, const protocol::ClientSession &session);
    // The socket closed: operations still running end with it.
    void connectionClosed();
    void removeEnded();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Entry
    {
        std::string id;
        QString title;
        protocol::OperationState state = protocol::OperationState::Starting;
        bool connectionClosed = false;
        QString lastError; // a failed request that left the operation in its groups (W27)
        QStringList groups;
        uint64_t events = 0;
        QDateTime lastEvent;
        EventStreamModel *stream;
    };
    void changed(int row);

    std::vector<Entry> m_entries;
};

} // namespace subscope::ui
