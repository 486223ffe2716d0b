// subscope_trivial_sender: the ceiling of the fan-out benchmark. A WebSocket server with no
// GraphQL and no queues: it answers the upgrade without checking it, acknowledges
// connection_init, puts a subscription into the group its field names (myModelCreated →
// MyModelCreated, myModelUpdated(id: "N") → MyModelUpdated.N), and for every event of a
// POST /trigger (one {group, value} or an array) builds one frame and write()s it to each member:
// one syscall per frame. Only what a socket does not take at once is buffered for it.
//
//   subscope_trivial_sender --port 0      prints "listening <port>" once ready.
//   --send-threads N   the experiment of sharding: an event's sends are split over N threads
//                      (the main one and N-1 workers) when the group has 64 members or more.

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <string_view>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace {

struct Connection
{
    int fd = -1;
    bool websocket = false;
    std::string in;
    std::string out; // what the socket did not take yet
    std::string group;
    std::string framePrefix; // {"id":"1","type":"next","payload":{"data":{"myModelCreated":
};

int epollFd = -1;
std::unordered_map<int, std::unique_ptr<Connection>> connections;
std::unordered_map<std::string, std::vector<Connection *>> groups;

void watch(Connection *c, bool writable)
{
    epoll_event e{};
    e.events = EPOLLIN | (writable ? EPOLLOUT : 0u);
    e.data.ptr = c;
    epoll_ctl(epollFd, EPOLL_CTL_MOD, c->fd, &e);
}

void leaveGroup(Connection *c)
{
    if (c->group.empty()) return;
    auto it = groups.find(c->group);
    if (it != groups.end()) {
        auto &members = it->second;
        members.erase(std::remove(members.begin(), members.end(), c), members.end());
        if (members.empty()) groups.erase(it);
    }
    c->group.clear();
}

void closeConnection(Connection *c)
{
    leaveGroup(c);
    epoll_ctl(epollFd, EPOLL_CTL_DEL, c->fd, nullptr);
    close(c->fd);
    connections.erase(c->fd);
}

// One write() per call; what is left waits for EPOLLOUT.
void writeOut(Connection *c, std::string_view data)
{
    if (!c->out.empty()) {
        c->out.append(data);
        return;
    }
    const ssize_t n = ::send(c->fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n == ssize_t(data.size())) return;
    if (n < 0 && errno != EAGAIN && errno != EINTR) return; // the reader sees the close
    c->out.assign(data.substr(size_t(std::max<ssize_t>(n, 0))));
    watch(c, true);
}

void flush(Connection *c)
{
    const ssize_t n = ::send(c->fd, c->out.data(), c->out.size(), MSG_NOSIGNAL);
    if (n > 0) c->out.erase(0, size_t(n));
    if (c->out.empty()) watch(c, false);
}

// --send-threads: workers that each send one slice of a group's members and report what the
// kernel did not take; the main thread sends its own slice, waits, and buffers the rest.
struct SendPool
{
    struct Slice
    {
        const std::vector<Connection *> *members = nullptr;
        size_t begin = 0, end = 0;
        std::vector<std::pair<Connection *, size_t>> unsent; // member, bytes sent
    };
    std::vector<std::thread> threads;
    std::vector<Slice> slices; // one per worker
    std::string_view frame;
    std::mutex mutex;
    std::condition_variable start, done;
    uint64_t round = 0;
    size_t pending = 0;

    static void sendSlice(Slice &slice, std::string_view frame)
    {
        slice.unsent.clear();
        for (size_t i = slice.begin; i < slice.end; ++i) {
            Connection *c = (*slice.members)[i];
            if (!c->out.empty()) { // the main thread appends after the others
                slice.unsent.emplace_back(c, 0);
                continue;
            }
            const ssize_t n =
                ::send(c->fd, frame.data(), frame.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n != ssize_t(frame.size()))
                slice.unsent.emplace_back(c, size_t(std::max<ssize_t>(n, 0)));
        }
    }

    void run(size_t worker)
    {
        uint64_t seen = 0;
        while (true) {
            std::unique_lock lock(mutex);
            start.wait(lock, [&] { return round != seen; });
            seen = round;
            lock.unlock();
            sendSlice(slices[worker], frame);
            lock.lock();
            if (--pending == 0) done.notify_one();
        }
    }

    void startWorkers(int count)
    {
        slices.resize(size_t(count));
        for (int i = 0; i < count; ++i)
            threads.emplace_back([this, i] { run(size_t(i)); });
        for (std::thread &t : threads)
            t.detach();
    }

    void fanOut(const std::vector<Connection *> &members, std::string_view data)
    {
        const size_t parts = slices.size() + 1;
        const size_t per = (members.size() + parts - 1) / parts;
        {
            std::lock_guard lock(mutex);
            frame = data;
            for (size_t w = 0; w < slices.size(); ++w) {
                slices[w].members = &members;
                slices[w].begin = std::min(members.size(), per * (w + 1));
                slices[w].end = std::min(members.size(), per * (w + 2));
            }
            pending = slices.size();
            ++round;
        }
        start.notify_all();
        Slice own{&members, 0, std::min(members.size(), per), {}};
        sendSlice(own, data);
        std::unique_lock lock(mutex);
        done.wait(lock, [&] { return pending == 0; });
        lock.unlock();
        auto keep = [&](const Slice &slice) {
            for (auto [c, sent] : slice.unsent) {
                if (!c->out.empty() || sent == 0) {
                    writeOut(c, data.substr(sent));
                } else {
                    c->out.assign(data.substr(sent));
                    watch(c, true);
                }
            }
        };
        keep(own);
        for (const Slice &slice : slices)
            keep(slice);
    }
};

SendPool *sendPool = nullptr;

std::string textFrame(std::string_view payload)
{
    std::string frame;
    frame.reserve(payload.size() + 10);
    frame += char(0x81);
    if (payload.size() < 126) {
        frame += char(payload.size());
    } else if (payload.size() < 65536) {
        frame += char(126);
        frame += char(payload.size() >> 8);
        frame += char(payload.size() & 0xff);
    } else {
        frame += char(127);
        for (int shift = 56; shift >= 0; shift -= 8)
            frame += char((uint64_t(payload.size()) >> shift) & 0xff);
    }
    frame += payload;
    return frame;
}

// The quoted string after "key": in `text`, escapes left as they are.
std::string stringAfter(std::string_view text, std::string_view key)
{
    size_t at = text.find(key);
    if (at == std::string_view::npos) return {};
    at = text.find('"', at + key.size());
    if (at == std::string_view::npos) return {};
    for (size_t end = at + 1; end < text.size(); ++end) {
        if (text[end] == '\\')
            ++end;
        else if (text[end] == '"')
            return std::string(text.substr(at + 1, end - at - 1));
    }
    return {};
}

// End of the JSON value starting at `at` (objects, arrays, strings, literals).
size_t valueEnd(std::string_view text, size_t at)
{
    int depth = 0;
    bool inString = false;
    for (size_t i = at; i < text.size(); ++i) {
        const char ch = text[i];
        if (inString) {
            if (ch == '\\')
                ++i;
            else if (ch == '"')
                inString = false;
            if (!inString && depth == 0) return i + 1;
            continue;
        }
        if (ch == '"')
            inString = true;
        else if (ch == '{' || ch == '[')
            ++depth;
        else if (ch == '}' || ch == ']') {
            if (--depth == 0) return i + 1;
            if (depth < 0) return i;
        } else if (depth == 0 && (ch == ',' || ch == ' ' || ch == '\n'))
            return i;
    }
    return text.size();
}

void onSubscribe(Connection *c, std::string_view text, bool legacy)
{
    const std::string id = stringAfter(text, "\"id\":");
    const std::string query = stringAfter(text, "\"query\":");
    std::string field;
    leaveGroup(c);
    if (query.find("myModelUpdated") != std::string::npos) {
        field = "myModelUpdated";
        const size_t at = query.find("id:");
        std::string key;
        for (size_t i = at == std::string::npos ? query.size() : at + 3; i < query.size(); ++i) {
            if (std::isdigit(static_cast<unsigned char>(query[i])))
                key += query[i];
            else if (!key.empty())
                break;
        }
        c->group = "MyModelUpdated." + key;
    } else {
        field = "myModelCreated";
        c->group = "MyModelCreated";
    }
    c->framePrefix = "{\"id\":\"" + id + "\",\"type\":\"" + (legacy ? "data" : "next") +
                     "\",\"payload\":{\"data\":{\"" + field + "\":";
    groups[c->group].push_back(c);
}

void onText(Connection *c, std::string_view text)
{
    const std::string type = stringAfter(text, "\"type\":");
    if (type == "connection_init")
        writeOut(c, textFrame("{\"type\":\"connection_ack\"}"));
    else if (type == "subscribe" || type == "start")
        onSubscribe(c, text, type == "start");
    else if (type == "ping")
        writeOut(c, textFrame("{\"type\":\"pong\"}"));
    else if (type == "complete" || type == "stop")
        leaveGroup(c);
}

// Masked client frames; false when the connection is to close.
bool readFrames(Connection *c)
{
    size_t used = 0;
    const std::string_view in(c->in);
    while (in.size() - used >= 6) {
        const auto *p = reinterpret_cast<const uint8_t *>(in.data() + used);
        const int opcode = p[0] & 0x0f;
        uint64_t length = p[1] & 0x7f;
        size_t header = 2;
        if (length == 126) {
            length = (uint64_t(p[2]) << 8) | p[3];
            header = 4;
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | p[2 + i];
            header = 10;
        }
        if (!(p[1] & 0x80) || length > (1u << 24)) return false;
        if (in.size() - used < header + 4 + length) break;
        const uint8_t *mask = p + header;
        std::string payload(reinterpret_cast<const char *>(mask + 4), size_t(length));
        for (size_t i = 0; i < payload.size(); ++i)
            payload[i] = char(payload[i] ^ mask[i % 4]);
        used += header + 4 + size_t(length);
        if (opcode == 0x8) return false;
        if (opcode == 0x9) {
            std::string pong = textFrame(payload);
            pong[0] = char(0x8a);
            writeOut(c, pong);
        } else if (opcode == 0x1) {
            onText(c, payload);
        }
    }
    c->in.erase(0, used);
    return true;
}

void answer(Connection *c, int status, std::string_view body)
{
    std::string response =
        "HTTP/1.1 " + std::to_string(status) + (status == 202 ? " Accepted" : " Bad Request") +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\n\r\n";
    response += body;
    writeOut(c, response);
}

// Fires one {"group": ..., "value": ...}; returns the frames written.
size_t fire(std::string_view event)
{
    const std::string group = stringAfter(event, "\"group\":");
    size_t at = event.find("\"value\":");
    if (group.empty() || at == std::string_view::npos) return 0;
    at += 8;
    while (at < event.size() && event[at] == ' ')
        ++at;
    const std::string_view value = event.substr(at, valueEnd(event, at) - at);
    auto it = groups.find(group);
    if (it == groups.end()) return 0;
    std::string frame;
    const std::string *prefix = nullptr;
    const std::vector<Connection *> &members = it->second;
    if (sendPool && members.size() >= 64 &&
        std::all_of(members.begin(), members.end(), [&](const Connection *m) {
            return m->framePrefix == members.front()->framePrefix;
        })) {
        frame = textFrame(members.front()->framePrefix + std::string(value) + "}}}");
        sendPool->fanOut(members, frame);
        return members.size();
    }
    for (Connection *member : it->second) {
        if (!prefix || *prefix != member->framePrefix) { // one frame for all alike members
            prefix = &member->framePrefix;
            frame = textFrame(member->framePrefix + std::string(value) + "}}}");
        }
        writeOut(member, frame);
    }
    return it->second.size();
}

void onTrigger(Connection *c, std::string_view body)
{
    size_t events = 0, deliveries = 0;
    size_t at = body.find_first_not_of(" \r\n\t");
    if (at != std::string_view::npos && body[at] == '[') {
        ++at;
        while (true) {
            at = body.find('{', at);
            if (at == std::string_view::npos) break;
            const size_t end = valueEnd(body, at);
            deliveries += fire(body.substr(at, end - at));
            ++events;
            at = end;
        }
    } else if (at != std::string_view::npos) {
        deliveries += fire(body.substr(at));
        ++events;
    }
    answer(c, 202,
           "{\"events\":" + std::to_string(events) +
               ",\"deliveries\":" + std::to_string(deliveries) + "}");
}

// HTTP: an upgrade makes the connection a WebSocket; POST /trigger fires.
bool readHttp(Connection *c)
{
    while (true) {
        const size_t end = c->in.find("\r\n\r\n");
        if (end == std::string::npos) return true;
        std::string head = c->in.substr(0, end);
        std::string lower = head;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char ch) { return char(std::tolower(ch)); });
        if (lower.find("upgrade: websocket") != std::string::npos) {
            const std::string protocol = lower.find("graphql-transport-ws") != std::string::npos
                                             ? "graphql-transport-ws"
                                             : "graphql-ws";
            c->in.erase(0, end + 4);
            c->websocket = true;
            writeOut(c, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        "Connection: Upgrade\r\nSec-WebSocket-Accept: unchecked\r\n"
                        "Sec-WebSocket-Protocol: " +
                            protocol + "\r\n\r\n");
            return readFrames(c);
        }
        const size_t lengthAt = lower.find("content-length:");
        size_t length = 0;
        if (lengthAt != std::string::npos) {
            size_t i = lengthAt + 15;
            while (i < head.size() && head[i] == ' ')
                ++i;
            std::from_chars(head.data() + i, head.data() + head.size(), length);
        }
        if (c->in.size() < end + 4 + length) return true;
        if (head.compare(0, 14, "POST /trigger ") == 0)
            onTrigger(c, std::string_view(c->in).substr(end + 4, length));
        else
            answer(c, 400, "{\"error\":\"POST /trigger only\"}");
        c->in.erase(0, end + 4 + length);
    }
}

