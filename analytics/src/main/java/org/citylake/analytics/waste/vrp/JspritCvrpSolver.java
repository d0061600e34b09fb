package org.citylake.analytics.waste.vrp;

import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.acceptor.SolutionAcceptor;
import com.graphhopper.jsprit.core.algorithm.box.Jsprit;
import com.graphhopper.jsprit.core.algorithm.listener.AlgorithmStartsListener;
import com.graphhopper.jsprit.core.algorithm.listener.IterationStartsListener;
import com.graphhopper.jsprit.core.algorithm.termination.TimeTermination;
import com.graphhopper.jsprit.core.problem.Location;
import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.job.Service;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TourActivity;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleImpl;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleType;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleTypeImpl;
import com.graphhopper.jsprit.core.util.FastVehicleRoutingTransportCostsMatrix;
import com.graphhopper.jsprit.core.util.Solutions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The CVRP with jsprit's ruin-and-recreate search ({@code Jsprit} box algorithm: radial, random,
 * cluster, worst and string ruins; best and regret insertion), on one thread.
 *
 * <p>jsprit's threshold acceptance (Schrimpf et al.) lowers its threshold over the iterations it is
 * told to run; under a time limit the iterations are unknown, so this solver lowers the threshold
 * over the elapsed share of the time limit instead ({@link TimedThresholdAcceptance}), or over the
 * iterations when {@link Settings#iterations()} is set (then a run is reproducible for a seed, the
 * time limit only a safety stop).
 */
public final class JspritCvrpSolver implements CvrpSolver {

    /**
     * @param thresholdInitial initial threshold as a share of the first solution's cost
     * @param thresholdAlpha the threshold halves every {@code alpha} of the run
     * @param iterations fixed iterations (reproducible), or 0 to run until the time limit
     * @param properties further {@link Jsprit.Parameter} / {@link Jsprit.Strategy} settings by name
     *     (e.g. {@code "string_best"} → {@code "0.3"})
     */
    public record Settings(
            double thresholdInitial,
            double thresholdAlpha,
            int iterations,
            Map<String, String> properties) {

        public Settings {
            properties = Map.copyOf(properties);
        }

        /** jsprit's own defaults for the threshold (3 % of the first cost, alpha 0.3), timed. */
        public static Settings defaults() {
            return new Settings(
                    0.03, 0.3, 0, Map.of(Jsprit.Parameter.FAST_REGRET.toString(), "true"));
        }

        public Settings withIterations(int n) {
            return new Settings(thresholdInitial, thresholdAlpha, n, properties);
        }
    }

    private final Settings settings;

    public JspritCvrpSolver() {
        this(Settings.defaults());
    }

    public JspritCvrpSolver(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "jsprit";
    }

    @Override
    public CvrpSolution solve(CvrpProblem problem, Duration timeLimit, long seed) {
        return solve(problem, timeLimit, seed, null);
    }

    /**
     * As {@link #solve(CvrpProblem, Duration, long)}, starting from a given plan (e.g. another
     * solver's) instead of jsprit's own construction.
     */
    public CvrpSolution solve(
            CvrpProblem problem, Duration timeLimit, long seed, CvrpSolution initial) {
        long deadline = System.nanoTime() + timeLimit.toNanos();
        if (problem.customers() == 0) {
            return new CvrpSolution(List.of(), 0);
        }
        Model model = Model.of(problem);
        Jsprit.Builder builder =
                Jsprit.Builder.newInstance(model.vrp)
                        .setRandom(new Random(seed))
                        .setProperty(Jsprit.Parameter.THREADS, "1");
        settings.properties().forEach(builder::setProperty);
        long budgetNanos = Math.max(1_000_000, deadline - System.nanoTime());
        TimedThresholdAcceptance acceptance =
                new TimedThresholdAcceptance(
                        settings.thresholdInitial(),
                        settings.thresholdAlpha(),
                        budgetNanos,
                        settings.iterations());
        builder.setCustomAcceptor(acceptance);
        VehicleRoutingAlgorithm algorithm = builder.buildAlgorithm();
        algorithm.addListener(acceptance);
        algorithm.setMaxIterations(
                settings.iterations() > 0 ? settings.iterations() : Integer.MAX_VALUE);
        // the search gets what is left after building the model and the algorithm
        TimeTermination stop =
                new TimeTermination(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        algorithm.addTerminationCriterion(stop);
        algorithm.addListener(stop);
        if (initial != null) {
            algorithm.addInitialSolution(model.toJsprit(initial));
        }
        VehicleRoutingProblemSolution best = Solutions.bestOf(algorithm.searchSolutions());
        if (!best.getUnassignedJobs().isEmpty()) {
            throw new IllegalStateException(
                    problem.name()
                            + ": jsprit left "
                            + best.getUnassignedJobs().size()
                            + " customers unassigned"
                            + (problem.vehicleLimit() > 0
                                    ? " (at most " + problem.vehicleLimit() + " vehicles)"
                                    : ""));
        }
        List<List<Integer>> routes = new ArrayList<>();
        for (VehicleRoute route : best.getRoutes()) {
            List<Integer> nodes = new ArrayList<>();
            for (TourActivity act : route.getActivities()) {
                nodes.add(act.getLocation().getIndex());
            }
            if (!nodes.isEmpty()) {
                routes.add(nodes);
            }
        }
        return CvrpSolution.of(problem, routes);
    }

    /** The problem in jsprit's terms: a location per node (by index), a service per customer. */
    private record Model(
            VehicleRoutingProblem vrp, List<Service> services, List<VehicleImpl> vehicles) {

        static Model of(CvrpProblem p) {
            int n = p.size();
            FastVehicleRoutingTransportCostsMatrix.Builder costs =
                    FastVehicleRoutingTransportCostsMatrix.Builder.newInstance(n, false);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    costs.addTransportTimeAndDistance(i, j, p.cost(i, j), p.cost(i, j));
                }
            }
            VehicleType type =
                    VehicleTypeImpl.Builder.newInstance("truck")
                            .addCapacityDimension(
                                    0, (int) Math.min(p.capacity(), Integer.MAX_VALUE))
                            .setCostPerDistance(1.0)
                            .setCostPerTransportTime(0.0)
                            .setCostPerTime(0.0)
                            .setCostPerWaitingTime(0.0)
                            .setFixedCost(0.0)
                            .build();
            Location depot = location(0);
            VehicleRoutingProblem.Builder b =
                    VehicleRoutingProblem.Builder.newInstance().setRoutingCost(costs.build());
            int fleet = p.vehicleLimit();
            List<VehicleImpl> vehicles = new ArrayList<>();
            if (fleet == 0) {
                b.setFleetSize(VehicleRoutingProblem.FleetSize.INFINITE);
                vehicles.add(vehicle("truck", type, depot));
            } else {
                b.setFleetSize(VehicleRoutingProblem.FleetSize.FINITE);
                for (int k = 0; k < fleet; k++) {
                    vehicles.add(vehicle("truck-" + k, type, depot));
                }
            }
            vehicles.forEach(b::addVehicle);
            List<Service> services = new ArrayList<>(n);
            services.add(null);
            for (int i = 1; i < n; i++) {
                Service s =
                        Service.Builder.newInstance(String.valueOf(i))
                                .addSizeDimension(0, p.demand()[i])
                                .setLocation(location(i))
                                .build();
                services.add(s);
                b.addJob(s);
            }
            return new Model(b.build(), services, vehicles);
        }

