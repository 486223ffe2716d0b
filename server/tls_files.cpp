#include "tls_files.h"

#include "read_file.h"

#include <QDateTime>
#include <QEventLoop>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>

#include <unistd.h>

namespace subscope::server {

namespace {

constexpr int SelfCheckTimeoutMs = 5000;

std::optional<QByteArray> readFile(const QString &path, const QString &option, QString *error)
{
    std::optional<QByteArray> bytes = readWholeFile(path, error);
    if (!bytes) *error = option + QStringLiteral(": ") + *error;
    return bytes;
}

QSslKey readKey(const QByteArray &pem)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull()) return key;
    }
    return {};
}

// Takes connections as QSslSocket, the way QSslServer (Qt 6.4) does.
class TlsListener : public QTcpServer
{
public:
    explicit TlsListener(QSslSocket &socket)
        : m_socket(socket)
    {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        if (m_socket.state() != QAbstractSocket::UnconnectedState) {
            ::close(int(descriptor));
            return;
        }
        m_socket.setSocketDescriptor(descriptor);
        m_socket.startServerEncryption();
    }

private:
    QSslSocket &m_socket;
};

// Serves one TLS handshake with `tls` to a client of our own: the error the server side met,
// or empty.
QString selfCheck(const QSslConfiguration &tls)
{
    QSslSocket server;
    TlsListener listener(server);
    if (!listener.listen(QHostAddress::LocalHost, 0) &&
        !listener.listen(QHostAddress::LocalHostIPv6, 0))
        return QStringLiteral("cannot listen on loopback for the check: ") + listener.errorString();
    QEventLoop loop;
    QString failure;
    bool done = false;
    const auto finish = [&](const QString &problem) {
        if (done) return;
        done = true;
        failure = problem;
        loop.quit();
    };
    server.setSslConfiguration(tls);
    QObject::connect(&server, &QSslSocket::encrypted, &loop, [&] { finish({}); });
    QObject::connect(&server, &QSslSocket::errorOccurred, &loop,
                     [&] { finish(server.errorString()); });
    QTimer::singleShot(SelfCheckTimeoutMs, &loop,
                       [&] { finish(QStringLiteral("the check handshake did not finish")); });

    QSslSocket client;
    QSslConfiguration clientSide = QSslConfiguration::defaultConfiguration();
    clientSide.setPeerVerifyMode(QSslSocket::VerifyNone);
    client.setSslConfiguration(clientSide);
    client.connectToHostEncrypted(listener.serverAddress().toString(), listener.serverPort());
    if (!done) loop.exec();
    if (!done) failure = QStringLiteral("the check handshake did not finish");
    client.abort();
    server.abort();
    return failure;
}

} // namespace

std::optional<QSslConfiguration> loadTlsConfiguration(const QString &certificatePath,
                                                      const QString &keyPath, QString *error)
{
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("TLS is not available: Qt found no TLS library (%1); install "
                                "libssl3")
                     .arg(QSslSocket::activeBackend());
        return std::nullopt;
    }
    const std::optional<QByteArray> certificateBytes =
        readFile(certificatePath, QStringLiteral("--tls-cert"), error);
    if (!certificateBytes) return std::nullopt;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(*certificateBytes, QSsl::Pem);
    if (chain.isEmpty() || chain.constFirst().isNull()) {
        *error = QStringLiteral("--tls-cert: %1 holds no PEM certificate (-----BEGIN "
                                "CERTIFICATE-----)")
                     .arg(certificatePath);
        return std::nullopt;
    }
    const std::optional<QByteArray> keyBytes =
        readFile(keyPath, QStringLiteral("--tls-key"), error);
    if (!keyBytes) return std::nullopt;
    if (keyBytes->contains("ENCRYPTED")) {
        *error = QStringLiteral("--tls-key: %1 is encrypted with a passphrase; give the key "
                                "without one (openssl pkey -in %1 -out key.pem)")
                     .arg(keyPath);
        return std::nullopt;
    }
    const QSslKey key = readKey(*keyBytes);
    if (key.isNull()) {
        *error =
            QStringLiteral("--tls-key: %1 holds no PEM private key (RSA, EC or DSA)").arg(keyPath);
        return std::nullopt;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients show no certificates
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    const QString failure = selfCheck(tls);
    if (!failure.isEmpty()) {
        *error = QStringLiteral("--tls-cert %1 and --tls-key %2 do not serve TLS: %3")
                     .arg(certificatePath, keyPath, failure);
        return std::nullopt;
    }
    return tls;
}

QString certificateValidityWarning(const QSslConfiguration &tls)
{
    const QSslCertificate certificate = tls.localCertificate();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (certificate.expiryDate() < now)
        return QStringLiteral("the TLS certificate expired on %1: clients will refuse it")
            .arg(certificate.expiryDate().toString(Qt::ISODate));
    if (certificate.effectiveDate() > now)
        return QStringLiteral("the TLS certificate is valid only from %1: clients will refuse "
                              "it until then")
            .arg(certificate.effectiveDate().toString(Qt::ISODate));
    return {};
}

} // namespace subscope::server
