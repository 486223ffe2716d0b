#include "logging.h"

Q_LOGGING_CATEGORY(lcServer, "subscope.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "subscope.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRedis, "subscope.redis", QtInfoMsg)
