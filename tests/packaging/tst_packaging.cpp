// What the packages install, checked where `cmake --install` puts it (a temporary DESTDIR, as
// CPack does): the desktop entry and the AppStream metainfo validate, the icons exist at every
// size, the manual documents exactly the options each --help lists, bash completion completes
// from the installed programs, and the systemd unit verifies, is hardened and starts the server
// with the configuration the package ships.
#include "support/run_subscope.h"

#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace subscope::test;

namespace {

const QString AppId = QStringLiteral(SUBSCOPE_APP_ID);
const QString ServerAppId = QStringLiteral(SUBSCOPE_SERVER_APP_ID);
const QString Prefix = QStringLiteral(SUBSCOPE_INSTALL_PREFIX);
const QString SysconfDir = QStringLiteral(SUBSCOPE_INSTALL_SYSCONFDIR);
// Options every program and command lists; the manual has them once, under COMMON OPTIONS.
const QSet<QString> CommonOptions{QStringLiteral("help"), QStringLiteral("help-all"),
                                  QStringLiteral("version")};

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return file.readAll();
}

// The long options a --help text lists (both names of an alias), up to its Arguments: or
// Commands: part.
QSet<QString> helpOptions(const QString &help)
{
    static const QRegularExpression line(
        QStringLiteral("^ +(?:-\\w, )?--([a-z][a-z0-9-]*)(?:, --([a-z][a-z0-9-]*))?"),
        QRegularExpression::MultilineOption);
    QString options = help;
    for (const char *end : {"\nArguments:", "\nCommands:"}) {
        const qsizetype at = options.indexOf(QLatin1String(end));
        if (at >= 0) options.truncate(at);
    }
    QSet<QString> names;
    for (const QRegularExpressionMatch &m : line.globalMatch(options)) {
        names.insert(m.captured(1));
        if (m.hasCaptured(2)) names.insert(m.captured(2));
    }
    return names;
}

// The manual's parts: ".SH NAME" and ".SS name ..." headings to their text.
QMap<QString, QString> manSections(const QString &man)
{
    QMap<QString, QString> sections;
    QString current;
    for (const QString &line : man.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String(".SH ")) || line.startsWith(QLatin1String(".SS "))) {
            QString heading = line.mid(4);
            heading.remove(QLatin1Char('"'));
            // ".SS validate [\fIoptions\fR] ...": the command's name.
            if (line.startsWith(QLatin1String(".SS ")))
                heading = heading.section(QLatin1Char(' '), 0, 0).remove(QLatin1Char('\\'));
            current = heading;
            sections.insert(current, QString());
        } else if (!current.isEmpty()) {
            sections[current] += line + QLatin1Char('\n');
        }
    }
    return sections;
}

// The long options a manual part documents: those in its .TP item headings.
QSet<QString> manOptions(const QString &section)
{
    static const QRegularExpression option(
        QStringLiteral("\\\\fB\\\\-\\\\-([a-z0-9\\\\-]+)\\\\fR"));
    QSet<QString> names;
    const QStringList lines = section.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (lines[i] != QLatin1String(".TP")) continue;
        for (const QRegularExpressionMatch &m : option.globalMatch(lines[i + 1]))
            names.insert(m.captured(1).remove(QLatin1Char('\\')));
    }
    return names;
}

QStringList sorted(QSet<QString> set)
{
    QStringList list(set.begin(), set.end());
    list.sort();
    return list;
}

} // namespace

class PackagingTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_destdir;
    QString m_prefix; // where the files of CMAKE_INSTALL_PREFIX are
    QString m_man;    // subscope.1, uncompressed

    QString installed(const QString &path) const { return m_prefix + QLatin1Char('/') + path; }
    QString bin(const QString &program) const
    {
        return installed(QStringLiteral("bin/") + program);
    }
    QString help(const QString &program, const QStringList &arguments)
    {
        const Run run = runProgram(bin(program), arguments + QStringList{QStringLiteral("--help")});
        if (run.status != 0) qWarning("%s: %s", qPrintable(program), qPrintable(run.err));
        return run.out;
    }
    QStringList complete(const QString &line);

