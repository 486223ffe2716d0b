#pragma once

#include "traffic_model.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;
class QTreeView;

namespace subscope::ui {

// The traffic inspector: every frame in one table (like Wireshark's packet list), filters by
// text, type, connection and direction, a detail pane with the selected frame's pretty JSON,
// pause, clear and export to JSONL. Follows the newest frame while the view is at the bottom.
class TrafficInspector : public QWidget
{
    Q_OBJECT
public:
    explicit TrafficInspector(TrafficModel &model, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    void focusFilter(); // Ctrl+F
    // Writes every recorded frame (or only the selected rows) as JSONL; false with the reason
    // shown when the file cannot be written.
    bool exportTo(const QString &path, bool selectionOnly);

    // The types offered by the type filter.
    static QStringList messageTypes();

private:
    void applyFilter();
    void refreshConnections();
    void showCounts();
    void showDetail();
    void exportWithDialog(bool selectionOnly);

    TrafficModel &m_model;
    QLineEdit *m_filterText;
    QComboBox *m_type;
    QComboBox *m_connection;
    QComboBox *m_direction;
    QToolButton *m_pause;
    QToolButton *m_clear;
    QToolButton *m_export;
    QLabel *m_counts;
    QTreeView *m_view;
    QPlainTextEdit *m_detail;
    QTimer m_filterDelay; // typing a filter re-filters once the typing pauses
    bool m_follow = true; // the view was at the bottom before rows came
};

} // namespace subscope::ui
