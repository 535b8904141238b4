package com.avgym.client.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Runs tasks at once, or, while {@link #hold} is on, keeps them: a REST side that accepts connections and never
 * answers (a paused server). {@link #release} runs what was kept.
 */
public final class HeldExecutor implements Executor {
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;

    @Override
    public void execute(Runnable task) {
        if (holding) {
            held.add(task);
        } else {
            task.run();
        }
    }

    public void hold(boolean on) {
        holding = on;
    }

    public int heldCount() {
        return held.size();
    }

    /** Runs the kept tasks now (with whatever the fake API answers now). */
    public void release() {
        List<Runnable> tasks = List.copyOf(held);
        held.clear();
        tasks.forEach(Runnable::run);
    }
}
