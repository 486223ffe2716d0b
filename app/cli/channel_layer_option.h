#pragma once

#include "server/server_config.h"

#include <QCommandLineParser>

namespace subscope::cli {

// --channel-layer URL and --channel-layer-prefix PREFIX, for the headless server and the
// explorer's embedded one.
void addChannelLayerOptions(QCommandLineParser &parser);
// Sets config.redis (from the option or SUBSCOPE_CHANNEL_LAYER) and the prefix; false with
// *error in words for a bad URL or prefix.
bool applyChannelLayerOptions(const QCommandLineParser &parser, server::ServerConfig *config,
                              QString *error);

} // namespace subscope::cli
