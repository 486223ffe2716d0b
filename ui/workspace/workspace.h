#pragma once

#include "client/connection_settings.h"
#include "schema/schema_source.h"

#include <QByteArray>
#include <QDir>
#include <QList>
#include <QString>

namespace subscope::ui {

// What a client panel is set up with, as a workspace file keeps it.
struct PanelSetup
{
    QString url;
    // The URL was the embedded server's: the panel reopens on the embedded server's URL of the
    // day (its port may have changed).
    bool embeddedServer = false;
    ConnectionSettings::Protocol protocol = ConnectionSettings::Protocol::Auto;
    QString headers; // "Name: value" lines, as typed
    QString queryToken;
    QString initPayload; // JSON text, as typed; empty: no payload
    QString query;
    QString variables;
    SchemaSource::Kind schemaSource = SchemaSource::Kind::EmbeddedServer;
    QString introspectionUrl; // for Kind::Introspection; empty: follows the panel's URL
    QString schemaFile;       // for Kind::SdlFile; absolute in memory

    bool operator==(const PanelSetup &) const = default;
};

// The client panels of a window, saved with File › Save workspace.
struct Workspace
{
    QList<PanelSetup> panels;
    int currentPanel = 0; // the tab shown; 0 when there are no panels

    bool operator==(const Workspace &) const = default;
};

// The workspace file:
//   {"format": "subscope-workspace", "version": 1, "currentPanel": 0,
//    "panels": [{"url": "ws://…", "embeddedServer": true, "protocol": "auto",
//                "headers": "…", "queryToken": "…", "initPayload": "…", "query": "…",
//                "variables": "…", "schema": {"source": "embedded"}}]}
// "protocol" is auto, graphql-transport-ws or graphql-ws; "schema" is {"source": "embedded"},
// {"source": "introspection", "url": "…"} (no "url": the one derived from the panel's URL) or
// {"source": "file", "path": "…"}, a path relative to the workspace file's directory when the
// file is under it (a workspace kept in a project repository works from any clone). Keys a reader
// does not know are ignored; a missing key takes its default. A file with upgrade headers, a
// token or an init payload is written readable by its owner only.
constexpr int WorkspaceFormatVersion = 1;

QByteArray workspaceToJson(const Workspace &workspace, const QDir &base);
// False with *error saying what is wrong and where ("panels[1].protocol: …"); *workspace is left
// as it was.
bool workspaceFromJson(const QByteArray &json, const QDir &base, Workspace *workspace,
                       QString *error);

// Whole-file writes (QSaveFile: a failed save leaves the previous file) and reads; errors name
// the file.
bool saveWorkspaceFile(const QString &path, const Workspace &workspace, QString *error);
bool loadWorkspaceFile(const QString &path, Workspace *workspace, QString *error);

} // namespace subscope::ui
