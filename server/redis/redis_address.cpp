#include "redis_address.h"

#include <QHostAddress>
#include <QUrl>

namespace subscope::server {

QString RedisAddress::display() const
{
    const bool ipv6 = QHostAddress(host).protocol() == QAbstractSocket::IPv6Protocol;
    return (ipv6 ? QLatin1Char('[') + host + QLatin1Char(']') : host) + QLatin1Char(':') +
           QString::number(port) + QLatin1Char('/') + QString::number(database);
}

QString RedisAddress::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("redis"));
    url.setHost(host);
    url.setPort(port);
    url.setPath(QLatin1Char('/') + QString::number(database));
    url.setUserName(QString::fromUtf8(user));
    url.setPassword(QString::fromUtf8(password));
    return url.toString();
}

std::optional<RedisAddress> parseRedisUrl(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    auto fail = [&](const QString &why) {
        *error = QStringLiteral("--channel-layer '%1': %2").arg(text, why);
        return std::nullopt;
    };
    if (!url.isValid()) return fail(url.errorString());
    if (url.scheme() == QLatin1String("rediss"))
        return fail(QStringLiteral("rediss:// (TLS) is not supported by Debian 12's hiredis 0.14; "
                                   "reach Redis over a private network or a TLS tunnel"));
    if (url.scheme() != QLatin1String("redis"))
        return fail(QStringLiteral("the URL must start with redis://, as in "
                                   "redis://127.0.0.1:6379/0 or redis://:password@host:6379/0"));
    if (url.host().isEmpty()) return fail(QStringLiteral("the URL names no host"));
    if (url.hasQuery() || url.hasFragment())
        return fail(QStringLiteral("options after '?' or '#' are not supported"));
    RedisAddress address;
    address.host = url.host(QUrl::FullyDecoded);
    if (url.port() == 0) return fail(QStringLiteral("port 0 is not a Redis port"));
    if (url.port() > 0) address.port = quint16(url.port());
    address.user = url.userName(QUrl::FullyDecoded).toUtf8();
    address.password = url.password(QUrl::FullyDecoded).toUtf8();
    if (!address.user.isEmpty() && address.password.isEmpty())
        return fail(QStringLiteral("a user needs a password: redis://user:password@host"));
    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(QLatin1Char('/'))) path.remove(0, 1);
    if (!path.isEmpty()) {
        bool ok = false;
        address.database = path.toInt(&ok);
        if (!ok || address.database < 0 || path.startsWith(QLatin1Char('+')))
            return fail(QStringLiteral("the path must be a database number, as in /0, not '/%1'")
                            .arg(path));
    }
    return address;
}

} // namespace subscope::server
