#include "event_replay.h"

#include "headless_server.h"
#include "logging.h"
#include "model_events.h"
#include "read_file.h"

#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <unistd.h>

namespace subscope::server {

using graphql::JsonValue;

namespace {
constexpr int64_t MaxAtMs = std::numeric_limits<int>::max(); // what a QTimer can wait: 24.8 days
constexpr qsizetype MaxLineBytes = 1024 * 1024;
} // namespace

EventReplay::EventReplay(HeadlessServer &server, QObject *parent)
    : QObject(parent)
    , m_server(server)
{
    m_clock.start();
}

EventReplay::~EventReplay() = default;

std::optional<QByteArray> EventReplay::readFile(const QString &path, QString *error)
{
    return readWholeFile(path, error);
}

void EventReplay::start(const QByteArray &fileContents)
{
    whenReady([this, fileContents] {
        int number = 0;
        for (const QByteArray &text : fileContents.split('\n')) {
            ++number;
            line(text, number);
        }
        QMetaObject::invokeMethod(this, &EventReplay::inputFinished, Qt::QueuedConnection);
    });
}

void EventReplay::startStdin()
{
    whenReady([this] {
        m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &EventReplay::readStdin);
    });
}

void EventReplay::whenReady(std::function<void()> begin)
{
    RedisChannelLayer *redis = m_server.redis();
    if (!redis || redis->state() == RedisChannelLayer::State::Up) {
        begin();
        return;
    }
    // Events at 0 ms would all be refused while the first connection is being made.
    qCInfo(lcServer) << "the events wait for the connection to Redis";
    auto once = std::make_shared<QMetaObject::Connection>();
    *once = connect(redis, &RedisChannelLayer::stateChanged, this, [this, redis, once, begin] {
        if (redis->state() != RedisChannelLayer::State::Up) return;
        disconnect(*once);
        m_clock.restart();
        begin();
    });
}

void EventReplay::readStdin()
{
    char buffer[65536];
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return; // the notifier fires again
    if (n <= 0) {
        m_notifier->setEnabled(false);
        if (!m_overlong && !m_pending.trimmed().isEmpty()) line(m_pending, ++m_lineNumber);
        m_pending.clear();
        emit inputFinished();
        return;
    }
    m_pending.append(buffer, n);
    qsizetype newline;
    while ((newline = m_pending.indexOf('\n')) >= 0) {
        ++m_lineNumber;
        if (m_overlong)
            m_overlong = false; // the end of the line already reported
        else
            line(m_pending.left(newline), m_lineNumber);
        m_pending.remove(0, newline + 1);
    }
    if (m_pending.size() > MaxLineBytes && !m_overlong) {
        m_overlong = true;
        ++m_skipped;
        qCWarning(lcServer) << "events line" << m_lineNumber + 1 << "skipped: longer than 1 MiB";
    }
    if (m_overlong) m_pending.clear();
}

void EventReplay::line(const QByteArray &text, int number)
{
    if (text.trimmed().isEmpty()) return;
    auto skip = [this, number](const std::string &why) {
        ++m_skipped;
        qCWarning(lcServer).noquote()
            << "events line" << number << "skipped:" << QString::fromStdString(why);
    };
    JsonValue entry;
    std::string problem;
    if (!JsonValue::fromJson(std::string_view(text.constData(), size_t(text.size())), &entry,
                             &problem))
        return skip("not JSON (" + problem + ")");
    if (!entry.isObject()) return skip("not a JSON object");
    int64_t at = 0;
    if (const JsonValue *atMs = entry.find("at_ms")) {
        if (!atMs->isNumber() || atMs->toDouble() < 0 || atMs->toDouble() > MaxAtMs)
            return skip("\"at_ms\" must be a number of milliseconds from 0 to " +
                        std::to_string(MaxAtMs));
        at = atMs->toInt();
    }
    std::string group;
    JsonValue value;
    if (const JsonValue *model = entry.find("model")) {
        const graphql::NamedType *type =
            model->isString() ? findModelType(m_server.schema(), model->toString()) : nullptr;
        if (!type)
            return skip("no @model type named " + model->toJson() +
                        " (models: " + modelNames(m_server.schema()) + ")");
        ModelEvent event = buildModelEvent(*type, entry);
        if (!event.error.empty()) return skip(event.error);
        group = event.group;
        value = event.value;
    } else {
        const JsonValue *g = entry.find("group");
        if (!g || !g->isString()) return skip("\"group\" must be a string");
        const std::optional<std::string> name = m_server.triggerGroup(g->toString());
        if (!name) return skip("invalid group name '" + g->toString() + "' (W25)");
        const JsonValue *v = entry.find("value");
        if (!v) return skip("\"value\" is missing (use null for an event without a value)");
        group = *name;
        value = *v;
    }
    const qint64 delay = std::max<qint64>(0, at - m_clock.elapsed());
    QTimer::singleShot(int(std::min<qint64>(delay, std::numeric_limits<int>::max())), this,
                       [this, group, value] {
                           // A refusal (Redis down) is logged by publish().
                           if (m_server.publish(group, value).ok)
                               ++m_fired;
                           else
                               ++m_skipped;
                       });
}

} // namespace subscope::server
