package org.citylake.reports;

/**
 * One part of a report: its XHTML body, or, when its analytics have no data for the city and
 * period, the line saying so.
 *
 * @param id anchor id, e.g. {@code congestion}
 * @param title heading, e.g. {@code Congestion}
 * @param body XHTML of the section (figures, tables, captions); {@code null} when absent
 * @param absentBecause why the section is left out; {@code null} when present
 */
public record Section(String id, String title, String body, String absentBecause) {

    public static Section of(String id, String title, String body) {
        return new Section(id, title, body, null);
    }

    public static Section absent(String id, String title, String because) {
        return new Section(id, title, null, because);
    }

    public boolean present() {
        return body != null;
    }
}
