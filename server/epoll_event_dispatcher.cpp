#include "epoll_event_dispatcher.h"

#include <QCoreApplication>
#include <QEvent>
#include <QSocketNotifier>

#include <cerrno>
#include <climits>
#include <cstring>
#include <ctime>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <vector>

namespace subscope::server {

namespace {

qint64 nowMs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

constexpr int MaxEventsPerTurn = 512;

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(epoll_create1(EPOLL_CLOEXEC))
    , m_wake(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (!isValid()) return;
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = uint64_t(m_wake);
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &event);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    if (m_wake >= 0) close(m_wake);
    if (m_epoll >= 0) close(m_epoll);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false);
    emit awake();
    QCoreApplication::sendPostedEvents();
    if (m_interrupted.load()) return false;

    // Whatever is posted from now on writes the eventfd, so blocking cannot miss it.
    const bool sockets = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const std::vector<int> alwaysReady =
        sockets ? std::vector<int>(m_alwaysReady.begin(), m_alwaysReady.end()) : std::vector<int>();
    int timeout = 0;
    if ((flags & QEventLoop::WaitForMoreEvents) && alwaysReady.empty()) {
        emit aboutToBlock();
        timeout = (flags & QEventLoop::X11ExcludeTimers) ? -1 : msecsToNextTimer();
    }
    epoll_event events[MaxEventsPerTurn];
    int ready;
    if (sockets) {
        do
            ready = epoll_wait(m_epoll, events, MaxEventsPerTurn, timeout);
        while (ready < 0 && errno == EINTR);
    } else { // sockets left out: wait for a wake-up or a timer only, not for ready sockets
        pollfd wake{m_wake, POLLIN, 0};
        do
            ready = poll(&wake, 1, timeout);
        while (ready < 0 && errno == EINTR);
        if (ready > 0) events[0].data.u64 = uint64_t(m_wake);
    }

    int activated = 0;
    for (int i = 0; i < ready; ++i) {
        const int fd = int(events[i].data.u64 & 0xffffffff);
        const uint32_t generation = uint32_t(events[i].data.u64 >> 32);
        if (fd == m_wake) {
            uint64_t count;
            while (read(m_wake, &count, sizeof count) > 0) {
            }
            // After reading: a wake-up in between skipped its write, but what it announced is
            // posted already and the next call starts by sending posted events.
            m_wakePending.store(false);
            continue;
        }
        // An event of a descriptor closed and reused by a handler earlier in this turn is stale.
        const auto watch = m_watches.find(fd);
        if (watch == m_watches.end() || watch->second.generation != generation) continue;
        activated += activateSocket(fd, events[i].events);
        if (m_interrupted.load()) return activated > 0;
    }
    for (int fd : alwaysReady)
        activated += activateSocket(fd, EPOLLIN | EPOLLOUT);
    if (!(flags & QEventLoop::X11ExcludeTimers)) activated += activateTimers();
    return activated > 0;
}

int EpollEventDispatcher::activateSocket(int fd, uint32_t events)
{
    static constexpr uint32_t Wanted[3] = {
        EPOLLIN | EPOLLHUP | EPOLLERR,  // QSocketNotifier::Read
        EPOLLOUT | EPOLLHUP | EPOLLERR, // QSocketNotifier::Write
        EPOLLPRI | EPOLLHUP | EPOLLERR, // QSocketNotifier::Exception
    };
    int activated = 0;
    for (int type = 0; type < 3; ++type) {
        // Looked up again each time: the previous notifier's handler may have changed them all.
        const auto watch = m_watches.find(fd);
        if (watch == m_watches.end()) break;
        QSocketNotifier *notifier = watch->second.notifiers[type];
        if (!notifier || !(events & Wanted[type])) continue;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(notifier, &event);
        ++activated;
    }
    return activated;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    m_watches[fd].notifiers[notifier->type()] = notifier;
    updateWatch(fd);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const auto watch = m_watches.find(fd);
    if (watch == m_watches.end() || watch->second.notifiers[notifier->type()] != notifier) return;
    watch->second.notifiers[notifier->type()] = nullptr;
    updateWatch(fd);
}

