package org.citylake.lakehouse.tables;

import java.util.List;

/**
 * Tables defined outside the lakehouse module, e.g. the gold tables of the analytics jobs: each
 * implementation named in {@code META-INF/services/org.citylake.lakehouse.tables.TableSet} on the
 * class path joins the {@link TableRegistry}, so {@code lakehouse init} creates its tables.
 */
public interface TableSet {
    List<TableDef> tables();
}
