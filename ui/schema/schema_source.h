#pragma once

#include "graphql/schema.h"

#include <QByteArray>
#include <QFileSystemWatcher>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace subscope::ui {

// The GraphQL endpoint over HTTP next to a WebSocket URL: ws -> http, wss -> https, same host,
// port and path (an http(s) URL stays as it is). Text without a scheme counts as ws://, as a
// panel connects to it. Empty when the text is no such URL.
QUrl introspectionUrlFor(const QString &websocketUrl);

// Where a client panel's schema comes from, for completion, checks and docs: the embedded
// server's schema, the standard introspection query POSTed to a GraphQL endpoint, or an SDL file.
// When a source fails, the panel has no schema until one loads: failed() says why.
class SchemaSource : public QObject
{
    Q_OBJECT
public:
    enum class Kind
    {
        EmbeddedServer,
        Introspection,
        SdlFile
    };
    Q_ENUM(Kind)
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    static constexpr int DefaultTimeoutMs = 10000;

    explicit SchemaSource(QObject *parent = nullptr);
    ~SchemaSource() override;

    Kind kind() const { return m_kind; }
    std::shared_ptr<const graphql::Schema> schema() const { return m_schema; }
    // The URL or file the schema in effect (or the last attempt) came from; empty for the
    // embedded server.
    QString origin() const { return m_origin; }
    // Why the last load failed; empty when it did not.
    QString errorString() const { return m_error; }
    bool isLoading() const { return m_reply != nullptr; }

    // The embedded server's schema, kept current by the window; in effect while the kind is
    // EmbeddedServer.
    void setEmbeddedSchema(std::shared_ptr<const graphql::Schema> schema);
    void useEmbeddedServer();
    // POSTs {"query": <the standard introspection query>} as JSON, with `headers`;
    // schemaChanged() or failed() follows (at once for a URL that is not http(s)).
    void introspect(const QUrl &url, const Headers &headers = {});
    // Reads and builds an SDL file; false, and failed() with every error as
    // "file:line:column: message", when it cannot be used. The file is read again when it
    // changes on disk, for as long as it is the source.
    bool loadFile(const QString &path);
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

signals:
    // The schema in effect changed (it may now be null).
    void schemaChanged();
    void loadingChanged(bool loading);
    void failed(const QString &message);

private:
    void begin(Kind kind, const QString &origin);
    void cancelRequest();
    void onReplyFinished(QNetworkReply *reply);
    void succeed(std::shared_ptr<const graphql::Schema> schema);
    void fail(const QString &message);
    void setSchema(std::shared_ptr<const graphql::Schema> schema);

    Kind m_kind = Kind::EmbeddedServer;
    std::shared_ptr<const graphql::Schema> m_embedded;
    std::shared_ptr<const graphql::Schema> m_schema;
    QString m_origin;
    QString m_error;
    int m_timeoutMs = DefaultTimeoutMs;
    QNetworkAccessManager m_network;
    QFileSystemWatcher m_watcher;
    QTimer m_reloadDelay; // editors save in several steps: read once they are done
    QPointer<QNetworkReply> m_reply;
};

} // namespace subscope::ui
