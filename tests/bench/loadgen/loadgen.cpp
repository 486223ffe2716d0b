// subscope_loadgen: opens N WebSocket subscribers on a subscription server (either subprotocol),
// fires E events through POST /trigger and measures at the clients what arrived: frames per
// second, drops, duplicates, order, end-to-end latency, connect time, and the server's CPU and
// memory from /proc. One JSON line per run, with the generator's own CPU time, so that every
// figure shows whether the generator or the server was the limit.
//
// Event values are MyModelType objects of the demo schema, {"id": n, "name": "<send time,
// CLOCK_MONOTONIC ns>", "age": 0}, and the subscriptions select { id name }: Subscope passes the
// value through, a graphql-js server resolves the fields from it, and either way the frame a
// client gets carries the sequence number and the send time. Readiness is server-agnostic: once
// every socket is acknowledged and subscribed, probe events (id 0, name "probe k") are fired
// until every socket has seen one (graphql-ws sends no register ack).
#include "proc_usage.h"
#include "ws_codec.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

using namespace loadgen;

int64_t nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

struct Options
{
    std::string host = "127.0.0.1";
    int wsPort = 8765;
    int httpPort = 0; // 0: the WebSocket port
    std::string path = "/graphql/";
    std::string protocol = "graphql-transport-ws";
    int sockets = 100;
    long events = 1000;
    int inflight = 16;      // trigger requests in flight (full rate)
    double rate = 0;        // events per second; 0: full rate
    int batch = 1;          // events per POST /trigger
    bool eachGroup = false; // each socket in its own group, events round-robin
    pid_t serverPid = 0;
    std::string label;
    int quietMs = 3000; // no frame for this long ends the run
    int idleMs = 1000;  // with --events 0: how long the sockets sit before memory is read
    int maxConnecting = 256;
};

[[noreturn]] void usage(const char *problem)
{
    std::fprintf(stderr,
                 "subscope_loadgen: %s\n"
                 "usage: subscope_loadgen --port P [--http-port P] [--host H] [--path /graphql/]\n"
                 "  [--protocol graphql-transport-ws|graphql-ws] [--sockets N] [--events E]\n"
                 "  [--inflight K] [--rate R] [--batch B] [--each-group] [--server-pid PID]\n"
                 "  [--label TEXT] [--quiet-ms MS] [--idle-ms MS]\n",
                 problem);
    std::exit(2);
}

Options parseOptions(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(("missing value for " + arg).c_str());
            return argv[++i];
        };
        const auto number = [&]() {
            const std::string text = value();
            char *end = nullptr;
            const double n = std::strtod(text.c_str(), &end);
            if (text.empty() || *end) usage((arg + " needs a number").c_str());
            return n;
        };
        if (arg == "--host")
            o.host = value();
        else if (arg == "--port")
            o.wsPort = int(number());
        else if (arg == "--http-port")
            o.httpPort = int(number());
        else if (arg == "--path")
            o.path = value();
        else if (arg == "--protocol")
            o.protocol = value();
        else if (arg == "--sockets")
            o.sockets = int(number());
        else if (arg == "--events")
            o.events = long(number());
        else if (arg == "--inflight")
            o.inflight = int(number());
        else if (arg == "--rate")
            o.rate = number();
        else if (arg == "--batch")
            o.batch = int(number());
        else if (arg == "--each-group")
            o.eachGroup = true;
        else if (arg == "--server-pid")
            o.serverPid = pid_t(number());
        else if (arg == "--label")
            o.label = value();
        else if (arg == "--quiet-ms")
            o.quietMs = int(number());
        else if (arg == "--idle-ms")
            o.idleMs = int(number());
        else
            usage(("unknown option " + arg).c_str());
    }
    if (o.protocol != "graphql-transport-ws" && o.protocol != "graphql-ws")
        usage("--protocol is graphql-transport-ws or graphql-ws");
    if (o.sockets < 1 || o.inflight < 1 || o.batch < 1 || o.events < 0)
        usage("--sockets, --inflight and --batch must be at least 1, --events at least 0");
    if (o.httpPort == 0) o.httpPort = o.wsPort;
    return o;
}

void raiseFileLimit()
{
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
}