void onReadable(Connection *c)
{
    char buffer[65536];
    while (true) {
        const ssize_t n = recv(c->fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            c->in.append(buffer, size_t(n));
            if (size_t(n) < sizeof buffer) break;
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) break;
        closeConnection(c);
        return;
    }
    if (!(c->websocket ? readFrames(c) : readHttp(c))) closeConnection(c);
}

} // namespace

int main(int argc, char **argv)
{
    int port = 0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
            port = std::atoi(argv[++i]);
        } else if (std::strcmp(argv[i], "--send-threads") == 0 && i + 1 < argc) {
            const int threads = std::atoi(argv[++i]);
            if (threads > 1) {
                sendPool = new SendPool;
                sendPool->startWorkers(threads - 1);
            }
        } else {
            std::fprintf(stderr, "usage: subscope_trivial_sender [--port P] [--send-threads N]\n");
            return 2;
        }
    }
    std::signal(SIGPIPE, SIG_IGN);
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }
    const int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    const int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) < 0 ||
        listen(listener, 4096) < 0) {
        std::fprintf(stderr, "subscope_trivial_sender: port %d: %s\n", port, std::strerror(errno));
        return 1;
    }
    socklen_t size = sizeof address;
    getsockname(listener, reinterpret_cast<sockaddr *>(&address), &size);
    epollFd = epoll_create1(0);
    epoll_event e{};
    e.events = EPOLLIN;
    e.data.ptr = nullptr;
    epoll_ctl(epollFd, EPOLL_CTL_ADD, listener, &e);
    std::printf("listening %d\n", ntohs(address.sin_port));
    std::fflush(stdout);

    epoll_event events[512];
    while (true) {
        const int n = epoll_wait(epollFd, events, 512, -1);
        for (int i = 0; i < n; ++i) {
            auto *c = static_cast<Connection *>(events[i].data.ptr);
            if (!c) {
                int fd;
                while ((fd = accept4(listener, nullptr, nullptr, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
                    auto connection = std::make_unique<Connection>();
                    connection->fd = fd;
                    epoll_event add{};
                    add.events = EPOLLIN;
                    add.data.ptr = connection.get();
                    epoll_ctl(epollFd, EPOLL_CTL_ADD, fd, &add);
                    connections[fd] = std::move(connection);
                }
                continue;
            }
            if (events[i].events & EPOLLOUT) flush(c);
            if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) onReadable(c);
        }
    }
}
