package com.avgym.desk.viewmodel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Runs a lookup and hands its value or its error to the UI thread, whatever thread the future completes on. */
final class UiAnswers {
    private UiAnswers() {
    }

    static <T> void answer(Executor uiThread, Supplier<CompletableFuture<T>> call, Consumer<T> onValue,
                           Consumer<Throwable> onError) {
        CompletableFuture<T> f;
        try {
            f = call.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((value, error) -> uiThread.execute(() -> {
            if (error != null) {
                onError.accept(LookupErrorText.unwrap(error));
            } else {
                onValue.accept(value);
            }
        }));
    }
}
