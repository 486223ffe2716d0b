#pragma once

#include "graphql/schema.h"

#include <QString>

#include <memory>

namespace subscope::test {

QString sharedPath(const QString &relative);   // ../shared/<relative>
QString testDataPath(const QString &relative); // tests/data/<relative>

// The schemas the tests use, built once: the demo schema (../shared/spec/demo-schema.graphql),
// the vectors' rich schema, and tests/data/test-schema.graphql.
const graphql::Schema &demoSchema();
const graphql::Schema &richSchema();
const graphql::Schema &testSchema();
// The demo schema as the server takes it.
std::shared_ptr<const graphql::Schema> sharedDemoSchema();

// Builds a schema from SDL text; fails the calling test (QVERIFY) when it has errors.
std::shared_ptr<const graphql::Schema> schemaFrom(const char *sdl);

} // namespace subscope::test
