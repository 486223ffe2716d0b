// The headless server's event loop: timers, socket notifiers, posted events and wake-ups behave
// as under Qt's own dispatchers, with the dispatcher installed before the application exists.
#include "server/epoll_event_dispatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QSocketNotifier>
#include <QTemporaryFile>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using subscope::server::EpollEventDispatcher;

class TestEpollEventDispatcher : public QObject
{
    Q_OBJECT
private slots:
    void isTheApplicationsDispatcher()
    {
        QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
    }

    void timersFireInOrderOfTheirDueTime()
    {
        QStringList fired;
        QTimer late, early, zero;
        for (auto [timer, name, ms] :
             {std::tuple{&late, "late", 60}, std::tuple{&early, "early", 20},
              std::tuple{&zero, "zero", 0}}) {
            timer->setSingleShot(true);
            connect(timer, &QTimer::timeout, this,
                    [&fired, name = QString::fromLatin1(name)] { fired << name; });
            timer->start(ms);
        }
        QElapsedTimer clock;
        clock.start();
        QTRY_COMPARE(fired.size(), 3);
        QCOMPARE(fired, (QStringList{"zero", "early", "late"}));
        QVERIFY2(clock.elapsed() >= 59, qPrintable(QString::number(clock.elapsed())));
    }

    void repeatingTimerRepeatsUntilStoppedInsideItsTimeout()
    {
        QTimer timer;
        int ticks = 0;
        connect(&timer, &QTimer::timeout, this, [&] {
            if (++ticks == 5) timer.stop();
        });
        timer.start(5);
        QTRY_COMPARE(ticks, 5);
        QTest::qWait(50);
        QCOMPARE(ticks, 5);
        QVERIFY(!timer.isActive());
    }

    void remainingTimeAndRegisteredTimers()
    {
        QTimer timer;
        timer.start(1000);
        QVERIFY(timer.remainingTime() > 900 && timer.remainingTime() <= 1000);
        const auto timers = QAbstractEventDispatcher::instance()->registeredTimers(&timer);
        QCOMPARE(timers.size(), 1);
        QCOMPARE(timers.first().interval, 1000);
        timer.stop();
        QCOMPARE(timer.remainingTime(), -1);
        QVERIFY(QAbstractEventDispatcher::instance()->registeredTimers(&timer).isEmpty());
    }

    void aTimerDeletedByAnotherDueAtTheSameTimeDoesNotFire()
    {
        auto *victim = new QTimer;
        QTimer killer;
        bool victimFired = false;
        connect(victim, &QTimer::timeout, this, [&] { victimFired = true; });
        connect(&killer, &QTimer::timeout, this, [&] { delete victim; });
        killer.setSingleShot(true);
        victim->setSingleShot(true);
        killer.start(10);
        victim->start(10);
        QTest::qWait(60);
        QVERIFY(!victimFired);
    }

    // A nested loop inside a timeout does not run that timer again; other timers still run.
    void nestedLoopInsideATimeout()
    {
        QTimer outer, inner;
        int outerTicks = 0, innerTicks = 0;
        connect(&inner, &QTimer::timeout, this, [&] { ++innerTicks; });
        connect(&outer, &QTimer::timeout, this, [&] {
            if (++outerTicks > 1) return;
            QEventLoop nested;
            QTimer::singleShot(60, &nested, &QEventLoop::quit);
            nested.exec();
        });
        outer.start(5);
        inner.start(5);
        QTRY_VERIFY(outerTicks >= 2);
        QCOMPARE(outerTicks >= 2, true);
        QVERIFY(innerTicks >= 5);
    }

    // The waiting timer's handler runs a nested loop: the loop sleeps, it does not spin on it.
    void aNestedLoopInsideATimeoutSleeps()
    {
        QTimer timer;
        int turns = 0;
        auto *dispatcher = QAbstractEventDispatcher::instance();
        const auto counting =
            connect(dispatcher, &QAbstractEventDispatcher::awake, this, [&] { ++turns; });
        bool done = false;
        connect(&timer, &QTimer::timeout, this, [&] {
            if (done) return;
            QEventLoop nested;
            QTimer::singleShot(200, &nested, &QEventLoop::quit);
            nested.exec();
            done = true;
        });
        timer.start(5);
        QTRY_VERIFY(done);
        disconnect(counting);
        QVERIFY2(turns < 200, qPrintable(QString::number(turns)));
    }

