#pragma once

#include <QAbstractEventDispatcher>

#include <atomic>
#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>

class QSocketNotifier;

namespace subscope::server {

// The headless server's event loop on Linux: epoll for socket notifiers, an ordered map for
// timers, an eventfd for wake-ups. Qt's own dispatchers (GLib's and the UNIX one) poll every
// socket on every turn of the loop, so with thousands of sockets a turn costs milliseconds and
// setting up connections grows quadratic; epoll costs what is ready, not what is open.
//
// Install it before the QCoreApplication exists (QCoreApplication::setEventDispatcher). All timer
// types are kept to the millisecond.
class EpollEventDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    // False when the kernel refused epoll or eventfd: use Qt's dispatcher then.
    bool isValid() const { return m_epoll >= 0 && m_wake >= 0; }

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    struct Watch
    {
        QSocketNotifier *notifiers[3] = {nullptr, nullptr, nullptr}; // by QSocketNotifier::Type
        bool inEpoll = false;
        uint32_t generation = 0;  // tells a reused descriptor's events from its predecessor's
        bool alwaysReady = false; // epoll refuses regular files; poll calls them always ready
    };
    struct Timer
    {
        QObject *object = nullptr;
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        std::multimap<qint64, int>::iterator due;
        bool inTimerEvent = false; // not again while its own event runs (a nested loop)
    };

    void updateWatch(int fd);
    int activateSocket(int fd, uint32_t events);
    int activateTimers();
    int msecsToNextTimer() const; // -1: no timer
    void forgetTimer(std::unordered_map<int, Timer>::iterator timer);

    int m_epoll = -1;
    int m_wake = -1; // eventfd
    std::atomic<bool> m_wakePending{false};
    std::atomic<bool> m_interrupted{false};
    std::unordered_map<int, Watch> m_watches; // by file descriptor
    std::unordered_map<int, Timer> m_timers;  // by timer id
    std::multimap<qint64, int> m_due;         // due time (ms, monotonic) → timer id
    std::unordered_multimap<QObject *, int> m_timersOf;
    uint32_t m_generations = 0;
    std::set<int> m_alwaysReady; // descriptors epoll cannot watch (regular files)
};

} // namespace subscope::server