private slots:
    void initTestCase();
    void everyFileIsInstalled_data();
    void everyFileIsInstalled();
    void desktopEntryValidates();
    void desktopEntryNamesWhatIsInstalled();
    void metainfoValidates_data();
    void metainfoValidates();
    void metainfoScreenshotsAreInDocs();
    void releasesStartWithThisVersion();
    void iconsHaveTheirSize_data();
    void iconsHaveTheirSize();
    void manualRendersWithoutWarnings();
    void manualDocumentsEveryOption_data();
    void manualDocumentsEveryOption();
    void manualDocumentsEveryCommand();
    void bashCompletion_data();
    void bashCompletion();
    void systemdUnitVerifies();
    void systemdUnitIsHardened();
    void serviceStartsWithTheShippedConfiguration();
};

void PackagingTest::initTestCase()
{
    QVERIFY(m_destdir.isValid());
    QProcess install;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DESTDIR"), m_destdir.path());
    install.setProcessEnvironment(env);
    install.start(QStringLiteral(CMAKE_COMMAND),
                  {QStringLiteral("--install"), QStringLiteral(SUBSCOPE_BUILD_DIR)});
    QVERIFY(install.waitForFinished(120000));
    QVERIFY2(install.exitCode() == 0, install.readAllStandardError().constData());
    m_prefix = m_destdir.path() + Prefix;

    QProcess gunzip;
    gunzip.start(
        QStringLiteral("gzip"),
        {QStringLiteral("-dc"), installed(QStringLiteral("share/man/man1/subscope.1.gz"))});
    QVERIFY(gunzip.waitForFinished(10000));
    QCOMPARE(gunzip.exitCode(), 0);
    m_man = QString::fromUtf8(gunzip.readAllStandardOutput());
    QVERIFY(m_man.startsWith(QLatin1String(".\\\"")));
}

void PackagingTest::everyFileIsInstalled_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files{
        QStringLiteral("bin/subscope"),
        QStringLiteral("bin/subscope-server"),
        QStringLiteral("share/applications/%1.desktop").arg(AppId),
        QStringLiteral("share/metainfo/%1.metainfo.xml").arg(AppId),
        QStringLiteral("share/metainfo/%1.metainfo.xml").arg(ServerAppId),
        QStringLiteral("share/icons/hicolor/scalable/apps/%1.svg").arg(AppId),
        QStringLiteral("share/man/man1/subscope.1.gz"),
        QStringLiteral("share/man/man1/subscope-server.1.gz"),
        QStringLiteral("share/bash-completion/completions/subscope"),
        QStringLiteral("share/bash-completion/completions/subscope-server"),
        QStringLiteral("share/doc/subscope/copyright"),
        QStringLiteral("share/doc/subscope-server/copyright"),
        QStringLiteral("lib/systemd/system/subscope-server.service"),
    };
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << installed(file);
    QTest::newRow("server.conf") << m_destdir.path() + SysconfDir +
                                        QStringLiteral("/subscope/server.conf");
}

void PackagingTest::everyFileIsInstalled()
{
    QFETCH(QString, path);
    QVERIFY2(QFileInfo(path).isFile(), qPrintable(path + QStringLiteral(" is not installed")));
    if (path.contains(QLatin1String("/bin/"))) QVERIFY(QFileInfo(path).isExecutable());
}

void PackagingTest::desktopEntryValidates()
{
    const Run run =
        runProgram(QStringLiteral("desktop-file-validate"),
                   {installed(QStringLiteral("share/applications/%1.desktop").arg(AppId))});
    QVERIFY2(run.status == 0, qPrintable(QStringLiteral("desktop-file-validate (package "
                                                        "desktop-file-utils): ") +
                                         run.out + run.err));
    // Hints only (two main categories, as the issue asks); no warning or error.
    QVERIFY2(!run.out.contains(QLatin1String("error:")) &&
                 !run.out.contains(QLatin1String("warning:")),
             qPrintable(run.out));
}