// A non-blocking TCP socket connecting to host:port from 127.0.0.<source> (loopback sources
// spread the four-tuples when there are more sockets than ephemeral ports).
int connectTo(const std::string &host, int port, int source)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (source > 0 && host.rfind("127.", 0) == 0) {
        setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        sockaddr_in from{};
        from.sin_family = AF_INET;
        from.sin_addr.s_addr = htonl((127u << 24) | uint32_t(source));
        bind(fd, reinterpret_cast<sockaddr *>(&from), sizeof from);
    }
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(uint16_t(port));
    inet_pton(AF_INET, host.c_str(), &to.sin_addr);
    if (connect(fd, reinterpret_cast<sockaddr *>(&to), sizeof to) < 0 && errno != EINPROGRESS) {
        close(fd);
        return -1;
    }
    return fd;
}

// The number after `key`, quoted or not ("id": 5 from Subscope, "id": "5" from graphql-js).
int64_t numberAfter(std::string_view text, std::string_view key)
{
    const size_t at = text.find(key);
    if (at == std::string_view::npos) return -1;
    int64_t value = -1;
    const char *begin = text.data() + at + key.size();
    if (begin < text.data() + text.size() && *begin == '"') ++begin;
    std::from_chars(begin, text.data() + text.size(), value);
    return value;
}

// Anything the loop watches: a subscriber or a trigger client.
struct Endpoint
{
    enum class Kind
    {
        Subscriber,
        Trigger
    };
    Kind kind;
    int fd = -1;
    std::string in;
    std::string out;
    bool wantWrite = false;
    explicit Endpoint(Kind k)
        : kind(k)
    {}
    virtual ~Endpoint()
    {
        if (fd >= 0) close(fd);
    }
};

struct Subscriber : Endpoint
{
    enum class State
    {
        Connecting,
        Upgrading,
        AwaitingAck,
        Subscribed,
        Closed
    };
    int index = 0;
    State state = State::Connecting;
    bool probed = false;
    int64_t lastSeq = 0;
    long received = 0;
    long duplicates = 0;
    long outOfOrder = 0;
    uint64_t orderHash = 0; // of the sequence numbers in the order they came
    std::vector<bool> seen; // by sequence number: a repeat of any earlier one is a duplicate
    std::string fragments;
    Subscriber()
        : Endpoint(Kind::Subscriber)
    {}
};

struct TriggerClient : Endpoint
{
    bool busy = false;
    int64_t sentAt = 0;
    std::string body; // of the request in flight: sent again when the connection is lost
    TriggerClient()
        : Endpoint(Kind::Trigger)
    {}
};

class Run
{
public:
    explicit Run(const Options &options)
        : o(options)
    {
        epoll = epoll_create1(EPOLL_CLOEXEC);
        latenciesUs.reserve(size_t(std::min<long>(o.events * o.sockets, 50'000'000)));
    }

