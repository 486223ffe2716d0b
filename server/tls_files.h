#pragma once

#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace subscope::server {

// The server's side of TLS from --tls-cert (PEM: the certificate, then any intermediates) and
// --tls-key (PEM, unencrypted), checked by a handshake with itself over loopback, so that a key
// that does not match the certificate is refused at start rather than at every connection.
// nullopt with a message that names the file otherwise.
std::optional<QSslConfiguration> loadTlsConfiguration(const QString &certificatePath,
                                                      const QString &keyPath, QString *error);

// A line for the log when the certificate is expired or not valid yet, else empty.
QString certificateValidityWarning(const QSslConfiguration &tls);

} // namespace subscope::server