void PackagingTest::desktopEntryNamesWhatIsInstalled()
{
    const QString entry = QString::fromUtf8(
        readFile(installed(QStringLiteral("share/applications/%1.desktop").arg(AppId))));
    QMap<QString, QString> keys;
    for (const QString &line : entry.split(QLatin1Char('\n')))
        if (const qsizetype eq = line.indexOf(QLatin1Char('=')); eq > 0)
            keys.insert(line.left(eq), line.mid(eq + 1));
    QCOMPARE(keys.value(QStringLiteral("Name")), QStringLiteral("Subscope"));
    QCOMPARE(keys.value(QStringLiteral("Categories")), QStringLiteral("Development;Network;"));
    QCOMPARE(keys.value(QStringLiteral("Terminal")), QStringLiteral("false"));
    for (const char *key : {"GenericName", "Comment", "Keywords"})
        QVERIFY2(!keys.value(QLatin1String(key)).isEmpty(), key);
    QVERIFY(QFileInfo(bin(keys.value(QStringLiteral("Exec")).section(QLatin1Char(' '), 0, 0)))
                .isExecutable());
    QCOMPARE(keys.value(QStringLiteral("Icon")), AppId);
    // X11's WM_CLASS of the window is the application name, which the explorer sets to
    // "subscope"; the desktop file's name is the Wayland app id it sets (app/gui_command.cpp).
    QCOMPARE(keys.value(QStringLiteral("StartupWMClass")), QStringLiteral("subscope"));
}

void PackagingTest::metainfoValidates_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("explorer") << AppId;
    QTest::newRow("server") << ServerAppId;
}

void PackagingTest::metainfoValidates()
{
    QFETCH(QString, id);
    const QString path = installed(QStringLiteral("share/metainfo/%1.metainfo.xml").arg(id));
    // --strict: a warning fails as an error does (only pedantic hints pass). --no-net: CI has
    // no network; the screenshots are checked against docs/ below.
    const Run run = runProgram(QStringLiteral("appstreamcli"),
                               {QStringLiteral("validate"), QStringLiteral("--strict"),
                                QStringLiteral("--no-net"), QStringLiteral("--explain"), path});
    QVERIFY2(run.status == 0, qPrintable(run.out + run.err));
    const QString xml = QString::fromUtf8(readFile(path));
    QVERIFY(xml.contains(QStringLiteral("<id>%1</id>").arg(id)));
    QVERIFY(xml.contains(QLatin1String("<content_rating type=\"oars-1.1\"/>")));
    QVERIFY(xml.contains(QLatin1String("<color type=\"primary\" scheme_preference=\"light\">")));
    QVERIFY(xml.contains(QLatin1String("<color type=\"primary\" scheme_preference=\"dark\">")));
    QVERIFY(xml.contains(QLatin1String("<url type=\"homepage\">")));
    if (id == ServerAppId) {
        QVERIFY(xml.contains(QLatin1String("<component type=\"console-application\">")));
        QVERIFY(xml.contains(QLatin1String("<binary>subscope-server</binary>")));
    } else {
        QVERIFY(xml.contains(QLatin1String("<component type=\"desktop-application\">")));
        QVERIFY(xml.contains(
            QStringLiteral("<launchable type=\"desktop-id\">%1.desktop</launchable>").arg(AppId)));
    }
}

void PackagingTest::metainfoScreenshotsAreInDocs()
{
    const QString xml = QString::fromUtf8(
        readFile(installed(QStringLiteral("share/metainfo/%1.metainfo.xml").arg(AppId))));
    static const QRegularExpression image(QStringLiteral(
        "<image type=\"source\" width=\"(\\d+)\" height=\"(\\d+)\">[^<]*/docs/([^<]+)</image>"));
    int count = 0;
    for (const QRegularExpressionMatch &m : image.globalMatch(xml)) {
        ++count;
        const QString file = QStringLiteral(SUBSCOPE_SOURCE_DIR "/docs/") + m.captured(3);
        QImageReader reader(file);
        QVERIFY2(reader.canRead(), qPrintable(file + QStringLiteral(" is not an image in docs/")));
        QCOMPARE(reader.size(), QSize(m.captured(1).toInt(), m.captured(2).toInt()));
    }
    QVERIFY(count >= 1);
}