    int exec();

private:
    void watch(Endpoint *e, bool write)
    {
        epoll_event ev{};
        ev.events = EPOLLIN | (write ? uint32_t(EPOLLOUT) : 0u);
        ev.data.ptr = e;
        epoll_ctl(epoll, EPOLL_CTL_ADD, e->fd, &ev);
        e->wantWrite = write;
    }
    void setWrite(Endpoint *e, bool write)
    {
        if (e->wantWrite == write) return;
        epoll_event ev{};
        ev.events = EPOLLIN | (write ? uint32_t(EPOLLOUT) : 0u);
        ev.data.ptr = e;
        epoll_ctl(epoll, EPOLL_CTL_MOD, e->fd, &ev);
        e->wantWrite = write;
    }
    void send(Endpoint *e, std::string_view bytes)
    {
        if (!e->out.empty()) {
            e->out.append(bytes);
            return;
        }
        const ssize_t n = ::send(e->fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        const size_t done = n > 0 ? size_t(n) : 0;
        if (done < bytes.size()) {
            e->out.append(bytes.substr(done));
            setWrite(e, true);
        }
    }
    void flush(Endpoint *e)
    {
        while (!e->out.empty()) {
            const ssize_t n = ::send(e->fd, e->out.data(), e->out.size(), MSG_NOSIGNAL);
            if (n <= 0) return;
            e->out.erase(0, size_t(n));
        }
        setWrite(e, false);
    }
    void sendText(Subscriber *s, std::string_view text)
    {
        std::string frame;
        appendFrame(frame, Opcode::Text, text, uint32_t(nowNs()) | 1);
        send(s, frame);
    }

    void startConnecting()
    {
        while (connecting < o.maxConnecting && nextToConnect < o.sockets) {
            auto s = std::make_unique<Subscriber>();
            s->index = nextToConnect++;
            s->fd = connectTo(o.host, o.wsPort, 2 + s->index / 20000);
            if (s->fd < 0) {
                std::fprintf(stderr, "subscope_loadgen: socket %d: %s\n", s->index,
                             std::strerror(errno));
                std::exit(1);
            }
            watch(s.get(), true);
            ++connecting;
            subscribers.push_back(std::move(s));
        }
    }
    void onSubscriberEvent(Subscriber *s, uint32_t events);
    void onSubscriberText(Subscriber *s, std::string_view text);
    void subscribe(Subscriber *s);

    void openTriggers();
    void onTriggerEvent(TriggerClient *t, uint32_t events);
    // Fires the next events (a batch) on `t`; false when none are left.
    // `stamp`: the send time the values carry (paced: when the event was due); 0: now.
    bool fireNext(TriggerClient *t, int64_t stamp = 0);
    void postBatch(TriggerClient *t, const std::string &body);
    void fireProbe();

    void loop(int timeoutMs);
    void report(double seconds, const ProcUsage &before, const ProcUsage &after, double selfCpu,
                double connectSeconds, double readySeconds);

    Options o;
    int epoll = -1;
    std::vector<std::unique_ptr<Subscriber>> subscribers;
    std::vector<std::unique_ptr<TriggerClient>> triggers;
    int nextToConnect = 0;
    int connecting = 0;
    int acked = 0;
    int probedCount = 0;
    int closed = 0;
    long errors = 0;
    long triggerErrors = 0;
    std::string firstError;
    long nextEvent = 1; // the next sequence number to fire
    long acceptedEvents = 0;
    bool measuring = false;
    int64_t lastFrameNs = 0;
    long totalReceived = 0;
    int probeNumber = 0;
    std::vector<uint32_t> latenciesUs;
};

void Run::subscribe(Subscriber *s)
{
    const std::string field = o.eachGroup
                                  ? "myModelUpdated(id: \\\"" + std::to_string(s->index) + "\\\")"
                                  : std::string("myModelCreated");
    const std::string type = o.protocol == "graphql-ws" ? "start" : "subscribe";
    sendText(s, "{\"id\":\"1\",\"type\":\"" + type + "\",\"payload\":{\"query\":\"subscription { " +
                    field + " { id name } }\"}}");
    s->state = Subscriber::State::Subscribed;
}

void Run::onSubscriberText(Subscriber *s, std::string_view text)
{
    if (s->state == Subscriber::State::AwaitingAck) {
        if (text.find("\"connection_ack\"") == std::string_view::npos) return;
        ++acked;
        subscribe(s);
        return;
    }
    if (text.find("\"type\":\"ping\"") != std::string_view::npos) {
        sendText(s, "{\"type\":\"pong\"}");
        return;
    }
    // The value's id, not the frame's operation id before it.
    const size_t data = text.find("\"data\":");
    if (data != std::string_view::npos) text.remove_prefix(data);
    const int64_t seq = data == std::string_view::npos ? -1 : numberAfter(text, "\"id\":");
    if (seq <= 0) {
        if (text.find("\"name\":\"probe") != std::string_view::npos) {
            if (!s->probed) ++probedCount;
            s->probed = true;
            return;
        }
        if (text.find("\"type\":\"error\"") != std::string_view::npos ||
            text.find("\"type\":\"connection_error\"") != std::string_view::npos ||
            text.find("\"errors\":[") != std::string_view::npos) {
            if (firstError.empty()) firstError = std::string(text.substr(0, 300));
            ++errors;
        }
        return; // register acks, keepalives
    }
    const int64_t now = nowNs();
    const int64_t sent = numberAfter(text, "\"name\":");
    if (sent > 0 && latenciesUs.size() < latenciesUs.capacity())
        latenciesUs.push_back(uint32_t(std::min<int64_t>((now - sent) / 1000, UINT32_MAX)));
    if (size_t(seq) >= s->seen.size()) s->seen.resize(size_t(std::max<long>(o.events, seq)) + 1);
    if (s->seen[size_t(seq)]) {
        ++s->duplicates;
        lastFrameNs = now;
        return;
    }
    s->seen[size_t(seq)] = true;
    if (seq < s->lastSeq) ++s->outOfOrder;
    s->lastSeq = std::max(s->lastSeq, seq);
    s->orderHash = (s->orderHash ^ uint64_t(seq)) * 1099511628211ull;
    ++s->received; // distinct events only
    ++totalReceived;
    lastFrameNs = now;
}

void Run::onSubscriberEvent(Subscriber *s, uint32_t events)
{
    if (s->state == Subscriber::State::Connecting && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
        int error = 0;
        socklen_t size = sizeof error;
        getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &error, &size);
        --connecting;
        if (error) {
            std::fprintf(stderr, "subscope_loadgen: connect: %s\n", std::strerror(error));
            s->state = Subscriber::State::Closed;
            ++closed;
            epoll_ctl(epoll, EPOLL_CTL_DEL, s->fd, nullptr);
            return;
        }
        setWrite(s, false);
        s->state = Subscriber::State::Upgrading;
        send(s, upgradeRequest(o.host + ":" + std::to_string(o.wsPort), o.path, o.protocol));
        startConnecting();
        return;
    }
    if (events & EPOLLOUT) flush(s);
    if (!(events & (EPOLLIN | EPOLLHUP | EPOLLERR))) return;
    char buffer[65536];
    for (;;) {
        const ssize_t n = recv(s->fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            s->in.append(buffer, size_t(n));
            if (size_t(n) < sizeof buffer) break;
            continue;
        }
        if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
            if (s->state != Subscriber::State::Closed) ++closed;
            s->state = Subscriber::State::Closed;
            epoll_ctl(epoll, EPOLL_CTL_DEL, s->fd, nullptr);
            return;
        }
        break;
    }
    size_t used = 0;
    if (s->state == Subscriber::State::Upgrading) {
        const size_t end = s->in.find("\r\n\r\n");
        if (end == std::string::npos) return;
        if (s->in.compare(0, 12, "HTTP/1.1 101") != 0) {
            if (firstError.empty()) firstError = s->in.substr(0, end);
            ++errors;
            s->state = Subscriber::State::Closed;
            ++closed;
            epoll_ctl(epoll, EPOLL_CTL_DEL, s->fd, nullptr);
            return;
        }
        used = end + 4;
        s->state = Subscriber::State::AwaitingAck;
        sendText(s, "{\"type\":\"connection_init\",\"payload\":{}}");
    }
    std::string_view rest(s->in);
    rest.remove_prefix(used);
    Frame frame;
    while (true) {
        const Parse parsed = parseFrame(rest, &frame);
        if (parsed == Parse::NeedMore) break;
        if (parsed == Parse::Malformed) {
            ++errors;
            break;
        }
        rest.remove_prefix(frame.size);
        used += frame.size;
        switch (frame.opcode) {
        case Opcode::Ping: {
            std::string pong;
            appendFrame(pong, Opcode::Pong, frame.payload, 0x5a5a5a5a);
            send(s, pong);
            break;
        }
        case Opcode::Close:
            if (s->state != Subscriber::State::Closed) ++closed;
            s->state = Subscriber::State::Closed;
            break;
        case Opcode::Text:
        case Opcode::Continuation:
            if (!frame.fin || !s->fragments.empty()) {
                s->fragments.append(frame.payload);
                if (!frame.fin) break;
                onSubscriberText(s, s->fragments);
                s->fragments.clear();
                break;
            }
            onSubscriberText(s, frame.payload);
            break;
        default:
            break;
        }
    }
    s->in.erase(0, used);
}

