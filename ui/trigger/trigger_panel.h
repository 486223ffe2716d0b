#pragma once

#include "trigger_sender.h"
#include "trigger_shot.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QComboBox;
class QCompleter;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QDoubleSpinBox;
class QSpinBox;
class QStringListModel;
class QTabWidget;

namespace subscope::ui {

class EmbeddedServer;
class JsonEditor;

// Fires test events: a JSON value into a group, or an @model type's created / updated / deleted
// event built from a form; once or N times at R per second; into the embedded server or a
// headless Subscope over HTTP. Fired events are kept in a history to fire again.
class TriggerPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TriggerPanel(EmbeddedServer &server, QWidget *parent = nullptr);

    using Mode = TriggerMode;
    void setMode(Mode mode);
    void setGroup(const QString &group);
    void setValue(const QString &json);
    void setModel(const QString &model);
    void setAction(const QString &action); // create, update, delete
    void setPk(const QString &pk);
    // The model form's field value, as typed (JSON, or text for String and ID fields).
    bool setFieldValue(const QString &field, const QString &text);
    void setRepeat(int count, double perSecond);
    void useEmbeddedTarget();
    // A headless Subscope's HTTP API (http:// or https://, host and port, maybe a base path);
    // false with the reason shown, and Fire refused, when the URL is not one.
    bool setHttpTarget(const QString &url);

    // Fires what the form says (repeated when asked: the form is read once, here); false with
    // the reason shown when the form is incomplete.
    bool fire();
    // Fire, or Stop while a repeat runs: the Fire button and Ctrl+Shift+Enter.
    void fireOrStop();
    void stopRepeating();
    bool isRepeating() const { return m_repetitionsLeft > 0; }

    QString resultText() const;
    QListWidget *history() const { return m_history; }
    QStringList groupCompletions() const;
    TriggerSender &sender() { return m_sender; }

signals:
    void resultShown(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildGroupForm();
    QWidget *buildModelForm();
    void rebuildModelFields();
    void refreshSchema();
    void refreshGroupCompletions();
    TriggerTemplate readForm() const;
    QString targetError() const; // why Fire cannot reach the chosen target, or empty
    void fireShot(const TriggerShot &shot);
    void fireNextRepetition();
    void showResult(const TriggerResult &result);
    void showError(const QString &error);
    bool applyHttpTarget(const QString &url, bool report);
    // With the embedded server as target, the greyed field shows where it listens.
    void showEmbeddedUrl();
    void addHistory(const TriggerShot &shot);
    void showPreview();

    EmbeddedServer &m_server;
    TriggerSender m_sender;
    QComboBox *m_target;
    QLineEdit *m_targetUrl;
    QLineEdit *m_token;
    QTabWidget *m_modes;
    QLineEdit *m_group;
    QStringListModel *m_groupModel;
    JsonEditor *m_value;
    QComboBox *m_model;
    QComboBox *m_action;
    QLineEdit *m_pk;
    QFormLayout *m_fieldsForm;
    QWidget *m_fieldsBox;
    QList<QPair<QString, QLineEdit *>> m_fields; // field name, its editor
    QLabel *m_preview;
    QSpinBox *m_count;
    QDoubleSpinBox *m_rate;
    QPushButton *m_fire;
    QLabel *m_result;
    QString m_shownError; // what m_result shows in the error tone; empty when not an error
    QListWidget *m_history;
    QString m_targetError; // why the HTTP target cannot be used; empty when it can
    QString m_httpUrl;     // the HTTP target last chosen, kept while the embedded one is used
    bool m_showingTargetError = false;
    QTimer m_repeat;
    TriggerTemplate m_template; // what the running repeat fires
    int m_repetitionsLeft = 0;
    int m_repetition = 0;
};

} // namespace subscope::ui
