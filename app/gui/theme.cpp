#include "theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <qcustomplot.h>

namespace pg::app {

namespace {

    QPalette darkPalette()
    {
        QPalette p;
        const QColor window(45, 45, 48), base(30, 30, 32), text(225, 225, 225),
            disabled(130, 130, 130);
        p.setColor(QPalette::Window, window);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, base);
        p.setColor(QPalette::AlternateBase, window);
        p.setColor(QPalette::ToolTipBase, window);
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, window);
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::BrightText, Qt::red);
        p.setColor(QPalette::Link, QColor(100, 160, 240));
        p.setColor(QPalette::Highlight, QColor(60, 120, 200));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Disabled, QPalette::Text, disabled);
        p.setColor(QPalette::Disabled, QPalette::ButtonText, disabled);
        p.setColor(QPalette::Disabled, QPalette::WindowText, disabled);
        return p;
    }

} // namespace

void applyTheme(bool dark)
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
}

} // namespace pg::app

namespace pg::app {

void stylePlot(QCustomPlot* plot)
{
    const QPalette p = QApplication::palette();
    const QColor text = p.color(QPalette::Text);
    plot->setBackground(p.brush(QPalette::Base));
    for (QCPAxis* axis : { plot->xAxis, plot->yAxis, plot->xAxis2, plot->yAxis2 }) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        QColor grid = text;
        grid.setAlpha(60);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    }
}

} // namespace pg::app
