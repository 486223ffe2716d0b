#include "logging.h"

Q_LOGGING_CATEGORY(lcProtocol, "subscope.protocol", QtInfoMsg)