void Run::openTriggers()
{
    for (int i = 0; i < o.inflight; ++i) {
        auto t = std::make_unique<TriggerClient>();
        t->fd = connectTo(o.host, o.httpPort, 0);
        if (t->fd < 0) {
            std::fprintf(stderr, "subscope_loadgen: trigger socket: %s\n", std::strerror(errno));
            std::exit(1);
        }
        watch(t.get(), false);
        triggers.push_back(std::move(t));
    }
}

void Run::postBatch(TriggerClient *t, const std::string &body)
{
    std::string request =
        "POST /trigger HTTP/1.1\r\nHost: " + o.host +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\n\r\n";
    request += body;
    t->busy = true;
    t->sentAt = nowNs();
    t->body = body;
    send(t, request);
}

std::string groupOf(const Options &o, long seq)
{
    return o.eachGroup ? "MyModelUpdated." + std::to_string((seq - 1) % o.sockets)
                       : std::string("MyModelCreated");
}

bool Run::fireNext(TriggerClient *t, int64_t stamp)
{
    if (nextEvent > o.events) return false;
    const long count = std::min<long>(o.batch, o.events - nextEvent + 1);
    const int64_t sent = stamp ? stamp : nowNs();
    std::string body = o.batch > 1 ? "[" : "";
    for (long i = 0; i < count; ++i) {
        const long seq = nextEvent++;
        if (i) body += ',';
        body += "{\"group\":\"" + groupOf(o, seq) + "\",\"value\":{\"id\":" + std::to_string(seq) +
                ",\"name\":\"" + std::to_string(sent) + "\",\"age\":0}}";
    }
    if (o.batch > 1) body += ']';
    postBatch(t, body);
    acceptedEvents += count;
    return true;
}

