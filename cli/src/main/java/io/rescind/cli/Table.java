package io.rescind.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: columns as wide as their widest cell, two spaces apart. */
final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        var row = new ArrayList<String>();
        for (var cell : cells) {
            row.add(cell == null ? "" : String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    void print(PrintWriter out) {
        var widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (var row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        line(out, headers, widths);
        for (var row : rows) {
            line(out, row, widths);
        }
        out.flush();
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
        var text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            text.append(cells.get(i));
            if (i < cells.size() - 1) {
                text.append(" ".repeat(widths[i] - cells.get(i).length() + 2));
            }
        }
        out.println(text.toString().stripTrailing());
    }
}
