package com.avgym.desk.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** Stands in for Platform::runLater: answers wait here until the test runs the "UI thread". */
final class UiQueue implements Executor {
    private final List<Runnable> queue = new ArrayList<>();

    @Override
    public void execute(Runnable task) {
        queue.add(task);
    }

    void run() {
        while (!queue.isEmpty()) {
            List<Runnable> now = List.copyOf(queue);
            queue.clear();
            now.forEach(Runnable::run);
        }
    }
}