void Run::fireProbe()
{
    TriggerClient *t = triggers.front().get();
    if (t->busy) return;
    ++probeNumber;
    std::string body = "[";
    const int groups = o.eachGroup ? o.sockets : 1;
    for (int g = 0; g < groups; ++g) {
        if (g) body += ',';
        body += "{\"group\":\"" + groupOf(o, g + 1) + "\",\"value\":{\"id\":0,\"name\":\"probe " +
                std::to_string(probeNumber) + "\",\"age\":0}}";
    }
    postBatch(t, body + "]");
}

void Run::onTriggerEvent(TriggerClient *t, uint32_t events)
{
    if (events & EPOLLOUT) flush(t);
    if (!(events & (EPOLLIN | EPOLLHUP | EPOLLERR))) return;
    char buffer[16384];
    const ssize_t n = recv(t->fd, buffer, sizeof buffer, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        // The server closed the keep-alive connection: open another.
        epoll_ctl(epoll, EPOLL_CTL_DEL, t->fd, nullptr);
        close(t->fd);
        t->fd = connectTo(o.host, o.httpPort, 0);
        t->in.clear();
        t->out.clear();
        const bool wasBusy = t->busy;
        t->busy = false;
        if (t->fd < 0) {
            std::fprintf(stderr, "subscope_loadgen: trigger reconnect: %s\n", std::strerror(errno));
            std::exit(1);
        }
        watch(t, false);
        // The request may not have been read: send it again on the new connection (an event
        // fired twice shows as duplicates).
        if (wasBusy) postBatch(t, std::string(t->body));
        return;
    }
    if (n > 0) t->in.append(buffer, size_t(n));
    const size_t end = t->in.find("\r\n\r\n");
    if (end == std::string::npos) return;
    size_t total = 0;
    const std::string_view head(t->in.data(), end);
    const bool chunked = head.find("chunked") != std::string_view::npos;
    if (chunked) { // Node answers in chunks unless told the length: read to the last chunk
        const size_t last = t->in.find("0\r\n\r\n", end + 4);
        if (last == std::string::npos) return;
        total = last + 5;
    } else {
        int64_t length = numberAfter(head, "Content-Length: ");
        if (length < 0) length = numberAfter(head, "content-length: ");
        total = end + 4 + size_t(std::max<int64_t>(0, length));
        if (t->in.size() < total) return;
    }
    const bool ok = t->in.compare(9, 1, "2") == 0;
    if (!ok) {
        ++triggerErrors;
        if (firstError.empty()) firstError = t->in.substr(0, total);
    }
    t->in.erase(0, total);
    t->busy = false;
    if (measuring && o.rate <= 0) fireNext(t);
}

