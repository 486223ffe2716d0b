// The traffic inspector with 200,000 frames: how long until they are all in the view, how much
// memory they take, and how late the event loop gets meanwhile (what a user feels as a frozen
// window), against the straightforward way to build such a table (a QStandardItemModel with
// one appendRow of nine items per frame, read eagerly) on the same frames in the same run.
//
//   bench_inspector [--frames N] [--batch B] [--peer-frames N] [--no-peer]
//
// Frames arrive the way sockets deliver them: B per event-loop turn (a busy server), with a
// 5 ms timer measuring how late the loop runs it. Offscreen (QT_QPA_PLATFORM=offscreen is set
// when no platform is given).
#include "inspector/traffic_inspector.h"
#include "inspector/traffic_model.h"
#include "protocol/frame_dissection.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace subscope;
using namespace subscope::ui;

namespace {

qint64 rssBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    return 0;
}

// Frames as a busy session has them: subscribe, register ack, events, complete, ~150-250 bytes.
QByteArray frameNumber(int n)
{
    const QByteArray id = QByteArray::number(n / 8 + 1);
    switch (n % 8) {
    case 0:
        return R"({"id":")" + id +
               R"(","type":"subscribe","payload":{"query":"subscription OnUpdate($id: String) { myModelUpdated(id: $id, subscribe: true) { id name age } }","variables":{"id":")" +
               id + R"("}}})";
    case 1:
        return R"({"id":")" + id +
               R"(","type":"next","payload":{"data":null,"errors":null,"extensions":{"cyparta":{"registeredGroups":["MyModelUpdated.)" +
               id + R"("],"subscribe":true,"subscripe":true,"action":"register"}}}})";
    case 7:
        return R"({"id":")" + id + R"(","type":"complete"})";
    default:
        return R"({"id":")" + id + R"(","type":"next","payload":{"data":{"myModelUpdated":{"pk":)" +
               id + R"(,"fields":{"name":"model number )" + QByteArray::number(n) + R"(","age":)" +
               QByteArray::number(n % 90) + R"(,"id":)" + id + R"(},"group":"MyModelUpdated.)" +
               id + R"("}},"errors":null}})";
    }
}

struct Figures
{
    double insertSeconds = 0;
    double maxLagMs = 0;
    double p99LagMs = 0;
    double memoryMiB = 0;
    double filterMs = 0;
    double selectMs = 0; // select a row in the middle, show it, and paint
    double scrollMs = 0; // jump to the top and paint
};

// Runs `action`, then lets the view paint; the time both took.
double timed(const std::function<void()> &action)
{
    QElapsedTimer clock;
    clock.start();
    action();
    QCoreApplication::processEvents();
    return clock.nsecsElapsed() / 1e6;
}

void settle()
{
    for (int i = 0; i < 10; ++i) {
        QCoreApplication::processEvents();
        QThread::msleep(10);
    }
}

// Feeds `frames` frames, `batch` per event-loop turn, through `append`, until `shown()` says the
// view has them all; the loop's lateness is sampled every 5 ms meanwhile.
Figures feed(int frames, int batch, const std::function<void(int)> &append,
             const std::function<bool()> &shown)
{
    Figures f;
    std::vector<double> lags;
    QElapsedTimer probeClock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        lags.push_back(std::max(0.0, probeClock.nsecsElapsed() / 1e6 - 5.0));
        probeClock.restart();
    });
    int next = 0;
    QTimer source;
    source.setInterval(0);
    QObject::connect(&source, &QTimer::timeout, [&] {
        const int end = std::min(frames, next + batch);
        for (; next < end; ++next)
            append(next);
        if (next == frames) source.stop();
    });
    const qint64 before = rssBytes();
    QElapsedTimer clock;
    clock.start();
    probeClock.start();
    probe.start();
    source.start();
    while (next < frames || !shown())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    QCoreApplication::processEvents(); // the last paint
    f.insertSeconds = clock.nsecsElapsed() / 1e9;
    probe.stop();
    f.memoryMiB = double(rssBytes() - before) / (1024.0 * 1024.0);
    std::sort(lags.begin(), lags.end());
    if (!lags.empty()) {
        f.maxLagMs = lags.back();
        f.p99LagMs = lags[std::min(lags.size() - 1, size_t(double(lags.size()) * 0.99))];
    }
    return f;
}

Figures runInspector(int frames, int batch)
{
    TrafficModel model;
    TrafficInspector inspector(model);
    inspector.resize(1400, 800);
    inspector.show();
    settle();
    const uint32_t server =
        model.addConnection(QStringLiteral("server · socket 1 · 127.0.0.1:40000"),
                            QStringLiteral("graphql-transport-ws"));
    Figures f = feed(
        frames, batch,
        [&](int n) {
            model.append(server,
                         n % 8 == 0 || n % 8 == 7 ? FrameDirection::ClientToServer
                                                  : FrameDirection::ServerToClient,
                         FrameKind::Text, frameNumber(n));
        },
        [&] { return model.rowCount() == frames; });
    QTreeView *view = inspector.view();
    f.selectMs = timed([&] { view->setCurrentIndex(model.index(frames / 2, 0)); });
    f.scrollMs = timed([&] { view->scrollToTop(); });
    TrafficFilter filter;
    filter.text = QStringLiteral("MyModelUpdated.777\"");
    f.filterMs = timed([&] { model.setFilter(filter); });
    if (model.rowCount() != 6) // the register ack and five events of operation 777
        std::fprintf(stderr, "the filter found %d rows, not 6\n", model.rowCount());
    std::fprintf(stderr, "inspector: model holds %.1f MiB\n",
                 double(model.memoryBytes()) / (1024.0 * 1024.0));
    return f;
}

