#pragma once

#include <QElapsedTimer>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

class QSocketNotifier;
class QIODevice;

namespace subscope::server {

class HeadlessServer;

// --events FILE.jsonl / --events -: events to fire, one JSON object a line:
// {"at_ms": 1500, "group": "MyModelCreated", "value": ...} or, for a model,
// {"at_ms": 0, "model": "MyModel", "action": "update", "pk": 3, "fields": {...}}.
// at_ms counts from the start (a time already past fires at once). A file is read whole and
// replayed on schedule; standard input is read as lines arrive. A bad line is reported with its
// number and skipped; nothing else stops.
class EventReplay : public QObject
{
    Q_OBJECT
public:
    EventReplay(HeadlessServer &server, QObject *parent = nullptr);
    ~EventReplay() override;

    // A file is read before the server starts (so that an unreadable one stops it early) and
    // replayed from start().
    static std::optional<QByteArray> readFile(const QString &path, QString *error);
    void start(const QByteArray &fileContents);
    void startStdin();

    int fired() const { return m_fired; }
    int skipped() const { return m_skipped; }

signals:
    void inputFinished(); // the file was scheduled whole, or standard input ended

private:
    // Runs `begin` now, or with Redis once it is first connected (the clock starts then).
    void whenReady(std::function<void()> begin);
    void readStdin();
    void line(const QByteArray &text, int number);

    HeadlessServer &m_server;
    QElapsedTimer m_clock;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_pending;
    bool m_overlong = false; // the current stdin line passed the limit: dropped to its end
    int m_lineNumber = 0;
    int m_fired = 0;
    int m_skipped = 0;
};

} // namespace subscope::server
