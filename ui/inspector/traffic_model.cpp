#include "traffic_model.h"

#include "json_text.h"
#include "protocol/close_codes.h"
#include "protocol/frame_dissection.h"
#include "theme/tones.h"
#include "traffic_export.h"

#include <QColor>
#include <QDateTime>
#include <QIODevice>
#include <QLocale>

namespace subscope::ui {

TrafficModel::TrafficModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_epochUs(QDateTime::currentMSecsSinceEpoch() * 1000)
{
    m_clock.start();
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FlushMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &TrafficModel::flush);
}

qint64 TrafficModel::nowUs() const
{
    return m_epochUs + m_clock.nsecsElapsed() / 1000;
}

uint32_t TrafficModel::addConnection(const QString &name, const QString &subprotocol)
{
    m_connections.push_back(Connection{name, subprotocol});
    emit connectionsChanged();
    return uint32_t(m_connections.size() - 1);
}

void TrafficModel::setConnectionSubprotocol(uint32_t connection, const QString &subprotocol)
{
    if (connection < m_connections.size()) m_connections[connection].subprotocol = subprotocol;
}

QStringList TrafficModel::connectionNames() const
{
    QStringList names;
    for (const Connection &c : m_connections)
        names << c.name;
    return names;
}

QString TrafficModel::connectionName(uint32_t connection) const
{
    return connection < m_connections.size() ? m_connections[connection].name : QString();
}

void TrafficModel::append(uint32_t connection, FrameDirection direction, FrameKind kind,
                          QByteArrayView bytes, int closeCode)
{
    if (m_paused || m_store.size() >= m_capacity) {
        ++m_notRecorded;
        if (!m_flushTimer.isActive()) m_flushTimer.start();
        return;
    }
    FrameRecord record;
    record.timeUs = nowUs();
    record.connection = connection;
    record.direction = direction;
    record.kind = kind;
    record.closeCode = uint16_t(closeCode);
    m_store.append(record, bytes);
    if (!m_flushTimer.isActive()) m_flushTimer.start();
}

void TrafficModel::flush()
{
    m_flushTimer.stop();
    const size_t total = m_store.size();
    if (m_flushed < total) {
        if (m_filter.isEmpty()) {
            beginInsertRows({}, int(m_shown), int(total) - 1);
            m_shown = total;
            endInsertRows();
        } else {
            std::vector<uint32_t> added;
            for (size_t i = m_flushed; i < total; ++i)
                if (matches(i)) added.push_back(uint32_t(i));
            if (!added.empty()) {
                beginInsertRows({}, int(m_visible.size()),
                                int(m_visible.size() + added.size()) - 1);
                m_visible.insert(m_visible.end(), added.begin(), added.end());
                endInsertRows();
            }
        }
        m_flushed = total;
    }
    emit countsChanged();
}

bool TrafficModel::matches(size_t record) const
{
    const FrameRecord &r = m_store.at(record);
    if (m_filter.connection && r.connection != *m_filter.connection) return false;
    if (m_filter.direction && r.direction != *m_filter.direction) return false;
    if (!m_filter.type.isEmpty() && m_store.type(record) != m_filter.type) return false;
    if (!m_needle.isEmpty() && !containsIgnoringAsciiCase(m_store.bytes(record), m_needle) &&
        !connectionName(r.connection).contains(m_filter.text, Qt::CaseInsensitive))
        return false;
    return true;
}

void TrafficModel::setFilter(const TrafficFilter &filter)
{
    if (filter == m_filter) return;
    flush();
    beginResetModel();
    m_filter = filter;
    m_needle = filter.text.toUtf8(); // once, not per frame
    m_visible.clear();
    if (filter.isEmpty()) {
        m_visible.shrink_to_fit();
        m_shown = m_store.size();
    } else {
        for (size_t i = 0; i < m_store.size(); ++i)
            if (matches(i)) m_visible.push_back(uint32_t(i));
    }
    endResetModel();
    emit countsChanged();
}

void TrafficModel::setPaused(bool paused)
{
    m_paused = paused;
    emit countsChanged();
}

void TrafficModel::clear()
{
    beginResetModel();
    m_store.clear();
    m_visible = {};
    m_shown = 0;
    m_flushed = 0;
    m_notRecorded = 0;
    endResetModel();
    emit countsChanged();
}

int TrafficModel::recordAt(int row) const
{
    if (row < 0 || row >= rowCount()) return -1;
    return m_filter.isEmpty() ? row : int(m_visible[size_t(row)]);
}

QString TrafficModel::directionText(FrameDirection direction) const
{
    return direction == FrameDirection::ClientToServer ? tr("client → server")
                                                       : tr("server → client");
}

