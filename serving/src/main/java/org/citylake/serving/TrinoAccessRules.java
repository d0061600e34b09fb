package org.citylake.serving;

/**
 * Trino file-based access control of the stack ({@code etc/rules.json}); in every section the first
 * matching rule wins and no match means denied.
 *
 * <ul>
 *   <li>{@code admin}: everything.
 *   <li>group {@code analyst}: SELECT on {@code clean}, {@code gold} and {@code ref}. Reference
 *       data (sensors, road segments, districts, lamps, …) describes infrastructure, not people,
 *       and analysts need it to join readings to places.
 *   <li>group {@code planner}: SELECT on {@code gold} only.
 *   <li>{@code buyer_*}: may use the catalog but no table yet; the exchange grants {@code exchange}
 *       by adding a table rule.
 *   <li>{@code raw} and {@code ops} (payloads, dead letters, run logs): admin only.
 *   <li>Queries: everyone may run them, but only admin may view or kill other users' queries
 *       (everyone sees their own). Without this section Trino lets any user read any other user's
 *       query text, e.g. a buyer an analyst's. The exchange's audit reads the buyers' queries as
 *       admin.
 * </ul>
 */
public final class TrinoAccessRules {

    private TrinoAccessRules() {}

    public static String json() {
        return """
                {
                  "catalogs": [
                    {"user": "admin", "catalog": ".*", "allow": "all"},
                    {"group": "analyst|planner", "catalog": "iceberg", "allow": "read-only"},
                    {"user": "buyer_.*", "catalog": "iceberg", "allow": "read-only"}
                  ],
                  "schemas": [
                    {"user": "admin", "schema": ".*", "owner": true}
                  ],
                  "tables": [
                    {"user": "admin", "privileges": ["SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP", "GRANT_SELECT"]},
                    {"group": "analyst", "catalog": "iceberg", "schema": "clean|gold|ref", "privileges": ["SELECT"]},
                    {"group": "planner", "catalog": "iceberg", "schema": "gold", "privileges": ["SELECT"]}
                  ],
                  "queries": [
                    {"user": "admin", "allow": ["execute", "view", "kill"]},
                    {"allow": ["execute"]}
                  ]
                }
                """;
    }
}