    void anExceptionNotifierSeesAHangUp()
    {
        int fds[2];
        QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds), 0);
        QSocketNotifier exception(fds[0], QSocketNotifier::Exception);
        int activations = 0;
        connect(&exception, &QSocketNotifier::activated, this, [&] {
            ++activations;
            exception.setEnabled(false);
        });
        close(fds[1]);
        QTRY_COMPARE(activations, 1);
        close(fds[0]);
    }

    void socketNotifierFiresWhileDataWaitsAndStopsWhenDisabled()
    {
        int fds[2];
        QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds), 0);
        QSocketNotifier readable(fds[0], QSocketNotifier::Read);
        int activations = 0;
        connect(&readable, &QSocketNotifier::activated, this, [&] {
            ++activations;
            char buffer[16];
            if (activations >= 2) read(fds[0], buffer, sizeof buffer); // not the first time
        });
        QTest::qWait(20);
        QCOMPARE(activations, 0);
        QCOMPARE(write(fds[1], "abc", 3), ssize_t(3));
        // Level-triggered: unread data activates again; once read, no more.
        QTRY_COMPARE(activations, 2);
        QTest::qWait(20);
        QCOMPARE(activations, 2);
        readable.setEnabled(false);
        QCOMPARE(write(fds[1], "d", 1), ssize_t(1));
        QTest::qWait(20);
        QCOMPARE(activations, 2);
        readable.setEnabled(true);
        QTRY_COMPARE(activations, 3);
        QTest::qWait(20);
        QCOMPARE(activations, 3);
        QSocketNotifier writable(fds[1], QSocketNotifier::Write);
        bool canWrite = false;
        connect(&writable, &QSocketNotifier::activated, this, [&] {
            canWrite = true;
            writable.setEnabled(false);
        });
        QTRY_VERIFY(canWrite);
        readable.setEnabled(false);
        close(fds[0]);
        close(fds[1]);
    }

    void aNotifierDeletedByAnotherOnTheSameDescriptorIsNotActivated()
    {
        int fds[2];
        QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds), 0);
        QCOMPARE(write(fds[1], "x", 1), ssize_t(1));
        auto *writable = new QSocketNotifier(fds[0], QSocketNotifier::Write);
        QSocketNotifier readable(fds[0], QSocketNotifier::Read);
        bool writeFired = false;
        connect(writable, &QSocketNotifier::activated, this, [&] { writeFired = true; });
        bool readFired = false;
        connect(&readable, &QSocketNotifier::activated, this, [&] {
            readFired = true;
            delete writable; // both are ready in this turn: the write notifier must not run
            writable = nullptr;
            readable.setEnabled(false);
        });
        QTRY_VERIFY(readFired);
        QTest::qWait(20);
        QVERIFY(!writeFired);
        close(fds[0]);
        close(fds[1]);
    }

    // epoll refuses regular files (stdin redirected from one, as `--events - < file`): such a
    // descriptor is always ready, as poll() reports it.
    void aRegularFileIsAlwaysReadable()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("line\n");
        file.flush();
        const int fd = ::open(qPrintable(file.fileName()), O_RDONLY);
        QVERIFY(fd >= 0);
        QSocketNotifier readable(fd, QSocketNotifier::Read);
        int activations = 0;
        connect(&readable, &QSocketNotifier::activated, this, [&] {
            if (++activations == 3) readable.setEnabled(false);
        });
        QTRY_COMPARE(activations, 3);
        QTest::qWait(20);
        QCOMPARE(activations, 3);
        ::close(fd);
    }

    void postedEventsAndDeferredDeletes()
    {
        bool invoked = false;
        QMetaObject::invokeMethod(
            this, [&] { invoked = true; }, Qt::QueuedConnection);
        QPointer<QObject> doomed = new QObject;
        doomed->deleteLater();
        QTRY_VERIFY(invoked);
        QTRY_VERIFY(doomed.isNull());
    }

    // A loop blocked in epoll wakes for an event posted from another thread, at once.
    void anotherThreadWakesTheLoop()
    {
        QEventLoop loop;
        QElapsedTimer clock;
        bool delivered = false;
        QThread *thread = QThread::create([&] {
            QThread::msleep(50);
            QMetaObject::invokeMethod(
                &loop,
                [&] {
                    delivered = true;
                    loop.quit();
                },
                Qt::QueuedConnection);
        });
        QTimer::singleShot(5000, &loop, &QEventLoop::quit); // the failure case, not the wait
        clock.start();
        thread->start();
        loop.exec();
        thread->wait();
        delete thread;
        QVERIFY(delivered);
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        // Many wake-ups in a row, none lost.
        int count = 0;
        QThread *burst = QThread::create([&] {
            for (int i = 0; i < 1000; ++i)
                QMetaObject::invokeMethod(
                    this, [&] { ++count; }, Qt::QueuedConnection);
        });
        burst->start();
        burst->wait();
        delete burst;
        QTRY_COMPARE(count, 1000);
    }

    void exitFromATimerEndsTheLoop()
    {
        QEventLoop loop;
        QTimer::singleShot(10, &loop, [&] { loop.exit(7); });
        QCOMPARE(loop.exec(), 7);
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollEventDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epoll_event_dispatcher.moc"
