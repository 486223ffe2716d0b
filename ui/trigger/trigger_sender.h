#pragma once

#include "graphql/json_value.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace subscope::ui {

class EmbeddedServer;

// What came of one trigger.
struct TriggerResult
{
    bool ok = false;
    QString group;          // the group it went to
    qint64 deliveries = 0;  // frames queued for member operations
    bool published = false; // handed to Redis instead: every server delivers it to its members
    QString error;          // why it was refused
};

// The HTTP API of a headless Subscope from what the user typed: http:// or https:// with a host
// (http:// is assumed when no scheme is given); false with the reason in *error otherwise.
bool httpTargetFromText(const QString &text, QUrl *url, QString *error);
// `base` with `path` appended to its own path (a base behind a reverse proxy keeps its prefix).
QUrl endpointUrl(const QUrl &base, const QString &path);

// Fires events into the embedded server, or into a headless Subscope through its HTTP API
// (POST /trigger, POST /models/<name>). Results arrive through fired(), in order.
class TriggerSender : public QObject
{
    Q_OBJECT
public:
    explicit TriggerSender(EmbeddedServer &embedded, QObject *parent = nullptr);

    // An empty URL fires into the embedded server.
    void setHttpTarget(const QUrl &url)
    {
        m_http = url;
        m_unusable.clear();
    }
    QUrl httpTarget() const { return m_http; }
    // Sent as "Authorization: Bearer <token>" to an HTTP target started with --trigger-token.
    void setToken(const QByteArray &token) { m_token = token; }
    // A target that was asked for but cannot be used: every fire is refused with `reason`
    // (never sent somewhere else) until another target is set.
    void setUnusableTarget(const QString &reason)
    {
        m_http.clear();
        m_unusable = reason;
    }

    void fireGroup(const QString &group, const graphql::JsonValue &value);
    // `request` is {"action": ..., "pk": ..., "fields": {...}} as POST /models/<name> takes it.
    void fireModel(const QString &model, const graphql::JsonValue &request);
    // Requests still on their way over HTTP.
    int pending() const { return m_pending; }

signals:
    void fired(const subscope::ui::TriggerResult &result);

private:
    void post(const QString &path, const graphql::JsonValue &body);

    EmbeddedServer &m_embedded;
    QUrl m_http;
    QByteArray m_token;
    QString m_unusable;
    QNetworkAccessManager m_network;
    int m_pending = 0;
};

} // namespace subscope::ui
