#include "redis_connection.h"

#include <QTimer>

#include <hiredis/adapters/qt.h>
#include <hiredis/async.h>
#include <hiredis/hiredis.h>

namespace subscope::server {

namespace {

RedisConnection *owner(const redisAsyncContext *context)
{
    return static_cast<RedisConnection *>(context->data);
}

QString replyText(const redisReply *reply)
{
    return QString::fromUtf8(reply->str, qsizetype(reply->len));
}

} // namespace

RedisConnection::RedisConnection(QString role)
    : m_role(std::move(role))
{}

RedisConnection::~RedisConnection()
{
    close();
}

void RedisConnection::open(const QHostAddress &ip, const RedisAddress &address)
{
    close();
    m_closing = false;
    m_ready = false;
    m_failure.clear();
    m_context = redisAsyncConnect(ip.toString().toUtf8().constData(), address.port);
    if (!m_context || m_context->err) {
        const QString reason =
            m_context ? QString::fromUtf8(m_context->errstr) : QStringLiteral("out of memory");
        if (m_context) redisAsyncFree(m_context);
        m_context = nullptr;
        // Never from inside open(): the caller is still setting up.
        QTimer::singleShot(0, this, [this, reason] {
            if (!m_context && onFailed) onFailed(reason);
        });
        return;
    }
    m_context->data = this;
    m_adapter = new RedisQtAdapter;
    m_adapter->setContext(m_context);
    redisAsyncSetConnectCallback(m_context, &RedisConnection::connected);
    redisAsyncSetDisconnectCallback(m_context, &RedisConnection::disconnected);
    // TCP keepalive (hiredis: probes after 15 s idle) finds a Redis host that vanished without a
    // word; a subscriber would otherwise wait forever.
    redisEnableKeepAlive(&m_context->c);

    // Queued now, written once connected; each answers in order.
    m_handshakeReplies = 0;
    auto handshake = [this](const std::vector<std::string_view> &arguments) {
        if (send(arguments, &RedisConnection::handshakeReplied, this)) ++m_handshakeReplies;
    };
    if (!address.password.isEmpty()) {
        if (address.user.isEmpty())
            handshake({"AUTH", std::string_view(address.password.constData(),
                                                size_t(address.password.size()))});
        else
            handshake(
                {"AUTH", std::string_view(address.user.constData(), size_t(address.user.size())),
                 std::string_view(address.password.constData(), size_t(address.password.size()))});
    }
    if (address.database != 0) {
        const std::string db = std::to_string(address.database);
        handshake({"SELECT", db});
    }
    // Also refuses a Redis still loading its data set (LOADING), which is not ready either.
    handshake({"PING"});
}

void RedisConnection::close()
{
    if (!m_context) return;
    m_closing = true;
    m_ready = false;
    redisAsyncContext *context = std::exchange(m_context, nullptr);
    detachAdapterOf(context);
    redisAsyncFree(context);
}

bool RedisConnection::command(const std::vector<std::string_view> &arguments, ReplyFn fn,
                              void *data)
{
    return m_ready && send(arguments, fn, data);
}

bool RedisConnection::send(const std::vector<std::string_view> &arguments, ReplyFn fn, void *data)
{
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    argv.reserve(arguments.size());
    lengths.reserve(arguments.size());
    for (std::string_view a : arguments) {
        argv.push_back(a.data());
        lengths.push_back(a.size());
    }
    return redisAsyncCommandArgv(m_context, fn, data, int(argv.size()), argv.data(),
                                 lengths.data()) == REDIS_OK;
}

void RedisConnection::flush()
{
    // Not from inside one of hiredis's own callbacks: it writes when they return.
    if (m_context && !(m_context->c.flags & REDIS_IN_CALLBACK)) redisAsyncHandleWrite(m_context);
}

void RedisConnection::connected(const redisAsyncContext *context, int status)
{
    RedisConnection *self = owner(context);
    // Success: the handshake's replies say the rest. A context closed already: nothing to say.
    if (status == REDIS_OK || context != self->m_context) return;
    // hiredis frees the context when this returns.
    self->detachAdapterOf(const_cast<redisAsyncContext *>(context));
    self->m_context = nullptr;
    self->fail(QString::fromUtf8(context->errstr));
}

void RedisConnection::disconnected(const redisAsyncContext *context, int status)
{
    RedisConnection *self = owner(context);
    self->detachAdapterOf(const_cast<redisAsyncContext *>(context));
    if (self->m_closing || context != self->m_context) return;
    self->m_context = nullptr;
    self->fail(status == REDIS_OK ? QStringLiteral("Redis closed the connection")
                                  : QString::fromUtf8(context->errstr));
}

void RedisConnection::handshakeReplied(redisAsyncContext *context, void *reply, void *data)
{
    auto *self = static_cast<RedisConnection *>(data);
    const auto *r = static_cast<const redisReply *>(reply);
    if (!r || self->m_closing || context != self->m_context) return;
    if (r->type == REDIS_REPLY_ERROR && self->m_failure.isEmpty()) self->m_failure = replyText(r);
    if (--self->m_handshakeReplies > 0) return;
    if (!self->m_failure.isEmpty()) {
        // hiredis frees the context once this callback returns.
        self->close();
        self->fail(self->m_failure);
        return;
    }
    self->m_ready = true;
    if (self->onReady) self->onReady();
}

// The adapter of hiredis 0.14 deletes its socket notifiers only when hiredis cleans up, and its
// destructor writes into the context. So before hiredis frees a context, the notifiers go
// (through the context's own cleanup hook, then unset) and then the adapter, while the context
// is still there to write into.
void RedisConnection::detachAdapterOf(redisAsyncContext *context)
{
    if (!m_adapter || context->ev.data != m_adapter) return; // detached already
    if (context->ev.cleanup) context->ev.cleanup(context->ev.data);
    context->ev.addRead = context->ev.delRead = nullptr;
    context->ev.addWrite = context->ev.delWrite = nullptr;
    context->ev.cleanup = nullptr;
    delete std::exchange(m_adapter, nullptr);
}

void RedisConnection::fail(const QString &reason)
{
    m_ready = false;
    if (onFailed) onFailed(QStringLiteral("%1 connection: %2").arg(m_role, reason));
}

} // namespace subscope::server
