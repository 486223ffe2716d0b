#include "channel_layer_option.h"

#include <algorithm>

namespace subscope::cli {

namespace {
const QString LayerName = QStringLiteral("channel-layer");
const QString PrefixName = QStringLiteral("channel-layer-prefix");
} // namespace

void addChannelLayerOptions(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(
        LayerName,
        QStringLiteral("Share events with other Subscope and Django processes through Redis, as "
                       "channels_redis's RedisPubSubChannelLayer does: "
                       "redis://[[user]:password@]host[:port][/db] (or set "
                       "SUBSCOPE_CHANNEL_LAYER). Default: events stay in this process."),
        QStringLiteral("URL")));
    parser.addOption(
        QCommandLineOption(PrefixName,
                           QStringLiteral("The channels_redis prefix of the Redis channels, "
                                          "<prefix>__group__<group> (default: asgi)."),
                           QStringLiteral("PREFIX")));
}

bool applyChannelLayerOptions(const QCommandLineParser &parser, server::ServerConfig *config,
                              QString *error)
{
    // The environment keeps a password out of the process list.
    const QString url = parser.isSet(LayerName) ? parser.value(LayerName)
                                                : qEnvironmentVariable("SUBSCOPE_CHANNEL_LAYER");
    if (!url.isEmpty()) {
        config->redis = server::parseRedisUrl(url, error);
        if (!config->redis) return false;
    }
    if (!parser.isSet(PrefixName)) return true;
    if (!config->redis) {
        *error = QStringLiteral("--channel-layer-prefix needs --channel-layer");
        return false;
    }
    const QString prefix = parser.value(PrefixName);
    if (std::any_of(prefix.begin(), prefix.end(),
                    [](QChar c) { return c.isSpace() || !c.isPrint(); })) {
        *error = QStringLiteral("--channel-layer-prefix '%1' has spaces or control characters")
                     .arg(prefix);
        return false;
    }
    config->channelLayerPrefix = prefix.toStdString();
    return true;
}

} // namespace subscope::cli
