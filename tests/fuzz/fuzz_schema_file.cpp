// Schema files as users write them (--schema): built with their @groups/@model directives, or
// refused with errors, never a crash.
#include "fuzz_support.h"

using namespace subscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray sdl(reinterpret_cast<const char *>(data), qsizetype(size));
    const graphql::SchemaLoadResult result =
        graphql::buildSchema(sdl, QStringLiteral("fuzz.graphql"));
    if (!result.schema && result.errors.isEmpty())
        fuzz::finding("a schema refused without an error", sdl);
    return 0;
}
