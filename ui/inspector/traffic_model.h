#pragma once

#include "frame_store.h"
#include "traffic_filter.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QStringList>
#include <QTimer>

class QIODevice;

namespace subscope::ui {

// Every frame of the embedded server and of the client panels, in the order they happened,
// the way Wireshark's packet list keeps packets: appending is cheap (the bytes are copied into
// a FrameStore and nothing else is done), rows reach the view in batches (one beginInsertRows
// per flush), and a frame is read (type, id, summary) only when it is shown or filtered.
class TrafficModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NumberColumn,
        TimeColumn,
        ConnectionColumn,
        DirectionColumn,
        SubprotocolColumn,
        TypeColumn,
        OperationColumn,
        SizeColumn,
        SummaryColumn,
        ColumnCount
    };
    enum Role
    {
        FrameRole = Qt::UserRole + 1, // QByteArray: the frame's bytes
        RecordRole,                   // int: the frame's index in the capture
    };

    explicit TrafficModel(QObject *parent = nullptr);

    // A connection as the Connection column and filter name it ("server · socket 3 ·
    // 127.0.0.1:5000", "Panel 1 · ws://..."); returns its index.
    uint32_t addConnection(const QString &name, const QString &subprotocol);
    void setConnectionSubprotocol(uint32_t connection, const QString &subprotocol);
    QStringList connectionNames() const;

    // Records a frame now (ignored while paused or once the capture is full; counted).
    void append(uint32_t connection, FrameDirection direction, FrameKind kind, QByteArrayView bytes,
                int closeCode = 0);
    // Hands the frames recorded since the last flush to the view; runs on its own every
    // FlushMs, and before anything reads rows.
    void flush();

    void setFilter(const TrafficFilter &filter);
    const TrafficFilter &filter() const { return m_filter; }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // Frames beyond the capacity are counted, not recorded (Clear to go on).
    void setCapacity(size_t frames) { m_capacity = frames; }
    size_t capacity() const { return m_capacity; }
    void clear();

    size_t recordedCount() const { return m_store.size(); }
    uint64_t notRecordedCount() const { return m_notRecorded; } // while paused or full
    size_t memoryBytes() const { return m_store.memoryBytes(); }
    const FrameStore &store() const { return m_store; }
    int recordAt(int row) const; // the capture index of a shown row
    QString connectionName(uint32_t connection) const;
    QString directionText(FrameDirection direction) const;
    QString timeText(size_t record) const; // HH:mm:ss.zzz (local time)
    QString summary(size_t record) const;
    // A header line and the frame's pretty JSON (or its text), for the detail pane.
    QString detailText(size_t record) const;

    // One JSON object a line per frame (see traffic_export.h): the given capture indexes, or
    // every recorded frame when empty. False with *error when the device fails.
    bool exportJsonl(QIODevice &out, const std::vector<int> &records, QString *error) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static constexpr int FlushMs = 100;
    static constexpr size_t DefaultCapacity = 2'000'000;

signals:
    void connectionsChanged();
    void countsChanged(); // recorded, shown or not-recorded counts changed (after a flush)

private:
    struct Connection
    {
        QString name;
        QString subprotocol;
    };
    bool matches(size_t record) const;
    qint64 nowUs() const;

    FrameStore m_store;
    std::vector<Connection> m_connections;
    TrafficFilter m_filter;
    QByteArray m_needle; // m_filter.text in UTF-8
    // Shown rows: with no filter the first m_shown records; with a filter, m_visible.
    std::vector<uint32_t> m_visible;
    size_t m_shown = 0;
    size_t m_flushed = 0; // records already offered to the view
    QTimer m_flushTimer;
    bool m_paused = false;
    size_t m_capacity = DefaultCapacity;
    uint64_t m_notRecorded = 0;
    qint64 m_epochUs;
    QElapsedTimer m_clock;
};

} // namespace subscope::ui
