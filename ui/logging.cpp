#include "logging.h"

Q_LOGGING_CATEGORY(lcUi, "subscope.ui", QtInfoMsg)
