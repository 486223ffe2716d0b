#include "traffic_export.h"

#include "graphql/json_value.h"

#include <QDateTime>

namespace subscope::ui {

namespace {
std::string quoted(const QString &text)
{
    return graphql::jsonQuote(text.toStdString());
}
} // namespace

QByteArray frameJsonLine(const FrameStore &store, size_t record, const QString &connection,
                         const QString &subprotocol)
{
    const FrameRecord &r = store.at(record);
    const QByteArrayView bytes = store.bytes(record);
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(r.timeUs / 1000, Qt::UTC);
    const QString stamp = time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) +
                          QStringLiteral("%1Z").arg(r.timeUs % 1000, 3, 10, QLatin1Char('0'));
    std::string line = "{\"n\":" + std::to_string(record + 1) + ",\"time\":" + quoted(stamp) +
                       ",\"connection\":" + quoted(connection) + ",\"direction\":" +
                       (r.direction == FrameDirection::ClientToServer ? "\"client-to-server\""
                                                                      : "\"server-to-client\"");
    if (!subprotocol.isEmpty()) line += ",\"subprotocol\":" + quoted(subprotocol);
    const std::string_view text(bytes.data(), size_t(bytes.size()));
    switch (r.kind) {
    case FrameKind::Opened:
        line += ",\"kind\":\"open\",\"peer\":" + graphql::jsonQuote(text);
        break;
    case FrameKind::Closed:
        line += ",\"kind\":\"close\",\"code\":" + std::to_string(r.closeCode) +
                ",\"reason\":" + graphql::jsonQuote(text);
        break;
    case FrameKind::Binary:
        line += ",\"kind\":\"binary\",\"size\":" + std::to_string(r.size) + ",\"base64\":\"" +
                QByteArray(bytes.data(), bytes.size()).toBase64().toStdString() + '"';
        break;
    case FrameKind::Text: {
        line += ",\"kind\":\"text\",\"type\":" + quoted(store.type(record));
        if (const QString &id = store.operationId(record); !id.isEmpty())
            line += ",\"id\":" + quoted(id);
        line += ",\"size\":" + std::to_string(r.size);
        graphql::JsonValue parsed;
        if (graphql::JsonValue::fromJson(text, &parsed)) {
            // Valid JSON has line breaks only between tokens: spaces keep it one line, and the
            // same.
            std::string frame(text);
            for (char &c : frame)
                if (c == '\n' || c == '\r') c = ' ';
            line += ",\"frame\":" + frame;
        } else {
            line += ",\"text\":" + graphql::jsonQuote(text);
        }
        break;
    }
    }
    line += '}';
    return QByteArray::fromStdString(line);
}

} // namespace subscope::ui
