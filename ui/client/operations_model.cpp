#include "operations_model.h"

#include "theme/tones.h"

#include <QColor>

namespace subscope::ui {

using protocol::OperationState;

OperationsModel::OperationsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int OperationsModel::add(const std::string &id, const QString &title)
{
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    Entry entry;
    entry.id = id;
    entry.title = title;
    entry.stream = new EventStreamModel(this);
    m_entries.push_back(std::move(entry));
    endInsertRows();
    return row;
}

int OperationsModel::rowOf(const std::string &id) const
{
    // The newest first: an id is unique within a panel, but a server may answer a stale one.
    for (int row = int(m_entries.size()) - 1; row >= 0; --row)
        if (m_entries[size_t(row)].id == id) return row;
    return -1;
}

std::string OperationsModel::idAt(int row) const
{
    return m_entries.at(size_t(row)).id;
}

EventStreamModel *OperationsModel::stream(int row) const
{
    return row >= 0 && row < rowCount() ? m_entries[size_t(row)].stream : nullptr;
}

OperationState OperationsModel::state(int row) const
{
    return m_entries.at(size_t(row)).state;
}

bool OperationsModel::isActive(int row) const
{
    const Entry &e = m_entries.at(size_t(row));
    return !e.connectionClosed && e.state != OperationState::Completed &&
           e.state != OperationState::Error;
}

void OperationsModel::update(const std::string &id, const protocol::ClientSession &session)
{
    const int row = rowOf(id);
    const protocol::ClientOperation *operation = session.operation(id);
    if (row < 0 || !operation) return;
    Entry &e = m_entries[size_t(row)];
    if (operation->events != e.events) e.lastEvent = QDateTime::currentDateTime();
    e.state = operation->state;
    e.lastError = QString::fromStdString(operation->lastError);
    e.events = operation->events;
    e.groups.clear();
    for (const std::string &group : operation->groups)
        e.groups << QString::fromStdString(group);
    changed(row);
}

void OperationsModel::connectionClosed()
{
    for (int row = 0; row < rowCount(); ++row) {
        if (!isActive(row)) continue;
        m_entries[size_t(row)].connectionClosed = true;
        changed(row);
    }
}

void OperationsModel::removeEnded()
{
    for (int row = rowCount() - 1; row >= 0; --row) {
        if (isActive(row)) continue;
        beginRemoveRows({}, row, row);
        m_entries[size_t(row)].stream->deleteLater();
        m_entries.erase(m_entries.begin() + row);
        endRemoveRows();
    }
}

void OperationsModel::changed(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int OperationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int OperationsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OperationsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Entry &e = m_entries[size_t(index.row())];
    if (role == IdRole) return QString::fromStdString(e.id);
    if (role == ActiveRole) return isActive(index.row());
    if (role == Qt::ForegroundRole && index.column() == StateColumn) {
        if (e.state == OperationState::Error || !e.lastError.isEmpty())
            return toneColour(Tone::Error);
        if (e.state == OperationState::Registered) return toneColour(Tone::Success);
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == GroupsColumn) return e.groups.join(u'\n');
    if (role == Qt::ToolTipRole && index.column() == StateColumn && !e.lastError.isEmpty())
        return tr("The last request failed: %1\nThe operation is still in its groups.")
            .arg(e.lastError);
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case OperationColumn:
        return tr("#%1 %2").arg(QString::fromStdString(e.id), e.title);
    case StateColumn: {
        const QString state = QString::fromLatin1(protocol::operationStateName(e.state));
        if (e.connectionClosed) return tr("%1 (connection closed)").arg(state);
        return e.lastError.isEmpty() ? state : tr("%1, last request failed").arg(state);
    }
    case GroupsColumn:
        return e.groups.join(QStringLiteral(", "));
    case EventsColumn:
        return QString::number(e.events);
    case LastEventColumn:
        return e.lastEvent.isValid() ? e.lastEvent.toString(QStringLiteral("HH:mm:ss")) : QString();
    case StopColumn:
        return {};
    }
    return {};
}

QVariant OperationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case OperationColumn:
        return tr("Operation");
    case StateColumn:
        return tr("State");
    case GroupsColumn:
        return tr("Groups");
    case EventsColumn:
        return tr("Events");
    case LastEventColumn:
        return tr("Last event");
    case StopColumn:
        return QString();
    }
    return {};
}

} // namespace subscope::ui