void PackagingTest::releasesStartWithThisVersion()
{
    for (const QString &id : {AppId, ServerAppId}) {
        const QString xml = QString::fromUtf8(
            readFile(installed(QStringLiteral("share/metainfo/%1.metainfo.xml").arg(id))));
        const qsizetype first = xml.indexOf(QLatin1String("<release "));
        QVERIFY(first > 0);
        QVERIFY2(
            xml.mid(first).startsWith(
                QStringLiteral("<release version=\"%1\"").arg(QStringLiteral(SUBSCOPE_VERSION))),
            qPrintable(xml.mid(first, 80)));
    }
    QVERIFY(
        m_man.contains(QStringLiteral("\"Subscope %1\"").arg(QStringLiteral(SUBSCOPE_VERSION))));
}

void PackagingTest::iconsHaveTheirSize_data()
{
    QTest::addColumn<int>("size");
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512})
        QTest::newRow(qPrintable(QString::number(size))) << size;
}

void PackagingTest::iconsHaveTheirSize()
{
    QFETCH(int, size);
    const QString path =
        installed(QStringLiteral("share/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(AppId));
    QImageReader reader(path);
    QCOMPARE(reader.format(), QByteArray("png"));
    QCOMPARE(reader.size(), QSize(size, size));
    // Drawn, not blank: the centre is the opaque node.
    const QImage image = reader.read();
    QCOMPARE(qAlpha(image.pixel(size / 2, size / 2)), 255);
    QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
}

void PackagingTest::manualRendersWithoutWarnings()
{
    QProcess groff;
    groff.start(QStringLiteral("groff"), {QStringLiteral("-man"), QStringLiteral("-Tutf8"),
                                          QStringLiteral("-ww"), QStringLiteral("-z")});
    groff.write(m_man.toUtf8());
    groff.closeWriteChannel();
    QVERIFY2(groff.waitForFinished(10000), "groff (package groff-base) did not run");
    QCOMPARE(groff.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(groff.readAllStandardError()), QString());
}

void PackagingTest::manualDocumentsEveryOption_data()
{
    QTest::addColumn<QString>("section");
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("explorer") << "EXPLORER OPTIONS"
                              << "subscope" << QStringList{};
    QTest::newRow("subscope --headless") << "SERVER OPTIONS"
                                         << "subscope" << QStringList{"--headless"};
    // subscope-server takes --headless without listing it.
    QTest::newRow("subscope-server") << "SERVER OPTIONS"
                                     << "subscope-server" << QStringList{};
    for (const char *command : {"validate", "introspect", "print-schema", "trigger"}) {
        QTest::addRow("subscope %s", command) << command << "subscope" << QStringList{command};
        QTest::addRow("subscope-server %s", command)
            << command << "subscope-server" << QStringList{command};
    }
}

void PackagingTest::manualDocumentsEveryOption()
{
    QFETCH(QString, section);
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    const QMap<QString, QString> sections = manSections(m_man);
    QVERIFY2(sections.contains(section), qPrintable(section));
    const QSet<QString> listed = helpOptions(help(program, arguments));
    QVERIFY(listed.contains(QStringLiteral("help")));
    QSet<QString> documented = manOptions(sections.value(section));
    if (program == QLatin1String("subscope-server") && arguments.isEmpty())
        documented.remove(QStringLiteral("headless"));
    const QSet<QString> undocumented = listed - CommonOptions - documented;
    QVERIFY2(undocumented.isEmpty(),
             qPrintable(QStringLiteral("--help lists, the manual's %1 does not: ").arg(section) +
                        sorted(undocumented).join(QLatin1String(", "))));
    const QSet<QString> unknown = documented - listed;
    QVERIFY2(unknown.isEmpty(),
             qPrintable(
                 QStringLiteral("the manual's %1 documents, --help does not list: ").arg(section) +
                 sorted(unknown).join(QLatin1String(", "))));
    const QSet<QString> common = manOptions(sections.value(QStringLiteral("COMMON OPTIONS")));
    QCOMPARE(sorted(common), sorted(CommonOptions));
}

void PackagingTest::manualDocumentsEveryCommand()
{
    static const QRegularExpression command(QStringLiteral("^  ([a-z][a-z-]*)  "),
                                            QRegularExpression::MultilineOption);
    for (const QString &program : {QStringLiteral("subscope"), QStringLiteral("subscope-server")}) {
        const QString text = help(program, {});
        const QString commands = text.mid(text.indexOf(QLatin1String("\nCommands:\n")));
        QStringList listed;
        for (const QRegularExpressionMatch &m : command.globalMatch(commands))
            listed << m.captured(1);
        QCOMPARE(listed, (QStringList{"validate", "introspect", "print-schema", "trigger"}));
        const QMap<QString, QString> sections = manSections(m_man);
        for (const QString &name : listed)
            QVERIFY2(sections.contains(name),
                     qPrintable(name + QStringLiteral(" has no .SS in the manual")));
    }
}

// Runs bash's completion for `line` (the cursor at its end) with the installed script and
// programs, as an interactive shell would with bash-completion loaded.
QStringList PackagingTest::complete(const QString &line)
{
    const QString script =
        QStringLiteral("source /usr/share/bash-completion/bash_completion || exit 3\n"
                       "source \"$COMPLETIONS/subscope\"\n"
                       "COMP_LINE=$LINE; COMP_POINT=${#COMP_LINE}\n"
                       "read -ra COMP_WORDS <<< \"$LINE\"\n"
                       "[[ $LINE == *' ' ]] && COMP_WORDS+=('')\n"
                       "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
                       "_subscope\n"
                       "printf '%s\\n' \"${COMPREPLY[@]}\"\n");
    QProcess bash;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"),
               installed(QStringLiteral("bin:")) + env.value(QStringLiteral("PATH")));
    env.insert(QStringLiteral("COMPLETIONS"),
               installed(QStringLiteral("share/bash-completion/completions")));
    env.insert(QStringLiteral("LINE"), line);
    bash.setProcessEnvironment(env);
    bash.setWorkingDirectory(QStringLiteral(SUBSCOPE_SOURCE_DIR "/resources"));
    bash.start(QStringLiteral("bash"), {QStringLiteral("--norc"), QStringLiteral("-c"), script});
    if (!bash.waitForFinished(30000)) return {QStringLiteral("<bash did not finish>")};
    if (bash.exitCode() == 3)
        return {QStringLiteral("<no /usr/share/bash-completion (package bash-completion)>")};
    QStringList words = QString::fromUtf8(bash.readAllStandardOutput())
                            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    words.sort();
    return words;
}

void PackagingTest::bashCompletion_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("an explorer option") << "subscope --wor" << QStringList{"--workspace"};
    QTest::newRow("server options")
        << "subscope-server --channel" << QStringList{"--channel-layer", "--channel-layer-prefix"};
    QTest::newRow("not the server's options in the explorer")
        << "subscope --max-c" << QStringList{};
    QTest::newRow("the server's after --headless")
        << "subscope --headless --max-c" << QStringList{"--max-connections"};
    QTest::newRow("commands") << "subscope "
                              << QStringList{"introspect", "print-schema", "trigger", "validate"};
    QTest::newRow("a command") << "subscope-server tr" << QStringList{"trigger"};
    QTest::newRow("a command's options") << "subscope trigger --ac" << QStringList{"--action"};
    QTest::newRow("an alias") << "subscope validate --lenient-group"
                              << QStringList{"--lenient-group-names", "--lenient-groups"};
    QTest::newRow("an action") << "subscope trigger --action u" << QStringList{"update"};
    QTest::newRow("a strategy") << "subscope-server --overflow drop"
                                << QStringList{"drop_newest", "drop_oldest"};
    QTest::newRow("a log format") << "subscope-server --log-format " << QStringList{"json", "text"};
    QTest::newRow("a schema file") << "subscope-server --schema de" << QStringList{"demo.graphql"};
    QTest::newRow("a schema file after =") << "subscope --schema=de" << QStringList{"demo.graphql"};
    QTest::newRow("no command after options") << "subscope-server --port 1 va" << QStringList{};
    QTest::newRow("nothing for a number") << "subscope-server --port " << QStringList{};
}

