#include "event_stream_model.h"

#include "json_text.h"
#include "theme/tones.h"

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace subscope::ui {

using Kind = protocol::ClientMessage::Kind;

namespace {
QString joined(const std::vector<std::string> &items)
{
    QStringList list;
    for (const std::string &item : items)
        list << QString::fromStdString(item);
    return list.isEmpty() ? QObject::tr("none") : list.join(QStringLiteral(", "));
}

EventStreamModel::RowKind rowKind(Kind kind)
{
    switch (kind) {
    case Kind::RegisterAck:
        return EventStreamModel::RowKind::RegisterAck;
    case Kind::UnregisterAck:
        return EventStreamModel::RowKind::UnregisterAck;
    case Kind::NullResult:
        return EventStreamModel::RowKind::NullResult;
    case Kind::Event:
        return EventStreamModel::RowKind::Event;
    case Kind::Errors:
    case Kind::OperationError:
        return EventStreamModel::RowKind::Errors;
    case Kind::Complete:
        return EventStreamModel::RowKind::Complete;
    default:
        return EventStreamModel::RowKind::Other;
    }
}

QString ackSummary(const protocol::ClientMessage &m)
{
    QString text = QObject::tr("%1 · groups: %2 · subscribe: %3")
                       .arg(QString::fromStdString(m.action), joined(m.groups),
                            m.subscribe ? QStringLiteral("true") : QStringLiteral("false"));
    for (const std::string &note : m.notes)
        text += QObject::tr(" · note: %1").arg(QString::fromStdString(note));
    return text;
}

QString summary(const protocol::ClientMessage &m)
{
    switch (m.kind) {
    case Kind::RegisterAck:
    case Kind::UnregisterAck:
        return ackSummary(m);
    case Kind::NullResult:
        return QObject::tr("null result: the operation is in no group (W13a)");
    case Kind::Event: {
        const graphql::JsonValue *data = m.payload.find("data");
        return elided(QString::fromStdString(data ? data->toJson() : m.payload.toJson()), 300);
    }
    case Kind::Errors:
    case Kind::OperationError:
        return QString::fromStdString(m.error);
    case Kind::Complete:
        return QObject::tr("complete: the server ended the operation");
    default:
        return elided(QString::fromStdString(m.frame.toJson()), 300);
    }
}
} // namespace

EventStreamModel::EventStreamModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_batch.setSingleShot(true);
    m_batch.setInterval(30);
    connect(&m_batch, &QTimer::timeout, this, &EventStreamModel::flush);
}

void EventStreamModel::addReceived(const protocol::ClientMessage &message, const QByteArray &frame)
{
    append({QDateTime::currentDateTime(), rowKind(message.kind), summary(message), frame});
}

void EventStreamModel::addSent(const QString &summary, const QByteArray &frame)
{
    append({QDateTime::currentDateTime(), RowKind::Sent, summary, frame});
}

void EventStreamModel::append(Row row)
{
    m_pending.push_back(std::move(row));
    if (!m_batch.isActive()) m_batch.start();
}

void EventStreamModel::flush()
{
    m_batch.stop();
    if (m_pending.empty()) return;
    // More than fit: the surplus never reaches the view.
    if (m_pending.size() > m_capacity) {
        const size_t surplus = m_pending.size() - m_capacity;
        m_dropped += surplus;
        m_pending.erase(m_pending.begin(), m_pending.begin() + qsizetype(surplus));
        emit droppedChanged(m_dropped);
    }
    const int count = int(m_pending.size());
    const int first = m_newestFirst ? 0 : int(m_rows.size());
    beginInsertRows({}, first, first + count - 1);
    for (Row &row : m_pending)
        m_rows.push_back(std::move(row));
    endInsertRows();
    m_pending.clear();
    trim();
}

void EventStreamModel::trim()
{
    if (m_rows.size() <= m_capacity) return;
    const int surplus = int(m_rows.size() - m_capacity);
    const int first = m_newestFirst ? int(m_rows.size()) - surplus : 0;
    beginRemoveRows({}, first, first + surplus - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + surplus);
    endRemoveRows();
    m_dropped += uint64_t(surplus);
    emit droppedChanged(m_dropped);
}

void EventStreamModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    m_dropped = 0;
    endResetModel();
    emit droppedChanged(m_dropped);
}

void EventStreamModel::setCapacity(size_t capacity)
{
    m_capacity = std::max<size_t>(1, capacity);
    trim();
}

void EventStreamModel::setNewestFirst(bool newestFirst)
{
    if (newestFirst == m_newestFirst) return;
    flush();
    beginResetModel();
    m_newestFirst = newestFirst;
    endResetModel();
}

const EventStreamModel::Row &EventStreamModel::rowAt(int row) const
{
    return m_newestFirst ? m_rows[m_rows.size() - 1 - size_t(row)] : m_rows[size_t(row)];
}

int EventStreamModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventStreamModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventStreamModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Row &row = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return row.time.toString(QStringLiteral("HH:mm:ss.zzz"));
        case KindColumn:
            return rowKindLabel(row.kind);
        case SummaryColumn:
            return row.summary;
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == SummaryColumn ? row.summary : QVariant();
    case Qt::BackgroundRole:
        if (row.kind == RowKind::RegisterAck) return toneTint(Tone::Success);
        if (row.kind == RowKind::UnregisterAck) return toneTint(Tone::Warning);
        if (row.kind == RowKind::Errors) return toneTint(Tone::Error);
        return {};
    case Qt::FontRole:
        if (row.kind == RowKind::Sent) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case PrettyJsonRole:
        return prettyJson(row.frame);
    case KindRole:
        return QVariant::fromValue(row.kind);
    case FrameRole:
        return row.frame;
    }
    return {};
}

QVariant EventStreamModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case KindColumn:
        return tr("Kind");
    case SummaryColumn:
        return tr("Frame");
    }
    return {};
}

QString rowKindLabel(EventStreamModel::RowKind kind)
{
    using RowKind = EventStreamModel::RowKind;
    switch (kind) {
    case RowKind::Sent:
        return QObject::tr("→ sent");
    case RowKind::RegisterAck:
        return QObject::tr("register ack");
    case RowKind::UnregisterAck:
        return QObject::tr("unregister ack");
    case RowKind::NullResult:
        return QObject::tr("null result");
    case RowKind::Event:
        return QObject::tr("event");
    case RowKind::Errors:
        return QObject::tr("error");
    case RowKind::Complete:
        return QObject::tr("complete");
    case RowKind::Other:
        return QObject::tr("other");
    }
    return {};
}

} // namespace subscope::ui
