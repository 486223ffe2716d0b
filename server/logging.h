#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer) // "subscope.server"
Q_DECLARE_LOGGING_CATEGORY(lcHttp)   // "subscope.http"
Q_DECLARE_LOGGING_CATEGORY(lcRedis)  // "subscope.redis"