void PackagingTest::bashCompletion()
{
    QFETCH(QString, line);
    QFETCH(QStringList, expected);
    QCOMPARE(complete(line), expected);
}

void PackagingTest::systemdUnitVerifies()
{
    // systemd-analyze verify resolves ExecStart= and EnvironmentFile=: a copy of the unit names
    // the files where DESTDIR holds them.
    QString unit = QString::fromUtf8(
        readFile(installed(QStringLiteral("lib/systemd/system/subscope-server.service"))));
    QVERIFY(unit.contains(
        QStringLiteral("\nExecStart=%1/bin/subscope-server $SUBSCOPE_SERVER_OPTIONS\n")
            .arg(Prefix)));
    QVERIFY(unit.contains(
        QStringLiteral("\nEnvironmentFile=%1/subscope/server.conf\n").arg(SysconfDir)));
    unit.replace(QStringLiteral("=%1/bin/").arg(Prefix), QStringLiteral("=%1/bin/").arg(m_prefix));
    unit.replace(QStringLiteral("=%1/subscope/").arg(SysconfDir),
                 QStringLiteral("=%1%2/subscope/").arg(m_destdir.path(), SysconfDir));
    QTemporaryDir dir;
    QFile copy(dir.filePath(QStringLiteral("subscope-server.service")));
    QVERIFY(copy.open(QIODevice::WriteOnly));
    copy.write(unit.toUtf8());
    copy.close();
    const Run run =
        runProgram(QStringLiteral("systemd-analyze"),
                   {QStringLiteral("verify"), QStringLiteral("--man=no"), copy.fileName()});
    QVERIFY2(run.status == 0,
             qPrintable(QStringLiteral("systemd-analyze (package systemd): ") + run.out + run.err));
    QCOMPARE(run.err, QString());
}

