package com.avgym.desk.viewmodel;

/** How loud the banner is; the view maps each to a colour (ok green, info blue, warning amber, error red). */
public enum BannerSeverity {
    OK, INFO, WARNING, ERROR
}
