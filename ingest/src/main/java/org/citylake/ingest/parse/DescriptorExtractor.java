package org.citylake.ingest.parse;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.citylake.model.feed.ColumnSpec;
import org.citylake.model.feed.ColumnType;
import org.citylake.model.feed.EntityDescriptor;
import org.citylake.model.feed.ObservedSpec;
import org.citylake.model.feed.SensorSpec;

/**
 * Turns one entity of a descriptor's type into the columns of its clean table, in this order:
 *
 * <ol>
 *   <li>the asset (the sensor), from the first present of its attributes; from then on details name
 *       it;
 *   <li>the observation time (an instant, or an interval and its length), checked not to lie in the
 *       future; a missing asset is refused only now, so the rejection carries the time;
 *   <li>each column in descriptor order: type, unit and range, allowed values, required, at most
 *       another attribute;
 *   <li>derived columns left empty whose operands are known.
 * </ol>
 */
final class DescriptorExtractor implements Serializable {

    private static final long serialVersionUID = 1L;

    private final EntityDescriptor entity;
    private final ValueSlots slots;
    private final int lengthSlot;
    private final List<Column> columns;
    private final boolean derives;

    /** The attributes that give the observation time, in the descriptor's order. */
    private final String[] timeAttributes;

    /**
     * The attributes read into columns, in the descriptor's order: when no time attribute is
     * present, the first of them that was sent with its own time gives the observation time.
     */
    private final String[] ownTimeAttributes;

    /**
     * A column compiled against the slots: its own slot, the slot of the column whose attribute
     * bounds it ({@code atMost}, -1 unless read before it), the slots of a derivation's operands.
     */
    private record Column(
            ColumnSpec spec,
            NumberRule rule,
            ColumnSpec.Derivation derivation,
            int slot,
            int boundSlot,
            int leftSlot,
            int rightSlot)
            implements Serializable {}

    DescriptorExtractor(EntityDescriptor entity) {
        this.entity = entity;
        this.slots = ValueSlots.of(entity);
        String length = entity.observedAt().lengthColumn();
        this.lengthSlot = length == null ? -1 : slots.slotOf(length);
        List<Column> compiled = new ArrayList<>();
        Map<String, Integer> slotByAttribute = new HashMap<>();
        for (ColumnSpec spec : entity.columns()) {
            if (spec.attribute() == null && spec.derive() == null) {
                continue; // the interval length, placed among the columns
            }
            int slot = slots.slotOf(spec.name());
            ColumnSpec.Derivation derivation = spec.derivation();
            compiled.add(
                    new Column(
                            spec,
                            spec.type().numeric() ? NumberRule.of(spec) : null,
                            derivation,
                            slot,
                            spec.atMost() == null
                                    ? -1
                                    : slotByAttribute.getOrDefault(spec.atMost(), -1),
                            derivation == null ? -1 : slots.slotOf(derivation.left()),
                            derivation == null ? -1 : slots.slotOf(derivation.right())));
            if (spec.attribute() != null) {
                slotByAttribute.putIfAbsent(spec.attribute(), slot);
            }
        }
        this.columns = List.copyOf(compiled);
        this.derives = compiled.stream().anyMatch(c -> c.derivation() != null);
        this.timeAttributes = entity.observedAt().attributes().toArray(String[]::new);
        this.ownTimeAttributes =
                entity.columns().stream()
                        .map(ColumnSpec::attribute)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toArray(String[]::new);
    }

    EntityDescriptor entity() {
        return entity;
    }

    /** Every attribute this type reads, for the scanner. */
    List<String> attributes() {
        List<String> names = new ArrayList<>(entity.sensor().attributes());
        names.addAll(entity.observedAt().allAttributes());
        for (ColumnSpec spec : entity.columns()) {
            if (spec.attribute() != null) {
                names.add(spec.attribute());
            }
            if (spec.fallback() != null) {
                names.add(spec.fallback());
            }
        }
        return names;
    }

