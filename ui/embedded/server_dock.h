#pragma once

#include "embedded_server.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QMenu;
class QPushButton;
class QSpinBox;

namespace subscope::ui {

class RateChart;
class RecentList;

// The server dock: start and stop the embedded server, its settings and schema, live figures.
class ServerDock : public QWidget
{
    Q_OBJECT
public:
    explicit ServerDock(EmbeddedServer &server, QWidget *parent = nullptr);

    // Reads the figures now (the dock also does it every second).
    void sample();
    // The files offered under Open…'s arrow, newest first.
    void setRecentSchemaFiles(RecentList *files);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildSettings();
    QWidget *buildFigures();
    void showState();
    void showSchema();
    void settingsEdited();
    void showBindValidity();
    void showChannelLayerValidity();
    void showRedis(const ServerFigures &figures);
    void loadSettings(const server::ServerConfig &config);
    server::ServerConfig editedConfig() const;
    void openSchema();
    void fillRecentMenu();

    EmbeddedServer &m_server;
    QLabel *m_state;
    QPushButton *m_startStop;
    QPushButton *m_restart;
    QLineEdit *m_url;
    QLineEdit *m_schema;
    QMenu *m_recentMenu;
    RecentList *m_recentFiles = nullptr;
    QListWidget *m_schemaErrors;
    QSpinBox *m_port;
    QComboBox *m_bind;
    QSpinBox *m_keepalive;
    QSpinBox *m_initTimeout;
    QSpinBox *m_outboxSize;
    QComboBox *m_overflow;
    QCheckBox *m_lenient;
    QLineEdit *m_channelLayer;
    QLineEdit *m_channelPrefix;
    QLabel *m_redisLabel;
    QLabel *m_redis;
    QLabel *m_connections;
    QLabel *m_operations;
    QLabel *m_groups;
    QLabel *m_drops;
    QLabel *m_triggers;
    RateChart *m_chart;
    QTimer m_sampler;
    QElapsedTimer m_sinceSample;
    ServerFigures m_lastFigures;
    bool m_editing = false;
};

} // namespace subscope::ui