void PackagingTest::systemdUnitIsHardened()
{
    const QString unit = installed(QStringLiteral("lib/systemd/system/subscope-server.service"));
    const QString text = QString::fromUtf8(readFile(unit));
    for (const char *setting : {"DynamicUser=yes", "ProtectSystem=strict", "NoNewPrivileges=yes",
                                "ProtectHome=yes", "PrivateTmp=yes", "CapabilityBoundingSet=\n"})
        QVERIFY2(text.contains(QLatin1Char('\n') + QLatin1String(setting)), setting);
    // systemd's own score, 0 (locked down) to 10: at most 2.0, "OK". The threshold is in tenths.
    const Run run =
        runProgram(QStringLiteral("systemd-analyze"),
                   {QStringLiteral("security"), QStringLiteral("--offline=yes"),
                    QStringLiteral("--threshold=20"), QStringLiteral("--no-pager"), unit});
    QVERIFY2(run.status == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(QLatin1String("OK")), qPrintable(run.out.right(200)));
}

void PackagingTest::serviceStartsWithTheShippedConfiguration()
{
    // What systemd does with EnvironmentFile= and $SUBSCOPE_SERVER_OPTIONS: the options of the
    // shipped configuration split at spaces, on a free port instead of 8765.
    const QString conf = QString::fromUtf8(
        readFile(m_destdir.path() + SysconfDir + QStringLiteral("/subscope/server.conf")));
    static const QRegularExpression setting(
        QStringLiteral("^SUBSCOPE_SERVER_OPTIONS=\"([^\"]*)\"$"),
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = setting.match(conf);
    QVERIFY2(m.hasMatch(), "server.conf sets no SUBSCOPE_SERVER_OPTIONS");
    QStringList arguments = m.captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QVERIFY(arguments.contains(QStringLiteral("--port")));
    arguments << QStringLiteral("--port") << QStringLiteral("0");
    QProcess server;
    server.start(bin(QStringLiteral("subscope-server")), arguments);
    QVERIFY(server.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += server.readAllStandardOutput()).contains("ws://127.0.0.1:") ||
                                 server.state() == QProcess::NotRunning,
                             10000);
    QVERIFY2(server.state() == QProcess::Running, server.readAllStandardError().constData());
    server.terminate();
    QVERIFY(server.waitForFinished(10000));
    QCOMPARE(server.exitCode(), 0);
}

QTEST_GUILESS_MAIN(PackagingTest)
#include "tst_packaging.moc"
