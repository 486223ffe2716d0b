#pragma once
// What the explorer's UI tests share: a window on a free port, a connected panel, a registered
// subscription, a fired event.

#include "client/client_panel.h"
#include "client/operations_model.h"
#include "main_window.h"
#include "settings_sandbox.h"
#include "trigger/trigger_panel.h"

#include <QPushButton>
#include <QTest>

#include <memory>

namespace subscope::test {

constexpr int UiTimeout = 5000;

// The main window with its embedded server on a free port (not started).
inline std::unique_ptr<ui::MainWindow> explorerWindow()
{
    isolateSettings();
    auto window = std::make_unique<ui::MainWindow>();
    server::ServerConfig config = window->server().config();
    config.port = 0;
    window->server().setConfig(config);
    window->show();
    return window;
}

// A new panel on the embedded server with `protocol`, connected and acknowledged; null if not.
inline ui::ClientPanel *readyPanel(ui::MainWindow &window,
                                   ui::ConnectionSettings::Protocol protocol)
{
    ui::ClientPanel *panel = window.addPanel();
    panel->setProtocol(protocol);
    if (!panel->connectToServer()) return nullptr;
    const bool ready = QTest::qWaitFor(
        [panel] { return panel->connection().state() == ui::ClientConnection::State::Ready; },
        UiTimeout);
    return ready ? panel : nullptr;
}

// Subscribes with `query` through the Subscribe button; the operation's row once registered
// (W14), else -1.
inline int subscribeAndRegister(ui::ClientPanel *panel, const QString &query)
{
    panel->setQuery(query);
    const int rows = panel->operations()->rowCount();
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("subscribeButton")),
                      Qt::LeftButton);
    if (panel->operations()->rowCount() != rows + 1) return -1;
    const bool registered = QTest::qWaitFor(
        [&] { return panel->operations()->state(rows) == protocol::OperationState::Registered; },
        UiTimeout);
    return registered ? rows : -1;
}

// Fires `value` into `group` of the embedded server through the trigger panel, once.
inline void fireGroup(ui::TriggerPanel *trigger, const QString &group, const QString &value)
{
    trigger->useEmbeddedTarget();
    trigger->setMode(ui::TriggerPanel::Mode::Group);
    trigger->setRepeat(1, 10);
    trigger->setGroup(group);
    trigger->setValue(value);
    QTest::mouseClick(trigger->findChild<QPushButton *>(QStringLiteral("fireButton")),
                      Qt::LeftButton);
}

} // namespace subscope::test
