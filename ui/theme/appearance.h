#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace subscope::ui {

// The explorer's colours: the system's (the platform theme's palette and style, followed when it
// changes), or a light or dark palette on the Fusion style whatever the system says.
enum class Appearance
{
    System,
    Light,
    Dark,
};

// "system", "light", "dark": the names kept in the settings.
QString appearanceName(Appearance appearance);
std::optional<Appearance> appearanceFromName(const QString &name);

// Sets the application's palette (and style) for `appearance`. The system's style is the one the
// application had at the first call; its palette is the platform theme's.
void applyAppearance(Appearance appearance);
Appearance currentAppearance();

// Calls `changed` after each change of the application palette (an appearance applied, or the
// system theme changing) for as long as `context` lives.
void onApplicationPaletteChange(QObject *context, std::function<void()> changed);

} // namespace subscope::ui
