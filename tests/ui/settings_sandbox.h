#pragma once
// The explorer keeps settings (layout, recent URLs, appearance): in tests, in a directory of the
// test program's own that goes with it, never the user's.

#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>

namespace subscope::test {

// Call before the first window: the settings start empty and are written like the program's.
inline void isolateSettings()
{
    static QTemporaryDir dir;
    static bool done = false;
    if (done) return;
    done = true;
    QCoreApplication::setOrganizationName(QStringLiteral("subscope-tests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
}

} // namespace subscope::test
