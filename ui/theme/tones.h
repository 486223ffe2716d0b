#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

class QEvent;

namespace subscope::ui {

// What a coloured text or mark says; the colour follows the application palette, so that it reads
// on a light and on a dark base alike.
enum class Tone
{
    Error,
    Success,
    Warning,
    Muted,
};

// A palette is dark when its Base (the background of views and editors) is.
bool isDarkPalette(const QPalette &palette);
bool isDarkPalette(); // the application's palette

QColor toneColour(Tone tone);
// `html` (already escaped) in the tone's colour.
QString tonedHtml(const QString &html, Tone tone);
// A translucent tint for row backgrounds, readable under text of either palette.
QColor toneTint(Tone tone);

// A widget's palette changed, or the application's (widgets get the one or the other): what is
// drawn in tones must be drawn again.
bool isPaletteChange(const QEvent *event);

} // namespace subscope::ui
