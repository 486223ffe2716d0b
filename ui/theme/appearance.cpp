#include "appearance.h"

#include <QApplication>
#include <QEvent>
#include <QPalette>
#include <QPointer>
#include <QStyle>
#include <QStyleFactory>

namespace subscope::ui {

namespace {

Appearance g_current = Appearance::System;

const QString &systemStyle()
{
    static const QString name = QApplication::style()->name();
    return name;
}

QPalette darkPalette()
{
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x7a, 0x7a, 0x7a);
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8a, 0x8a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x7b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x50, 0x50, 0x50));
    p.setColor(QPalette::Midlight, QColor(0x45, 0x45, 0x45));
    p.setColor(QPalette::Mid, QColor(0x40, 0x40, 0x40));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1a, 0x1a));
    p.setColor(QPalette::Shadow, QColor(0x0f, 0x0f, 0x0f));
    p.setColor(QPalette::Link, QColor(0x5d, 0xad, 0xe2));
    p.setColor(QPalette::LinkVisited, QColor(0xaf, 0x7a, 0xc5));
    p.setColor(QPalette::Highlight, QColor(0x2e, 0x6d, 0xa4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::HighlightedText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x3a, 0x3a, 0x3a));
    return p;
}

void useStyle(const QString &name)
{
    if (name.isEmpty() || QApplication::style()->name().compare(name, Qt::CaseInsensitive) == 0)
        return;
    if (QStyle *style = QStyleFactory::create(name)) QApplication::setStyle(style);
}

// Sees the application's palette changes, once for all who asked: QEvent::ApplicationPaletteChange
// sent to the application object itself (the copies sent to each widget are not counted).
class PaletteNotifier : public QObject
{
    Q_OBJECT
public:
    static PaletteNotifier &instance()
    {
        static auto *notifier = new PaletteNotifier(qApp);
        return *notifier;
    }

signals:
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange) emit changed();
        return false;
    }

private:
    explicit PaletteNotifier(QObject *parent)
        : QObject(parent)
    {
        qApp->installEventFilter(this);
    }
};

} // namespace

QString appearanceName(Appearance appearance)
{
    switch (appearance) {
    case Appearance::Light:
        return QStringLiteral("light");
    case Appearance::Dark:
        return QStringLiteral("dark");
    case Appearance::System:
        break;
    }
    return QStringLiteral("system");
}

std::optional<Appearance> appearanceFromName(const QString &name)
{
    for (const Appearance a : {Appearance::System, Appearance::Light, Appearance::Dark})
        if (name.compare(appearanceName(a), Qt::CaseInsensitive) == 0) return a;
    return std::nullopt;
}

void applyAppearance(Appearance appearance)
{
    const QString &system = systemStyle();
    if (appearance == g_current) return;
    g_current = appearance;
    switch (appearance) {
    case Appearance::System:
        useStyle(system);
        // A palette without roles of its own: the application takes the platform theme's again,
        // and follows it.
        QApplication::setPalette(QPalette());
        return;
    case Appearance::Light: {
        useStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    case Appearance::Dark:
        useStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(darkPalette());
        return;
    }
}

Appearance currentAppearance()
{
    return g_current;
}

void onApplicationPaletteChange(QObject *context, std::function<void()> changed)
{
    QObject::connect(&PaletteNotifier::instance(), &PaletteNotifier::changed, context,
                     std::move(changed));
}

} // namespace subscope::ui

#include "appearance.moc"
