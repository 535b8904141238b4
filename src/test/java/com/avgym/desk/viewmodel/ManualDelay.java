package com.avgym.desk.viewmodel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link UiDelay} whose time moves only when a test says so (the UI tests move it on the UI thread, in
 * robot.interact).
 */
public final class ManualDelay implements UiDelay {
    private record Task(Duration due, Runnable run) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private Duration now = Duration.ZERO;

    @Override
    public Runnable schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay), task);
        tasks.add(t);
        return () -> tasks.remove(t);
    }

    public void advance(Duration by) {
        now = now.plus(by);
        List<Task> due = tasks.stream().filter(t -> t.due().compareTo(now) <= 0)
                .sorted(Comparator.comparing(Task::due)).toList();
        tasks.removeAll(due);
        due.forEach(t -> t.run().run());
    }

    public int waiting() {
        return tasks.size();
    }
}