QString TrafficModel::timeText(size_t record) const
{
    return QDateTime::fromMSecsSinceEpoch(m_store.at(record).timeUs / 1000)
        .toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString TrafficModel::summary(size_t record) const
{
    const FrameRecord &r = m_store.at(record);
    const QByteArrayView bytes = m_store.bytes(record);
    switch (r.kind) {
    case FrameKind::Opened:
        return QString::fromUtf8(bytes);
    case FrameKind::Closed: {
        QString text = tr("%1 %2").arg(r.closeCode).arg(protocol::closeCodeMeaning(r.closeCode));
        if (!bytes.isEmpty()) text += tr(" · \"%1\"").arg(QString::fromUtf8(bytes));
        return text;
    }
    case FrameKind::Binary:
        return tr("%1 bytes: %2")
            .arg(r.size)
            .arg(QString::fromLatin1(
                bytes.first(std::min<qsizetype>(24, bytes.size())).toByteArray().toHex(' ')));
    case FrameKind::Text:
        break;
    }
    return QString::fromStdString(
        protocol::dissectFrame(std::string_view(bytes.data(), size_t(bytes.size()))).summary);
}

QString TrafficModel::detailText(size_t record) const
{
    const FrameRecord &r = m_store.at(record);
    QString header =
        tr("#%1 · %2 · %3 · %4")
            .arg(record + 1)
            .arg(timeText(record), connectionName(r.connection), directionText(r.direction));
    const QString &subprotocol = m_connections[r.connection].subprotocol;
    if (!subprotocol.isEmpty()) header += QStringLiteral(" · ") + subprotocol;
    header += tr(" · %1").arg(m_store.type(record));
    if (!m_store.operationId(record).isEmpty())
        header += tr(" · id %1").arg(m_store.operationId(record));
    header += tr(" · %1 bytes").arg(r.size);
    const QByteArrayView bytes = m_store.bytes(record);
    QString body;
    switch (r.kind) {
    case FrameKind::Text:
        body = prettyJson(bytes.toByteArray());
        break;
    case FrameKind::Binary:
        body = QString::fromLatin1(bytes.toByteArray().toHex(' '));
        break;
    case FrameKind::Opened:
    case FrameKind::Closed:
        body = summary(record);
        break;
    }
    return header + QStringLiteral("\n\n") + body;
}

bool TrafficModel::exportJsonl(QIODevice &out, const std::vector<int> &records,
                               QString *error) const
{
    const auto write = [&](size_t record) {
        const FrameRecord &r = m_store.at(record);
        const Connection &c = m_connections[r.connection];
        return out.write(frameJsonLine(m_store, record, c.name, c.subprotocol) + '\n') >= 0;
    };
    bool ok = true;
    if (records.empty()) {
        for (size_t i = 0; ok && i < m_store.size(); ++i)
            ok = write(i);
    } else {
        for (int record : records)
            if (ok && record >= 0 && size_t(record) < m_store.size()) ok = write(size_t(record));
    }
    if (!ok) *error = out.errorString();
    return ok;
}

int TrafficModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid()) return 0;
    return int(m_filter.isEmpty() ? m_shown : m_visible.size());
}

int TrafficModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrafficModel::data(const QModelIndex &index, int role) const
{
    const int record = recordAt(index.row());
    if (!index.isValid() || record < 0) return {};
    const FrameRecord &r = m_store.at(size_t(record));
    if (role == RecordRole) return record;
    if (role == FrameRole) return m_store.bytes(size_t(record)).toByteArray();
    if (role == Qt::TextAlignmentRole &&
        (index.column() == NumberColumn || index.column() == SizeColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == TypeColumn) {
        const QString &type = m_store.type(size_t(record));
        if (type == QLatin1String("error") || type == QLatin1String("close") ||
            type.startsWith(u'('))
            return toneColour(Tone::Error);
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    switch (index.column()) {
    case NumberColumn:
        return record + 1;
    case TimeColumn:
        return timeText(size_t(record));
    case ConnectionColumn:
        return connectionName(r.connection);
    case DirectionColumn:
        if (role == Qt::ToolTipRole) return directionText(r.direction);
        return r.direction == FrameDirection::ClientToServer ? QStringLiteral("C → S")
                                                             : QStringLiteral("S → C");
    case SubprotocolColumn:
        return m_connections[r.connection].subprotocol;
    case TypeColumn:
        return m_store.type(size_t(record));
    case OperationColumn:
        return m_store.operationId(size_t(record));
    case SizeColumn:
        return QLocale().toString(qulonglong(r.size));
    case SummaryColumn:
        return summary(size_t(record));
    }
    return {};
}

QVariant TrafficModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NumberColumn:
        return tr("No.");
    case TimeColumn:
        return tr("Time");
    case ConnectionColumn:
        return tr("Connection");
    case DirectionColumn:
        return tr("Dir");
    case SubprotocolColumn:
        return tr("Subprotocol");
    case TypeColumn:
        return tr("Type");
    case OperationColumn:
        return tr("Op");
    case SizeColumn:
        return tr("Size");
    case SummaryColumn:
        return tr("Summary");
    }
    return {};
}

} // namespace subscope::ui
