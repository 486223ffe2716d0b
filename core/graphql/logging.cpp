#include "logging.h"

Q_LOGGING_CATEGORY(lcGraphql, "subscope.graphql", QtInfoMsg)
