package com.avgym.desk.viewmodel;

import java.time.Duration;

/** A short notice about another desk's check-in or check-out, shown for {@code visibleFor}. */
public record Toast(String text, Duration visibleFor) {
}
