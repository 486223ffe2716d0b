#include "workspace.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

namespace subscope::ui {

namespace {

using Protocol = ConnectionSettings::Protocol;
using Kind = SchemaSource::Kind;

const QString FormatName = QStringLiteral("subscope-workspace");
constexpr qint64 MaxFileSize = 64 << 20; // far beyond any set of panels; guards a wrong file

QString tr(const char *text)
{
    return QCoreApplication::translate("Workspace", text);
}

QString protocolName(Protocol protocol)
{
    switch (protocol) {
    case Protocol::TransportWs:
        return QStringLiteral("graphql-transport-ws");
    case Protocol::LegacyWs:
        return QStringLiteral("graphql-ws");
    case Protocol::Auto:
        break;
    }
    return QStringLiteral("auto");
}

QString sourceName(Kind kind)
{
    switch (kind) {
    case Kind::Introspection:
        return QStringLiteral("introspection");
    case Kind::SdlFile:
        return QStringLiteral("file");
    case Kind::EmbeddedServer:
        break;
    }
    return QStringLiteral("embedded");
}

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

// 1-based line and column of a byte offset.
QString lineColumn(const QByteArray &text, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    const QByteArray before = text.first(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

// Reads the members of one object, failing with the member's path on the first wrong type.
class Reader
{
public:
    Reader(const QJsonObject &object, QString path)
        : m_object(object)
        , m_path(std::move(path))
    {}

    bool string(const char *key, QString *out, QString *error) const
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined()) return true;
        if (!value.isString()) return wrongType(key, value, tr("a string"), error);
        *out = value.toString();
        return true;
    }

    bool boolean(const char *key, bool *out, QString *error) const
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined()) return true;
        if (!value.isBool()) return wrongType(key, value, tr("true or false"), error);
        *out = value.toBool();
        return true;
    }

    // One of `names`; *index is its position.
    bool oneOf(const char *key, const QStringList &names, int *index, QString *error) const
    {
        QString name;
        if (!string(key, &name, error)) return false;
        if (!m_object.contains(QLatin1String(key))) return true;
        const qsizetype at = names.indexOf(name);
        if (at < 0) {
            *error = tr("%1: \"%2\" is not one of %3")
                         .arg(member(key), name, names.join(QStringLiteral(", ")));
            return false;
        }
        *index = int(at);
        return true;
    }

    QString member(const char *key) const
    {
        return m_path.isEmpty() ? QString::fromLatin1(key)
                                : m_path + u'.' + QString::fromLatin1(key);
    }

    bool wrongType(const char *key, const QJsonValue &value, const QString &expected,
                   QString *error) const
    {
        *error = tr("%1: expected %2, found %3").arg(member(key), expected, jsonTypeName(value));
        return false;
    }

private:
    QJsonObject m_object;
    QString m_path;
};

bool readSchema(const QJsonValue &value, const QString &path, const QDir &base, PanelSetup *panel,
                QString *error)
{
    if (value.isUndefined()) return true;
    if (!value.isObject()) {
        *error = tr("%1: expected an object, found %2").arg(path, jsonTypeName(value));
        return false;
    }
    const Reader schema(value.toObject(), path);
    const QStringList names{sourceName(Kind::EmbeddedServer), sourceName(Kind::Introspection),
                            sourceName(Kind::SdlFile)};
    int source = 0;
    if (!schema.oneOf("source", names, &source, error)) return false;
    panel->schemaSource = Kind(source);
    if (!schema.string("url", &panel->introspectionUrl, error)) return false;
    QString file;
    if (!schema.string("path", &file, error)) return false;
    if (!file.isEmpty()) panel->schemaFile = QDir::cleanPath(base.absoluteFilePath(file));
    return true;
}

bool readPanel(const QJsonValue &value, const QString &path, const QDir &base, PanelSetup *panel,
               QString *error)
{
    if (!value.isObject()) {
        *error = tr("%1: expected an object, found %2").arg(path, jsonTypeName(value));
        return false;
    }
    const QJsonObject object = value.toObject();
    const Reader reader(object, path);
    int protocol = 0;
    const QStringList protocols{protocolName(Protocol::Auto), protocolName(Protocol::TransportWs),
                                protocolName(Protocol::LegacyWs)};
    if (!reader.string("url", &panel->url, error) ||
        !reader.boolean("embeddedServer", &panel->embeddedServer, error) ||
        !reader.oneOf("protocol", protocols, &protocol, error) ||
        !reader.string("headers", &panel->headers, error) ||
        !reader.string("queryToken", &panel->queryToken, error) ||
        !reader.string("initPayload", &panel->initPayload, error) ||
        !reader.string("query", &panel->query, error) ||
        !reader.string("variables", &panel->variables, error))
        return false;
    panel->protocol = Protocol(protocol);
    return readSchema(object.value(QLatin1String("schema")), reader.member("schema"), base, panel,
                      error);
}

QString storedPath(const QString &file, const QDir &base)
{
    const QString relative = base.relativeFilePath(file);
    const bool outside = relative == QLatin1String("..") ||
                         relative.startsWith(QLatin1String("../")) ||
                         QFileInfo(relative).isAbsolute();
    return outside ? file : relative;
}

} // namespace