Figures runPeer(int frames, int batch)
{
    QStandardItemModel model(0, TrafficModel::ColumnCount);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterKeyColumn(TrafficModel::SummaryColumn);
    QTableView view;
    view.setModel(&proxy);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.resize(1400, 800);
    view.show();
    settle();
    QElapsedTimer epoch;
    epoch.start();
    Figures f = feed(
        frames, batch,
        [&](int n) {
            const QByteArray frame = frameNumber(n);
            const protocol::FrameDissection d =
                protocol::dissectFrame(std::string_view(frame.constData(), size_t(frame.size())));
            QList<QStandardItem *> row;
            row << new QStandardItem(QString::number(n + 1))
                << new QStandardItem(QString::number(epoch.elapsed()))
                << new QStandardItem(QStringLiteral("server · socket 1 · 127.0.0.1:40000"))
                << new QStandardItem(n % 8 == 0 || n % 8 == 7 ? QStringLiteral("C → S")
                                                              : QStringLiteral("S → C"))
                << new QStandardItem(QStringLiteral("graphql-transport-ws"))
                << new QStandardItem(QString::fromStdString(d.type))
                << new QStandardItem(QString::fromStdString(d.id))
                << new QStandardItem(QString::number(frame.size()))
                << new QStandardItem(QString::fromStdString(d.summary));
            row.first()->setData(frame, Qt::UserRole + 1);
            model.appendRow(row);
            if (n % batch == batch - 1 || n == frames - 1) view.scrollToBottom();
        },
        [&] { return model.rowCount() == frames; });
    f.selectMs = timed([&] { view.setCurrentIndex(proxy.index(frames / 2, 0)); });
    f.scrollMs = timed([&] { view.scrollToTop(); });
    f.filterMs = timed([&] { proxy.setFilterFixedString(QStringLiteral("MyModelUpdated.777")); });
    return f;
}

void print(const char *name, int frames, const Figures &f)
{
    std::printf(
        "{\"bench\":\"inspector\",\"model\":\"%s\",\"frames\":%d,\"insert_s\":%.3f,"
        "\"frames_per_s\":%.0f,\"loop_lag_max_ms\":%.1f,\"loop_lag_p99_ms\":%.1f,"
        "\"rss_growth_mib\":%.1f,\"filter_ms\":%.1f,\"select_ms\":%.1f,\"scroll_ms\":%.1f}\n",
        name, frames, f.insertSeconds, frames / f.insertSeconds, f.maxLagMs, f.p99LagMs,
        f.memoryMiB, f.filterMs, f.selectMs, f.scrollMs);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The traffic inspector with many frames."));
    parser.addHelpOption();
    const QCommandLineOption framesOption(QStringLiteral("frames"),
                                          QStringLiteral("Frames (200000)."), QStringLiteral("n"),
                                          QStringLiteral("200000"));
    const QCommandLineOption batchOption(QStringLiteral("batch"),
                                         QStringLiteral("Frames per event-loop turn (500)."),
                                         QStringLiteral("n"), QStringLiteral("500"));
    const QCommandLineOption peerFramesOption(
        QStringLiteral("peer-frames"), QStringLiteral("Frames for the reference (as --frames)."),
        QStringLiteral("n"));
    const QCommandLineOption noPeer(QStringLiteral("no-peer"), QStringLiteral("Inspector only."));
    parser.addOptions({framesOption, batchOption, peerFramesOption, noPeer});
    parser.process(app);
    const int frames = parser.value(framesOption).toInt();
    const int batch = std::max(1, parser.value(batchOption).toInt());
    const int peerFrames =
        parser.isSet(peerFramesOption) ? parser.value(peerFramesOption).toInt() : frames;

    const Figures ours = runInspector(frames, batch);
    print("subscope-inspector", frames, ours);
    if (parser.isSet(noPeer)) return 0;
    const Figures peer = runPeer(peerFrames, batch);
    print("qstandarditemmodel", peerFrames, peer);
    std::printf("\n%-34s %14s %18s\n", "", "inspector", "QStandardItemModel");
    std::printf("%-34s %14d %18d\n", "frames", frames, peerFrames);
    std::printf("%-34s %13.2fs %17.2fs\n", "all frames in the view", ours.insertSeconds,
                peer.insertSeconds);
    std::printf("%-34s %14.0f %18.0f\n", "frames per second", frames / ours.insertSeconds,
                peerFrames / peer.insertSeconds);
    std::printf("%-34s %12.1fms %16.1fms\n", "event loop late, p99", ours.p99LagMs, peer.p99LagMs);
    std::printf("%-34s %12.1fms %16.1fms\n", "event loop late, worst", ours.maxLagMs,
                peer.maxLagMs);
    std::printf("%-34s %11.1fMiB %15.1fMiB\n", "memory (RSS growth)", ours.memoryMiB,
                peer.memoryMiB);
    std::printf("%-34s %12.1fms %16.1fms\n", "select a row, show it", ours.selectMs, peer.selectMs);
    std::printf("%-34s %12.1fms %16.1fms\n", "jump to the top", ours.scrollMs, peer.scrollMs);
    std::printf("%-34s %12.1fms %16.1fms\n", "text filter over all frames", ours.filterMs,
                peer.filterMs);
    return 0;
}
