#include "cli/command.h"

#include <QByteArray>
#include <QDir>
#include <QFileInfo>

#include <dlfcn.h>

namespace subscope::cli {

namespace {

// Whether an X server answers at `display`, asked through the libxcb that Qt's xcb plugin uses:
// QApplication aborts the process when it cannot connect, so ask first.
bool x11Reachable(const QByteArray &display)
{
    if (display.isEmpty()) return false;
    void *xcb = dlopen("libxcb.so.1", RTLD_LAZY | RTLD_LOCAL);
    if (!xcb) return false;
    using Connect = void *(*)(const char *, int *);
    using HasError = int (*)(void *);
    using Disconnect = void (*)(void *);
    const auto connect = reinterpret_cast<Connect>(dlsym(xcb, "xcb_connect"));
    const auto hasError = reinterpret_cast<HasError>(dlsym(xcb, "xcb_connection_has_error"));
    const auto disconnect = reinterpret_cast<Disconnect>(dlsym(xcb, "xcb_disconnect"));
    bool reachable = false;
    if (connect && hasError && disconnect) {
        void *connection = connect(display.constData(), nullptr);
        reachable = connection && hasError(connection) == 0;
        if (connection) disconnect(connection); // also frees a connection in error
    }
    dlclose(xcb);
    return reachable;
}

bool waylandReachable()
{
    const QString name = qEnvironmentVariable("WAYLAND_DISPLAY");
    if (name.isEmpty()) return false;
    const QString path = QDir::isAbsolutePath(name)
                             ? name
                             : qEnvironmentVariable("XDG_RUNTIME_DIR") + QLatin1Char('/') + name;
    return QFileInfo(path).exists();
}

} // namespace

bool displayAvailable()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    const QByteArray display = qgetenv("DISPLAY");
    if (platform.startsWith("xcb")) return x11Reachable(display);
    if (platform.startsWith("wayland")) return waylandReachable();
    if (!platform.isEmpty()) return true; // offscreen, vnc, eglfs, ...: no display server to ask
    return x11Reachable(display) || waylandReachable();
}

} // namespace subscope::cli
