package io.github.ddbbackup.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Chooses, deterministically, the {@link Fault} each call gets. Per operation, either a script (faults consumed one
 * per call, in order, then normal service) or seeded probabilities (the same seed and the same sequence of calls give
 * the same faults). A plan for {@link #ANY_OPERATION} applies to operations that have no plan of their own.
 *
 * <p>Only calls that get past authentication and name a known operation draw a fault; the fault is drawn before the
 * rate limiter, so a fault that answers in place of the operation never counts as a call. Thread-safe.
 */
public final class FaultInjector {

    /** The operation name whose plan applies to every operation without a plan of its own. */
    public static final String ANY_OPERATION = "*";

    /** Allowed slack when checking that probabilities add up to at most 1. */
    private static final double PROBABILITY_SLACK = 1e-9;

    private interface Plan {
        Fault next();

        int remaining();
    }

    private final Set<String> operations;
    private final Map<String, Plan> plans = new HashMap<>();

    FaultInjector(Set<String> operations) {
        this.operations = Set.copyOf(operations);
    }

    /** Replaces {@code operation}'s plan by a script: the next calls get these faults in order, then none. */
    public FaultInjector script(String operation, Fault... faults) {
        return script(operation, List.of(faults));
    }

    /** Replaces {@code operation}'s plan by a script: the next calls get these faults in order, then none. */
    public synchronized FaultInjector script(String operation, List<Fault> faults) {
        checkOperation(operation);
        Deque<Fault> queue = new ArrayDeque<>(faults);
        plans.put(operation, new Plan() {
            @Override
            public Fault next() {
                Fault fault = queue.pollFirst();
                return fault == null ? Fault.none() : fault;
            }

            @Override
            public int remaining() {
                return queue.size();
            }
        });
        return this;
    }

    /**
     * Replaces {@code operation}'s plan by seeded draws: each call gets fault {@code f} with probability
     * {@code probabilities.get(f)}, and no fault with the remaining probability. The draw order does not depend on the
     * map's iteration order.
     *
     * @param probabilities each in 0..1, adding up to at most 1
     */
    public synchronized FaultInjector random(String operation, long seed, Map<Fault, Double> probabilities) {
        checkOperation(operation);
        List<Map.Entry<Fault, Double>> entries = new ArrayList<>(probabilities.entrySet());
        entries.sort(Comparator.comparing(entry -> entry.getKey().toString()));
        double total = 0;
        double[] cumulative = new double[entries.size()];
        Fault[] faults = new Fault[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            double p = Objects.requireNonNull(entries.get(i).getValue(), "probability");
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability of " + entries.get(i).getKey() + ": " + p
                        + " violates range 0..1");
            }
            total += p;
            cumulative[i] = total;
            faults[i] = Objects.requireNonNull(entries.get(i).getKey(), "fault");
        }
        if (total > 1 + PROBABILITY_SLACK) {
            throw new IllegalArgumentException("probabilities: sum " + total + " violates at most 1");
        }
        SplittableRandom random = new SplittableRandom(seed);
        plans.put(operation, new Plan() {
            @Override
            public Fault next() {
                double draw = random.nextDouble();
                for (int i = 0; i < cumulative.length; i++) {
                    if (draw < cumulative[i]) {
                        return faults[i];
                    }
                }
                return Fault.none();
            }

            @Override
            public int remaining() {
                return Integer.MAX_VALUE;
            }
        });
        return this;
    }

    /** Removes {@code operation}'s plan. */
    public synchronized FaultInjector clear(String operation) {
        checkOperation(operation);
        plans.remove(operation);
        return this;
    }

    /** Removes every plan. */
    public synchronized FaultInjector clearAll() {
        plans.clear();
        return this;
    }

    /**
     * How many scripted faults {@code operation}'s own plan has not yet handed out; {@link Integer#MAX_VALUE} for a
     * random plan, 0 without a plan.
     */
    public synchronized int remaining(String operation) {
        checkOperation(operation);
        Plan plan = plans.get(operation);
        return plan == null ? 0 : plan.remaining();
    }

    /** The fault for the next call of {@code operation}. */
    synchronized Fault next(String operation) {
        Plan plan = plans.getOrDefault(operation, plans.get(ANY_OPERATION));
        return plan == null ? Fault.none() : plan.next();
    }

    private void checkOperation(String operation) {
        if (!ANY_OPERATION.equals(operation) && !operations.contains(operation)) {
            throw new IllegalArgumentException("operation: \"" + operation + "\" violates one of "
                    + new TreeSet<>(operations) + " or " + ANY_OPERATION);
        }
    }
}
