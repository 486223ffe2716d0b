#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace subscope::server {

// Where the Redis channel layer connects: the URL of --channel-layer, as channels_redis takes
// it, redis://[[user]:password@]host[:port][/db].
struct RedisAddress
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6379;
    int database = 0;
    QByteArray user;     // Redis 6 ACL user; empty: AUTH with the password alone
    QByteArray password; // empty: no AUTH

    // host:port/db, never the password: for logs, errors and the explorer.
    QString display() const;
    // The whole URL, credentials included (for the explorer's field, which holds what the user
    // gave).
    QString url() const;
    friend bool operator==(const RedisAddress &, const RedisAddress &) = default;
};

// The address of a redis:// URL, or nullopt with *error saying what is wrong with it.
std::optional<RedisAddress> parseRedisUrl(const QString &url, QString *error);

} // namespace subscope::server
