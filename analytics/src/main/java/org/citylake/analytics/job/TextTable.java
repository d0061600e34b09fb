package org.citylake.analytics.job;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Prints rows as an aligned text table or as CSV. */
public final class TextTable {

    private TextTable() {}

    public static void print(
            PrintStream out, List<String> header, List<List<String>> rows, boolean csv) {
        if (csv) {
            try {
                CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT);
                printer.printRecord(header);
                for (List<String> row : rows) {
                    printer.printRecord(row);
                }
                printer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], cell(row, i).length());
            }
        }
        out.println(line(header, widths));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            out.println(line(row, widths));
        }
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = cell(cells, i);
            sb.append(i == 0 ? "" : " | ");
            boolean numeric = cell.matches("-?[0-9][0-9,.]*");
            String pad = " ".repeat(widths[i] - cell.length());
            sb.append(numeric ? pad + cell : cell + (i == widths.length - 1 ? "" : pad));
        }
        return sb.toString().stripTrailing();
    }

    private static String cell(List<String> row, int i) {
        String v = i < row.size() ? row.get(i) : "";
        return v == null ? "NULL" : v;
    }
}
