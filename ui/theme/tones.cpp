#include "tones.h"

#include <QEvent>
#include <QGuiApplication>

namespace subscope::ui {

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

bool isDarkPalette()
{
    return isDarkPalette(QGuiApplication::palette());
}

QColor toneColour(Tone tone)
{
    // Light: contrast of at least 4.5:1 on white; dark: on #1e1e1e.
    const bool dark = isDarkPalette();
    switch (tone) {
    case Tone::Error:
        return dark ? QColor(0xff, 0x7b, 0x6b) : QColor(0xc0, 0x39, 0x2b);
    case Tone::Success:
        return dark ? QColor(0x58, 0xd6, 0x8d) : QColor(0x1e, 0x84, 0x49);
    case Tone::Warning:
        return dark ? QColor(0xf5, 0xb0, 0x41) : QColor(0xa0, 0x5a, 0x00);
    case Tone::Muted:
        break;
    }
    return dark ? QColor(0xa6, 0xac, 0xaf) : QColor(0x6c, 0x75, 0x7d);
}

QString tonedHtml(const QString &html, Tone tone)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(toneColour(tone).name(), html);
}

QColor toneTint(Tone tone)
{
    switch (tone) {
    case Tone::Error:
        return QColor(231, 76, 60, 60);
    case Tone::Success:
        return QColor(46, 204, 113, 60);
    case Tone::Warning:
        return QColor(230, 126, 34, 60);
    case Tone::Muted:
        break;
    }
    return QColor(127, 140, 141, 50);
}

} // namespace subscope::ui

namespace subscope::ui {

bool isPaletteChange(const QEvent *event)
{
    return event->type() == QEvent::PaletteChange ||
           event->type() == QEvent::ApplicationPaletteChange;
}

} // namespace subscope::ui