        private static Location location(int index) {
            return Location.Builder.newInstance()
                    .setIndex(index)
                    .setId(String.valueOf(index))
                    .build();
        }

        private static VehicleImpl vehicle(String id, VehicleType type, Location depot) {
            return VehicleImpl.Builder.newInstance(id)
                    .setStartLocation(depot)
                    .setReturnToDepot(true)
                    .setType(type)
                    .build();
        }

        /** A plan as a jsprit solution, for jsprit to start from. */
        VehicleRoutingProblemSolution toJsprit(CvrpSolution plan) {
            List<VehicleRoute> routes = new ArrayList<>();
            for (int r = 0; r < plan.routes().size(); r++) {
                VehicleImpl v = vehicles.get(vehicles.size() == 1 ? 0 : r);
                VehicleRoute.Builder rb =
                        VehicleRoute.Builder.newInstance(v)
                                .setJobActivityFactory(vrp.getJobActivityFactory());
                for (int node : plan.routes().get(r)) {
                    rb.addService(services.get(node));
                }
                routes.add(rb.build());
            }
            return new VehicleRoutingProblemSolution(routes, plan.cost());
        }
    }

    /**
     * Threshold acceptance (Schrimpf et al. 2000, as jsprit's) with one solution in memory: a new
     * solution replaces the current one if it costs less than the current cost plus the threshold.
     * The threshold starts at a share of the first solution's cost and halves every {@code alpha}
     * of the run, measured in elapsed time (or in iterations when those are fixed).
     */
    static final class TimedThresholdAcceptance
            implements SolutionAcceptor, IterationStartsListener, AlgorithmStartsListener {
        private final double initialShare;
        private final double alpha;
        private final long budgetNanos;
        private final int iterations;
        private long start;
        private double initialThreshold = -1;
        private double threshold;

        TimedThresholdAcceptance(
                double initialShare, double alpha, long budgetNanos, int iterations) {
            this.initialShare = initialShare;
            this.alpha = alpha;
            this.budgetNanos = budgetNanos;
            this.iterations = iterations;
        }

        @Override
        public void informAlgorithmStarts(
                VehicleRoutingProblem problem,
                VehicleRoutingAlgorithm algorithm,
                Collection<VehicleRoutingProblemSolution> solutions) {
            start = System.nanoTime();
        }

        @Override
        public void informIterationStarts(
                int i,
                VehicleRoutingProblem problem,
                Collection<VehicleRoutingProblemSolution> solutions) {
            if (initialThreshold < 0 && !solutions.isEmpty()) {
                initialThreshold = Solutions.bestOf(solutions).getCost() * initialShare;
            }
            double progress =
                    iterations > 0
                            ? (double) i / iterations
                            : (double) (System.nanoTime() - start) / budgetNanos;
            progress = Math.min(1.0, Math.max(0.0, progress));
            threshold = Math.max(0, initialThreshold) * Math.exp(-Math.log(2) * progress / alpha);
        }

        @Override
        public boolean acceptSolution(
                Collection<VehicleRoutingProblemSolution> solutions,
                VehicleRoutingProblemSolution newSolution) {
            if (solutions.isEmpty()) {
                solutions.add(newSolution);
                return true;
            }
            VehicleRoutingProblemSolution worst = null;
            for (VehicleRoutingProblemSolution s : solutions) {
                if (worst == null || s.getCost() > worst.getCost()) {
                    worst = s;
                }
            }
            if (newSolution.getCost() < worst.getCost() + threshold) {
                solutions.remove(worst);
                solutions.add(newSolution);
                return true;
            }
            return false;
        }
    }
}
