package io.rescind.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** Two panels drawn with Java2D (headless): throughput and p99 latency against client count. */
final class Chart {

    private static final Color[] PALETTE = {
        new Color(0x44, 0x44, 0x44),
        new Color(0x1f, 0x77, 0xb4),
        new Color(0xd6, 0x27, 0x28),
        new Color(0x2c, 0xa0, 0x2c),
        new Color(0xff, 0x7f, 0x0e),
        new Color(0x94, 0x67, 0xbd),
        new Color(0x8c, 0x56, 0x4b)
    };

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 520;

    private Chart() {}

    /** {@code series}: a label per line, each with its rows in client order. */
    static void draw(Path file, String title, List<Integer> clients, Map<String, List<Bench.Row>> series)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 20, 26);
        panel(
                g,
                20,
                50,
                560,
                380,
                "Throughput (transactions or cancels per second)",
                clients,
                series,
                r -> r.throughput());
        panel(g, 620, 50, 560, 380, "p99 latency (ms)", clients, series, r -> r.p99() / 1000.0);
        legend(g, 20, 470, series);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void panel(
            Graphics2D g,
            int x,
            int y,
            int width,
            int height,
            String label,
            List<Integer> clients,
            Map<String, List<Bench.Row>> series,
            ToDoubleFunction<Bench.Row> value) {
        int left = x + 60;
        int top = y + 24;
        int plotWidth = width - 80;
        int plotHeight = height - 64;
        int bottom = top + plotHeight;
        double max = series.values().stream()
                .flatMap(List::stream)
                .mapToDouble(value)
                .max()
                .orElse(1);
        max = niceCeiling(max * 1.08);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(label, x, y + 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i <= 5; i++) {
            double v = max * i / 5;
            int py = bottom - (int) (plotHeight * i / 5.0);
            g.setColor(new Color(0xe6, 0xe6, 0xe6));
            g.drawLine(left, py, left + plotWidth, py);
            g.setColor(Color.DARK_GRAY);
            var text = v >= 100 ? "%,.0f".formatted(v) : "%.1f".formatted(v);
            g.drawString(text, left - 8 - g.getFontMetrics().stringWidth(text), py + 4);
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, bottom, left + plotWidth, bottom);
        g.drawLine(left, top, left, bottom);
        for (int i = 0; i < clients.size(); i++) {
            int px = xOf(i, clients.size(), left, plotWidth);
            var text = String.valueOf(clients.get(i));
            g.drawString(text, px - g.getFontMetrics().stringWidth(text) / 2, bottom + 16);
        }
        g.drawString("concurrent clients", left + plotWidth / 2 - 45, bottom + 34);
        int index = 0;
        for (var rows : series.values()) {
            g.setColor(PALETTE[index++ % PALETTE.length]);
            g.setStroke(new BasicStroke(2.2f));
            int previousX = -1;
            int previousY = -1;
            for (var row : rows) {
                int i = clients.indexOf(row.clients());
                if (i < 0) {
                    continue;
                }
                int px = xOf(i, clients.size(), left, plotWidth);
                int py = bottom - (int) (plotHeight * value.applyAsDouble(row) / max);
                g.fillOval(px - 4, py - 4, 8, 8);
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, px, py);
                }
                previousX = px;
                previousY = py;
            }
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void legend(Graphics2D g, int x, int y, Map<String, List<Bench.Row>> series) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int px = x;
        int index = 0;
        for (var name : series.keySet()) {
            g.setColor(PALETTE[index++ % PALETTE.length]);
            g.fillRect(px, y - 9, 18, 10);
            g.setColor(Color.BLACK);
            g.drawString(name, px + 24, y);
            px += 34 + g.getFontMetrics().stringWidth(name);
            if (px > WIDTH - 200) {
                px = x;
                y += 20;
            }
        }
    }

    private static int xOf(int i, int count, int left, int width) {
        return count == 1 ? left + width / 2 : left + 20 + (int) ((width - 40) * (double) i / (count - 1));
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