void Run::loop(int timeoutMs)
{
    epoll_event events[512];
    const int n = epoll_wait(epoll, events, 512, timeoutMs);
    for (int i = 0; i < n; ++i) {
        auto *e = static_cast<Endpoint *>(events[i].data.ptr);
        if (e->kind == Endpoint::Kind::Subscriber)
            onSubscriberEvent(static_cast<Subscriber *>(e), events[i].events);
        else
            onTriggerEvent(static_cast<TriggerClient *>(e), events[i].events);
    }
}

double percentile(std::vector<uint32_t> &values, double p)
{
    if (values.empty()) return 0;
    const size_t at = std::min(values.size() - 1, size_t(p * double(values.size())));
    std::nth_element(values.begin(), values.begin() + long(at), values.end());
    return values[at] / 1000.0; // ms
}

void Run::report(double seconds, const ProcUsage &before, const ProcUsage &after, double selfCpu,
                 double connectSeconds, double readySeconds)
{
    long duplicates = 0, outOfOrder = 0, received = 0, orderMismatches = 0;
    for (const auto &s : subscribers) {
        duplicates += s->duplicates;
        outOfOrder += s->outOfOrder;
        received += s->received;
        // One group: every member must see the events in the same order.
        if (!o.eachGroup && s->orderHash != subscribers.front()->orderHash) ++orderMismatches;
    }
    // With several requests in flight the server's order of events is its own: a sequence
    // number coming after a higher one is out of order only with one request at a time.
    if (o.inflight > 1) outOfOrder = -1;
    const long expected = o.eachGroup ? acceptedEvents : acceptedEvents * long(o.sockets);
    const long drops = std::max<long>(0, expected - received);
    const double p50 = percentile(latenciesUs, 0.50);
    const double p90 = percentile(latenciesUs, 0.90);
    const double p99 = percentile(latenciesUs, 0.99);
    const double max =
        latenciesUs.empty() ? 0 : *std::max_element(latenciesUs.begin(), latenciesUs.end()) / 1e3;
    std::printf("{\"label\":\"%s\",\"protocol\":\"%s\",\"sockets\":%d,\"events\":%ld,"
                "\"each_group\":%s,\"rate\":%g,\"batch\":%d,\"inflight\":%d,"
                "\"connect_s\":%.3f,\"ready_s\":%.3f,\"setup_per_s\":%.0f,"
                "\"seconds\":%.3f,\"frames\":%ld,\"expected\":%ld,\"frames_per_s\":%.0f,"
                "\"drops\":%ld,\"duplicates\":%ld,\"out_of_order\":%ld,\"order_mismatches\":%ld,"
                "\"closed\":%d,"
                "\"errors\":%ld,\"trigger_errors\":%ld,"
                "\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,"
                "\"server_cpu_s\":%.3f,\"server_rss_kib\":%ld,\"server_peak_rss_kib\":%ld,"
                "\"server_rss_before_kib\":%ld,\"loadgen_cpu_s\":%.3f}\n",
                o.label.c_str(), o.protocol.c_str(), o.sockets, acceptedEvents,
                o.eachGroup ? "true" : "false", o.rate, o.batch, o.inflight, connectSeconds,
                readySeconds, readySeconds > 0 ? o.sockets / readySeconds : 0.0, seconds, received,
                expected, seconds > 0 ? double(received) / seconds : 0.0, drops, duplicates,
                outOfOrder, orderMismatches, closed, errors, triggerErrors, p50, p90, p99, max,
                after.ok ? after.cpuSeconds - before.cpuSeconds : -1.0, after.rssKiB,
                after.peakRssKiB, before.rssKiB, selfCpu);
    if (!firstError.empty())
        std::fprintf(stderr, "subscope_loadgen: first error: %s\n", firstError.c_str());
}

