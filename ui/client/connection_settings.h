#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace subscope::ui {

// What a client panel connects with.
struct ConnectionSettings
{
    enum class Protocol
    {
        Auto,        // offers graphql-transport-ws, then graphql-ws; the server picks (W1)
        TransportWs, // graphql-transport-ws only
        LegacyWs,    // graphql-ws only
    };
    QUrl url;
    Protocol protocol = Protocol::Auto;
    QList<QPair<QByteArray, QByteArray>> headers; // sent with the upgrade request
    QString queryToken;                           // appended as ?token=... (W30)
    QString initPayload;          // JSON text of the connection_init payload; empty: no payload
    int connectTimeoutMs = 10000; // TCP connect plus the upgrade; a host that never answers fails
};

// Parses "Name: value" lines (blank lines and lines starting with # are skipped). Returns false
// with *error naming the first bad line.
bool parseHeaderLines(const QString &text, QList<QPair<QByteArray, QByteArray>> *headers,
                      QString *error);

} // namespace subscope::ui