    ParsedReading extract(EntityReader in) {
        SensorSpec sensorSpec = entity.sensor();
        String sensor = null;
        for (String attribute : sensorSpec.attributes()) {
            sensor = attribute.equals(SensorSpec.ENTITY_ID) ? in.entityId() : in.text(attribute);
            if (sensor != null) {
                break;
            }
        }
        if (sensor != null) {
            in.aboutSensor(sensor);
        }
        Integer length = observationTime(in, entity.observedAt());
        in.required(sensor, String.join(" or ", sensorSpec.attributes()));

        Object[] values = new Object[slots.size()];
        values[0] = sensor;
        if (lengthSlot >= 0 && length != null) {
            values[lengthSlot] = length;
        }
        for (Column column : columns) {
            ColumnSpec spec = column.spec();
            Object value = null;
            if (spec.attribute() != null) {
                value = read(in, spec.attribute(), column);
                if (value == null && spec.fallback() != null) {
                    try {
                        value = read(in, spec.fallback(), column);
                    } catch (RejectedReading ignored) {
                        value = null; // a fallback is used only when it is valid
                    }
                }
                if (spec.required()) {
                    in.required(value, spec.attribute());
                }
                if (value != null && column.boundSlot() >= 0) {
                    Object bound = values[column.boundSlot()];
                    if (bound instanceof Number limit
                            && ((Number) value).doubleValue() > limit.doubleValue()) {
                        throw in.reject(
                                RejectReason.OUT_OF_RANGE,
                                spec.attribute()
                                        + "="
                                        + value
                                        + unitSuffix(spec)
                                        + " is above "
                                        + spec.atMost()
                                        + "="
                                        + bound);
                    }
                }
            }
            if (value != null) {
                values[column.slot()] = value;
            }
        }
        for (Column column : derives ? columns : List.<Column>of()) {
            if (column.derivation() == null || values[column.slot()] != null) {
                continue;
            }
            Object left = column.leftSlot() < 0 ? null : values[column.leftSlot()];
            Object right = column.rightSlot() < 0 ? null : values[column.rightSlot()];
            if (left instanceof Number a && right instanceof Number b) {
                Double result = column.derivation().apply(a.doubleValue(), b.doubleValue());
                if (result != null) {
                    values[column.slot()] = typed(result, column.spec().type());
                }
            }
        }
        return new ParsedReading(entity, in.entityId(), in.observedAt(), sensor, slots, values);
    }

    private static Object read(EntityReader in, String attribute, Column column) {
        ColumnSpec spec = column.spec();
        return switch (spec.type()) {
            case TEXT -> {
                String text = spec.list() ? in.textOrList(attribute) : in.text(attribute);
                if (text != null && !spec.values().isEmpty()) {
                    yield in.oneOf(attribute, spec.values());
                }
                yield text;
            }
            case INT -> in.integer(attribute, column.rule());
            case LONG -> in.wholeNumber(attribute, column.rule());
            case DOUBLE ->
                    spec.fallback() != null && !attribute.equals(spec.attribute())
                            ? in.numberIfValid(attribute, column.rule())
                            : in.number(attribute, column.rule());
            case BOOLEAN -> in.bool(attribute);
            case TIMESTAMP -> in.instant(attribute);
        };
    }

    private static String unitSuffix(ColumnSpec spec) {
        String unit = spec.shownUnit();
        return unit.isEmpty() ? "" : " " + unit;
    }

    private static Object typed(double value, ColumnType type) {
        return switch (type) {
            case INT -> (int) Math.round(value);
            case LONG -> Math.round(value);
            default -> value;
        };
    }

    /**
     * Sets the observation time; returns the interval length in seconds when both ends are known.
     */
    private Integer observationTime(EntityReader in, ObservedSpec spec) {
        if (!spec.isInterval()) {
            in.observedAt(timeAttributes, ownTimeAttributes);
            return null;
        }
        Instant start = in.instant(spec.from());
        String startAttribute = spec.from();
        Instant end = spec.to() == null ? null : in.instant(spec.to());
        String endAttribute = spec.to();
        if ((start == null || end == null) && spec.interval() != null) {
            TimeInterval observed = in.instantOrInterval(spec.interval());
            if (observed != null) {
                if (start == null) {
                    start = observed.start();
                    startAttribute = spec.interval();
                }
                if (end == null && observed.end() != null) {
                    end = observed.end();
                    endAttribute = spec.interval();
                }
            }
        }
        if (start == null) {
            start = in.ownTime(ownTimeAttributes);
            startAttribute = in.ownTimeAttribute();
        }
        if (start == null) {
            throw in.reject(
                    RejectReason.MISSING_FIELD,
                    "no observation time: none of "
                            + spec.from()
                            + (spec.interval() == null ? "" : ", " + spec.interval())
                            + " is present"
                            + EntityReader.NO_OWN_TIME);
        }
        in.observedAt(start, startAttribute);
        if (end == null) {
            return null;
        }
        long seconds = Duration.between(start, end).getSeconds();
        if (seconds <= 0 || seconds > Integer.MAX_VALUE) {
            throw in.reject(
                    RejectReason.OUT_OF_RANGE,
                    "observation interval "
                            + startAttribute
                            + "="
                            + start
                            + " to "
                            + endAttribute
                            + "="
                            + end
                            + (seconds <= 0 ? " does not end after it starts" : " is too long"));
        }
        return (int) seconds;
    }
}
