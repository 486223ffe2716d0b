#pragma once

#include "protocol/client_session.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QTimer>

#include <deque>
#include <vector>

namespace subscope::ui {

// One operation's frames, in arrival order: register / unregister acks, events, errors, the
// complete, and the client's own start and stop. Bounded: beyond the capacity the oldest rows
// leave the view and are counted. Appends are batched into one row insertion per 30 ms so that a
// burst of events stays cheap for the view.
class EventStreamModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        KindColumn,
        SummaryColumn,
        ColumnCount
    };
    enum Role
    {
        PrettyJsonRole = Qt::UserRole + 1, // the whole frame, indented, keys in wire order
        KindRole,                          // RowKind
        FrameRole,                         // the frame as received (QByteArray)
    };
    enum class RowKind
    {
        Sent,
        RegisterAck,
        UnregisterAck,
        NullResult,
        Event,
        Errors,
        Complete,
        Other
    };
    Q_ENUM(RowKind)

    static constexpr size_t DefaultCapacity = 10000;

    explicit EventStreamModel(QObject *parent = nullptr);

    void addReceived(const protocol::ClientMessage &message, const QByteArray &frame);
    void addSent(const QString &summary, const QByteArray &frame);
    void clear();

    void setCapacity(size_t capacity);
    size_t capacity() const { return m_capacity; }
    uint64_t dropped() const { return m_dropped; } // rows that left the view for the bound
    void setNewestFirst(bool newestFirst);
    bool newestFirst() const { return m_newestFirst; }
    // Shows the rows still waiting for the next batch now.
    void flush();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void droppedChanged(uint64_t dropped);

private:
    struct Row
    {
        QDateTime time;
        RowKind kind;
        QString summary;
        QByteArray frame;
    };
    void append(Row row);
    const Row &rowAt(int row) const;
    void trim();

    std::deque<Row> m_rows; // oldest first
    std::vector<Row> m_pending;
    size_t m_capacity = DefaultCapacity;
    uint64_t m_dropped = 0;
    bool m_newestFirst = false;
    QTimer m_batch;
};

} // namespace subscope::ui

namespace subscope::ui {
QString rowKindLabel(EventStreamModel::RowKind kind); // "register ack", "event", ...
}
