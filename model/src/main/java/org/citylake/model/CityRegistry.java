package org.citylake.model;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cities of a lake by id, as read from {@code ref.cities} when a job is planned. It travels
 * with the job's plan (serialized to a Flink cluster), so the job needs nothing else to know a
 * city's zone, CRS and policy. Immutable.
 */
public final class CityRegistry implements Serializable {

    private static final long serialVersionUID = 1L;

    private final TreeMap<String, City> cities;

    private CityRegistry(TreeMap<String, City> cities) {
        this.cities = cities;
    }

    public static CityRegistry of(Collection<City> cities) {
        TreeMap<String, City> byId = new TreeMap<>();
        for (City city : cities) {
            if (byId.put(city.id(), city) != null) {
                throw new IllegalArgumentException("city " + city.id() + " is registered twice");
            }
        }
        return new CityRegistry(byId);
    }

    public static CityRegistry of(City... cities) {
        return of(List.of(cities));
    }

    public static CityRegistry empty() {
        return new CityRegistry(new TreeMap<>());
    }

    public Optional<City> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(cities.get(id));
    }

    /**
     * @throws UnknownCityException naming the command and the file that register the city
     */
    public City require(String id) {
        City city = id == null ? null : cities.get(id);
        if (city == null) {
            throw new UnknownCityException(id);
        }
        return city;
    }

    public boolean contains(String id) {
        return id != null && cities.containsKey(id);
    }

    /** Every city, by id. */
    public List<City> all() {
        return List.copyOf(cities.values());
    }

    public List<String> ids() {
        return List.copyOf(cities.keySet());
    }

    public int size() {
        return cities.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CityRegistry other && cities.equals(other.cities);
    }

    @Override
    public int hashCode() {
        return cities.hashCode();
    }

    @Override
    public String toString() {
        return "CityRegistry" + cities.keySet();
    }
}