int Run::exec()
{
    raiseFileLimit();
    const ProcUsage atStart = o.serverPid ? procUsage(o.serverPid) : ProcUsage{};
    const int64_t start = nowNs();
    startConnecting();
    openTriggers();
    const auto elapsed = [&](int64_t since) { return double(nowNs() - since) / 1e9; };
    // Connect, upgrade, init, subscribe.
    while (acked + closed < o.sockets) {
        loop(1000);
        if (elapsed(start) > 120) {
            std::fprintf(stderr, "subscope_loadgen: %d of %d sockets acknowledged after 120 s\n",
                         acked, o.sockets);
            return 1;
        }
    }
    const double connectSeconds = elapsed(start);
    if (closed) {
        std::fprintf(stderr, "subscope_loadgen: %d sockets closed while connecting%s%s\n", closed,
                     firstError.empty() ? "" : ": ", firstError.c_str());
        return 1;
    }
    // Probe until every socket is in its group.
    int64_t lastProbe = 0;
    while (probedCount < o.sockets) {
        if (nowNs() - lastProbe > 200'000'000) {
            fireProbe();
            lastProbe = nowNs();
        }
        loop(20);
        if (elapsed(start) > 180 || closed) {
            std::fprintf(stderr, "subscope_loadgen: %d of %d sockets saw a probe (%d closed)%s%s\n",
                         probedCount, o.sockets, closed, firstError.empty() ? "" : ": ",
                         firstError.c_str());
            return 1;
        }
    }
    const double readySeconds = elapsed(start);
    while (std::any_of(triggers.begin(), triggers.end(), [](auto &t) { return t->busy; }))
        loop(20);

    if (o.events == 0) { // idle: the memory of subscribed sockets
        const int64_t until = nowNs() + int64_t(o.idleMs) * 1'000'000;
        while (nowNs() < until)
            loop(int(std::max<int64_t>(1, (until - nowNs()) / 1'000'000)));
        const ProcUsage idle = o.serverPid ? procUsage(o.serverPid) : ProcUsage{};
        report(0, atStart, idle, selfCpuSeconds(), connectSeconds, readySeconds);
        return 0;
    }

    const ProcUsage before = o.serverPid ? procUsage(o.serverPid) : ProcUsage{};
    const double selfBefore = selfCpuSeconds();
    measuring = true;
    const int64_t t0 = nowNs();
    lastFrameNs = t0;
    if (o.rate <= 0) {
        for (auto &t : triggers)
            if (!fireNext(t.get())) break;
    }
    const long expected = o.eachGroup ? o.events : o.events * long(o.sockets);
    // However the server behaves, the run ends: the schedule plus two minutes.
    const int64_t deadline =
        t0 + int64_t((o.rate > 0 ? double(o.events) / o.rate : 0) * 1e9) + 120'000'000'000;
    bool late = false;
    while (totalReceived < expected) {
        if (o.rate > 0 && nextEvent <= o.events) {
            // Paced: fire what is due on a free client. The value carries the time the event was
            // due, so a late client or generator shows in the latency.
            const int64_t due = t0 + int64_t(double(nextEvent - 1) * 1e9 / o.rate);
            bool fired = false;
            if (nowNs() >= due) {
                for (auto &t : triggers)
                    if (!t->busy) {
                        fired = fireNext(t.get(), due);
                        break;
                    }
            }
            // Not a busy wait: sleep until the next event is due (rounded up), or for an answer.
            const int64_t wait =
                fired ? 0 : std::max<int64_t>(1, (due - nowNs() + 999'999) / 1'000'000);
            loop(int(std::min<int64_t>(wait, 5)));
        } else {
            loop(100);
        }
        if (nowNs() > deadline) {
            late = true;
            break;
        }
        const bool allFired = nextEvent > o.events && std::none_of(triggers.begin(), triggers.end(),
                                                                   [](auto &t) { return t->busy; });
        if (allFired && nowNs() - lastFrameNs > int64_t(o.quietMs) * 1'000'000) break;
        if (closed == o.sockets) break;
    }
    const double seconds = double(lastFrameNs - t0) / 1e9;
    const ProcUsage after = o.serverPid ? procUsage(o.serverPid) : ProcUsage{};
    report(seconds, before, after, selfCpuSeconds() - selfBefore, connectSeconds, readySeconds);
    if (late) std::fprintf(stderr, "subscope_loadgen: the run passed its deadline\n");
    return late ? 1 : 0;
}

} // namespace

int main(int argc, char **argv)
{
    return Run(parseOptions(argc, argv)).exec();
}
