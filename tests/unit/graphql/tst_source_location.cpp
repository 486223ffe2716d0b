// Line and column of an offset, as graphql-core 3.2 computes them (the locations of W12's
// errors): code points, and Python's str.splitlines() quirks.
#include "graphql/source.h"

#include <QTest>

using namespace subscope::graphql;

class TestSourceLocation : public QObject
{
    Q_OBJECT

private slots:
    void simple()
    {
        Source s("ab\ncd");
        QCOMPARE(s.location(0), (SourceLocation{1, 1}));
        QCOMPARE(s.location(1), (SourceLocation{1, 2}));
        QCOMPARE(s.location(4), (SourceLocation{2, 2}));
    }

    void rightAfterALineBreakIsTheEndOfThePreviousLine()
    {
        Source s("{ a }\n}");
        QCOMPARE(s.location(6), (SourceLocation{1, 6}));
        Source blank("{ a }\n\n}");
        QCOMPARE(blank.location(7), (SourceLocation{2, 1}));
        QCOMPARE(Source("\n").location(1), (SourceLocation{1, 1}));
    }

    void pythonLineBreaks()
    {
        // \r\n is one break; \v, \f, U+0085, U+2028 break lines for Python too.
        // (Each offset is just after the 'b', so that the text does not end with the break.)
        QCOMPARE(Source("a\r\nb").location(4), (SourceLocation{2, 2}));
        QCOMPARE(Source("a\r\nb").location(3), (SourceLocation{1, 2}));
        QCOMPARE(Source("a\rb").location(3), (SourceLocation{2, 2}));
        QCOMPARE(Source("a\x0b"
                        "b")
                     .location(3),
                 (SourceLocation{2, 2}));
        QCOMPARE(Source("a\x0c"
                        "b")
                     .location(3),
                 (SourceLocation{2, 2}));
        QCOMPARE(Source("a\xC2\x85"
                        "b")
                     .location(4),
                 (SourceLocation{2, 2}));
        QCOMPARE(Source("a\xE2\x80\xA8"
                        "b")
                     .location(5),
                 (SourceLocation{2, 2}));
    }

    void columnsCountCodePoints()
    {
        // "😀" is 4 bytes of UTF-8, two UTF-16 units, one Python character.
        Source s("{ a(x: \"\xF0\x9F\x98\x80\") ? }");
        QCOMPARE(s.location(15), (SourceLocation{1, 13}));
        QCOMPARE(Source("\xEF\xBB\xBF{ }").location(4),
                 (SourceLocation{1, 3})); // a BOM is one character
    }

    void editorLocationIgnoresTheQuirk()
    {
        Source s("type A {\n  x: Int\n}\ntype B");
        QCOMPARE(s.editorLocation(20), (SourceLocation{4, 1}));
        QCOMPARE(s.location(20), (SourceLocation{3, 2}));
    }
};

QTEST_GUILESS_MAIN(TestSourceLocation)
#include "tst_source_location.moc"
