#pragma once

#include "schema_source.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace subscope::ui {

class RecentList;

// Chooses a panel's schema source: the embedded server, introspection of an HTTP URL (derived
// from the panel's WebSocket URL until the user edits it), or an SDL file; Load fetches or reads
// again; a status line says what is in effect or why it failed.
class SchemaSourceBar : public QWidget
{
    Q_OBJECT
public:
    // Extra request headers for introspection (the panel's upgrade headers); false with *error
    // when they cannot be read.
    using HeaderProvider = std::function<bool(SchemaSource::Headers *, QString *error)>;

    SchemaSourceBar(SchemaSource &source, HeaderProvider headers, QWidget *parent = nullptr);

    // The panel's WebSocket URL: the introspection URL follows it unless the user edited it.
    void setWebSocketUrl(const QString &url);
    // Chooses the source and loads from it, as choosing it in the combo box does.
    void choose(SchemaSource::Kind kind);
    // Loads again from the chosen source.
    void load();
    SchemaSource::Kind chosenKind() const;
    QString introspectionUrl() const;
    // Whether the user gave the introspection URL (else it follows the panel's URL).
    bool introspectionUrlEdited() const { return m_urlEdited; }
    // Sets the introspection URL as if typed: it no longer follows the panel's URL. Empty: it
    // follows the panel's URL again.
    void setIntrospectionUrl(const QString &url);
    QString file() const;
    void setFile(const QString &path);
    // Completions for the URL and file fields; what loads successfully is added to them.
    void setRecentLists(RecentList *urls, RecentList *files);
    // What the status line says, as plain text.
    QString statusText() const { return m_statusText; }

private:
    void showChoice();
    void showStatus();
    void showText(const QString &text, bool error);
    void remember();

protected:
    void changeEvent(QEvent *event) override;

private:
    SchemaSource &m_source;
    HeaderProvider m_headers;
    bool m_urlEdited = false;
    QString m_webSocketUrl;
    QString m_statusText;
    QComboBox *m_kind;
    QLineEdit *m_url;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QPushButton *m_load;
    QLabel *m_status;
    bool m_statusIsError = false;
    RecentList *m_recentUrls = nullptr;
    RecentList *m_recentFiles = nullptr;
};

} // namespace subscope::ui