void EpollEventDispatcher::updateWatch(int fd)
{
    Watch &watch = m_watches[fd];
    if (watch.generation == 0) watch.generation = ++m_generations; // a new watch
    epoll_event event{};
    event.data.u64 = (uint64_t(watch.generation) << 32) | uint32_t(fd);
    if (watch.notifiers[QSocketNotifier::Read]) event.events |= EPOLLIN;
    if (watch.notifiers[QSocketNotifier::Write]) event.events |= EPOLLOUT;
    if (watch.notifiers[QSocketNotifier::Exception]) event.events |= EPOLLPRI;
    if (event.events == 0) {
        // The descriptor may be closed already (then the kernel has dropped it): no matter.
        if (watch.inEpoll) epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, &event);
        m_watches.erase(fd);
        m_alwaysReady.erase(fd);
        return;
    }
    // A descriptor closed without unregistering and reused is gone from epoll: add it again.
    if (watch.inEpoll && epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event) == 0) return;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) == 0 ||
        (errno == EEXIST && epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event) == 0)) {
        watch.inEpoll = true;
        watch.alwaysReady = false;
        m_alwaysReady.erase(fd);
        return;
    }
    if (errno == EPERM) { // a regular file (stdin redirected from one): always ready, as poll says
        watch.alwaysReady = true;
        m_alwaysReady.insert(fd);
        return;
    }
    qWarning("EpollEventDispatcher: cannot watch descriptor %d: %s", fd, strerror(errno));
    watch.inEpoll = false;
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object)
{
    if (m_timers.count(timerId)) unregisterTimer(timerId);
    Timer timer;
    timer.object = object;
    timer.intervalMs = std::max<qint64>(0, interval);
    timer.type = timerType;
    timer.due = m_due.emplace(nowMs() + timer.intervalMs, timerId);
    m_timers.emplace(timerId, timer);
    m_timersOf.emplace(object, timerId);
}

void EpollEventDispatcher::forgetTimer(std::unordered_map<int, Timer>::iterator timer)
{
    m_due.erase(timer->second.due);
    auto [first, last] = m_timersOf.equal_range(timer->second.object);
    for (auto it = first; it != last; ++it)
        if (it->second == timer->first) {
            m_timersOf.erase(it);
            break;
        }
    m_timers.erase(timer);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto timer = m_timers.find(timerId);
    if (timer == m_timers.end()) return false;
    forgetTimer(timer);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    std::vector<int> ids;
    auto [first, last] = m_timersOf.equal_range(object);
    for (auto it = first; it != last; ++it)
        ids.push_back(it->second);
    for (int id : ids)
        unregisterTimer(id);
    return !ids.empty();
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> timers;
    auto [first, last] = m_timersOf.equal_range(object);
    for (auto it = first; it != last; ++it) {
        const Timer &timer = m_timers.at(it->second);
        timers.append(
            TimerInfo(it->second, int(std::min<qint64>(timer.intervalMs, INT_MAX)), timer.type));
    }
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto timer = m_timers.find(timerId);
    if (timer == m_timers.end()) return -1;
    return int(std::clamp<qint64>(timer->second.due->first - nowMs(), 0, INT_MAX));
}

int EpollEventDispatcher::msecsToNextTimer() const
{
    // A timer whose handler runs a nested loop is not due again until the handler returns.
    for (const auto &[due, id] : m_due)
        if (!m_timers.at(id).inTimerEvent)
            return int(std::clamp<qint64>(due - nowMs(), 0, INT_MAX));
    return -1;
}

int EpollEventDispatcher::activateTimers()
{
    const qint64 now = nowMs();
    // The timers due now, taken first: handlers start, stop and delete timers.
    std::vector<int> due;
    for (auto it = m_due.begin(); it != m_due.end() && it->first <= now; ++it)
        due.push_back(it->second);
    int activated = 0;
    for (int id : due) {
        const auto timer = m_timers.find(id);
        if (timer == m_timers.end() || timer->second.inTimerEvent) continue;
        Timer &t = timer->second;
        if (t.due->first > now) continue; // restarted by an earlier handler
        // Next due time from the last, not from now, unless that is past already (no bursts).
        qint64 next = t.due->first + t.intervalMs;
        if (next <= now) next = now + t.intervalMs;
        m_due.erase(t.due);
        t.due = m_due.emplace(next, id);
        t.inTimerEvent = true;
        QObject *object = t.object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        ++activated;
        const auto still = m_timers.find(id); // the handler may have killed it
        if (still != m_timers.end()) still->second.inTimerEvent = false;
        if (m_interrupted.load()) break;
    }
    return activated;
}

void EpollEventDispatcher::wakeUp()
{
    if (m_wakePending.exchange(true)) return; // one write until the loop has read it
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = write(m_wake, &one, sizeof one);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true);
    wakeUp();
}

} // namespace subscope::server
