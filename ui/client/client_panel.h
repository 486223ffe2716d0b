#pragma once

#include "client_connection.h"
#include "graphql/schema.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QToolButton;

namespace subscope::ui {

class EventStreamModel;
struct PanelSetup;
class GraphqlEditor;
class JsonEditor;
class OperationsModel;
class RecentList;
class SchemaSource;
class SchemaSourceBar;

// A client panel: its own socket and subprotocol, a GraphQL editor and variables, its
// operations with their state, and the selected operation's event stream.
class ClientPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ClientPanel(QWidget *parent = nullptr);

    // `embeddedServer`: the URL is the embedded server's, and a saved workspace says so (the
    // panel then follows the server to another port); typing in the URL field ends that.
    void setUrl(const QString &url, bool embeddedServer = false);
    QString url() const;
    void setProtocol(ConnectionSettings::Protocol protocol);
    // The embedded server's schema: the panel's schema while its source is the embedded server
    // (the default; the source is chosen in the panel's options).
    void setEmbeddedSchema(std::shared_ptr<const graphql::Schema> schema);
    // The schema the panel's source gives (completion, checks, docs); null when it has none.
    std::shared_ptr<const graphql::Schema> schema() const;
    SchemaSource *schemaSource() const { return m_schemaSource; }
    SchemaSourceBar *schemaSourceBar() const { return m_schemaBar; }
    void setQuery(const QString &query);
    void setVariables(const QString &json);
    void setInitPayload(const QString &json);
    void setHeaders(const QString &lines);
    void setQueryToken(const QString &token);
    // Everything the panel is set up with (not its connection or operations), for workspaces.
    PanelSetup setup() const;
    // Takes `setup` as if typed in (the schema source loads); the connection is left as it is.
    void applySetup(const PanelSetup &setup);
    // Completions for the URL and the schema source's fields; a URL is added once connected.
    void setRecentLists(RecentList *urls, RecentList *introspectionUrls, RecentList *schemaFiles);

    // Connects with the panel's settings; false (and the reason in the status) when they are
    // wrong.
    bool connectToServer();
    void disconnectFromServer();
    // Sends the editor's document as a new operation; false with the reason in the status.
    bool subscribe();
    // Sends the editor's document with the selected operation's id (W27): e.g. subscribe: false
    // leaves its groups without ending it.
    bool sendOnSelected();
    void stopOperation(int row);
    // Stops the selected operation (Ctrl+.); false with the reason in the status when none
    // selected is running.
    bool stopSelected();
    // Clears the selected operation's stream (Ctrl+L).
    void clearStream();
    void selectOperation(int row);

    ClientConnection &connection() { return m_connection; }
    OperationsModel *operations() const { return m_operations; }
    EventStreamModel *currentStream() const;
    GraphqlEditor *editor() const { return m_editor; }
    JsonEditor *variablesEditor() const { return m_variables; }
    QString statusText() const;
    // A short title for the tab: the host and port, and the state.
    QString title() const;

signals:
    void titleChanged(const QString &title);
    void schemaChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildConnectionBar();
    QWidget *buildOptions();
    QWidget *buildEditor();
    QWidget *buildResults();
    bool send(const std::string &id, bool newOperation);
    void showState();
    void showMessage(const protocol::ClientMessage &message);
    void onFrameSent(const QByteArray &frame);
    void showStream(EventStreamModel *stream);
    void showProblems();
    void refreshOperationPicker();
    void addStopButton(int row);
    void updateButtons();
    QStringList variableProblems(const QString &text) const;
    void setNotice(const QString &text, bool error);
    void applySchema();

    ClientConnection m_connection;
    OperationsModel *m_operations;
    int m_nextId = 1;
    uint64_t m_keepalives = 0;
    QString m_notice;
    bool m_noticeIsError = false;

    QLineEdit *m_url;
    QComboBox *m_protocol;
    QPushButton *m_connect;
    QLabel *m_status;
    QToolButton *m_optionsToggle;
    QWidget *m_options;
    QPlainTextEdit *m_headers;
    QLineEdit *m_token;
    JsonEditor *m_initPayload;
    SchemaSource *m_schemaSource;
    SchemaSourceBar *m_schemaBar;
    GraphqlEditor *m_editor;
    JsonEditor *m_variables;
    QComboBox *m_operationPicker;
    QPushButton *m_subscribe;
    QPushButton *m_sendOnSelected;
    QLabel *m_problems;
    QTableView *m_operationsView;
    QTableView *m_streamView;
    QCheckBox *m_newestFirst;
    QLabel *m_dropped;
    QPlainTextEdit *m_detail;
    QPointer<EventStreamModel> m_shownStream;
    RecentList *m_recentUrls = nullptr;
    bool m_onEmbeddedServer = false;
};

} // namespace subscope::ui
