package org.citylake.analytics.job;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The one buffered-drain operator of the batch jobs: keyed, it gathers each key's elements and,
 * once they are all in (batch mode fires the end-of-input timer per key), hands them to a pure
 * {@link Group} function, which emits results on the main output and on side outputs.
 *
 * <pre>
 *   elements ─► keyBy ─► GroupAtEnd(group) ─► main: group's results
 *                                            └► side outputs the group names
 * </pre>
 *
 * @param <K> key
 * @param <I> input element
 * @param <O> main output
 */
public final class GroupAtEnd<K, I, O> extends KeyedProcessFunction<K, I, O> {

    /** What to do with all elements of one key; a small named class, tested without Flink. */
    @FunctionalInterface
    public interface Group<K, I, O> extends Serializable {
        void apply(K key, List<I> elements, Emitter<O> out) throws Exception;
    }

    /** Where a {@link Group} emits. */
    public interface Emitter<O> {
        void collect(O value);

        <X> void output(OutputTag<X> tag, X value);
    }

    private final TypeInformation<I> inputType;
    private final Group<K, I, O> group;
    private transient ListState<I> elements;

    public GroupAtEnd(TypeInformation<I> inputType, Group<K, I, O> group) {
        this.inputType = inputType;
        this.group = group;
    }

    @Override
    public void open(OpenContext context) {
        elements = getRuntimeContext().getListState(new ListStateDescriptor<>("group", inputType));
    }

    @Override
    public void processElement(I element, Context ctx, Collector<O> out) throws Exception {
        elements.add(element);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<O> out) throws Exception {
        List<I> all = new ArrayList<>();
        elements.get().forEach(all::add);
        elements.clear();
        group.apply(
                ctx.getCurrentKey(),
                all,
                new Emitter<>() {
                    @Override
                    public void collect(O value) {
                        out.collect(value);
                    }

                    @Override
                    public <X> void output(OutputTag<X> tag, X value) {
                        ctx.output(tag, value);
                    }
                });
    }
}
