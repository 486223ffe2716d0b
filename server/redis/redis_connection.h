#pragma once

#include "redis_address.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <functional>
#include <string_view>
#include <vector>

struct redisAsyncContext;
struct redisReply;
class RedisQtAdapter;

namespace subscope::server {

// One hiredis async connection on the Qt event loop (hiredis/adapters/qt.h). Opening connects,
// then sends AUTH (with a password), SELECT (for a database other than 0) and PING; onReady
// follows once Redis answered them all, or onFailed with the reason. onFailed also reports the
// loss of a ready connection. After onFailed the connection is closed and may be opened again.
class RedisConnection : public QObject
{
public:
    // Called with the reply, or with nullptr when the connection closed before it came.
    using ReplyFn = void (*)(redisAsyncContext *context, void *reply, void *data);

    explicit RedisConnection(QString role); // "publisher", "subscriber": named in errors
    ~RedisConnection();

    void open(const QHostAddress &ip, const RedisAddress &address);
    // Closes at once: pending replies come as nullptr, onFailed is not called.
    void close();
    bool isOpen() const { return m_context != nullptr; }
    bool isReady() const { return m_ready; }

    // Queues a command; false when the connection is not ready. SUBSCRIBE and UNSUBSCRIBE
    // replies, and the messages of subscribed channels, go to `fn` each time they come.
    bool command(const std::vector<std::string_view> &arguments, ReplyFn fn, void *data);
    // Writes what is queued now rather than at the next pass of the event loop.
    void flush();

    std::function<void()> onReady;
    std::function<void(const QString &reason)> onFailed;

private:
    bool send(const std::vector<std::string_view> &arguments, ReplyFn fn, void *data);
    static void connected(const redisAsyncContext *context, int status);
    static void disconnected(const redisAsyncContext *context, int status);
    static void handshakeReplied(redisAsyncContext *context, void *reply, void *data);
    // hiredis frees the context after this: the adapter must go first (see the .cpp).
    void detachAdapterOf(redisAsyncContext *context);
    void fail(const QString &reason);

    QString m_role;
    redisAsyncContext *m_context = nullptr;
    RedisQtAdapter *m_adapter = nullptr;
    int m_handshakeReplies = 0; // still awaited
    bool m_ready = false;
    bool m_closing = false;
    QString m_failure; // the first error of the handshake
};

} // namespace subscope::server