QByteArray workspaceToJson(const Workspace &workspace, const QDir &base)
{
    QJsonArray panels;
    for (const PanelSetup &p : workspace.panels) {
        QJsonObject schema{{QStringLiteral("source"), sourceName(p.schemaSource)}};
        if (p.schemaSource == Kind::Introspection && !p.introspectionUrl.isEmpty())
            schema.insert(QStringLiteral("url"), p.introspectionUrl);
        if (p.schemaSource == Kind::SdlFile && !p.schemaFile.isEmpty())
            schema.insert(QStringLiteral("path"), storedPath(p.schemaFile, base));
        panels.append(QJsonObject{
            {QStringLiteral("url"), p.url},
            {QStringLiteral("embeddedServer"), p.embeddedServer},
            {QStringLiteral("protocol"), protocolName(p.protocol)},
            {QStringLiteral("headers"), p.headers},
            {QStringLiteral("queryToken"), p.queryToken},
            {QStringLiteral("initPayload"), p.initPayload},
            {QStringLiteral("query"), p.query},
            {QStringLiteral("variables"), p.variables},
            {QStringLiteral("schema"), schema},
        });
    }
    const QJsonObject root{
        {QStringLiteral("format"), FormatName},
        {QStringLiteral("version"), WorkspaceFormatVersion},
        {QStringLiteral("currentPanel"), workspace.currentPanel},
        {QStringLiteral("panels"), panels},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool workspaceFromJson(const QByteArray &json, const QDir &base, Workspace *workspace,
                       QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("not JSON: %1 at %2")
                     .arg(parseError.errorString(), lineColumn(json, parseError.offset));
        return false;
    }
    if (!document.isObject()) {
        *error = tr("not a Subscope workspace: the document is not a JSON object");
        return false;
    }
    const QJsonObject root = document.object();
    if (root.value(QLatin1String("format")).toString() != FormatName) {
        *error = tr("not a Subscope workspace: \"format\" is not \"%1\"").arg(FormatName);
        return false;
    }
    const QJsonValue version = root.value(QLatin1String("version"));
    if (!version.isDouble() || version.toDouble() != double(version.toInt())) {
        *error = tr("version: expected a whole number, found %1")
                     .arg(version.isDouble() ? QString::number(version.toDouble())
                                             : jsonTypeName(version));
        return false;
    }
    if (version.toInt() > WorkspaceFormatVersion) {
        *error = tr("written by a newer Subscope (workspace version %1; this one reads up to "
                    "version %2)")
                     .arg(version.toInt())
                     .arg(WorkspaceFormatVersion);
        return false;
    }
    if (version.toInt() < 1) {
        *error = tr("version: %1 is not a workspace version").arg(version.toInt());
        return false;
    }

    Workspace read;
    const QJsonValue panels = root.value(QLatin1String("panels"));
    if (!panels.isUndefined() && !panels.isArray()) {
        *error = tr("panels: expected an array, found %1").arg(jsonTypeName(panels));
        return false;
    }
    const QJsonArray list = panels.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        PanelSetup panel;
        if (!readPanel(list.at(i), QStringLiteral("panels[%1]").arg(i), base, &panel, error))
            return false;
        read.panels << panel;
    }
    const QJsonValue current = root.value(QLatin1String("currentPanel"));
    if (!current.isUndefined()) {
        const double at = current.toDouble(-1);
        if (!current.isDouble() || at != double(int(at)) || at < 0 ||
            (at >= double(read.panels.size()) && at != 0)) {
            *error = tr("currentPanel: expected the index of one of the %1 panels, found %2")
                         .arg(read.panels.size())
                         .arg(current.isDouble() ? QString::number(current.toDouble())
                                                 : jsonTypeName(current));
            return false;
        }
        read.currentPanel = int(at);
    }
    *workspace = read;
    return true;
}

bool saveWorkspaceFile(const QString &path, const Workspace &workspace, QString *error)
{
    QSaveFile file(path);
    // Upgrade headers, tokens and init payloads are credentials: for the owner's eyes only.
    const bool credentials =
        std::any_of(workspace.panels.begin(), workspace.panels.end(), [](const PanelSetup &p) {
            return !p.headers.trimmed().isEmpty() || !p.queryToken.trimmed().isEmpty() ||
                   !p.initPayload.trimmed().isEmpty();
        });
    if (!file.open(QIODevice::WriteOnly) ||
        (credentials && !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)) ||
        file.write(workspaceToJson(workspace, QFileInfo(path).absoluteDir())) < 0 ||
        !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool loadWorkspaceFile(const QString &path, Workspace *workspace, QString *error)
{
    QFile file(path);
    if (QFileInfo(path).isDir()) {
        *error = tr("Cannot read %1: it is a directory").arg(path);
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.size() > MaxFileSize) {
        *error = tr("%1: %2 bytes is too large for a workspace (at most %3)")
                     .arg(path)
                     .arg(file.size())
                     .arg(MaxFileSize);
        return false;
    }
    QString problem;
    if (!workspaceFromJson(file.readAll(), QFileInfo(path).absoluteDir(), workspace, &problem)) {
        *error = tr("%1: %2").arg(path, problem);
        return false;
    }
    return true;
}

} // namespace subscope::ui
