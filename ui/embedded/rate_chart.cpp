#include "rate_chart.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace subscope::ui {

namespace {
// A round maximum for the scale (1, 2, 5, 10, 20, 50, ...) so the axis label stays readable.
double niceCeiling(double value)
{
    if (value <= 1) return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0})
        if (value <= step * magnitude) return step * magnitude;
    return 10 * magnitude;
}
} // namespace

RateChart::RateChart(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Frames per second, last minute"));
}

void RateChart::addSample(double in, double out)
{
    m_samples.push_back({in, out});
    while (m_samples.size() > Capacity)
        m_samples.pop_front();
    update();
}

void RateChart::clear()
{
    m_samples.clear();
    update();
}

void RateChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QRectF area = QRectF(rect()).adjusted(1, 1, -1, -fontMetrics().height() - 2);
    p.fillRect(rect(), pal.base());
    p.setPen(QPen(pal.mid().color(), 1));
    p.drawRect(area);

    double top = 0;
    for (const Sample &s : m_samples)
        top = std::max({top, s.in, s.out});
    top = niceCeiling(top);

    const auto plot = [&](auto value, const QColor &colour) {
        if (m_samples.size() < 2) return;
        QPainterPath path;
        const double dx = area.width() / double(Capacity - 1);
        const double x0 = area.right() - dx * double(m_samples.size() - 1);
        for (size_t i = 0; i < m_samples.size(); ++i) {
            const QPointF point(x0 + dx * double(i),
                                area.bottom() - area.height() * value(m_samples[i]) / top);
            i == 0 ? path.moveTo(point) : path.lineTo(point);
        }
        p.setPen(QPen(colour, 1.5));
        p.drawPath(path);
    };
    const QColor inColour(0x2e, 0x86, 0xde);
    const QColor outColour(0xe6, 0x7e, 0x22);
    plot([](const Sample &s) { return s.in; }, inColour);
    plot([](const Sample &s) { return s.out; }, outColour);

    const Sample last = m_samples.empty() ? Sample{0, 0} : m_samples.back();
    const int baseline = height() - fontMetrics().descent() - 1;
    p.setPen(inColour);
    const QString inText = tr("in %1/s").arg(last.in, 0, 'f', 0);
    p.drawText(QPointF(2, baseline), inText);
    p.setPen(outColour);
    p.drawText(QPointF(8 + fontMetrics().horizontalAdvance(inText), baseline),
               tr("out %1/s").arg(last.out, 0, 'f', 0));
    p.setPen(pal.text().color());
    const QString scale = tr("max %1/s").arg(top, 0, 'f', 0);
    p.drawText(QPointF(width() - fontMetrics().horizontalAdvance(scale) - 2, baseline), scale);
}

} // namespace subscope::ui
